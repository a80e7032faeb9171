import * as alicloud from "@pulumi/alicloud";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CairnInputError } from "../../shared/errors";
import { type CairnCluster, Cloud, type ClusterPosture } from "../contract";
import { registerManifests } from "../../shared/manifests";
import { requireProvider } from "../../shared/provider";
import { preResolved, type Resolved, resolvedOr } from "../../shared/resolved";
import { type CrossplaneClusterArgs } from "./args";
import {
  buildCrossplaneClaim,
  buildCrossplaneDefinitions,
  buildCrossplanePosture,
  connectionSecretName,
  CROSSPLANE_CLUSTER_TYPE,
  crossplaneWeakenings,
  type ResolvedCrossplaneCluster,
  resolveCrossplaneCluster,
} from "./build";

interface ClaimStatus {
  endpoint?: string;
  oidcIssuer?: string;
  clusterId?: string;
}

/**
 * A cluster created by Crossplane from a management cluster: Cairn applies
 * the XRD and Compositions (optionally) and a claim, waits for it to be Ready,
 * and exposes the cluster through the shared contract. `opts.provider` is the
 * management cluster's Kubernetes provider.
 */
export class CrossplaneCluster extends pulumi.ComponentResource implements CairnCluster {
  public readonly cloud = Cloud.Crossplane;
  public readonly clusterName: pulumi.Output<string>;
  public readonly kubernetesVersion: pulumi.Output<string>;
  public readonly endpoint: pulumi.Output<string>;
  public readonly kubeconfig: pulumi.Output<string>;
  public readonly provider: k8s.Provider;
  public readonly oidcIssuer: pulumi.Output<string | undefined>;
  public readonly posture: pulumi.Output<ClusterPosture>;
  /** Every choice less safe than the default; empty with AWS defaults. */
  public readonly weakenings: pulumi.Output<string[]>;
  /** Namespace and name of the claim's connection secret in the management cluster. */
  public readonly connectionSecret: pulumi.Output<{ namespace: string; name: string }>;

  constructor(
    name: string,
    args: CrossplaneClusterArgs | Resolved<ResolvedCrossplaneCluster>,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    // Validate before registering anything, the component itself included.
    const { value: r } = resolvedOr(args, (raw: CrossplaneClusterArgs) =>
      resolveCrossplaneCluster(name, raw),
    );
    const provider = requireProvider(opts, "kubernetes", `${CROSSPLANE_CLUSTER_TYPE} "${name}"`);
    // A provider is a registration-time argument (the Platform creates it after resolving), so it
    // is checked here, like the kubernetes provider above, and still before anything is registered.
    if (r.cloud === "alibaba" && !r.alicloudProvider) {
      throw new CairnInputError(
        `${CROSSPLANE_CLUSTER_TYPE} "${name}"`,
        "alicloudProvider",
        undefined,
        "The Alibaba Crossplane provider publishes no cluster credentials: pass an alicloud provider so Cairn can fetch a short-lived kubeconfig.",
      );
    }
    // Cluster args hold secrets and provider objects: the component records no inputs.
    super(CROSSPLANE_CLUSTER_TYPE, name, {}, opts);
    const child = { parent: this, provider };

    const definitions = r.installDefinitions
      ? registerManifests(name, buildCrossplaneDefinitions(), child)
      : [];
    // `status: undefined` makes the SDK expose the live status as an output.
    const claim = new k8s.apiextensions.CustomResource(
      `${name}-claim`,
      { ...buildCrossplaneClaim(r), status: undefined },
      { ...child, dependsOn: definitions },
    );
    const claimStatus = (claim as unknown as { status: pulumi.Output<ClaimStatus | undefined> }).status;
    const status = claimStatus.apply((s) => s ?? {});
    const secretRef = { namespace: r.claimNamespace, name: connectionSecretName(r) };

    let kubeconfig: pulumi.Output<string>;
    if (r.cloud === "aws") {
      // The id depends on the claim, so the read waits for (and, in preview, skips with) a new claim.
      const secret = k8s.core.v1.Secret.get(
        `${name}-connection`,
        claim.id.apply(() => `${secretRef.namespace}/${secretRef.name}`),
        { parent: this, provider, dependsOn: [claim] },
      );
      kubeconfig = secret.data.apply((d) => Buffer.from(d?.kubeconfig ?? "", "base64").toString("utf8"));
    } else {
      kubeconfig = alicloud.cs.getClusterCredentialOutput(
        { clusterId: status.apply((s) => s.clusterId ?? ""), temporaryDurationMinutes: 240 },
        { parent: this, provider: r.alicloudProvider },
      ).kubeConfig;
    }
    this.kubeconfig = pulumi.secret(kubeconfig);
    this.provider = new k8s.Provider(
      `${name}-provider`,
      { kubeconfig: this.kubeconfig, enableServerSideApply: true, deleteUnreachable: false },
      { parent: this },
    );
    const weakenings = crossplaneWeakenings(r);
    for (const w of weakenings) pulumi.log.warn(`security weakened: ${w}`, this);

    this.clusterName = pulumi.output(r.claimName);
    this.kubernetesVersion = pulumi.output(r.kubernetesVersion);
    this.endpoint = status.apply((s) => s.endpoint ?? "");
    this.oidcIssuer = status.apply((s) => s.oidcIssuer);
    this.posture = pulumi.output(buildCrossplanePosture(r));
    this.weakenings = pulumi.output(weakenings);
    this.connectionSecret = pulumi.output(secretRef);
    this.registerOutputs({
      clusterName: this.clusterName,
      kubernetesVersion: this.kubernetesVersion,
      endpoint: this.endpoint,
      kubeconfig: this.kubeconfig,
      oidcIssuer: this.oidcIssuer,
      posture: this.posture,
      weakenings: this.weakenings,
      connectionSecret: this.connectionSecret,
    });
  }
}

/** Creates an CrossplaneCluster from args the caller has already resolved (no second parse). */
export function createCrossplaneCluster(
  name: string,
  resolved: ResolvedCrossplaneCluster,
  opts: pulumi.ComponentResourceOptions,
): CrossplaneCluster {
  return new CrossplaneCluster(name, preResolved(resolved, {}), opts);
}
