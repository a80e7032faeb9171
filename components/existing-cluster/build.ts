import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ClusterPosture } from "../cluster/contract";
import { CairnInputError } from "../shared/errors";
import { parseArgs } from "../shared/validate";

export const EXISTING_CLUSTER_TYPE = "cairn:cluster:ExistingCluster";

/** What an adopted cluster is assumed to be until the user says otherwise: nothing is taken on trust. */
export const UNKNOWN_POSTURE: ClusterPosture = {
  endpointPublic: true,
  publicAccessCidrs: ["0.0.0.0/0"],
  secretsEncrypted: false,
  controlPlaneLogs: [],
  workloadIdentity: "none",
  deletionProtection: false,
  privateNodes: false,
  zones: 1,
};

const options = z.strictObject({
  context: z.string().min(1, "context must be a non-empty context name from the kubeconfig").optional(),
  kubernetesVersion: z
    .string()
    .regex(/^1\.\d+$/, 'kubernetesVersion must be major.minor, such as "1.36"')
    .default("unknown"),
  posture: z
    .strictObject({
      endpointPublic: z.boolean().optional(),
      publicAccessCidrs: z.array(z.string()).optional(),
      secretsEncrypted: z.boolean().optional(),
      controlPlaneLogs: z.array(z.string()).optional(),
      workloadIdentity: z.enum(["irsa", "pod-identity", "rrsa", "none"]).optional(),
      deletionProtection: z.boolean().optional(),
      privateNodes: z.boolean().optional(),
      zones: z.number().int().min(1, "posture.zones must be at least 1").optional(),
    })
    .default({}),
});

export type ResolvedExistingCluster = Omit<z.output<typeof options>, "posture"> & { posture: ClusterPosture };

/** Validates the plain (non-Output) args and resolves the posture. */
export function resolveExistingCluster(name: string, args: Record<string, unknown>): ResolvedExistingCluster {
  // The kubeconfig is an Output, checked when it resolves (endpointOf); the rest are plain values.
  const rest = { ...args };
  delete rest.kubeconfig;
  const parsed = parseArgs(options, rest, `${EXISTING_CLUSTER_TYPE} "${name}"`);
  return { ...parsed, posture: { ...UNKNOWN_POSTURE, ...parsed.posture } };
}

/** The API server URL of the kubeconfig's chosen context, with a clear error when it has none. */
export function endpointOf(where: string, kubeconfig: string, context?: string): string {
  let doc: {
    "current-context"?: string;
    contexts?: { name: string; context: { cluster: string } }[];
    clusters?: { name: string; cluster: { server: string } }[];
  };
  try {
    doc = parseYaml(kubeconfig) ?? {};
  } catch (e) {
    throw new CairnInputError(
      where,
      "kubeconfig",
      "(secret)",
      `It is not valid YAML or JSON: ${(e as Error).message}`,
    );
  }
  const contextName = context ?? doc["current-context"];
  const ctx = doc.contexts?.find((c) => c.name === contextName);
  const cluster = doc.clusters?.find((c) => c.name === ctx?.context.cluster);
  if (!cluster?.cluster.server) {
    throw new CairnInputError(
      where,
      context ? "context" : "kubeconfig",
      context ?? "(secret)",
      `No cluster server found for context "${contextName ?? ""}": pass a kubeconfig whose context points at a cluster with a server URL.`,
    );
  }
  return cluster.cluster.server;
}
