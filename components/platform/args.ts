import { AckClusterArgs } from "../ack/args";
import { EksClusterArgs } from "../eks/args";
import { ConsulArgs } from "../consul/args";
import { CrossplaneClusterArgs } from "../crossplane/args";
import { ExistingClusterArgs } from "../existing-cluster/args";
import { GatewayArgs } from "../gateway/args";
import { ServiceMeshArgs } from "../mesh/args";
import { NamespaceBaselineArgs } from "../namespace/args";
import { PrometheusArgs } from "../prometheus/args";

/** The kinds of cluster a platform can hold; each cluster sets exactly one of these keys. */
export const CLUSTER_KINDS = ["existing", "eks", "ack", "crossplane"] as const;
export type ClusterKind = (typeof CLUSTER_KINDS)[number];

/** A Crossplane cluster inside a platform: its claim goes to another cluster of the platform. */
export interface PlatformCrossplaneArgs extends Omit<CrossplaneClusterArgs, "region" | "alicloudProvider"> {
  /** Name of an earlier cluster in `clusters` that runs Crossplane (the management cluster). */
  readonly managementCluster: string;
}

/** An application namespace created with {@link NamespaceBaselineArgs} on one cluster. */
export interface PlatformNamespaceArgs extends Omit<NamespaceBaselineArgs, "namespace" | "meshInjection"> {
  /** Kubernetes name of the namespace (a DNS-1123 label). */
  readonly name: string;
  /** Enrol the namespace in the cluster's mesh (revision label). @default - true when the cluster has a mesh */
  readonly mesh?: boolean;
}

/**
 * The workloads installed on one cluster, wired together by the platform.
 * A workload is installed when its key is present (`mesh: {}` installs the
 * mesh with its defaults).
 */
export interface PlatformWorkloadsArgs {
  /** Istio ({@link ServiceMeshArgs}). Application namespaces are enrolled automatically. @default - no mesh */
  readonly mesh?: ServiceMeshArgs;
  /**
   * Prometheus ({@link PrometheusArgs}). The platform adds the scrape targets of the cluster's
   * other workloads to `targets`. @default - no Prometheus
   */
  readonly prometheus?: PrometheusArgs;
  /** Consul ({@link ConsulArgs}); its scrape targets go to Prometheus. @default - no Consul */
  readonly consul?: ConsulArgs;
  /**
   * The API gateway, Envoy Gateway ({@link GatewayArgs}). Every route must target one of the
   * cluster's namespaces; its scrape targets go to Prometheus. @default - no gateway
   */
  readonly gateway?: GatewayArgs;
}

/** One cluster of the platform and what runs on it. Set exactly one of `existing`, `eks`, `ack`, `crossplane`. */
export interface PlatformClusterArgs {
  /** Logical name, unique in the platform: names the cluster's Pulumi resources and stack outputs (DNS-1123 label). */
  readonly name: string;
  /** Cloud region of an `eks`, `ack` or `crossplane` cluster, e.g. `eu-west-1` or `cn-hangzhou`. */
  readonly region?: string;
  /** Adopt a running cluster from its kubeconfig. */
  readonly existing?: ExistingClusterArgs;
  /** An AWS EKS cluster ({@link EksClusterArgs}); needs `region`. */
  readonly eks?: EksClusterArgs;
  /** An Alibaba Cloud ACK cluster ({@link AckClusterArgs}); needs `region`. */
  readonly ack?: AckClusterArgs;
  /**
   * A cluster claimed from Cairn's Crossplane compositions ({@link CrossplaneClusterArgs} without
   * `region`, which comes from the cluster's `region`, and `alicloudProvider`, which the platform creates).
   */
  readonly crossplane?: PlatformCrossplaneArgs;
  /** Application namespaces, each with Cairn's baseline; a string is a name with defaults. @default [] */
  readonly namespaces?: readonly (string | PlatformNamespaceArgs)[];
  /** Workloads installed on this cluster. @default {} */
  readonly workloads?: PlatformWorkloadsArgs;
}

/** Args for {@link Platform}. */
export interface PlatformArgs {
  /** The clusters, at least one, each with its namespaces and workloads. */
  readonly clusters: readonly PlatformClusterArgs[];
  /**
   * Chart mirror for every workload chart (an `oci://` or `https://` mirror, or a local directory of
   * unpacked charts). A workload's own `chartMirror` wins.
   * @default - stack config `cairn:chartMirror`, else each chart's upstream repository
   */
  readonly chartMirror?: string;
}

/** What the platform exposes for one cluster (everything but the kubeconfig, which is in `kubeconfigs`). */
export interface PlatformClusterOutputs {
  /** Where the cluster runs: aws, alibaba, crossplane or existing. */
  readonly cloud: string;
  /** API server URL. */
  readonly endpoint: string;
  /** Kubernetes version (major.minor). */
  readonly kubernetesVersion: string;
  /** The cloud-neutral security posture (see the cluster contract). */
  readonly posture: import("../cluster/contract").ClusterPosture;
  /** The application namespaces created with Cairn's baseline. */
  readonly namespaces: string[];
  /** Every choice less safe than Cairn's defaults on this cluster (cluster posture, namespaces, workloads). */
  readonly weakenings: string[];
  /** Istio root namespace, when the cluster has a mesh. */
  readonly meshNamespace?: string;
  /** Namespace of the mesh ingress gateway, when there is one. */
  readonly ingressNamespace?: string;
  /** In-cluster URL of the Prometheus query API, when the cluster has Prometheus. */
  readonly prometheusUrl?: string;
  /** In-cluster HTTPS address of the Consul servers, when the cluster has Consul. */
  readonly consulAddress?: string;
  /** The API gateway as `<namespace>/<Gateway name>`, when the cluster has one. */
  readonly gateway?: string;
}
