import { z } from "zod";
import { GATEKEEPER_POLICIES } from "../../policies/gatekeeper";
import { dnsLabel, documented as doc } from "../shared/validate";

/** Where a cluster enforces Cairn's Kubernetes policies. */
export const POLICY_ENFORCEMENT = {
  /** Only the policy pack, at `pulumi preview` and `up` (nothing is installed in the cluster). */
  preview: "preview",
  /** The pack, and Gatekeeper at admission: {@link GatekeeperPolicies} installs templates and constraints. */
  gatekeeper: "gatekeeper",
} as const;
export type PolicyEnforcement = (typeof POLICY_ENFORCEMENT)[keyof typeof POLICY_ENFORCEMENT];

/** The `policyEnforcement` key of a cluster (components/platform). */
export const policyEnforcement = z.enum(Object.values(POLICY_ENFORCEMENT), {
  error: `policyEnforcement must be "preview" (the pack only) or "gatekeeper" (the pack, and Gatekeeper at admission)`,
});

/**
 * Args of {@link GatekeeperPolicies}: the one source of their types, defaults and documentation.
 * Enforcement is always `deny`; there is no switch to `warn` or `dryrun`.
 */
export const gatekeeperPoliciesArgs = z.strictObject({
  namespaces: doc(
    z
      .array(dnsLabel("each namespaces entry"), { error: "namespaces must be a list of namespace names" })
      .min(1, 'namespaces must list at least one of Cairn\'s namespaces, e.g. ["apps"]'),
    "Namespaces whose objects the constraints apply to (Cairn's namespaces). Cluster-scoped objects " +
      "(ClusterRole, ClusterRoleBinding) are matched whatever this list, as Gatekeeper does; which of " +
      "them reach Gatekeeper is the webhook's choice (scripts/gatekeeper: those labelled cairn.dev/managed=true).",
  ),
  policies: doc(
    z
      .array(
        z.enum(GATEKEEPER_POLICIES, {
          error: `policies entries must be templated Cairn policies (${GATEKEEPER_POLICIES.join(", ")}); the others are preview-only (docs/gatekeeper.md)`,
        }),
        { error: "policies must be a list of Cairn policy ids" },
      )
      .min(1, "policies must list at least one policy; leave it out for every templated policy")
      .optional(),
    "Cairn policies to enforce at admission; the others stay preview-only (docs/gatekeeper.md).",
    "- every policy with a template (GATEKEEPER_POLICIES)",
  ),
  templatesDir: doc(
    z.string().min(1, "templatesDir must be a directory path").optional(),
    "Directory of the generated ConstraintTemplates (`<kind>.yaml`, written by scripts/build-policies).",
    "- policies/dist/gatekeeper",
  ),
});

/** Args for {@link GatekeeperPolicies}, as a caller writes them (derived from the schema). */
export type GatekeeperPoliciesArgs = z.input<typeof gatekeeperPoliciesArgs>;
