import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { type ResolvedEksCluster } from "./build";
import { CairnError } from "../../shared/errors";

/** What the cluster and node groups need from the network. */
export interface EksNetwork {
  readonly vpcId: pulumi.Output<string>;
  readonly privateSubnetIds: pulumi.Output<string>[];
  readonly publicSubnetIds: pulumi.Output<string>[];
}

type ChildOpts = { parent: pulumi.Resource; provider: pulumi.ProviderResource };

/** Uses an existing VPC and private subnets as given. */
export function existingNetwork(
  vpcId: pulumi.Input<string>,
  subnetIds: readonly pulumi.Input<string>[],
): EksNetwork {
  return {
    vpcId: pulumi.output(vpcId),
    privateSubnetIds: subnetIds.map((id) => pulumi.output(id)),
    publicSubnetIds: [],
  };
}

/**
 * A VPC with one private and one public subnet per zone, an internet gateway,
 * NAT gateways for the private subnets' egress, and a default security group
 * with no rules. No subnet assigns public IPs on launch: only NAT gateways
 * and load balancers get public addresses.
 */
export function createNetwork(
  name: string,
  r: ResolvedEksCluster,
  logsKeyArn: pulumi.Input<string>,
  opts: ChildOpts,
): EksNetwork {
  if (r.network.kind !== "new") throw new Error("createNetwork needs a new-network plan");
  const plan = r.network;
  const tags = (role: string, extra: Record<string, string> = {}) => ({
    ...r.tags,
    Name: `${r.clusterName}-${role}`,
    "managed-by": "cairn",
    ...extra,
  });
  const zone = zoneNames(name, plan.zoneNames, opts);

  const vpc = new aws.ec2.Vpc(
    `${name}-vpc`,
    { cidrBlock: plan.vpcCidr, enableDnsHostnames: true, enableDnsSupport: true, tags: tags("vpc") },
    opts,
  );
  if (r.flowLogs) createFlowLogs(name, r, vpc.id, logsKeyArn, tags("flow-logs"), opts);
  // Take over the default security group and leave it with no rules.
  new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, tags: tags("default-deny") }, opts);
  const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: tags("igw") }, opts);

  const publicRt = new aws.ec2.RouteTable(
    `${name}-public-rt`,
    { vpcId: vpc.id, routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }], tags: tags("public") },
    opts,
  );
  const publicSubnets = plan.publicSubnetCidrs.map((cidr, i) => {
    const subnet = new aws.ec2.Subnet(
      `${name}-public-${i}`,
      {
        vpcId: vpc.id,
        cidrBlock: cidr,
        availabilityZone: zone(i),
        mapPublicIpOnLaunch: false,
        tags: tags(`public-${i}`, { "kubernetes.io/role/elb": "1" }),
      },
      opts,
    );
    new aws.ec2.RouteTableAssociation(
      `${name}-public-${i}`,
      { subnetId: subnet.id, routeTableId: publicRt.id },
      opts,
    );
    return subnet;
  });

  const natCount = r.natGateways === "single" ? 1 : plan.zoneCount;
  const nats = publicSubnets.slice(0, natCount).map((subnet, i) => {
    const eip = new aws.ec2.Eip(`${name}-nat-${i}`, { domain: "vpc", tags: tags(`nat-${i}`) }, opts);
    return new aws.ec2.NatGateway(
      `${name}-nat-${i}`,
      { allocationId: eip.id, subnetId: subnet.id, tags: tags(`nat-${i}`) },
      { ...opts, dependsOn: [igw] },
    );
  });

  const privateSubnets = plan.privateSubnetCidrs.map((cidr, i) => {
    const subnet = new aws.ec2.Subnet(
      `${name}-private-${i}`,
      {
        vpcId: vpc.id,
        cidrBlock: cidr,
        availabilityZone: zone(i),
        mapPublicIpOnLaunch: false,
        tags: tags(`private-${i}`, {
          "kubernetes.io/role/internal-elb": "1",
          "karpenter.sh/discovery": r.clusterName,
        }),
      },
      opts,
    );
    const rt = new aws.ec2.RouteTable(
      `${name}-private-rt-${i}`,
      {
        vpcId: vpc.id,
        routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nats[Math.min(i, nats.length - 1)].id }],
        tags: tags(`private-${i}`),
      },
      opts,
    );
    new aws.ec2.RouteTableAssociation(
      `${name}-private-${i}`,
      { subnetId: subnet.id, routeTableId: rt.id },
      opts,
    );
    return subnet;
  });

  return {
    vpcId: vpc.id,
    privateSubnetIds: privateSubnets.map((s) => s.id),
    publicSubnetIds: publicSubnets.map((s) => s.id),
  };
}

/** VPC flow logs (all traffic) to a retention-bound CloudWatch log group (CIS AWS Foundations 3.9). */
function createFlowLogs(
  name: string,
  r: ResolvedEksCluster,
  vpcId: pulumi.Output<string>,
  kmsKeyId: pulumi.Input<string>,
  tags: Record<string, string>,
  opts: ChildOpts,
): void {
  const group = new aws.cloudwatch.LogGroup(
    `${name}-flow-logs`,
    { name: `/cairn/vpc/${r.clusterName}/flow-logs`, retentionInDays: r.logRetentionDays, kmsKeyId, tags },
    opts,
  );
  const role = new aws.iam.Role(
    `${name}-flow-logs-role`,
    {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "vpc-flow-logs.amazonaws.com" },
            Action: "sts:AssumeRole",
          },
        ],
      }),
      inlinePolicies: [
        {
          name: "write-flow-logs",
          policy: group.arn.apply((arn) =>
            JSON.stringify({
              Version: "2012-10-17",
              Statement: [
                {
                  Effect: "Allow",
                  Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                  Resource: `${arn}:*`,
                },
              ],
            }),
          ),
        },
      ],
      tags,
    },
    opts,
  );
  new aws.ec2.FlowLog(
    `${name}-flow-logs`,
    {
      vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: group.arn,
      iamRoleArn: role.arn,
      tags,
    },
    opts,
  );
}

/** Zone name for index i: the given names, or the region's available zones looked up once. */
function zoneNames(
  name: string,
  given: readonly string[] | undefined,
  opts: ChildOpts,
): (i: number) => pulumi.Input<string> {
  if (given) return (i) => given[i];
  const available = aws.getAvailabilityZonesOutput({ state: "available" }, opts);
  return (i) =>
    available.names.apply((names) => {
      if (i >= names.length)
        throw new CairnError(`${name}: the region has ${names.length} available zones, fewer than zoneCount`);
      return names[i];
    });
}
