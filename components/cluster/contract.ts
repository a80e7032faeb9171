import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** Where a cluster runs. */
export const Cloud = {
  Aws: "aws",
  Alibaba: "alibaba",
  Crossplane: "crossplane",
  Existing: "existing",
} as const;
export type Cloud = (typeof Cloud)[keyof typeof Cloud];

/**
 * How pods get cloud credentials without static keys. Cloud components report
 * the normalised kind `oidc` (service-account tokens federated to the cloud's
 * IAM through the cluster's OIDC issuer: IRSA on EKS, RRSA on ACK), so
 * postures compare across clouds; `irsa` and `rrsa` remain for adopted
 * clusters described by hand.
 */
export const WorkloadIdentity = {
  Oidc: "oidc",
  Irsa: "irsa",
  PodIdentity: "pod-identity",
  Rrsa: "rrsa",
  None: "none",
} as const;
export type WorkloadIdentity = (typeof WorkloadIdentity)[keyof typeof WorkloadIdentity];

/**
 * Control-plane log types, normalised across clouds (EKS names). ACK's
 * `apiserver`, `kcm` and `scheduler` components and its audit log map onto
 * them; see `components/cluster/ack/README.md` for the mapping.
 */
export const CONTROL_PLANE_LOG_TYPES = [
  "api",
  "audit",
  "authenticator",
  "controllerManager",
  "scheduler",
] as const;
export type ControlPlaneLogType = (typeof CONTROL_PLANE_LOG_TYPES)[number];

/**
 * A cloud-neutral summary of a cluster's security posture. Every cluster
 * component fills it the same way, so policies can compare clouds: with
 * defaults, an EKS and an ACK cluster have equal postures.
 */
export interface ClusterPosture {
  /** Whether the API server is reachable from the internet. */
  readonly endpointPublic: boolean;
  /** CIDRs allowed to reach a public endpoint; empty when private. */
  readonly publicAccessCidrs: readonly string[];
  /** Whether Kubernetes Secrets are envelope-encrypted with a customer-managed key. */
  readonly secretsEncrypted: boolean;
  /** Control-plane log types shipped, normalised: api, audit, authenticator, controllerManager, scheduler. */
  readonly controlPlaneLogs: readonly string[];
  /** Workload identity mechanism. */
  readonly workloadIdentity: WorkloadIdentity;
  /** Whether the cluster (and its key) are protected from deletion. */
  readonly deletionProtection: boolean;
  /** Whether worker nodes have no public IPs. */
  readonly privateNodes: boolean;
  /** Number of availability zones the nodes span. */
  readonly zones: number;
}

/** The contract every Cairn cluster component satisfies. */
export interface CairnCluster {
  /** The cluster's name in its cloud. */
  readonly clusterName: pulumi.Output<string>;
  /** Where it runs. */
  readonly cloud: Cloud;
  /** Kubernetes version (major.minor). */
  readonly kubernetesVersion: pulumi.Output<string>;
  /** API server URL. */
  readonly endpoint: pulumi.Output<string>;
  /** Kubeconfig for the cluster, always a secret. */
  readonly kubeconfig: pulumi.Output<string>;
  /** A Kubernetes provider for components installed on this cluster. */
  readonly provider: k8s.Provider;
  /** OIDC issuer URL for workload identity, if the cluster has one. */
  readonly oidcIssuer: pulumi.Output<string | undefined>;
  /** Normalised security posture. */
  readonly posture: pulumi.Output<ClusterPosture>;
}
