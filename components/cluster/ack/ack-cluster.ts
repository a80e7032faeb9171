import * as alicloud from "@pulumi/alicloud";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type CairnCluster, Cloud, type ClusterPosture } from "../contract";
import { requireProvider } from "../../shared/provider";
import { preResolved, type Resolved, resolvedOr } from "../../shared/resolved";
import { type AckClusterArgs } from "./args";
import {
  ACK_CLUSTER_TYPE,
  ackWeakenings,
  buildAckPosture,
  pickAckVersion,
  type ResolvedAckCluster,
  resolveAckCluster,
} from "./build";
import { type AckNetwork, createAckNetwork, existingAckNetwork } from "./network";
import { createNodePool, createNodeSecurityGroup } from "./nodes";

/** Terway with NetworkPolicy (Cairn's namespaces rely on it) and the managed CSI driver. */
export const ACK_ADDONS = [
  {
    name: "terway-eniip",
    config: JSON.stringify({ IPVlan: "false", NetworkPolicy: "true", ENITrunking: "false" }),
  },
  { name: "csi-plugin" },
  { name: "managed-csiprovisioner" },
];

/** Lifetime of the kubeconfig credential fetched for the Kubernetes provider, in minutes. */
export const CREDENTIAL_MINUTES = 240;

/**
 * An ACK Pro managed cluster with Cairn's secure defaults: API server on the
 * intranet only, Secrets encrypted with a rotating KMS key, control-plane and
 * audit logs, RRSA, deletion protection, and hardened node pools with
 * encrypted disks and no public IPs.
 */
export class AckCluster extends pulumi.ComponentResource implements CairnCluster {
  public readonly cloud = Cloud.Alibaba;
  public readonly clusterName: pulumi.Output<string>;
  public readonly kubernetesVersion: pulumi.Output<string>;
  public readonly endpoint: pulumi.Output<string>;
  public readonly kubeconfig: pulumi.Output<string>;
  public readonly provider: k8s.Provider;
  public readonly oidcIssuer: pulumi.Output<string | undefined>;
  public readonly posture: pulumi.Output<ClusterPosture>;
  /** Every choice less safe than the default; empty with defaults. */
  public readonly weakenings: pulumi.Output<string[]>;
  /** ACK cluster id. */
  public readonly clusterId: pulumi.Output<string>;
  /** RAM OIDC provider ARN, for RRSA trust policies. */
  public readonly rrsaOidcProviderArn: pulumi.Output<string | undefined>;
  /** KMS key encrypting Secrets and node disks. */
  public readonly kmsKeyId: pulumi.Output<string>;
  public readonly vpcId: pulumi.Output<string>;
  public readonly nodeVswitchIds: pulumi.Output<string[]>;
  /** SLB access-control list holding `publicAccessCidrs`, when the endpoint is public. */
  public readonly apiServerAclId: pulumi.Output<string | undefined>;

  constructor(
    name: string,
    args: AckClusterArgs | Resolved<ResolvedAckCluster> = {},
    opts?: pulumi.ComponentResourceOptions,
  ) {
    // Validate before registering anything, the component itself included.
    const { value: r } = resolvedOr(args, (raw: AckClusterArgs) => resolveAckCluster(name, raw));
    const provider = requireProvider(opts, "alicloud", `${ACK_CLUSTER_TYPE} "${name}"`);
    // Cluster args hold secrets and provider objects: the component records no inputs.
    super(ACK_CLUSTER_TYPE, name, {}, opts);
    const child = { parent: this, provider };
    const tags = { ...r.tags, "managed-by": "cairn", "cairn.dev/cluster": r.clusterName };

    const network: AckNetwork =
      r.network.kind === "new"
        ? createAckNetwork(name, r, child)
        : existingAckNetwork(r.network.vpcId, r.network.nodeVswitchIds, r.network.podVswitchIds);

    const keyId: pulumi.Output<string> = r.kmsKeyId
      ? pulumi.output(r.kmsKeyId)
      : new alicloud.kms.Key(
          `${name}-secrets-key`,
          {
            description: `Envelope encryption of Secrets and disks in ACK cluster ${r.clusterName}`,
            keyUsage: "ENCRYPT/DECRYPT",
            automaticRotation: "Enabled",
            rotationInterval: "31536000s",
            pendingWindowInDays: r.keyPendingWindowDays,
            deletionProtection: r.deletionProtection ? "Enabled" : "Disabled",
            ...(r.kmsInstanceId ? { dkmsInstanceId: r.kmsInstanceId } : {}),
            tags,
          },
          { ...child, protect: r.deletionProtection },
        ).id;

    const nodeSg = createNodeSecurityGroup(name, r, network.vpcId, child);
    // A bare minor ("1.35") becomes ACK's newest release of it; a full version is used as given.
    const version = alicloud.cs
      .getKubernetesVersionOutput({ clusterType: "ManagedKubernetes", profile: "Default" }, child)
      .metadatas.apply((m) =>
        pickAckVersion(
          r.kubernetesVersion,
          m.map((x) => x.version),
        ),
      );
    const logsOn = r.logComponents.length > 0;
    const cluster = new alicloud.cs.ManagedKubernetes(
      `${name}-cluster`,
      {
        name: r.clusterName,
        clusterSpec: r.clusterSpec,
        version,
        vswitchIds: network.nodeVswitchIds,
        podVswitchIds: network.podVswitchIds,
        serviceCidr: r.serviceCidr,
        newNatGateway: false,
        slbInternetEnabled: r.endpointPublicAccess,
        securityGroupId: nodeSg.id,
        encryptionProviderKey: keyId,
        disableEncryption: false,
        ...(logsOn
          ? { controlPlaneLogComponents: [...r.logComponents], controlPlaneLogTtl: String(r.logTtlDays) }
          : {}),
        auditLogConfig: { enabled: r.auditLog },
        enableRrsa: r.rrsa,
        deletionProtection: r.deletionProtection,
        proxyMode: "ipvs",
        // Keep client certificates out of the state; the kubeconfig comes from a short-lived credential.
        skipSetCertificateAuthority: true,
        addons: ACK_ADDONS,
        tags,
      },
      { ...child, protect: r.deletionProtection },
    );

    let aclId: pulumi.Output<string | undefined> = pulumi.output<string | undefined>(undefined);
    if (r.endpointPublicAccess) {
      aclId = new alicloud.slb.Acl(
        `${name}-api-acl`,
        {
          name: `${r.clusterName}-api`,
          entryLists: r.publicAccessCidrs.map((entry) => ({ entry, comment: "Cairn API allowlist" })),
          tags,
        },
        child,
      ).id;
    }

    for (const p of r.nodePools) {
      createNodePool(
        name,
        p,
        {
          clusterId: cluster.id,
          vswitchIds: network.nodeVswitchIds,
          securityGroupId: nodeSg.id,
          kmsKeyId: keyId,
          tags,
        },
        child,
      );
    }

    const credential = alicloud.cs.getClusterCredentialOutput(
      { clusterId: cluster.id, temporaryDurationMinutes: CREDENTIAL_MINUTES },
      child,
    );
    this.kubeconfig = pulumi.secret(credential.kubeConfig);
    this.provider = new k8s.Provider(
      `${name}-provider`,
      { kubeconfig: this.kubeconfig, enableServerSideApply: true, deleteUnreachable: false },
      { parent: this },
    );
    const weakenings = ackWeakenings(r);
    for (const w of weakenings) pulumi.log.warn(`security weakened: ${w}`, this);

    this.clusterId = cluster.id;
    this.clusterName = cluster.name;
    this.kubernetesVersion = cluster.version;
    this.endpoint = cluster.connections.apply((c) =>
      r.endpointPublicAccess && c.apiServerInternet ? c.apiServerInternet : c.apiServerIntranet,
    );
    this.oidcIssuer = cluster.rrsaMetadata.apply((m) => (m?.enabled ? m.rrsaOidcIssuerUrl : undefined));
    this.rrsaOidcProviderArn = cluster.rrsaMetadata.apply((m) =>
      m?.enabled ? m.ramOidcProviderArn : undefined,
    );
    this.posture = pulumi.output(buildAckPosture(r));
    this.weakenings = pulumi.output(weakenings);
    this.kmsKeyId = keyId;
    this.vpcId = network.vpcId;
    this.nodeVswitchIds = pulumi.all(network.nodeVswitchIds);
    this.apiServerAclId = aclId;
    this.registerOutputs({
      clusterId: this.clusterId,
      clusterName: this.clusterName,
      kubernetesVersion: this.kubernetesVersion,
      endpoint: this.endpoint,
      kubeconfig: this.kubeconfig,
      oidcIssuer: this.oidcIssuer,
      rrsaOidcProviderArn: this.rrsaOidcProviderArn,
      posture: this.posture,
      weakenings: this.weakenings,
      kmsKeyId: this.kmsKeyId,
      vpcId: this.vpcId,
      nodeVswitchIds: this.nodeVswitchIds,
      apiServerAclId: this.apiServerAclId,
    });
  }
}

/** Creates an AckCluster from args the caller has already resolved (no second parse). */
export function createAckCluster(
  name: string,
  resolved: ResolvedAckCluster,
  opts: pulumi.ComponentResourceOptions,
): AckCluster {
  return new AckCluster(name, preResolved(resolved, {}), opts);
}
