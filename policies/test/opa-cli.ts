// Runs the same Rego through the OPA CLI (`opa eval`), for the tests that
// compare it with the wasm bundle and for the benchmark.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { POLICIES_DIR } from "../paths";
import type { Finding } from "../wasm";

/** Every non-test .rego file of the pack. */
export function regoSources(root = POLICIES_DIR, tests = false): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "dist" && entry.name !== "node_modules") walk(p);
      else if (entry.name.endsWith(".rego") && (tests || !entry.name.endsWith("_test.rego"))) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

/** Runs the opa CLI and returns stdout (throws with stderr on failure). */
export function opa(args: readonly string[], input?: string): string {
  return execFileSync("opa", args, {
    input,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/**
 * Evaluates a batch of inputs against an entrypoint (`pack/resource_violations`
 * or `pack/stack_violations`) in one `opa eval` process; returns one finding
 * list per input, in order.
 */
export function opaEvalBatch(inputs: readonly unknown[], entrypoint: string): Finding[][] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-opa-"));
  const inputFile = path.join(dir, "input.json");
  fs.writeFileSync(inputFile, JSON.stringify({ items: inputs }));
  const ref = `data.${entrypoint.replace(/\//g, ".")}`;
  const query = `out := [r | some x in input.items; r := ${ref} with input as x]`;
  try {
    const args = [
      "eval",
      "--format",
      "json",
      "--input",
      inputFile,
      ...regoSources().flatMap((f) => ["-d", f]),
      query,
    ];
    const result = JSON.parse(opa(args)) as { result?: { bindings: { out: Finding[][] } }[] };
    const out = result.result?.[0]?.bindings.out;
    if (!out) throw new Error(`opa eval returned no result for ${entrypoint}`);
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
