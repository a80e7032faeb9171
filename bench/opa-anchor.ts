// The fair anchor for the pack's throughput: bench/opa-anchor (OPA's Go
// evaluator with prepared queries, the same OPA module version as tools/opa)
// over the same mapped inputs and the same Rego. Built here from the Go module
// cache (never a prebuilt binary) into $CAIRN_CACHE/bin/opa-anchor, rebuilt only
// when its sources change, like scripts/toolchain's binaries.
import { createHash } from "crypto";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ResourceInput } from "../policies/mapping";

const SOURCE_DIR = path.resolve(__dirname, "../../bench/opa-anchor");

export interface AnchorReport {
  readonly resources: number;
  readonly queries: number;
  readonly prepare_ms: number;
  readonly resources_per_s: number;
  readonly median_us: number;
  readonly p99_us: number;
  readonly findings: number;
}

function cacheDir(): string {
  return process.env.CAIRN_CACHE ?? path.join(os.homedir(), ".cache", "cairn");
}

/** Builds the anchor when its sources changed; returns the binary's path. */
export function buildAnchor(): string {
  const files = ["go.mod", "go.sum", "main.go"];
  const hash = createHash("sha256");
  for (const f of files) hash.update(fs.readFileSync(path.join(SOURCE_DIR, f)));
  const stamp = hash.digest("hex").slice(0, 16);
  const bin = path.join(cacheDir(), "bin", "opa-anchor");
  const stampFile = path.join(cacheDir(), "stamps", "opa-anchor");
  if (fs.existsSync(bin) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8").trim() === stamp) {
    return bin;
  }
  console.error("bench: building bench/opa-anchor (OPA's Go evaluator) from the Go module cache");
  fs.mkdirSync(path.dirname(stampFile), { recursive: true });
  execFileSync("go", ["build", "-trimpath", "-o", bin, "."], {
    cwd: SOURCE_DIR,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, GOTOOLCHAIN: "local", CGO_ENABLED: "0", GOFLAGS: "-mod=readonly" },
  });
  fs.writeFileSync(stampFile, `${stamp}\n`);
  return bin;
}

/** Runs the anchor over inputs, each through the entrypoint `entrypoint(input)` picks. */
export function runAnchor(
  inputs: readonly ResourceInput[],
  entrypoint: (input: ResourceInput) => string,
  rego: readonly string[],
): AnchorReport {
  const bin = buildAnchor();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-anchor-"));
  try {
    const file = path.join(dir, "cases.json");
    fs.writeFileSync(file, JSON.stringify(inputs.map((input) => ({ entrypoint: entrypoint(input), input }))));
    const out = execFileSync(bin, ["-inputs", file, ...rego], { encoding: "utf8", maxBuffer: 1 << 26 });
    return JSON.parse(out) as AnchorReport;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
