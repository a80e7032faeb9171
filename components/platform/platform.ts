import * as alicloud from "@pulumi/alicloud";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CairnCluster } from "../cluster/contract";
import { postureWeakenings } from "../cluster/posture";
import { AckCluster } from "../ack";
import { CrossplaneCluster } from "../crossplane";
import { EksCluster } from "../eks";
import { ExistingCluster } from "../existing-cluster";
import { ServiceMesh } from "../mesh";
import { Consul } from "../consul";
import { Gateway } from "../gateway";
import { NamespaceBaseline } from "../namespace";
import { Prometheus } from "../prometheus";
import { stackChartMirror } from "../shared/workload";
import { PlatformArgs, PlatformClusterOutputs } from "./args";
import { PLATFORM_TYPE, ResolvedPlatformCluster, resolvePlatform } from "./build";

/** The components created for one cluster. */
export interface PlatformClusterParts {
  readonly cluster: CairnCluster & { readonly weakenings?: pulumi.Output<string[]> };
  readonly namespaces: readonly NamespaceBaseline[];
  readonly mesh?: ServiceMesh;
  readonly prometheus?: Prometheus;
  readonly consul?: Consul;
  readonly gateway?: Gateway;
}

/**
 * A whole platform: one or more clusters and, on each, application namespaces
 * with Cairn's baseline and the chosen workloads, wired together (namespaces
 * enrolled in the mesh, charts from one mirror). Every cluster, namespace and
 * workload is validated before the first resource is registered.
 */
export class Platform extends pulumi.ComponentResource {
  /** Per cluster name: endpoint, posture, namespaces, workload endpoints and weakenings. */
  public readonly clusters: pulumi.Output<Record<string, PlatformClusterOutputs>>;
  /** Per cluster name: its kubeconfig (a secret). */
  public readonly kubeconfigs: pulumi.Output<Record<string, string>>;
  /** The components per cluster name, for programs that extend the platform. */
  public readonly parts: Readonly<Record<string, PlatformClusterParts>>;

  constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    const resolved = resolvePlatform(`${PLATFORM_TYPE} "${name}"`, args, {
      stackChartMirror: stackChartMirror(undefined),
    });
    super(PLATFORM_TYPE, name, {}, opts);

    const parts: Record<string, PlatformClusterParts> = {};
    // In order: a Crossplane cluster's claim goes to an earlier (management) cluster.
    for (const c of resolved.clusters) parts[c.name] = this.buildCluster(c, parts);
    this.parts = parts;

    const entries = Object.entries(parts);
    this.clusters = pulumi
      .all(entries.map(([clusterName, p]) => clusterOutputs(clusterName, p)))
      .apply((list) => Object.fromEntries(list));
    this.kubeconfigs = pulumi.secret(
      pulumi
        .all(entries.map(([clusterName, p]) => pulumi.all([clusterName, p.cluster.kubeconfig])))
        .apply((list) => Object.fromEntries(list)),
    );
    this.registerOutputs({ clusters: this.clusters, kubeconfigs: this.kubeconfigs });
  }

  private buildCluster(
    c: ResolvedPlatformCluster,
    earlier: Readonly<Record<string, PlatformClusterParts>>,
  ): PlatformClusterParts {
    const cluster = this.createCluster(c, earlier);
    const child = { parent: this, provider: cluster.provider };
    const namespaces = c.namespaces.map(
      (n) => new NamespaceBaseline(`${c.name}-${n.name}`, n.baseline, child),
    );
    const mesh = c.workloads.mesh
      ? new ServiceMesh(`${c.name}-mesh`, c.workloads.mesh, { ...child, dependsOn: namespaces })
      : undefined;
    const w = c.workloads;
    const consul = w.consul
      ? new Consul(`${c.name}-consul`, w.consul, { ...child, dependsOn: namespaces })
      : undefined;
    // The gateway adds allow-from-gateway NetworkPolicies in its routes' namespaces.
    const gateway = w.gateway
      ? new Gateway(`${c.name}-gateway`, w.gateway, { ...child, dependsOn: namespaces })
      : undefined;
    // Prometheus creates NetworkPolicies in the namespaces it scrapes: they must exist first.
    const scraped = [mesh, consul, gateway].filter((x): x is NonNullable<typeof x> => x !== undefined);
    const prometheus = w.prometheus
      ? new Prometheus(`${c.name}-prometheus`, w.prometheus, {
          ...child,
          dependsOn: [...namespaces, ...scraped],
        })
      : undefined;
    return { cluster, namespaces, mesh, prometheus, consul, gateway };
  }

  /** The cluster component of the resolved kind, with an explicit cloud provider for its region. */
  private createCluster(
    c: ResolvedPlatformCluster,
    earlier: Readonly<Record<string, PlatformClusterParts>>,
  ): CairnCluster & { weakenings?: pulumi.Output<string[]> } {
    switch (c.kind) {
      case "crossplane": {
        const { managementCluster, ...xp } = c.args.crossplane!;
        const management = earlier[managementCluster].cluster.provider;
        const alicloudProvider =
          xp.cloud === "alibaba"
            ? new alicloud.Provider(`${c.name}-alicloud`, { region: c.args.region! }, { parent: this })
            : undefined;
        return new CrossplaneCluster(
          c.name,
          { ...xp, region: c.args.region!, ...(alicloudProvider ? { alicloudProvider } : {}) },
          { parent: this, provider: management },
        );
      }
      case "eks": {
        const provider = new aws.Provider(`${c.name}-aws`, { region: c.args.region! }, { parent: this });
        return new EksCluster(c.name, c.args.eks, { parent: this, provider });
      }
      case "ack": {
        const provider = new alicloud.Provider(
          `${c.name}-alicloud`,
          { region: c.args.region! },
          { parent: this },
        );
        return new AckCluster(c.name, c.args.ack, { parent: this, provider });
      }
      case "existing":
        return new ExistingCluster(c.name, c.args.existing!, { parent: this });
    }
  }
}

function clusterOutputs(
  name: string,
  p: PlatformClusterParts,
): pulumi.Output<[string, PlatformClusterOutputs]> {
  const none = pulumi.output<string[]>([]);
  const base = pulumi.all([
    // An endpoint is not secret, even when read from a secret kubeconfig.
    pulumi.unsecret(p.cluster.endpoint),
    p.cluster.kubernetesVersion,
    p.cluster.posture,
    pulumi.all(p.namespaces.map((n) => n.namespace)),
  ]);
  // Namespaces first, then the cluster's and each workload's own lists.
  const weakenings = pulumi.all([
    pulumi.all(p.namespaces.map((n) => n.weakenings)),
    p.cluster.weakenings ?? none,
    p.mesh?.weakenings ?? none,
    p.prometheus?.weakenings ?? none,
    p.consul?.weakenings ?? none,
    p.gateway?.weakenings ?? none,
  ]);
  const endpoints = pulumi.all([
    p.mesh?.namespace ?? "",
    p.mesh?.ingressNamespace ?? "",
    p.prometheus?.queryUrl ?? "",
    p.consul?.address ?? "",
    p.gateway ? pulumi.interpolate`${p.gateway.namespace}/${p.gateway.gatewayName}` : "",
  ]);
  return pulumi
    .all([base, weakenings, endpoints])
    .apply(
      ([
        [endpoint, kubernetesVersion, posture, namespaces],
        [nsWeak, ...componentWeak],
        [meshNamespace, ingressNamespace, prometheusUrl, consulAddress, gateway],
      ]): [string, PlatformClusterOutputs] => [
        name,
        {
          cloud: p.cluster.cloud,
          endpoint,
          kubernetesVersion,
          posture,
          namespaces,
          weakenings: [
            ...new Set([...postureWeakenings(posture), ...nsWeak.flat(), ...componentWeak.flat()]),
          ],
          ...(meshNamespace ? { meshNamespace } : {}),
          ...(ingressNamespace ? { ingressNamespace } : {}),
          ...(prometheusUrl ? { prometheusUrl } : {}),
          ...(consulAddress ? { consulAddress } : {}),
          ...(gateway ? { gateway } : {}),
        },
      ],
    );
}
