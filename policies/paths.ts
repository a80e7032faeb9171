import * as fs from "fs";
import * as path from "path";

/**
 * The policies/ source folder (Rego, samples, dist/): found upwards from here,
 * so it is the same whether this code runs from source, from the compiled pack
 * in policies/dist/pack/, or from bin/policies/ (the benchmark).
 */
export const POLICIES_DIR = findPoliciesDir(__dirname);

function findPoliciesDir(dir: string): string {
  if (fs.existsSync(path.join(dir, "PulumiPolicy.yaml"))) return dir;
  if (fs.existsSync(path.join(dir, "policies", "PulumiPolicy.yaml"))) return path.join(dir, "policies");
  const parent = path.dirname(dir);
  if (parent === dir) throw new Error(`no policies/PulumiPolicy.yaml above ${__dirname}`);
  return findPoliciesDir(parent);
}

/** Where scripts/build-policies writes the bundle, metadata, Gatekeeper templates and the compiled pack. */
export const DIST_DIR = path.join(POLICIES_DIR, "dist");
