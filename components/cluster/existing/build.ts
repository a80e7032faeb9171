import { parse as parseYaml } from "yaml";
import { type z } from "zod";
import { type ClusterPosture } from "../contract";
import { CairnInputError } from "../../shared/errors";
import { parseArgs } from "../../shared/validate";
import { type ExistingClusterArgs, existingClusterArgs } from "./args";

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

/** Existing-cluster args with the posture resolved (unknown fields assumed unsafe). */
export type ResolvedExistingCluster = Omit<z.output<typeof existingClusterArgs>, "posture"> & {
  readonly posture: ClusterPosture;
};

/** Validates args and resolves the posture. The kubeconfig's content is checked when it resolves (endpointOf). */
export function resolveExistingCluster(name: string, args: ExistingClusterArgs): ResolvedExistingCluster {
  const parsed = parseArgs(existingClusterArgs, args, `${EXISTING_CLUSTER_TYPE} "${name}"`);
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
