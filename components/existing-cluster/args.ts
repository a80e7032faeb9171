import * as pulumi from "@pulumi/pulumi";

/** Args for {@link ExistingCluster}. */
export interface ExistingClusterArgs {
  /** Kubeconfig (YAML or JSON) of the cluster to adopt. Stored as a secret. */
  readonly kubeconfig: pulumi.Input<string>;
  /** Context in the kubeconfig to use. @default - the kubeconfig's current context */
  readonly context?: string;
  /** Kubernetes version of the cluster, major.minor, for policies and outputs. @default "unknown" */
  readonly kubernetesVersion?: string;
  /**
   * What is known of the cluster's posture. An adopted cluster is assumed to
   * be as unsafe as possible until told otherwise.
   * @default - public endpoint, no encryption, no logs, no identity, no protection
   */
  readonly posture?: Partial<import("../cluster/contract").ClusterPosture>;
}
