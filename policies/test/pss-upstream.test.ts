// Cairn's Pod Security policies against upstream's own verdicts: every pod that
// k8s.io/pod-security-admission admits or rejects in its test fixtures
// (test/testdata/<level>/v1.N/{pass,fail}/*.yaml) goes through the pack's own
// path (toResourceInput, the wasm bundle) at that level and version, and must
// get the same verdict. The module is the one matching the kube-apiserver in
// Cairn's toolchain (tools/versions.env: Kubernetes v1.X.Y -> v0.X.Y), found
// through the Go module cache at run time; no fixture is copied into the repo.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { toResourceInput } from "../mapping";
import { evaluateResource, type Finding } from "../wasm";
import { POLICIES_DIR, toPulumiResource } from "./samples";

const ROOT = path.resolve(POLICIES_DIR, "..");

const LEVELS = {
  baseline: ["kubernetes.pod_security_baseline"],
  // Restricted includes baseline: a restricted pod passes both policies.
  restricted: ["kubernetes.pod_security_baseline", "kubernetes.pod_security_restricted"],
} as const;
type Level = keyof typeof LEVELS;

/** k8s.io/pod-security-admission's version for the toolchain's Kubernetes (v1.36.3 -> v0.36.3). */
function moduleVersion(): string {
  const env = fs.readFileSync(path.join(ROOT, "tools", "versions.env"), "utf8");
  const m = /^KUBERNETES_VERSION=v1\.(\d+\.\d+)$/m.exec(env);
  if (!m) throw new Error("tools/versions.env has no KUBERNETES_VERSION=v1.X.Y line");
  return `v0.${m[1]}`;
}

/** The module's directory in the Go module cache (`go mod download` fetches it through the proxy if needed). */
function moduleDir(version: string): string {
  const spec = `k8s.io/pod-security-admission@${version}`;
  let out: string;
  try {
    // Outside any Go module (the repo's tools/ hold some), so nothing else is resolved.
    out = execFileSync("go", ["mod", "download", "-json", spec], {
      cwd: os.tmpdir(),
      encoding: "utf8",
      env: { ...process.env, GOFLAGS: "-mod=mod" },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(
      `go mod download -json ${spec} failed (needs Go and the module proxy): ${err.stdout ?? ""}${err.stderr ?? err.message}`,
    );
  }
  const info = JSON.parse(out) as { Dir?: string; Error?: string };
  if (!info.Dir || info.Error) throw new Error(`go mod download -json ${spec}: ${info.Error ?? "no Dir"}`);
  return info.Dir;
}

interface Fixture {
  readonly level: Level;
  readonly minor: number;
  readonly expected: "pass" | "fail";
  /** Path inside the module (test/testdata/...). */
  readonly file: string;
  readonly doc: unknown;
}

const MODULE_VERSION = moduleVersion();
const MODULE_DIR = moduleDir(MODULE_VERSION);
const TESTDATA = path.join(MODULE_DIR, "test", "testdata");

/** Why a fixture got the wrong verdict, with the findings; undefined when it got the right one. */
function mismatch(fixture: Fixture, found: readonly Finding[]): string | undefined {
  if ((found.length ? "fail" : "pass") === fixture.expected) return undefined;
  return found.length
    ? `${fixture.file}: upstream admits it, Cairn denies:\n    ${found.map((f) => `${f.policy}: ${f.message}`).join("\n    ")}`
    : `${fixture.file}: upstream rejects it, Cairn finds nothing`;
}

/** The v1.N folders of one level, as minor versions, oldest first. */
function minors(level: Level): number[] {
  return fs
    .readdirSync(path.join(TESTDATA, level))
    .map((d) => /^v1\.(\d+)$/.exec(d))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

function fixtures(level: Level, minor: number): Fixture[] {
  return (["pass", "fail"] as const).flatMap((expected) => {
    const dir = path.join(TESTDATA, level, `v1.${minor}`, expected);
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".yaml"))
      .sort()
      .map((f) => {
        const docs = parseAllDocuments(fs.readFileSync(path.join(dir, f), "utf8")).map(
          (d) => d.toJS() as unknown,
        );
        const file = path.relative(MODULE_DIR, path.join(dir, f));
        if (docs.length !== 1) throw new Error(`${file}: expected one document, found ${docs.length}`);
        return { level, minor, expected, file, doc: docs[0] };
      });
  });
}

/**
 * The denials of the level's policies for one fixture, evaluated at `version`
 * (the policies' podSecurityVersion parameter; unset: their default).
 */
function denials(fixture: Fixture, version: string | undefined = `v1.${fixture.minor}`): Finding[] {
  const resource = toPulumiResource(fixture.doc);
  const input = toResourceInput(
    resource,
    version === undefined ? undefined : { podSecurityVersion: version },
  );
  const policies: readonly string[] = LEVELS[fixture.level];
  return evaluateResource(input).filter((f) => f.kind === "deny" && policies.includes(f.policy));
}

interface Count {
  level: Level;
  version: string;
  pass: number;
  fail: number;
  matches: number;
}
const counts: Count[] = [];

describe(`Pod Security fixtures of k8s.io/pod-security-admission@${MODULE_VERSION}`, () => {
  const levels = Object.keys(LEVELS) as Level[];

  it("has fixtures for both levels from v1.0 on", () => {
    for (const level of levels) expect(minors(level)[0], level).toBe(0);
  });

  for (const level of levels) {
    it.each(minors(level))(`gives upstream's verdict on every ${level} fixture of v1.%i`, (minor) => {
      const all = fixtures(level, minor);
      expect(
        all.filter((f) => f.expected === "pass").length,
        `${level} v1.${minor} pass fixtures`,
      ).toBeGreaterThan(0);
      expect(
        all.filter((f) => f.expected === "fail").length,
        `${level} v1.${minor} fail fixtures`,
      ).toBeGreaterThan(0);
      const mismatches = all.flatMap((f) => mismatch(f, denials(f)) ?? []);
      counts.push({
        level,
        version: `v1.${minor}`,
        pass: all.filter((f) => f.expected === "pass").length,
        fail: all.filter((f) => f.expected === "fail").length,
        matches: all.length - mismatches.length,
      });
      expect(
        mismatches,
        `${mismatches.length} of ${all.length} fixtures differ:\n${mismatches.join("\n")}`,
      ).toEqual([]);
    });
  }

  // The default (no podSecurityVersion) is the newest rules: the newest fixtures get the same verdicts.
  it.each(levels)("applies the newest %s rules when podSecurityVersion is unset", (level) => {
    const newest = fixtures(level, Math.max(...minors(level)));
    const mismatches = newest.flatMap((f) => mismatch(f, denials(f, undefined)) ?? []);
    expect(mismatches, mismatches.join("\n")).toEqual([]);
  });

  afterAll(() => {
    const rows = [...counts]
      .sort(
        (a, b) => a.level.localeCompare(b.level) || Number(a.version.slice(3)) - Number(b.version.slice(3)),
      )
      .map(
        (c) =>
          `  ${c.level.padEnd(10)} ${c.version.padEnd(6)} pass ${String(c.pass).padStart(3)}  fail ${String(c.fail).padStart(3)}  matches ${c.matches}/${c.pass + c.fail}`,
      );
    console.log(
      [
        `Pod Security fixtures of k8s.io/pod-security-admission@${MODULE_VERSION} (${TESTDATA}):`,
        ...rows,
        `  ${counts.reduce((n, c) => n + c.matches, 0)} of ${counts.reduce((n, c) => n + c.pass + c.fail, 0)} fixtures match`,
      ].join("\n"),
    );
  });
});
