/**
 * Writes Gatekeeper ConstraintTemplates for the Kubernetes policies into policies/dist/gatekeeper/
 * (policies/gatekeeper.ts), with each template's metadata from policies/dist/metadata.json.
 * It loads the generator transpiled by build/pack.ts (policies/dist/build/gatekeeper.js), so it runs
 * after build/pack.ts and build/metadata.ts. Run by scripts/build-policies from policies/:
 * `node policies/build/gatekeeper.ts`. Also writes one `gator verify` suite per template into
 * policies/dist/gatekeeper-suites/<kind>/ from the policy's samples; a policy without one fails the build.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as Gatekeeper from "../gatekeeper";

const generator = path.resolve("dist/build/gatekeeper.js");
if (!fs.existsSync(generator)) {
  throw new Error(
    `${generator} is missing: run node policies/build/pack.ts first (scripts/build-policies does)`,
  );
}
const { writeConstraintTemplates, writeGatorSuites, previewOnlyPolicies, PREVIEW_ONLY_FINDINGS } =
  createRequire(generator)(generator) as typeof Gatekeeper;
const meta = JSON.parse(fs.readFileSync("dist/metadata.json", "utf8")) as Parameters<
  typeof writeConstraintTemplates
>[2];
const files = writeConstraintTemplates(".", "dist/gatekeeper", meta);
console.error(`build-policies: ${files.length} Gatekeeper ConstraintTemplates -> policies/dist/gatekeeper/`);
const suites = writeGatorSuites(".", "dist/gatekeeper-suites", meta);
console.error(`build-policies: ${suites.length} gator verify suites -> policies/dist/gatekeeper-suites/`);
for (const [id, reason] of Object.entries(previewOnlyPolicies(Object.keys(meta)))) {
  console.error(`build-policies: ${id} is preview-only (no Gatekeeper template): ${reason}`);
}
console.error(`build-policies: preview-only in every policy: ${PREVIEW_ONLY_FINDINGS} (docs/gatekeeper.md)`);
