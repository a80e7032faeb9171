// Vitest global setup: compiles the Rego into policies/dist/policy.wasm
// before any test evaluates it (scripts/build-policies: fmt, check, build).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export default function setup(): void {
  const root = path.resolve(__dirname, "..", "..");
  const opa = path.join(
    process.env.CAIRN_CACHE ?? path.join(process.env.HOME ?? "", ".cache", "cairn"),
    "bin",
    "opa",
  );
  const bundle = path.join(root, "policies", "dist", "policy.wasm");
  if (!fs.existsSync(opa) && fs.existsSync(bundle)) {
    console.warn(`policies: ${opa} not built; testing the existing ${bundle}`);
    return;
  }
  execFileSync(path.join(root, "scripts", "build-policies"), { cwd: root, stdio: "inherit" });
}
