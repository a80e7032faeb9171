import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { createWorkloadNamespace } from "../k8s/namespace";
import { diskChartFiles } from "../shared/chart-files";
import { type ScrapeTarget } from "../shared/monitoring";
import { requireProvider } from "../shared/provider";
import { namespacedChildName, registerManifests } from "../shared/manifests";
import { preResolved, type Resolved, resolvedOr } from "../shared/resolved";
import { installChart, reportWeakenings } from "../shared/workload";
import { type ServiceMeshArgs } from "./args";
import {
  buildMeshPolicies,
  injectionLabels,
  meshWeakenings,
  type ResolvedServiceMesh,
  resolveServiceMesh,
  SERVICE_MESH_TYPE,
} from "./build";
import { buildMeshNetworkPolicies, enrolledNamespaces, meshScrapeTargets } from "./network";

/**
 * Istio (base, istiod as a named revision, ingress gateway) from the pinned
 * upstream charts, with mesh-wide STRICT mTLS, a default-deny
 * AuthorizationPolicy with explicit allows, probe rewriting and
 * revision-labelled namespaces.
 */
export class ServiceMesh extends pulumi.ComponentResource {
  /** Istio root namespace. */
  public readonly namespace: pulumi.Output<string>;
  /** Namespace of the ingress gateway (empty when there is none). */
  public readonly ingressNamespace: pulumi.Output<string>;
  /** The istiod revision namespaces are labelled with, e.g. `1-30-3`. */
  public readonly revision: pulumi.Output<string>;
  /** Labels that enrol a namespace in the mesh (`istio.io/rev`). */
  public readonly injectionLabels: pulumi.Output<Record<string, string>>;
  /** Every choice less safe than the default; empty with defaults. */
  public readonly weakenings: pulumi.Output<string[]>;
  /** What Prometheus should scrape (pass to the Prometheus component's `targets`). */
  public readonly scrapeTargets: readonly ScrapeTarget[];

  constructor(
    name: string,
    args: ServiceMeshArgs | Resolved<ResolvedServiceMesh> = {},
    opts?: pulumi.ComponentResourceOptions,
  ) {
    // Validate (and check local charts) before registering anything, the component itself included.
    const { value: r, inputs } = resolvedOr(args, (raw: ServiceMeshArgs) =>
      resolveServiceMesh(name, raw, diskChartFiles),
    );
    const provider = requireProvider(opts, "kubernetes", `${SERVICE_MESH_TYPE} "${name}"`);
    super(SERVICE_MESH_TYPE, name, inputs, opts);
    const child = { parent: this, provider };

    const system = createWorkloadNamespace(`${name}-system`, r.baselines.system, child);
    const namespaces: pulumi.Resource[] = [system];
    if (r.baselines.ingress)
      namespaces.push(createWorkloadNamespace(`${name}-ingress`, r.baselines.ingress, child));
    const base = installChart(`${name}-base`, r.base, { ...child, dependsOn: [system] });
    const istiod = installChart(`${name}-istiod`, r.istiod, { ...child, dependsOn: [system, base] });
    const controlPlanes: pulumi.Resource[] = [istiod];
    if (r.canaryIstiod) {
      controlPlanes.push(
        installChart(`${name}-istiod-canary`, r.canaryIstiod, { ...child, dependsOn: [system, base] }),
      );
    }
    if (r.gateway) {
      installChart(`${name}-gateway`, r.gateway, { ...child, dependsOn: [...namespaces, istiod] });
    }
    registerManifests(
      name,
      buildMeshPolicies(r),
      { ...child, dependsOn: [...namespaces, base] },
      namespacedChildName,
    );
    const labelled = enrolledNamespaces(r).map(
      ({ namespace, revision }) =>
        new k8s.core.v1.NamespacePatch(
          `${name}-inject-${namespace}`,
          { metadata: { name: namespace, labels: injectionLabels(revision) } },
          { ...child, dependsOn: controlPlanes },
        ),
    );
    registerManifests(
      name,
      buildMeshNetworkPolicies(r),
      { ...child, dependsOn: [...namespaces, ...labelled] },
      namespacedChildName,
    );

    this.namespace = pulumi.output(r.namespace);
    this.ingressNamespace = pulumi.output(r.gateway ? r.ingressNamespace : "");
    this.revision = pulumi.output(r.revision);
    this.injectionLabels = pulumi.output<Record<string, string>>(injectionLabels(r.revision));
    this.weakenings = reportWeakenings(meshWeakenings(r), this);
    this.scrapeTargets = meshScrapeTargets(r);
    this.registerOutputs({
      namespace: this.namespace,
      ingressNamespace: this.ingressNamespace,
      revision: this.revision,
      injectionLabels: this.injectionLabels,
      weakenings: this.weakenings,
    });
  }
}

/**
 * Creates a ServiceMesh from args the caller has already resolved (no second
 * parse); `inputs` are the args as written, recorded in the state.
 */
export function createServiceMesh(
  name: string,
  resolved: ResolvedServiceMesh,
  inputs: object,
  opts: pulumi.ComponentResourceOptions,
): ServiceMesh {
  return new ServiceMesh(name, preResolved(resolved, inputs), opts);
}
