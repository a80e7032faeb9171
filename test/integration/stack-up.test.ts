import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubeconfigPath, ROOT, run, TestStack } from "../helpers/engine";

// scripts/stack up (what `./cairn up` runs): a preview with the policy pack, then
// the update only when it would change something. Real engine, real pack, the
// embedded cluster; a small program with its own stack, backend and run records.
describe("scripts/stack up", () => {
  const namespace = `it-stack-up-${process.pid}`;
  const runs = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-runs-"));
  let stack: TestStack;

  const resources = (env: NodeJS.ProcessEnv) => ({ CAIRN_TEST_COUNT: "2", CAIRN_TEST_SECRET: "a", ...env });
  const up = async (env: NodeJS.ProcessEnv = {}) => {
    const result = await run("bash", [path.join(ROOT, "scripts/stack"), "up"], {
      cwd: ROOT,
      env: {
        ...stack.env,
        ...resources(env),
        CAIRN_PROGRAM: stack.programDir,
        CAIRN_STACK: stack.name,
        CAIRN_STATE: runs,
      },
    });
    if (result.code !== 0)
      throw new Error(`scripts/stack up exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    return { ...result, updated: result.stdout.includes("Updating (") };
  };
  const configMaps = async () => {
    const state = JSON.parse((await stack.pulumiOk("stack", "export")).stdout);
    return state.deployment.resources.filter(
      (r: { type: string }) => r.type === "kubernetes:core/v1:ConfigMap",
    ).length;
  };

  beforeAll(async () => {
    stack = await TestStack.create("many", {
      CAIRN_TEST_KUBECONFIG: kubeconfigPath(),
      CAIRN_TEST_NAMESPACE: namespace,
    });
  });
  afterAll(async () => {
    await stack?.dispose();
    fs.rmSync(runs, { recursive: true, force: true });
  });

  it("updates on the first run, then skips the update when nothing changed", async () => {
    const first = await up();
    expect(first.stderr).toContain(
      "update: code, config, environment, tools or state differ from the last up",
    );
    expect(first.updated).toBe(true);
    expect(await configMaps()).toBe(2);

    const second = await up();
    expect(second.stdout).toContain("Previewing update");
    expect(second.stderr).toContain("update skipped");
    expect(second.updated).toBe(false);
  });

  it("updates when a variable the program reads changes, here only a stack output (every step is same)", async () => {
    // CAIRN_* is in the fingerprint; that the plan check alone also sees the output is in test/unit/plan-changes.test.ts.
    const changed = await up({ CAIRN_TEST_SECRET: "b" });
    expect(changed.stderr).toContain(
      "update: code, config, environment, tools or state differ from the last up",
    );
    expect(changed.updated).toBe(true);
    expect((await stack.outputs()).token).toBe("b");
    expect((await up({ CAIRN_TEST_SECRET: "b" })).updated).toBe(false);
  });

  it("updates when the state changed since its last up, even if the preview shows nothing", async () => {
    // Another run, not through scripts/stack, rewrites the state with the same settings: a preview shows no change.
    const env = { ...stack.env, ...resources({ CAIRN_TEST_SECRET: "b" }) };
    const pulumi = (...args: string[]) =>
      run("pulumi", [...args, "--stack", stack.name, "--non-interactive"], { cwd: stack.programDir, env });
    expect((await pulumi("up", "--yes", "--skip-preview")).code).toBe(0);
    expect((await pulumi("preview", "--expect-no-changes")).code).toBe(0);
    const after = await up({ CAIRN_TEST_SECRET: "b" });
    expect(after.stderr).toContain("state differ from the last up");
    expect(after.updated).toBe(true);
    expect((await up({ CAIRN_TEST_SECRET: "b" })).updated).toBe(false);
  });
});
