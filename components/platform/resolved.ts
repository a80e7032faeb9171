// What resolving a platform produces: the types build.ts, releases.ts and references.ts share,
// in their own module so that none of those imports another for its types.
import { type ResolvedAckCluster } from "../cluster/ack/build";
import { type ResolvedCrossplaneCluster } from "../cluster/crossplane/build";
import { type ResolvedEksCluster } from "../cluster/eks/build";
import { type ResolvedExistingCluster } from "../cluster/existing/build";
import { type ResolvedConsul } from "../consul/build";
import { type ResolvedRolloutsController } from "../delivery/controller/build";
import { type ResolvedCanary } from "../delivery/build";
import { type ResolvedGateway } from "../gateway/build";
import { type ResolvedNamespaceBaseline } from "../k8s/build";
import { type ResolvedServiceMesh } from "../mesh/build";
import { type ResolvedPrometheus } from "../observability/build";
import { type ResolvedGatekeeperPolicies } from "../policy/build";
import { type ChartFiles } from "../shared/chart";

/** A component's resolved args and the args as written (what its state records as inputs). */
export interface Part<T> {
  readonly resolved: T;
  readonly inputs: object;
}

/** A namespace with every platform default resolved. */
export interface PlatformNamespace extends Part<ResolvedNamespaceBaseline> {
  readonly name: string;
  readonly mesh: boolean;
}

/** The workloads of one cluster, resolved with the platform's wiring (mesh enrolment, scrape targets, mirror). */
export interface ResolvedPlatformWorkloads {
  readonly mesh?: Part<ResolvedServiceMesh>;
  readonly consul?: Part<ResolvedConsul>;
  readonly gateway?: Part<ResolvedGateway>;
  readonly rollouts?: Part<ResolvedRolloutsController>;
  readonly prometheus?: Part<ResolvedPrometheus>;
}

interface ClusterCommon {
  readonly name: string;
  readonly namespaces: readonly PlatformNamespace[];
  readonly workloads: ResolvedPlatformWorkloads;
  /** Gray releases, each a Canary wired to the cluster's mesh, Prometheus and SLOs. */
  readonly releases: readonly Part<ResolvedCanary>[];
  /** Gatekeeper templates and constraints, when `policyEnforcement` is "gatekeeper". */
  readonly gatekeeper?: Part<ResolvedGatekeeperPolicies>;
}

/** What a cluster's kind decides: its component's resolved args, and its region for cloud kinds. */
export type ResolvedClusterKind =
  | { readonly kind: "existing"; readonly existing: ResolvedExistingCluster }
  | { readonly kind: "eks"; readonly region: string; readonly eks: ResolvedEksCluster }
  | { readonly kind: "ack"; readonly region: string; readonly ack: ResolvedAckCluster }
  | {
      readonly kind: "crossplane";
      readonly region: string;
      /** An earlier cluster of the platform, running Crossplane: the claim is applied there. */
      readonly managementCluster: string;
      readonly crossplane: ResolvedCrossplaneCluster;
    };

/** One cluster, validated and resolved, by kind: everything the Platform needs to create it. */
export type ResolvedPlatformCluster = ClusterCommon & ResolvedClusterKind;

export interface ResolvedPlatform {
  readonly clusters: readonly ResolvedPlatformCluster[];
}

/** What resolving reads besides the args: stack-wide settings, passed in explicitly. */
export interface PlatformContext {
  /** Local chart files (Chart.yaml of a mirror or source directory). */
  readonly charts: ChartFiles;
  /** Prefix of every argument path: `cairn:` for stack config. @default "" */
  readonly prefix?: string;
}
