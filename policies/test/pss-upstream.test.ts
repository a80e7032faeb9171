// Cairn's Pod Security policies against upstream's own verdicts. The module
// k8s.io/pod-security-admission matching the kube-apiserver in Cairn's toolchain
// (tools/versions.env: Kubernetes v1.X.Y -> v0.X.Y) is found through the Go
// module cache at run time (`go mod download -json`); no fixture is copied into
// the repo.
//  1. Every pod its fixtures admit or reject (test/testdata/<level>/v1.N/
//     {pass,fail}/*.yaml) goes through the pack's own path (toResourceInput,
//     the wasm bundle) at that level and version and must get the same verdict.
//  2. Upstream's evaluator itself (pss-oracle/, built with `go build`) decides
//     every fixture pod at every version and both levels, and Cairn must agree:
//     the fixtures only hold each rule's pods from the version the rule changed,
//     so this checks each rule on both sides of its version boundaries.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { toResourceInput } from "../mapping";
import { evaluateResource, type Finding } from "../wasm";
import { opa } from "./opa-cli";
import { POLICIES_DIR, toPulumiResource } from "./samples";

const ROOT = path.resolve(POLICIES_DIR, "..");
const ORACLE_DIR = path.join(POLICIES_DIR, "test", "pss-oracle");

const LEVELS = {
  baseline: ["kubernetes.pod_security_baseline"],
  // Restricted includes baseline: a restricted pod passes both policies.
  restricted: ["kubernetes.pod_security_baseline", "kubernetes.pod_security_restricted"],
} as const;
type Level = keyof typeof LEVELS;
const levels = Object.keys(LEVELS) as Level[];

/** k8s.io/pod-security-admission's version for the toolchain's Kubernetes (v1.36.3 -> v0.36.3). */
function moduleVersion(): string {
  const env = fs.readFileSync(path.join(ROOT, "tools", "versions.env"), "utf8");
  const m = /^KUBERNETES_VERSION=v1\.(\d+\.\d+)$/m.exec(env);
  if (!m) throw new Error("tools/versions.env has no KUBERNETES_VERSION=v1.X.Y line");
  return `v0.${m[1]}`;
}

/** Runs a Go command; its failure names the command, the directory and Go's output. */
function go(args: readonly string[], cwd: string): string {
  try {
    return execFileSync("go", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const err = e as { stderr?: string; stdout?: string; message: string };
    throw new Error(
      `go ${args.join(" ")} (in ${cwd}) failed; it needs Go and the module proxy: ${err.stdout ?? ""}${err.stderr ?? err.message}`,
    );
  }
}

/** The module's directory in the Go module cache (`go mod download` fetches it through the proxy if needed). */
function moduleDir(version: string): string {
  const spec = `k8s.io/pod-security-admission@${version}`;
  // Outside any Go module (the repo's tools/ and pss-oracle/ hold some), so nothing else is resolved.
  const info = JSON.parse(go(["mod", "download", "-json", spec], os.tmpdir())) as {
    Dir?: string;
    Error?: string;
  };
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

const allFixtures = levels.flatMap((level) => minors(level).flatMap((minor) => fixtures(level, minor)));

/**
 * The denials that count at `level` for a pod at `version`, with the policies'
 * parameters podSecurityVersion and podSecurityLevel (both unset when `version`
 * is undefined: the policies' defaults, the newest version at restricted).
 */
function denials(doc: unknown, level: Level, version: string | undefined): Finding[] {
  const input = toResourceInput(
    toPulumiResource(doc),
    version === undefined ? undefined : { podSecurityVersion: version, podSecurityLevel: level },
  );
  const policies: readonly string[] = LEVELS[level];
  return evaluateResource(input).filter((f) => f.kind === "deny" && policies.includes(f.policy));
}

function listFindings(found: readonly Finding[]): string {
  return found.map((f) => `\n    ${f.policy}: ${f.message}`).join("");
}

/** Why a fixture got the wrong verdict, with the findings; undefined when it got the right one. */
function mismatch(fixture: Fixture, found: readonly Finding[]): string | undefined {
  if ((found.length ? "fail" : "pass") === fixture.expected) return undefined;
  return found.length
    ? `${fixture.file}: upstream admits it, Cairn denies:${listFindings(found)}`
    : `${fixture.file}: upstream rejects it, Cairn finds nothing`;
}

/**
 * Pods the fixtures lack, for the oracle to decide: Windows pods adding a
 * capability baseline forbids, or with seccomp Unconfined (on the pod or a
 * container). Upstream's restricted checks override baseline's and exempt
 * Windows pods from v1.25, so restricted admits what baseline rejects.
 */
function probes(): { doc: unknown; file: string }[] {
  const windows = (name: string, podContext: object, context: object) => ({
    doc: {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name },
      spec: {
        os: { name: "windows" },
        securityContext: { runAsNonRoot: true, ...podContext },
        containers: [{ name: "container1", image: "registry.k8s.io/pause", securityContext: context }],
      },
    },
    file: `(probe) ${name}`,
  });
  return [
    windows("windows-sys-admin", {}, { capabilities: { add: ["SYS_ADMIN"] } }),
    windows("windows-pod-unconfined", { seccompProfile: { type: "Unconfined" } }, {}),
    windows("windows-container-unconfined", {}, { seccompProfile: { type: "Unconfined" } }),
  ];
}

/** Upstream's verdict on one pod at one level and version (pss-oracle's answer). */
interface Answer {
  readonly allowed: boolean;
  readonly reason?: string;
}

interface Request {
  readonly level: Level;
  readonly version: string;
  readonly pod: unknown;
}

/** Builds pss-oracle into a temporary directory (Go's build cache makes a rebuild take seconds). */
function buildOracle(): string {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cairn-pss-oracle-")), "pss-oracle");
  go(["build", "-o", out, "."], ORACLE_DIR);
  return out;
}

/** Upstream's answers for a batch of requests, in order, from one pss-oracle process. */
function upstream(oracle: string, requests: readonly Request[]): Answer[] {
  const out = execFileSync(oracle, {
    input: requests.map((r) => JSON.stringify({ level: r.level, version: r.version, pod: r.pod })).join("\n"),
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  const answers = out
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Answer);
  if (answers.length !== requests.length) {
    throw new Error(`pss-oracle answered ${answers.length} of ${requests.length} requests`);
  }
  return answers;
}

interface Count {
  level: Level;
  minor: number;
  pass: number;
  fail: number;
  matches: number;
}
const counts: Count[] = [];
const summary: string[] = [];

describe(`Pod Security fixtures of k8s.io/pod-security-admission@${MODULE_VERSION}`, () => {
  it("has fixtures for both levels from v1.0 on", () => {
    for (const level of levels) expect(minors(level)[0], level).toBe(0);
  });

  for (const level of levels) {
    it.each(minors(level))(`gives upstream's verdict on every ${level} fixture of v1.%i`, (minor) => {
      const all = allFixtures.filter((f) => f.level === level && f.minor === minor);
      const pass = all.filter((f) => f.expected === "pass").length;
      expect(pass, `${level} v1.${minor} pass fixtures`).toBeGreaterThan(0);
      expect(all.length - pass, `${level} v1.${minor} fail fixtures`).toBeGreaterThan(0);
      const mismatches = all.flatMap((f) => mismatch(f, denials(f.doc, level, `v1.${minor}`)) ?? []);
      counts.push({ level, minor, pass, fail: all.length - pass, matches: all.length - mismatches.length });
      expect(
        mismatches,
        `${mismatches.length} of ${all.length} fixtures differ:\n${mismatches.join("\n")}`,
      ).toEqual([]);
    });
  }

  // The default (no podSecurityVersion) is the newest rules: the newest fixtures get the same verdicts.
  it("applies the newest restricted rules when podSecurityVersion and podSecurityLevel are unset", () => {
    const level = "restricted";
    const newest = allFixtures.filter((f) => f.level === level && f.minor === Math.max(...minors(level)));
    const mismatches = newest.flatMap((f) => mismatch(f, denials(f.doc, level, undefined)) ?? []);
    expect(mismatches, mismatches.join("\n")).toEqual([]);
  });
});

describe(`Pod Security at every version, against k8s.io/pod-security-admission@${MODULE_VERSION}'s evaluator`, () => {
  const oracle = buildOracle();
  const latest = Number(
    opa([
      "eval",
      "-f",
      "raw",
      "-d",
      path.join(POLICIES_DIR, "lib"),
      "data.cairn.lib.kubernetes.pss_latest_minor",
    ]),
  );

  it("knows the toolchain's Kubernetes minor as the newest version (lib/kubernetes.rego pss_latest_minor)", () => {
    expect(`v0.${latest}`).toBe(MODULE_VERSION.slice(0, MODULE_VERSION.lastIndexOf(".")));
  });

  it("builds the oracle from the same module version", () => {
    const gomod = fs.readFileSync(path.join(ORACLE_DIR, "go.mod"), "utf8");
    const required = /^\s*k8s\.io\/pod-security-admission (\S+)$/m.exec(gomod)?.[1];
    expect(
      required,
      `${path.relative(ROOT, ORACLE_DIR)}/go.mod: go get k8s.io/pod-security-admission@${MODULE_VERSION}`,
    ).toBe(MODULE_VERSION);
  });

  it("agrees with every fixture at its own version (so its answers are upstream's verdicts)", () => {
    const answers = upstream(
      oracle,
      allFixtures.map((f) => ({ level: f.level, version: `v1.${f.minor}`, pod: f.doc })),
    );
    const wrong = allFixtures.flatMap((f, i) =>
      (answers[i].allowed ? "pass" : "fail") === f.expected
        ? []
        : [`${f.file}: ${JSON.stringify(answers[i])}`],
    );
    expect(wrong, wrong.join("\n")).toEqual([]);
  });

  it("gives upstream's verdict on every distinct fixture pod, and Cairn's probes, at every version and level", () => {
    const pods = new Map<string, { doc: unknown; file: string }>();
    for (const f of [...allFixtures, ...probes()]) {
      const key = JSON.stringify(f.doc);
      if (!pods.has(key)) pods.set(key, { doc: f.doc, file: f.file });
    }
    // v1.0 up to one past the newest known (which upstream gives the newest rules), and "latest".
    const versions = [...Array.from({ length: latest + 2 }, (_, m) => `v1.${m}`), "latest"];
    const requests = [...pods.values()].flatMap(({ doc, file }) =>
      versions.flatMap((version) => levels.map((level) => ({ level, version, pod: doc, file }))),
    );
    const answers = upstream(oracle, requests);
    const mismatches = requests.flatMap((r, i) => {
      const found = denials(r.pod, r.level, r.version);
      const answer = answers[i];
      if ((found.length === 0) === answer.allowed) return [];
      const theirs = answer.allowed ? "admits it" : `rejects it (${answer.reason})`;
      const ours = found.length ? `denies:${listFindings(found)}` : "finds nothing";
      return [`${r.file} at ${r.level} ${r.version}: upstream ${theirs}, Cairn ${ours}`];
    });
    summary.push(
      `  ${pods.size} distinct fixture pods x ${versions.length} versions (${versions[0]}-${versions[versions.length - 2]}, latest) x ${levels.length} levels: ` +
        `${requests.length - mismatches.length} of ${requests.length} verdicts match upstream's evaluator`,
    );
    expect(
      mismatches,
      `${mismatches.length} of ${requests.length} verdicts differ:\n${mismatches.slice(0, 50).join("\n")}`,
    ).toEqual([]);
  });
});

afterAll(() => {
  const rows = [...counts]
    .sort((a, b) => a.level.localeCompare(b.level) || a.minor - b.minor)
    .map(
      (c) =>
        `  ${c.level.padEnd(10)} ${`v1.${c.minor}`.padEnd(6)} pass ${String(c.pass).padStart(3)}  fail ${String(c.fail).padStart(3)}  matches ${c.matches}/${c.pass + c.fail}`,
    );
  const matched = counts.reduce((n, c) => n + c.matches, 0);
  const total = counts.reduce((n, c) => n + c.pass + c.fail, 0);
  console.log(
    [
      `Pod Security fixtures of k8s.io/pod-security-admission@${MODULE_VERSION} (${TESTDATA}):`,
      ...rows,
      `  ${matched} of ${total} fixtures match`,
      ...summary,
    ].join("\n"),
  );
});
