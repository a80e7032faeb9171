// Cairn's policy pack: `pulumi preview --policy-pack policies` and
// `pulumi up --policy-pack policies` run it. Every Rego policy under
// policies/<domain>/<policy>/ becomes one Pulumi policy; all of them are
// answered by one evaluation of the compiled wasm bundle per resource.
// Build the bundle first: scripts/build-policies.
import { PolicyPack } from "@pulumi/policy";
import { loadExemptions, loadPolicyDocs, PROFILE_CONFIG_KEY, resolveProfile } from "./config";
import { buildPolicies, Evaluator } from "./pack";
import { policyBundle } from "./wasm";

// Fail at load (never pass silently) if the bundle or its metadata is missing.
policyBundle();
const { profile, source } = resolveProfile();
const guessed =
  source === "stack name" ? `, guessed from the stack name: set ${PROFILE_CONFIG_KEY}` : ` (${source})`;

new PolicyPack("cairn", {
  description: `Cairn's security baseline (Rego compiled to wasm), ${profile} profile${guessed}`,
  policies: buildPolicies(loadPolicyDocs(), profile, new Evaluator(loadExemptions())),
});
