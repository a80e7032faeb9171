import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type CairnCluster, type ClusterPosture, Cloud } from "../contract";
import { preResolved, type Resolved, resolvedOr } from "../../shared/resolved";
import { type ExistingClusterArgs } from "./args";
import {
  endpointOf,
  EXISTING_CLUSTER_TYPE,
  type ResolvedExistingCluster,
  resolveExistingCluster,
} from "./build";

/**
 * Adopts a running cluster from its kubeconfig and exposes it through the
 * cluster contract. The local stack uses it with the embedded cluster.
 */
export class ExistingCluster extends pulumi.ComponentResource implements CairnCluster {
  public readonly cloud = Cloud.Existing;
  public readonly clusterName: pulumi.Output<string>;
  public readonly kubernetesVersion: pulumi.Output<string>;
  public readonly endpoint: pulumi.Output<string>;
  public readonly kubeconfig: pulumi.Output<string>;
  public readonly provider: k8s.Provider;
  public readonly oidcIssuer: pulumi.Output<string | undefined>;
  public readonly posture: pulumi.Output<ClusterPosture>;

  constructor(
    name: string,
    args: ExistingClusterArgs | Resolved<ResolvedExistingCluster>,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    // Validate before registering anything, the component itself included.
    const { value: resolved } = resolvedOr(args, (raw: ExistingClusterArgs) =>
      resolveExistingCluster(name, raw),
    );
    // Cluster args hold secrets and provider objects: the component records no inputs.
    super(EXISTING_CLUSTER_TYPE, name, {}, opts);
    const where = `${EXISTING_CLUSTER_TYPE} "${name}"`;

    this.kubeconfig = pulumi.secret(resolved.kubeconfig);
    this.endpoint = pulumi.output(resolved.kubeconfig).apply((kc) => endpointOf(where, kc, resolved.context));
    this.provider = new k8s.Provider(
      `${name}-provider`,
      {
        kubeconfig: this.kubeconfig,
        ...(resolved.context ? { context: resolved.context } : {}),
        // Server-side apply, and a hard failure instead of a guess when the cluster is unreachable.
        enableServerSideApply: true,
        deleteUnreachable: false,
      },
      { parent: this },
    );
    this.clusterName = pulumi.output(name);
    this.kubernetesVersion = pulumi.output(resolved.kubernetesVersion);
    this.oidcIssuer = pulumi.output<string | undefined>(undefined);
    this.posture = pulumi.output(resolved.posture);
    this.registerOutputs({
      clusterName: this.clusterName,
      kubernetesVersion: this.kubernetesVersion,
      endpoint: this.endpoint,
      kubeconfig: this.kubeconfig,
      oidcIssuer: this.oidcIssuer,
      posture: this.posture,
    });
  }
}

/** Creates an ExistingCluster from args the caller has already resolved (no second parse). */
export function createExistingCluster(
  name: string,
  resolved: ResolvedExistingCluster,
  opts: pulumi.ComponentResourceOptions,
): ExistingCluster {
  return new ExistingCluster(name, preResolved(resolved, {}), opts);
}
