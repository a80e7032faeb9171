import * as fs from "fs";
import * as path from "path";

/**
 * The policies/ source folder (Rego, samples, dist/), also when this code
 * runs compiled by tsc from bin/policies/ (the benchmark).
 */
export const POLICIES_DIR = fs.existsSync(path.join(__dirname, "PulumiPolicy.yaml"))
  ? __dirname
  : path.resolve(__dirname, "..", "..", "policies");

/** Where scripts/build-policies writes the bundle, metadata and Gatekeeper templates. */
export const DIST_DIR = path.join(POLICIES_DIR, "dist");
