import * as pulumi from "@pulumi/pulumi";

/** NAT gateway layout for the private subnets' egress. */
export const NatGateways = {
  /** One NAT gateway per zone: a zone outage does not cut egress elsewhere. */
  PerZone: "perZone",
  /** One NAT gateway for all zones: cheaper, a single point of failure. */
  Single: "single",
} as const;
export type NatGateways = (typeof NatGateways)[keyof typeof NatGateways];

/** EKS access policies Cairn can associate with an access entry. */
export const EksAccessPolicy = {
  ClusterAdmin: "cluster-admin",
  Admin: "admin",
  Edit: "edit",
  View: "view",
} as const;
export type EksAccessPolicy = (typeof EksAccessPolicy)[keyof typeof EksAccessPolicy];

/** An IAM principal granted access to the cluster through the EKS access-entry API. */
export interface EksAccessEntry {
  /** ARN of the IAM role or user. */
  readonly principalArn: string;
  /** The access policy associated. */
  readonly policy: EksAccessPolicy;
  /** Namespaces the policy is limited to. @default - the whole cluster */
  readonly namespaces?: readonly string[];
}

/** Node scaling bounds. */
export interface ScalingArgs {
  /** @default 3 */
  readonly minSize?: number;
  /** @default 6 */
  readonly maxSize?: number;
  /** @default - minSize, at least 3, at most maxSize */
  readonly desiredSize?: number;
}

/** A managed node group. Nodes always run in the private subnets. */
export interface EksNodeGroupArgs {
  /** Node group name, a DNS-1123 label, unique in the cluster. */
  readonly name: string;
  /** EC2 instance types. @default ["m7i.large"] */
  readonly instanceTypes?: readonly string[];
  /** Scaling bounds. @default { minSize: 3, maxSize: 6, desiredSize: 3 } */
  readonly scaling?: ScalingArgs;
  /** Root volume size in GiB (always encrypted, gp3). @default 50 */
  readonly diskSizeGiB?: number;
  /** EKS AMI type. @default "AL2023_x86_64_STANDARD" */
  readonly amiType?: string;
  /** "ON_DEMAND" or "SPOT". @default "ON_DEMAND" */
  readonly capacityType?: "ON_DEMAND" | "SPOT";
  /** Kubernetes labels on the nodes. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * IMDSv2 hop limit. 1 keeps pods from reaching the node's instance role;
   * 2 is a weakening, reported in `weakenings`.
   * @default 1
   */
  readonly metadataHopLimit?: 1 | 2;
  /** EC2 key pair for SSH. Requires `sshSourceSecurityGroupIds`. @default - no SSH */
  readonly sshKeyName?: string;
  /** Security groups allowed to reach port 22 when `sshKeyName` is set. @default [] */
  readonly sshSourceSecurityGroupIds?: readonly string[];
}

/** An existing VPC to use instead of creating one. */
export interface EksExistingNetwork {
  /** VPC id. */
  readonly vpcId: pulumi.Input<string>;
  /** The VPC's IPv4 CIDR, checked against `serviceCidr`. */
  readonly vpcCidr: string;
  /** Private subnet ids, one per zone (at least 2). Their route tables must not route 0.0.0.0/0 to an internet gateway. */
  readonly privateSubnetIds: readonly pulumi.Input<string>[];
}

/** Args for {@link EksCluster}. Every field is optional and secure by default. */
export interface EksClusterArgs {
  /** Cluster name in AWS. @default - the component's logical name */
  readonly clusterName?: string;
  /** Kubernetes version (major.minor), on Cairn's EKS allowlist. @default - the newest allowed */
  readonly kubernetesVersion?: string;
  /**
   * The version running now (for example from a stack output or config).
   * When set, a downgrade or a skipped minor version is rejected.
   * @default - no check
   */
  readonly currentVersion?: string;
  /** VPC IPv4 CIDR, /16 to /28. @default "10.0.0.0/16" */
  readonly vpcCidr?: string;
  /** Availability zones (at least 2). @default - the region's first `zoneCount` zones */
  readonly availabilityZones?: readonly string[];
  /** Number of zones when `availabilityZones` is not set (at least 2). @default 3 */
  readonly zoneCount?: number;
  /** Private (node) subnet CIDRs, one per zone. @default - carved from vpcCidr */
  readonly privateSubnetCidrs?: readonly string[];
  /** Public (load balancer, NAT) subnet CIDRs, one per zone. @default - carved from vpcCidr */
  readonly publicSubnetCidrs?: readonly string[];
  /** NAT gateway layout. "single" is a weakening. @default "perZone" */
  readonly natGateways?: NatGateways;
  /** VPC flow logs (all traffic) to CloudWatch, kept `logRetentionDays`; off is a weakening. Only for a new VPC. @default true */
  readonly flowLogs?: boolean;
  /** Use an existing VPC and private subnets; no network resources are created. @default - a new VPC */
  readonly existingNetwork?: EksExistingNetwork;
  /** Kubernetes service CIDR; must not overlap the VPC. @default "172.20.0.0/16" */
  readonly serviceCidr?: string;
  /** Expose the API endpoint on the internet (requires `publicAccessCidrs`). @default false */
  readonly endpointPublicAccess?: boolean;
  /** CIDRs allowed to reach a public endpoint; never empty when public. @default [] */
  readonly publicAccessCidrs?: readonly string[];
  /** Retention of the control-plane log group, in days (a CloudWatch retention value). @default 90 */
  readonly logRetentionDays?: number;
  /** KMS key deletion window in days, 7-30. @default 30 */
  readonly keyDeletionWindowDays?: number;
  /** Protect the cluster and key from deletion (Pulumi `protect` and EKS deletion protection). @default true */
  readonly deletionProtection?: boolean;
  /** Install the EKS Pod Identity agent add-on (IRSA is always available). @default false */
  readonly podIdentity?: boolean;
  /** Give the identity that creates the cluster admin access (Cairn's later components need it). @default true */
  readonly bootstrapCreatorAdmin?: boolean;
  /** Extra IAM principals given access entries. @default [] */
  readonly accessEntries?: readonly EksAccessEntry[];
  /** Managed node groups. @default [{ name: "system" }] */
  readonly nodeGroups?: readonly EksNodeGroupArgs[];
  /** Tags on every AWS resource. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}
