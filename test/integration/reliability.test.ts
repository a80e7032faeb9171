import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubeconfigPath, ROOT, run, TestStack } from "../helpers/engine";
import { kubeClients } from "../helpers/kube";

const COUNT = 40;

describe("reliability on the embedded cluster", () => {
  const namespace = `it-many-${process.pid}`;
  const secret = `s3cr3t-${process.pid}-${Date.now()}`;
  const kube = kubeClients();
  let stack: TestStack;

  const countItems = async () =>
    (await kube.core.listNamespacedConfigMap({ namespace, labelSelector: "cairn.dev/test=many" })).items
      .length;

  beforeAll(async () => {
    stack = await TestStack.create("many", {
      CAIRN_TEST_KUBECONFIG: kubeconfigPath(),
      CAIRN_TEST_NAMESPACE: namespace,
      CAIRN_TEST_COUNT: String(COUNT),
      CAIRN_TEST_SECRET: secret,
    });
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it("recovers from a pulumi up killed mid-deploy with cancel, refresh and up, losing and orphaning nothing", async () => {
    // Kill the whole process group once the first ConfigMaps are being created.
    const child = spawn(
      "pulumi",
      ["up", "--yes", "--skip-preview", "--stack", stack.name, "--non-interactive"],
      {
        cwd: stack.programDir,
        env: stack.env,
        detached: true,
      },
    );
    let output = "";
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (d) => {
        output += d;
        if ((output.match(/item-\d+ created/g) ?? []).length >= 3) {
          process.kill(-child.pid!, "SIGKILL");
        }
      });
      child.on("close", () => resolve());
    });
    expect(output).not.toMatch(/Resources:\s/); // it really was interrupted

    // The documented recovery (scripts/recover): repair metadata, release the lock, refresh.
    const blocked = await stack.pulumi("up", "--yes", "--skip-preview");
    expect(blocked.code).not.toBe(0);
    const recovered = await run(path.join(ROOT, "scripts/recover"), [stack.name], {
      cwd: stack.programDir,
      env: stack.env,
    });
    expect(recovered.code, recovered.stderr).toBe(0);
    await stack.up();

    expect(await countItems()).toBe(COUNT);
    await stack.up("--expect-no-changes");
  });

  it("repairs a checkpoint whose metadata sidecar was truncated by a kill", async () => {
    // fileblob rewrites `<checkpoint>.attrs` in place; a kill in between leaves it empty.
    const backend = stack.env.PULUMI_BACKEND_URL!.replace("file://", "");
    const sidecar = path.join(backend, ".pulumi/stacks/cairn-it-many", `${stack.name}.json.attrs`);
    fs.writeFileSync(sidecar, "");
    const broken = await stack.pulumi("stack", "export");
    expect(broken.stderr).toMatch(/failed to load checkpoint: EOF/);
    const recovered = await run(path.join(ROOT, "scripts/recover"), [stack.name], {
      cwd: stack.programDir,
      env: stack.env,
    });
    expect(recovered.code, recovered.stderr).toBe(0);
    expect(recovered.stderr).toMatch(/removing unreadable metadata sidecar/);
    await stack.up("--expect-no-changes");
  });

  it("keeps generated secrets and kubeconfigs out of state files and preview output", async () => {
    const preview = await stack.pulumiOk("preview", "--diff");
    const clientKey = /client-key-data: (\S+)/.exec(fs.readFileSync(kubeconfigPath(), "utf8"))![1];
    const state = (await stack.pulumiOk("stack", "export")).stdout;
    for (const text of [preview.stdout + preview.stderr, state]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(clientKey);
    }
    expect((await stack.outputs()).token).toBe(secret); // the value itself round-trips
  });

  it("destroy leaves nothing behind in the cluster", async () => {
    await stack.pulumiOk("destroy", "--yes", "--skip-preview");
    expect(await countItems()).toBe(0);
  });
});
