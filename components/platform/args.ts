import { z } from "zod";
import type { AckClusterArgs } from "../cluster/ack/args";
import type { ConsulArgs } from "../consul/args";
import type { CrossplaneClusterArgs } from "../cluster/crossplane/args";
import type { EksClusterArgs } from "../cluster/eks/args";
import type { ExistingClusterArgs } from "../cluster/existing/args";
import type { GatewayArgs } from "../gateway/args";
import type { ServiceMeshArgs } from "../mesh/args";
import type { NamespaceBaselineArgs } from "../k8s/args";
import type { PrometheusArgs } from "../observability/args";
import type { CanaryArgs } from "../delivery/args";
import type { RolloutsControllerArgs } from "../delivery/controller/args";
import type { ClusterPosture } from "../cluster/contract";
import { policyEnforcement } from "../policy/args";
import { dnsLabel, documented as doc } from "../shared/validate";

/** The kinds of cluster a platform can hold; each cluster sets exactly one of these keys. */
export const CLUSTER_KINDS = ["existing", "eks", "ack", "crossplane"] as const;
export type ClusterKind = (typeof CLUSTER_KINDS)[number];

/**
 * A component's args inside the platform: checked here to be an object, and
 * validated once, in full, by the component's own resolver (which names the
 * nested argument, e.g. `clusters[1].eks.nodeGroups[0].scaling.maxSize`).
 */
const componentArgs = <A>(what: string) =>
  z.custom<A>((v) => v !== null && typeof v === "object" && !Array.isArray(v), {
    error: `${what} must be an object of the component's args (see docs/reference.md)`,
  });

/** A Crossplane cluster inside a platform: its claim goes to another cluster of the platform. */
export type PlatformCrossplaneArgs = Omit<CrossplaneClusterArgs, "region" | "alicloudProvider"> & {
  /** Name of an earlier cluster in `clusters` that runs Crossplane (the management cluster). */
  readonly managementCluster: string;
};

/**
 * A gray release on one cluster: {@link CanaryArgs} wired to the cluster's workloads. The
 * SLO defaults to the cluster's Prometheus SLO of the same service (one spec for the alerts
 * and the gate), the Prometheus address to that Prometheus, the mesh root to the mesh's.
 */
export type PlatformReleaseArgs = Omit<CanaryArgs, "slo" | "prometheusAddress" | "meshRootNamespace"> &
  Partial<Pick<CanaryArgs, "slo" | "prometheusAddress">>;

/** An application namespace created with {@link NamespaceBaselineArgs} on one cluster. */
export type PlatformNamespaceArgs = Omit<NamespaceBaselineArgs, "namespace" | "meshInjection"> & {
  /** Kubernetes name of the namespace (a DNS-1123 label). */
  readonly name: string;
  /** Enrol the namespace in the cluster's mesh. @default - true when the cluster has a mesh */
  readonly mesh?: boolean;
};

const namespaceSpec = z.union(
  [
    dnsLabel("each namespaces entry"),
    z.custom<PlatformNamespaceArgs>(
      (v) =>
        v !== null &&
        typeof v === "object" &&
        dnsLabel("namespaces[].name").safeParse((v as { name?: unknown }).name).success &&
        ["boolean", "undefined"].includes(typeof (v as { mesh?: unknown }).mesh),
    ),
  ],
  {
    error:
      'each namespaces entry must be a namespace name or { name: "apps", mesh?: boolean, ...baseline args }',
  },
);

const workloads = z.strictObject({
  mesh: doc(
    componentArgs<ServiceMeshArgs>("workloads.mesh").optional(),
    "Istio (ServiceMeshArgs). Application namespaces are enrolled automatically. Every `allow[].namespace`, " +
      "`allow[].fromNamespaces` entry and `cluster.local` principal's namespace must be on the cluster " +
      "(see `namespaces`).",
    "- no mesh",
  ),
  prometheus: doc(
    componentArgs<PrometheusArgs>("workloads.prometheus").optional(),
    "Prometheus (PrometheusArgs). The platform adds the scrape targets of the cluster's other workloads to `targets`. " +
      "Every `slos[].namespace` and `targets[].namespace` must be on the cluster (see `namespaces`).",
    "- no Prometheus",
  ),
  consul: doc(
    componentArgs<ConsulArgs>("workloads.consul").optional(),
    "Consul (ConsulArgs); its scrape targets go to Prometheus. Every `injectNamespaces` (but `*`) and " +
      "`clientNamespaces` entry must be on the cluster (see `namespaces`).",
    "- no Consul",
  ),
  rollouts: doc(
    componentArgs<RolloutsControllerArgs>("workloads.rollouts").optional(),
    "The Argo Rollouts controller (RolloutsControllerArgs), needed by `releases`; its scrape target goes to " +
      "Prometheus, which it may query.",
    "- no controller",
  ),
  gateway: doc(
    componentArgs<GatewayArgs>("workloads.gateway").optional(),
    "The API gateway, Envoy Gateway (GatewayArgs). Every route must target a namespace on the cluster (see " +
      "`namespaces`); its scrape targets go to Prometheus.",
    "- no gateway",
  ),
});

const cluster = z
  .strictObject({
    name: doc(
      dnsLabel("name"),
      "Logical name, unique in the platform: names the cluster's Pulumi resources and stack outputs (DNS-1123 label).",
    ),
    region: doc(
      z
        .string()
        .regex(/^[a-z]{2}(-[a-z0-9]+)+$/, "region must be a cloud region such as eu-west-1 or cn-hangzhou")
        .optional(),
      "Cloud region of an `eks`, `ack` or `crossplane` cluster, e.g. `eu-west-1` or `cn-hangzhou`.",
    ),
    existing: doc(
      componentArgs<ExistingClusterArgs>("existing").optional(),
      "Adopt a running cluster from its kubeconfig.",
    ),
    eks: doc(
      componentArgs<EksClusterArgs>("eks").optional(),
      "An AWS EKS cluster (EksClusterArgs); needs `region`.",
    ),
    ack: doc(
      componentArgs<AckClusterArgs>("ack").optional(),
      "An Alibaba Cloud ACK cluster (AckClusterArgs); needs `region`.",
    ),
    crossplane: doc(
      componentArgs<PlatformCrossplaneArgs>("crossplane").optional(),
      "A cluster claimed from Cairn's Crossplane compositions (CrossplaneClusterArgs without `region`, which comes from the cluster's `region`, and `alicloudProvider`, which the platform creates), plus `managementCluster`.",
    ),
    namespaces: doc(
      z.array(namespaceSpec).default([]),
      "Application namespaces, each with Cairn's baseline; a string is a name with defaults. A namespace a " +
        "workload entry names must be one of these, one a workload creates (`istio-system`, `monitoring`, ...), " +
        "or one the mesh is told exists (`injectNamespaces`, `canary.namespaces`).",
    ),
    policyEnforcement: doc(
      policyEnforcement.default("preview"),
      'Where Cairn\'s Kubernetes policies are enforced: "preview" (the policy pack only) or "gatekeeper" (also at ' +
        "admission: Gatekeeper templates and deny constraints for the application namespaces; Gatekeeper itself " +
        "must run on the cluster, see docs/gatekeeper.md).",
    ),
    workloads: doc(
      workloads.prefault({}),
      "Workloads installed on this cluster; a workload is installed when its key is present.",
    ),
    releases: doc(
      z.array(componentArgs<PlatformReleaseArgs>("each releases entry")).default([]),
      "Gray releases (CanaryArgs) of services on this cluster; needs `workloads.mesh` and `workloads.rollouts`. " +
        "The `slo` defaults to the `workloads.prometheus.slos` entry of the same service, `prometheusAddress` to " +
        "the cluster's Prometheus; the namespace must be one of `namespaces`, enrolled in the mesh.",
      "- no releases",
    ),
  })
  .superRefine((c, ctx) => {
    const kinds = CLUSTER_KINDS.filter((k) => c[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `each cluster needs exactly one of existing, eks, ack or crossplane (found ${kinds.length === 0 ? "none" : kinds.join(" and ")})`,
      });
    }
    if ((c.eks ?? c.ack ?? c.crossplane) !== undefined && c.region === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["region"],
        message:
          "an eks, ack or crossplane cluster needs its cloud region, e.g. region: eu-west-1 or cn-hangzhou",
      });
    }
    const names = c.namespaces.map((n) => (typeof n === "string" ? n : n.name));
    names.forEach((n, j) => {
      if (names.indexOf(n) !== j) {
        ctx.addIssue({
          code: "custom",
          path: ["namespaces", j],
          message: "Each namespace may be listed once per cluster: remove the duplicate",
        });
      }
    });
    if (c.workloads.mesh === undefined) {
      const j = c.namespaces.findIndex((n) => typeof n === "object" && n.mesh === true);
      if (j >= 0) {
        ctx.addIssue({
          code: "custom",
          path: ["namespaces", j, "mesh"],
          message: "The cluster has no mesh: add workloads.mesh, or remove mesh: true",
        });
      }
    }
  });

/** Args of {@link Platform}: the one source of their types, defaults and documentation. */
export const platformArgs = z
  .strictObject({
    clusters: doc(
      z
        .array(cluster, { error: "clusters must be a list of clusters" })
        .min(1, "clusters must list at least one cluster, e.g. [{ name: local, existing: { ... } }]"),
      "The clusters, at least one, each with its namespaces and workloads.",
    ),
    chartMirror: doc(
      z.string().min(1, "chartMirror must be an oci://, https:// or local directory").optional(),
      "Chart mirror for every workload chart (an `oci://` or `https://` mirror, or a local directory of unpacked charts). A workload's own `chartMirror` wins. In stack config: `cairn:chartMirror`.",
      "- each chart's upstream repository",
    ),
  })
  .superRefine((p, ctx) => {
    p.clusters.forEach((c, i) => {
      const earlier = p.clusters.slice(0, i).map((e) => e.name);
      if (earlier.includes(c.name)) {
        ctx.addIssue({
          code: "custom",
          path: ["clusters", i, "name"],
          message: `cluster names must be unique (they name Pulumi resources): rename the second "${c.name}"`,
        });
      }
      const management = c.crossplane?.managementCluster;
      if (c.crossplane && !earlier.includes(management as string)) {
        ctx.addIssue({
          code: "custom",
          path: ["clusters", i, "crossplane", "managementCluster"],
          message: `Name the cluster running Crossplane, listed before this one (${earlier.join(", ") || "none yet"}): the claim is applied there`,
        });
      }
    });
  });

/** Args for {@link Platform} (derived from the schema). */
export type PlatformArgs = z.input<typeof platformArgs>;
/** One cluster of the platform and what runs on it. */
export type PlatformClusterArgs = PlatformArgs["clusters"][number];
/** The workloads installed on one cluster. */
export type PlatformWorkloadsArgs = NonNullable<PlatformClusterArgs["workloads"]>;

/** What the platform exposes for one cluster (everything but the kubeconfig, which is in `kubeconfigs`). */
export interface PlatformClusterOutputs {
  /** Where the cluster runs: aws, alibaba, crossplane or existing. */
  readonly cloud: string;
  /** API server URL. */
  readonly endpoint: string;
  /** Kubernetes version (major.minor). */
  readonly kubernetesVersion: string;
  /** The cloud-neutral security posture (see the cluster contract). */
  readonly posture: ClusterPosture;
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
