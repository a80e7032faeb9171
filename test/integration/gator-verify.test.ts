import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { constraintKind, gatorCases, GATEKEEPER_POLICIES } from "../../policies/gatekeeper";
import { cairnEnv, ROOT, run } from "../helpers/engine";

// `gator verify` (Gatekeeper v3.23, built by scripts/toolchain gator) on the suites scripts/build-policies
// generates from every Gatekeeper policy's own allowed/denied samples: Gatekeeper's own Rego engine and
// constraint framework, not `opa eval`, decides each sample.
const SUITES = path.join(ROOT, "policies", "dist", "gatekeeper-suites");
const POLICIES = path.join(ROOT, "policies");

interface Suite {
  tests: { cases: { name: string; object: string; assertions: { violations: string }[] }[] }[];
}

describe("gator verify on the generated Gatekeeper suites", () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    env = cairnEnv();
    const built = await run(path.join(ROOT, "scripts", "build-policies"), [], { cwd: ROOT, env });
    expect(built.code, built.stderr).toBe(0);
  });

  it.each(GATEKEEPER_POLICIES)(
    "%s: every allowed sample passes and every denied sample is denied",
    async (policy) => {
      const dir = path.join(SUITES, constraintKind(policy).toLowerCase());
      const suite = parse(fs.readFileSync(path.join(dir, "suite.yaml"), "utf8")) as Suite;
      const cases = suite.tests[0].cases;
      expect(cases.map((c) => c.name)).toEqual(gatorCases(POLICIES, policy).map((c) => c.file));
      expect(new Set(cases.map((c) => c.assertions[0].violations))).toEqual(new Set(["yes", "no"]));
      const r = await run("gator", ["verify", "-v", dir], { cwd: dir, env });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      // -v prints one "--- PASS: <case>" per case.
      for (const c of cases) expect(r.stdout, c.name).toContain(`PASS: ${c.name}`);
    },
  );

  it("fails a suite whose denied sample is asserted to pass (gator really evaluates the template)", async () => {
    const src = path.join(SUITES, constraintKind("kubernetes.images").toLowerCase());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-gator-"));
    try {
      fs.cpSync(src, dir, { recursive: true });
      const suite = parse(fs.readFileSync(path.join(dir, "suite.yaml"), "utf8")) as Suite;
      const denied = suite.tests[0].cases.find((c) => c.assertions[0].violations === "yes")!;
      denied.assertions[0].violations = "no";
      fs.writeFileSync(path.join(dir, "suite.yaml"), stringify(suite, { version: "1.1" }));
      const r = await run("gator", ["verify", "-v", dir], { cwd: dir, env });
      expect(r.code).not.toBe(0);
      expect(r.stdout).toContain(`FAIL: ${denied.name}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
