import * as pulumi from "@pulumi/pulumi";

/** ACK Pro control-plane tiers (Pro is required for KMS Secrets encryption). */
export const AckClusterSpec = {
  ProSmall: "ack.pro.small",
  ProXlarge: "ack.pro.xlarge",
  Pro2xlarge: "ack.pro.2xlarge",
} as const;
export type AckClusterSpec = (typeof AckClusterSpec)[keyof typeof AckClusterSpec];

/** ACK control-plane log components. */
export const AckLogComponent = {
  ApiServer: "apiserver",
  ControllerManager: "kcm",
  Scheduler: "scheduler",
  CloudControllerManager: "ccm",
  ControlPlaneEvents: "controlplane-events",
} as const;
export type AckLogComponent = (typeof AckLogComponent)[keyof typeof AckLogComponent];

/** A node pool. Nodes run in the node vSwitches with no public IP. */
export interface AckNodePoolArgs {
  /** Node pool name, a DNS-1123 label, unique in the cluster. */
  readonly name: string;
  /** ECS instance types. @default ["ecs.g7.xlarge"] */
  readonly instanceTypes?: readonly string[];
  /** Auto-scaling bounds. ACK's autoscaler starts at minSize; desiredSize is only checked. @default { minSize: 3, maxSize: 6 } */
  readonly scaling?: { readonly minSize?: number; readonly maxSize?: number; readonly desiredSize?: number };
  /** System disk size in GiB (always encrypted, ESSD). @default 120 */
  readonly systemDiskSizeGiB?: number;
  /** Kubernetes labels on the nodes. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** ECS key pair for SSH. Requires `sshSourceCidrs`. @default - no SSH */
  readonly sshKeyName?: string;
  /** CIDRs allowed to reach port 22 when `sshKeyName` is set; never 0.0.0.0/0. @default [] */
  readonly sshSourceCidrs?: readonly string[];
}

/** An existing VPC and vSwitches to use instead of creating them. */
export interface AckExistingNetwork {
  readonly vpcId: pulumi.Input<string>;
  /** The VPC's IPv4 CIDR, checked against `serviceCidr`. */
  readonly vpcCidr: string;
  /** Node vSwitch ids, one per zone (at least 2). */
  readonly nodeVswitchIds: readonly pulumi.Input<string>[];
  /** Terway pod vSwitch ids, one per zone, in the same zones. */
  readonly podVswitchIds: readonly pulumi.Input<string>[];
}

/** Args for {@link AckCluster}. Every field is optional and secure by default. */
export interface AckClusterArgs {
  /** Cluster name in Alibaba Cloud. @default - the component's logical name */
  readonly clusterName?: string;
  /** Kubernetes version (major.minor, or a full ACK version such as "1.34.1-aliyun.1"). @default - the newest allowed */
  readonly kubernetesVersion?: string;
  /** The version running now; when set, a downgrade or a skipped minor version is rejected. @default - no check */
  readonly currentVersion?: string;
  /** Control-plane tier; ACK Pro only. @default "ack.pro.small" */
  readonly clusterSpec?: AckClusterSpec;
  /** VPC IPv4 CIDR (RFC 1918), /8 to /28. @default "10.0.0.0/16" */
  readonly vpcCidr?: string;
  /** Zone ids (at least 2), e.g. "cn-hangzhou-j". @default - the region's first `zoneCount` zones offering vSwitches */
  readonly zoneIds?: readonly string[];
  /** Number of zones when `zoneIds` is not set (at least 2). @default 3 */
  readonly zoneCount?: number;
  /** Node vSwitch CIDRs, one per zone. @default - carved from vpcCidr */
  readonly nodeVswitchCidrs?: readonly string[];
  /** Terway pod vSwitch CIDRs, one per zone. @default - carved from vpcCidr */
  readonly podVswitchCidrs?: readonly string[];
  /** Use an existing VPC and vSwitches; no network resources are created. @default - a new VPC */
  readonly existingNetwork?: AckExistingNetwork;
  /** Kubernetes service CIDR; must not overlap the VPC. @default "172.21.0.0/20" */
  readonly serviceCidr?: string;
  /** Create an internet-facing API server load balancer (requires `publicAccessCidrs`). @default false */
  readonly endpointPublicAccess?: boolean;
  /** CIDRs for the API server's access-control list; never empty when public. @default [] */
  readonly publicAccessCidrs?: readonly string[];
  /** Control-plane log components. Give `controlPlaneLogTtlDays` with them. [] turns logs off (a weakening). @default all five */
  readonly controlPlaneLogComponents?: readonly AckLogComponent[];
  /** Control-plane log retention in days, 1-3650. @default 90 (with the default components) */
  readonly controlPlaneLogTtlDays?: number;
  /** Ship the API server audit log to SLS. @default true */
  readonly auditLog?: boolean;
  /** Enable RRSA (RAM roles for service accounts). Once on, ACK cannot turn it off. @default true */
  readonly rrsa?: boolean;
  /** KMS key id for Secrets encryption. @default - a new key with automatic rotation */
  readonly kmsKeyId?: pulumi.Input<string>;
  /** KMS instance for the new key (KMS 3.0). @default - a default key in the region */
  readonly kmsInstanceId?: string;
  /** Days before a deleted key is destroyed, 7-30. @default 30 */
  readonly keyPendingWindowDays?: number;
  /** Protect the cluster and key from deletion (Pulumi `protect` and ACK/KMS deletion protection). @default true */
  readonly deletionProtection?: boolean;
  /** Node pools. @default [{ name: "system" }] */
  readonly nodePools?: readonly AckNodePoolArgs[];
  /** Tags on every resource that takes them. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}
