// Vitest global setup: compiles the Rego into policies/dist/policy.wasm
// before any test evaluates it (scripts/build-policies: fmt, check, build).
// It always rebuilds (--force, not the input-hash stamp `./cairn up` relies on): a
// missing opa fails here with the command to run, never falls back to a bundle
// left over from an earlier build.
import { execFileSync } from "child_process";
import * as path from "path";

export default function setup(): void {
  const root = path.resolve(__dirname, "..", "..");
  execFileSync(path.join(root, "scripts", "build-policies"), ["--force"], { cwd: root, stdio: "inherit" });
}
