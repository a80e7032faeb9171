import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type CairnCluster, Cloud, type ClusterPosture, CONTROL_PLANE_LOG_TYPES } from "../contract";
import { requireProvider } from "../../shared/provider";
import { preResolved, type Resolved, resolvedOr } from "../../shared/resolved";
import { type EksClusterArgs } from "./args";
import {
  ACCESS_POLICY_ARNS,
  buildEksKubeconfig,
  buildEksPosture,
  EKS_CLUSTER_TYPE,
  eksWeakenings,
  type ResolvedEksCluster,
  resolveEksCluster,
} from "./build";
import { clusterRole, nodeRole } from "./iam";
import { createLogsKey } from "./logs-key";
import { createNetwork, type EksNetwork, existingNetwork } from "./network";
import { createNodeGroup } from "./nodes";

/**
 * An EKS cluster with Cairn's secure defaults: private API endpoint, Secrets
 * encrypted with a rotating KMS key, every control-plane log type shipped to a
 * retention-bound log group, API access entries, IRSA, private managed node
 * groups with IMDSv2 and encrypted disks, and deletion protection.
 */
export class EksCluster extends pulumi.ComponentResource implements CairnCluster {
  public readonly cloud = Cloud.Aws;
  public readonly clusterName: pulumi.Output<string>;
  public readonly kubernetesVersion: pulumi.Output<string>;
  public readonly endpoint: pulumi.Output<string>;
  public readonly kubeconfig: pulumi.Output<string>;
  public readonly provider: k8s.Provider;
  public readonly oidcIssuer: pulumi.Output<string | undefined>;
  public readonly posture: pulumi.Output<ClusterPosture>;
  /** Every choice less safe than the default; empty with defaults. */
  public readonly weakenings: pulumi.Output<string[]>;
  /** IAM OIDC provider ARN, for IRSA trust policies. */
  public readonly oidcProviderArn: pulumi.Output<string>;
  /** KMS key encrypting Secrets. */
  public readonly kmsKeyArn: pulumi.Output<string>;
  /** VPC and subnets (Karpenter discovers the private ones by the `karpenter.sh/discovery` tag). */
  public readonly vpcId: pulumi.Output<string>;
  public readonly privateSubnetIds: pulumi.Output<string[]>;
  /** EKS-managed cluster security group (Karpenter `securityGroupSelectorTerms`). */
  public readonly clusterSecurityGroupId: pulumi.Output<string>;
  /** Node IAM role name and ARN (Karpenter `EC2NodeClass.spec.role`). */
  public readonly nodeRoleName: pulumi.Output<string>;
  public readonly nodeRoleArn: pulumi.Output<string>;

  constructor(
    name: string,
    args: EksClusterArgs | Resolved<ResolvedEksCluster> = {},
    opts?: pulumi.ComponentResourceOptions,
  ) {
    // Validate before registering anything, the component itself included.
    const { value: r } = resolvedOr(args, (raw: EksClusterArgs) => resolveEksCluster(name, raw));
    const provider = requireProvider(opts, "aws", `${EKS_CLUSTER_TYPE} "${name}"`);
    // Cluster args hold secrets and provider objects: the component records no inputs.
    super(EKS_CLUSTER_TYPE, name, {}, opts);
    const child = { parent: this, provider };
    const tags = { ...r.tags, "managed-by": "cairn", "cairn.dev/cluster": r.clusterName };

    const logsKey = createLogsKey(
      name,
      r.clusterName,
      r.keyDeletionWindowDays,
      r.deletionProtection,
      tags,
      child,
    );
    const network: EksNetwork =
      r.network.kind === "new"
        ? createNetwork(name, r, logsKey.arn, child)
        : existingNetwork(r.network.vpcId, r.network.privateSubnetIds);

    const key = new aws.kms.Key(
      `${name}-secrets-key`,
      {
        description: `Envelope encryption of Kubernetes Secrets in EKS cluster ${r.clusterName}`,
        enableKeyRotation: true,
        deletionWindowInDays: r.keyDeletionWindowDays,
        tags,
      },
      { ...child, protect: r.deletionProtection },
    );
    const logGroup = new aws.cloudwatch.LogGroup(
      `${name}-control-plane-logs`,
      {
        name: `/aws/eks/${r.clusterName}/cluster`,
        retentionInDays: r.logRetentionDays,
        kmsKeyId: logsKey.arn,
        tags,
      },
      child,
    );
    const role = clusterRole(name, tags, child);
    const cluster = new aws.eks.Cluster(
      `${name}-cluster`,
      {
        name: r.clusterName,
        version: r.kubernetesVersion,
        roleArn: role.role.arn,
        vpcConfig: {
          subnetIds: network.privateSubnetIds,
          endpointPrivateAccess: true,
          endpointPublicAccess: r.endpointPublicAccess,
          ...(r.endpointPublicAccess ? { publicAccessCidrs: [...r.publicAccessCidrs] } : {}),
        },
        encryptionConfig: { resources: ["secrets"], provider: { keyArn: key.arn } },
        enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
        accessConfig: {
          authenticationMode: "API",
          bootstrapClusterCreatorAdminPermissions: r.bootstrapCreatorAdmin,
        },
        kubernetesNetworkConfig: { ipFamily: "ipv4", serviceIpv4Cidr: r.serviceCidr },
        deletionProtection: r.deletionProtection,
        // Stay on standard support: no silent, paid extended support for an old version.
        upgradePolicy: { supportType: "STANDARD" },
        tags,
      },
      { ...child, protect: r.deletionProtection, dependsOn: [logGroup, ...role.attachments] },
    );

    const issuer = cluster.identities.apply((ids) => ids[0]?.oidcs?.[0]?.issuer ?? "");
    const oidc = new aws.iam.OpenIdConnectProvider(
      `${name}-oidc`,
      { url: issuer, clientIdLists: ["sts.amazonaws.com"], tags },
      child,
    );
    if (r.podIdentity) {
      new aws.eks.Addon(
        `${name}-pod-identity-agent`,
        { clusterName: cluster.name, addonName: "eks-pod-identity-agent", tags },
        child,
      );
    }
    r.accessEntries.forEach((entry, i) => {
      const accessEntry = new aws.eks.AccessEntry(
        `${name}-access-${i}`,
        { clusterName: cluster.name, principalArn: entry.principalArn, type: "STANDARD", tags },
        child,
      );
      new aws.eks.AccessPolicyAssociation(
        `${name}-access-${i}`,
        {
          clusterName: cluster.name,
          principalArn: entry.principalArn,
          policyArn: ACCESS_POLICY_ARNS[entry.policy],
          accessScope: entry.namespaces
            ? { type: "namespace", namespaces: [...entry.namespaces] }
            : { type: "cluster" },
        },
        { ...child, dependsOn: [accessEntry] },
      );
    });

    const nodes = nodeRole(name, tags, child);
    const clusterSecurityGroupId = cluster.vpcConfig.apply((v) => v.clusterSecurityGroupId ?? "");
    for (const g of r.nodeGroups) {
      createNodeGroup(
        name,
        r.clusterName,
        g,
        {
          clusterName: cluster.name,
          clusterSecurityGroupId,
          vpcId: network.vpcId,
          version: r.kubernetesVersion,
          nodeRoleArn: nodes.role.arn,
          subnetIds: network.privateSubnetIds,
          tags,
          dependsOn: nodes.attachments,
        },
        child,
      );
    }

    const region = aws.getRegionOutput({}, child).region;
    this.kubeconfig = pulumi.secret(
      pulumi.all([cluster.endpoint, cluster.certificateAuthority, region]).apply(([endpoint, ca, reg]) =>
        buildEksKubeconfig({
          clusterName: r.clusterName,
          endpoint,
          certificateAuthority: ca.data ?? "",
          region: reg,
        }),
      ),
    );
    this.provider = new k8s.Provider(
      `${name}-provider`,
      { kubeconfig: this.kubeconfig, enableServerSideApply: true, deleteUnreachable: false },
      { parent: this },
    );
    const weakenings = eksWeakenings(r);
    for (const w of weakenings) pulumi.log.warn(`security weakened: ${w}`, this);

    this.clusterName = cluster.name;
    this.kubernetesVersion = cluster.version;
    this.endpoint = cluster.endpoint;
    this.oidcIssuer = issuer;
    this.oidcProviderArn = oidc.arn;
    this.posture = pulumi.output(buildEksPosture(r));
    this.weakenings = pulumi.output(weakenings);
    this.kmsKeyArn = key.arn;
    this.vpcId = network.vpcId;
    this.privateSubnetIds = pulumi.all(network.privateSubnetIds);
    this.clusterSecurityGroupId = clusterSecurityGroupId;
    this.nodeRoleName = nodes.role.name;
    this.nodeRoleArn = nodes.role.arn;
    this.registerOutputs({
      clusterName: this.clusterName,
      kubernetesVersion: this.kubernetesVersion,
      endpoint: this.endpoint,
      kubeconfig: this.kubeconfig,
      oidcIssuer: this.oidcIssuer,
      oidcProviderArn: this.oidcProviderArn,
      posture: this.posture,
      weakenings: this.weakenings,
      kmsKeyArn: this.kmsKeyArn,
      vpcId: this.vpcId,
      privateSubnetIds: this.privateSubnetIds,
      clusterSecurityGroupId: this.clusterSecurityGroupId,
      nodeRoleName: this.nodeRoleName,
      nodeRoleArn: this.nodeRoleArn,
    });
  }
}

/** Creates an EksCluster from args the caller has already resolved (no second parse). */
export function createEksCluster(
  name: string,
  resolved: ResolvedEksCluster,
  opts: pulumi.ComponentResourceOptions,
): EksCluster {
  return new EksCluster(name, preResolved(resolved, {}), opts);
}
