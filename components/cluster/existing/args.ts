import { z } from "zod";
import { documented as doc, stringInput } from "../../shared/validate";

/** Workload identity kinds an adopted cluster may be described with. */
const ADOPTED_IDENTITIES = ["irsa", "pod-identity", "rrsa", "none"] as const;

const posture = z.strictObject({
  endpointPublic: doc(
    z.boolean().optional(),
    "Whether the API server is reachable from the internet.",
    "- true",
  ),
  publicAccessCidrs: doc(
    z.array(z.string()).optional(),
    "CIDRs allowed to reach a public endpoint.",
    '- ["0.0.0.0/0"]',
  ),
  secretsEncrypted: doc(
    z.boolean().optional(),
    "Whether Secrets are envelope-encrypted with a customer-managed key.",
    "- false",
  ),
  controlPlaneLogs: doc(
    z.array(z.string()).optional(),
    "Control-plane log types shipped (api, audit, authenticator, controllerManager, scheduler).",
    "- none",
  ),
  workloadIdentity: doc(
    z
      .enum(ADOPTED_IDENTITIES, {
        error: `posture.workloadIdentity must be one of ${ADOPTED_IDENTITIES.map((i) => `"${i}"`).join(", ")}`,
      })
      .optional(),
    "Workload identity mechanism.",
    '- "none"',
  ),
  deletionProtection: doc(
    z.boolean().optional(),
    "Whether the cluster is protected from deletion.",
    "- false",
  ),
  privateNodes: doc(z.boolean().optional(), "Whether worker nodes have no public IPs.", "- false"),
  zones: doc(
    z.number().int().min(1, "posture.zones must be at least 1").optional(),
    "Number of availability zones the nodes span.",
    "- 1",
  ),
});

/**
 * Args of {@link ExistingCluster}: the one source of their types, defaults and
 * documentation.
 */
export const existingClusterArgs = z.strictObject({
  kubeconfig: doc(
    stringInput("kubeconfig must be a non-empty kubeconfig (YAML or JSON), as a string or an Output"),
    "Kubeconfig (YAML or JSON) of the cluster to adopt. Stored as a secret; checked when it resolves.",
  ),
  context: doc(
    z.string().min(1, "context must be a non-empty context name from the kubeconfig").optional(),
    "Context in the kubeconfig to use.",
    "- the kubeconfig's current context",
  ),
  kubernetesVersion: doc(
    z
      .string()
      .regex(/^1\.\d+$/, 'kubernetesVersion must be major.minor, such as "1.36"')
      .default("unknown"),
    "Kubernetes version of the cluster, major.minor, for policies and outputs.",
  ),
  posture: doc(
    posture.default({}),
    "What is known of the cluster's posture. An adopted cluster is assumed to be as unsafe as possible until told otherwise.",
    "- public endpoint, no encryption, no logs, no identity, no protection",
  ),
});

/** Args for {@link ExistingCluster}, as a caller writes them (derived from the schema). */
export type ExistingClusterArgs = z.input<typeof existingClusterArgs>;
