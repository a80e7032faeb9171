import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
const SCRIPT = path.join(ROOT, "scripts/preview/fingerprint");

/** A program directory outside the repository, as CAIRN_PROGRAM names one, with a kubeconfig it reads. */
function program() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-fingerprint-"));
  fs.mkdirSync(path.join(dir, "stacks"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\nstackConfigDir: stacks\n");
  fs.writeFileSync(path.join(dir, "index.ts"), "export {};\n");
  fs.writeFileSync(
    path.join(dir, "stacks/Pulumi.local.yaml"),
    "config:\n  cairn:clusters:\n    - kubeconfigEnv: KUBECONFIG_TEST\n      kubeconfigPath: admin.conf\n",
  );
  fs.writeFileSync(path.join(dir, "admin.conf"), "apiVersion: v1\n");
  fs.writeFileSync(path.join(dir, "kubeconfig"), "apiVersion: v1\nclusters: []\n");
  fs.writeFileSync(path.join(dir, "state.json"), "{}\n");
  const cache = path.join(dir, "cache");
  fs.mkdirSync(cache);
  fs.writeFileSync(path.join(cache, "versions.env"), "pulumi v3.259.0 abc\n");
  return { dir, cache };
}

describe("scripts/preview/fingerprint", () => {
  let p: ReturnType<typeof program>;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    p = program();
    // Only what the script reads: no CAIRN_*, KUBECONFIG* or PULUMI_* from the test's own environment.
    env = {
      PATH: process.env.PATH,
      CAIRN_ROOT: ROOT,
      CAIRN_PROGRAM: p.dir,
      CAIRN_CACHE: p.cache,
      KUBECONFIG_TEST: path.join(p.dir, "kubeconfig"),
    };
  });
  const run = (extra: NodeJS.ProcessEnv = {}) => {
    const r = spawnSync(SCRIPT, [path.join(p.dir, "state.json"), "local"], {
      env: { ...env, ...extra },
      encoding: "utf8",
    });
    return { code: r.status, hash: r.stdout.trim(), stderr: r.stderr };
  };

  it("is stable while nothing changes", () => {
    const first = run();
    expect(first.code, first.stderr).toBe(0);
    expect(first.hash).toMatch(/^[0-9a-f]{40}$/);
    expect(run().hash).toBe(first.hash);
  });

  it.each([
    ["the policy profile the pack reads", () => ({ CAIRN_POLICY_PROFILE: "dev" })],
    ["any other CAIRN_ variable", () => ({ CAIRN_STACK: "other" })],
    ["a Pulumi engine variable", () => ({ PULUMI_CONFIG_PASSPHRASE: "x" })],
    ["the kubeconfig variable's value", () => ({ KUBECONFIG_TEST: path.join(p.dir, "admin.conf") })],
  ])("changes with %s", (_what, extra) => {
    const before = run().hash;
    expect(run(extra()).hash).not.toBe(before);
  });

  it.each([
    ["the kubeconfig a variable names", "kubeconfig"],
    ["a kubeconfigPath file", "admin.conf"],
    ["a file of a program outside the repository", "index.ts"],
    ["a stack file", "stacks/Pulumi.local.yaml"],
    ["another stack's file", "stacks/Pulumi.other.yaml"],
    ["the pinned tools", "cache/versions.env"],
    ["the state", "state.json"],
  ])("changes with the content of %s", (_what, file) => {
    const before = run().hash;
    fs.appendFileSync(path.join(p.dir, file), "# changed\n");
    expect(run().hash).not.toBe(before);
  });

  it("hashes a stack without its own file (empty config) apart from one with a file", () => {
    const withFile = run().hash;
    fs.renameSync(path.join(p.dir, "stacks/Pulumi.local.yaml"), path.join(p.dir, "stacks/Pulumi.other.yaml"));
    const without = run();
    expect(without.code, without.stderr).toBe(0);
    expect(without.hash).not.toBe(withFile);
  });

  it.each([
    ["the kubeconfig a variable names", "kubeconfig", "(from $KUBECONFIG_TEST)"],
    ["a kubeconfigPath file", "admin.conf", "(a kubeconfigPath)"],
    ["the pinned tools", "cache/versions.env", "versions.env"],
    ["Pulumi.yaml (where the stack files are)", "Pulumi.yaml", "Pulumi.yaml"],
  ])("fails, naming it, when %s cannot be read (the skip then fails closed)", (_what, file, named) => {
    fs.rmSync(path.join(p.dir, file));
    const r = run();
    expect(r.code).toBe(1);
    expect(r.hash).toBe("");
    expect(r.stderr).toContain(named);
  });
});
