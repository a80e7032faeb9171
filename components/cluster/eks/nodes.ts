import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type ResolvedEksCluster } from "./build";

type ChildOpts = { parent: pulumi.Resource; provider: pulumi.ProviderResource };
type NodeGroupSpec = ResolvedEksCluster["nodeGroups"][number];

/** Inputs shared by every node group of a cluster. */
export interface NodeGroupContext {
  readonly clusterName: pulumi.Output<string>;
  readonly clusterSecurityGroupId: pulumi.Output<string>;
  readonly vpcId: pulumi.Output<string>;
  readonly version: string;
  readonly nodeRoleArn: pulumi.Output<string>;
  readonly subnetIds: pulumi.Output<string>[];
  readonly tags: Record<string, string>;
  readonly dependsOn: pulumi.Resource[];
}

/**
 * A managed node group on a launch template that requires IMDSv2 with a hop
 * limit of 1 and encrypts the root volume. SSH is only possible with a key
 * AND source security groups; the group then gets its own security group
 * allowing port 22 from those groups alone.
 */
export function createNodeGroup(
  name: string,
  clusterName: string,
  g: NodeGroupSpec,
  ctx: NodeGroupContext,
  opts: ChildOpts,
): aws.eks.NodeGroup {
  const prefix = `${name}-${g.name}`;
  const securityGroupIds: pulumi.Input<string>[] = [ctx.clusterSecurityGroupId];
  if (g.sshKeyName) {
    const ssh = new aws.ec2.SecurityGroup(
      `${prefix}-ssh`,
      {
        vpcId: ctx.vpcId,
        description: `SSH to ${g.name} nodes from the listed security groups only`,
        ingress: [
          { protocol: "tcp", fromPort: 22, toPort: 22, securityGroups: [...g.sshSourceSecurityGroupIds] },
        ],
        tags: ctx.tags,
      },
      opts,
    );
    securityGroupIds.push(ssh.id);
  }
  const template = new aws.ec2.LaunchTemplate(
    `${prefix}-lt`,
    {
      description: `Cairn node template for ${g.name}`,
      metadataOptions: {
        httpEndpoint: "enabled",
        httpTokens: "required",
        httpPutResponseHopLimit: g.metadataHopLimit,
        instanceMetadataTags: "disabled",
      },
      blockDeviceMappings: [
        {
          deviceName: "/dev/xvda",
          ebs: {
            volumeSize: g.diskSizeGiB,
            volumeType: "gp3",
            encrypted: "true",
            deleteOnTermination: "true",
          },
        },
      ],
      ...(g.sshKeyName ? { keyName: g.sshKeyName } : {}),
      vpcSecurityGroupIds: securityGroupIds,
      tagSpecifications: [
        { resourceType: "instance", tags: { ...ctx.tags, "karpenter.sh/discovery": clusterName } },
      ],
      updateDefaultVersion: true,
      tags: ctx.tags,
    },
    opts,
  );
  return new aws.eks.NodeGroup(
    `${prefix}-nodes`,
    {
      clusterName: ctx.clusterName,
      nodeGroupName: g.name,
      version: ctx.version,
      nodeRoleArn: ctx.nodeRoleArn,
      subnetIds: ctx.subnetIds,
      amiType: g.amiType,
      capacityType: g.capacityType,
      instanceTypes: [...g.instanceTypes],
      scalingConfig: { ...g.scaling },
      updateConfig: { maxUnavailable: 1 },
      launchTemplate: { id: template.id, version: pulumi.interpolate`${template.latestVersion}` },
      labels: { ...g.labels, "cairn.dev/node-group": g.name },
      tags: {
        ...ctx.tags,
        "k8s.io/cluster-autoscaler/enabled": "true",
        [`k8s.io/cluster-autoscaler/${clusterName}`]: "owned",
      },
    },
    // The autoscaler owns the desired size after creation.
    { ...opts, dependsOn: ctx.dependsOn, ignoreChanges: ["scalingConfig.desiredSize"] },
  );
}
