import * as pulumi from "@pulumi/pulumi";
import { type CairnCluster } from "../cluster/contract";
import { createCloudCluster } from "./cloud-clusters";
import { postureWeakenings } from "../cluster/posture";
import { type Consul, createConsul } from "../consul/consul";
import { createExistingCluster } from "../cluster/existing/existing-cluster";
import { type Canary, createCanary } from "../delivery/canary";
import {
  createRolloutsController,
  type RolloutsController,
} from "../delivery/controller/rollouts-controller";
import { createGateway, type Gateway } from "../gateway/gateway";
import { createServiceMesh, type ServiceMesh } from "../mesh/service-mesh";
import { createNamespaceBaseline, type NamespaceBaseline } from "../k8s/namespace";
import { createPrometheus, type Prometheus } from "../observability/prometheus";
import { createGatekeeperPolicies, type GatekeeperPolicies } from "../policy/gatekeeper-policies";
import { diskChartFiles } from "../shared/chart-files";
import { type Resolved, resolvedOr } from "../shared/resolved";
import { type PlatformArgs, type PlatformClusterOutputs } from "./args";
import { PLATFORM_TYPE, resolvePlatform } from "./build";
import { type ResolvedPlatform, type ResolvedPlatformCluster } from "./resolved";

/** The components created for one cluster. */
export interface PlatformClusterParts {
  readonly cluster: CairnCluster & { readonly weakenings?: pulumi.Output<string[]> };
  readonly namespaces: readonly NamespaceBaseline[];
  readonly mesh?: ServiceMesh;
  readonly prometheus?: Prometheus;
  readonly consul?: Consul;
  readonly gateway?: Gateway;
  readonly rollouts?: RolloutsController;
  /** Gray releases by service name. */
  readonly releases: Readonly<Record<string, Canary>>;
  /** Gatekeeper templates and constraints, when the cluster's `policyEnforcement` is "gatekeeper". */
  readonly gatekeeper?: GatekeeperPolicies;
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

  constructor(
    name: string,
    args: PlatformArgs | Resolved<ResolvedPlatform>,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    // Resolved once: by the caller (stack config, see resolveStackConfig) or here; never again below.
    const { value: resolved } = resolvedOr(args, (raw: PlatformArgs) =>
      resolvePlatform(`${PLATFORM_TYPE} "${name}"`, raw, { charts: diskChartFiles }),
    );
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
    const namespaces = c.namespaces.map((n) =>
      createNamespaceBaseline(`${c.name}-${n.name}`, n.resolved, n.inputs, child),
    );
    const w = c.workloads;
    const afterNamespaces = { ...child, dependsOn: namespaces };
    const mesh =
      w.mesh && createServiceMesh(`${c.name}-mesh`, w.mesh.resolved, w.mesh.inputs, afterNamespaces);
    const consul =
      w.consul && createConsul(`${c.name}-consul`, w.consul.resolved, w.consul.inputs, afterNamespaces);
    // The gateway adds allow-from-gateway NetworkPolicies in its routes' namespaces.
    const gateway =
      w.gateway && createGateway(`${c.name}-gateway`, w.gateway.resolved, w.gateway.inputs, afterNamespaces);
    const rollouts =
      w.rollouts &&
      createRolloutsController(`${c.name}-rollouts`, w.rollouts.resolved, w.rollouts.inputs, afterNamespaces);
    // Prometheus creates NetworkPolicies in the namespaces it scrapes: they must exist first.
    const scraped = [mesh, consul, gateway, rollouts].filter(
      (x): x is NonNullable<typeof x> => x !== undefined,
    );
    const prometheus =
      w.prometheus &&
      createPrometheus(`${c.name}-prometheus`, w.prometheus.resolved, w.prometheus.inputs, {
        ...child,
        dependsOn: [...namespaces, ...scraped],
      });
    // A release needs the Rollouts CRDs (the controller's chart) and Istio's (the mesh's).
    const releaseDeps = [...namespaces, ...[mesh, rollouts].filter((x) => x !== undefined)];
    const releases = Object.fromEntries(
      c.releases.map((r) => [
        r.resolved.service,
        createCanary(`${c.name}-${r.resolved.service}`, r.resolved, r.inputs, {
          ...child,
          dependsOn: releaseDeps,
        }),
      ]),
    );
    const gatekeeper =
      c.gatekeeper &&
      createGatekeeperPolicies(
        `${c.name}-gatekeeper`,
        c.gatekeeper.resolved,
        c.gatekeeper.inputs,
        afterNamespaces,
      );
    return { cluster, namespaces, mesh, prometheus, consul, gateway, rollouts, releases, gatekeeper };
  }

  /** The cluster component of the resolved kind, with an explicit cloud provider for its region. */
  private createCluster(
    c: ResolvedPlatformCluster,
    earlier: Readonly<Record<string, PlatformClusterParts>>,
  ): CairnCluster & { weakenings?: pulumi.Output<string[]> } {
    if (c.kind === "existing") return createExistingCluster(c.name, c.existing, { parent: this });
    return createCloudCluster(c, this, (cluster) => earlier[cluster].cluster.provider);
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
    p.rollouts?.weakenings ?? none,
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
