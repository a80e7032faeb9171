import * as alicloud from "@pulumi/alicloud";
import type * as pulumi from "@pulumi/pulumi";
import { type ResolvedAckCluster } from "./build";

type ChildOpts = { parent: pulumi.Resource; provider: pulumi.ProviderResource };
type NodePoolSpec = ResolvedAckCluster["nodePools"][number];

/**
 * The nodes' security group: everything from inside the VPC (control plane
 * ENIs, nodes and Terway pods all live there), SSH only from the CIDRs a node
 * pool names, and nothing from 0.0.0.0/0.
 */
export function createNodeSecurityGroup(
  name: string,
  r: ResolvedAckCluster,
  vpcId: pulumi.Input<string>,
  opts: ChildOpts,
): alicloud.ecs.SecurityGroup {
  const sg = new alicloud.ecs.SecurityGroup(
    `${name}-nodes-sg`,
    {
      vpcId,
      securityGroupName: `${r.clusterName}-nodes`,
      description: `Cairn: nodes of ACK cluster ${r.clusterName}`,
      tags: { ...r.tags, "managed-by": "cairn" },
    },
    opts,
  );
  new alicloud.ecs.SecurityGroupRule(
    `${name}-nodes-from-vpc`,
    {
      securityGroupId: sg.id,
      type: "ingress",
      ipProtocol: "all",
      portRange: "-1/-1",
      cidrIp: r.network.vpcCidr,
      policy: "accept",
      description: "cluster traffic inside the VPC",
    },
    opts,
  );
  const sshCidrs = [...new Set(r.nodePools.flatMap((p) => (p.sshKeyName ? p.sshSourceCidrs : [])))];
  sshCidrs.forEach((cidr, i) => {
    new alicloud.ecs.SecurityGroupRule(
      `${name}-nodes-ssh-${i}`,
      {
        securityGroupId: sg.id,
        type: "ingress",
        ipProtocol: "tcp",
        portRange: "22/22",
        cidrIp: cidr,
        policy: "accept",
        description: "SSH from an allowed CIDR",
      },
      opts,
    );
  });
  return sg;
}

/** Context shared by every node pool of a cluster. */
export interface NodePoolContext {
  readonly clusterId: pulumi.Output<string>;
  readonly vswitchIds: pulumi.Output<string>[];
  readonly securityGroupId: pulumi.Output<string>;
  readonly kmsKeyId: pulumi.Input<string>;
  readonly tags: Record<string, string>;
}

/**
 * A node pool on hardened Alibaba Cloud Linux 3 with KMS-encrypted disks,
 * IMDS tokens required, no public IP, auto-repair and auto-scaling.
 */
export function createNodePool(name: string, p: NodePoolSpec, ctx: NodePoolContext, opts: ChildOpts) {
  return new alicloud.cs.NodePool(
    `${name}-${p.name}-pool`,
    {
      clusterId: ctx.clusterId,
      nodePoolName: p.name,
      vswitchIds: ctx.vswitchIds,
      instanceTypes: [...p.instanceTypes],
      imageType: "AliyunLinux3",
      securityHardeningOs: true,
      securityGroupIds: [ctx.securityGroupId],
      systemDiskCategory: "cloud_essd",
      systemDiskSize: p.systemDiskSizeGiB,
      systemDiskEncrypted: true,
      systemDiskKmsKey: ctx.kmsKeyId,
      instanceMetadataOptions: { httpTokens: "required" },
      internetMaxBandwidthOut: 0,
      ...(p.sshKeyName ? { keyName: p.sshKeyName } : {}),
      scalingConfig: { enable: true, minSize: p.scaling.minSize, maxSize: p.scaling.maxSize, type: "cpu" },
      management: { enable: true, autoRepair: true, autoVulFix: true, maxUnavailable: 1 },
      labels: Object.entries({ ...p.labels, "cairn.dev/node-pool": p.name }).map(([key, value]) => ({
        key,
        value,
      })),
      tags: ctx.tags,
    },
    opts,
  );
}
