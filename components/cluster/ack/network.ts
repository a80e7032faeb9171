import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { type ResolvedAckCluster } from "./build";
import { CairnError } from "../../shared/errors";

type ChildOpts = { parent: pulumi.Resource; provider: pulumi.ProviderResource };

/** What the cluster and node pools need from the network. */
export interface AckNetwork {
  readonly vpcId: pulumi.Output<string>;
  readonly nodeVswitchIds: pulumi.Output<string>[];
  readonly podVswitchIds: pulumi.Output<string>[];
}

export function existingAckNetwork(
  vpcId: pulumi.Input<string>,
  nodes: readonly pulumi.Input<string>[],
  pods: readonly pulumi.Input<string>[],
): AckNetwork {
  return {
    vpcId: pulumi.output(vpcId),
    nodeVswitchIds: nodes.map((id) => pulumi.output(id)),
    podVswitchIds: pods.map((id) => pulumi.output(id)),
  };
}

/**
 * A VPC with a node vSwitch and a Terway pod vSwitch per zone, and an
 * enhanced NAT gateway with one EIP and SNAT entries for every vSwitch, so
 * nodes and pods reach the internet without public IPs of their own.
 */
export function createAckNetwork(name: string, r: ResolvedAckCluster, opts: ChildOpts): AckNetwork {
  if (r.network.kind !== "new") throw new Error("createAckNetwork needs a new-network plan");
  const plan = r.network;
  const tags = { ...r.tags, "managed-by": "cairn", "cairn.dev/cluster": r.clusterName };
  const zone = zoneIds(name, plan.zoneIds, opts);

  const vpc = new alicloud.vpc.Network(
    `${name}-vpc`,
    { vpcName: `${r.clusterName}-vpc`, cidrBlock: plan.vpcCidr, tags },
    opts,
  );
  const vswitch = (role: string, cidr: string, i: number) =>
    new alicloud.vpc.Switch(
      `${name}-${role}-${i}`,
      { vpcId: vpc.id, cidrBlock: cidr, zoneId: zone(i), vswitchName: `${r.clusterName}-${role}-${i}`, tags },
      opts,
    );
  const nodes = plan.nodeVswitchCidrs.map((cidr, i) => vswitch("nodes", cidr, i));
  const pods = plan.podVswitchCidrs.map((cidr, i) => vswitch("pods", cidr, i));

  const nat = new alicloud.vpc.NatGateway(
    `${name}-nat`,
    {
      vpcId: vpc.id,
      vswitchId: nodes[0].id,
      natType: "Enhanced",
      paymentType: "PayAsYouGo",
      networkType: "internet",
      natGatewayName: `${r.clusterName}-nat`,
      tags,
    },
    opts,
  );
  const eip = new alicloud.ecs.EipAddress(
    `${name}-nat-eip`,
    {
      addressName: `${r.clusterName}-nat`,
      paymentType: "PayAsYouGo",
      internetChargeType: "PayByTraffic",
      tags,
    },
    opts,
  );
  const association = new alicloud.ecs.EipAssociation(
    `${name}-nat-eip`,
    { allocationId: eip.id, instanceId: nat.id, instanceType: "Nat" },
    opts,
  );
  const snatTableId = nat.snatTableIds.apply((ids) => ids.split(",")[0]);
  [...nodes, ...pods].forEach((sw, i) => {
    new alicloud.vpc.SnatEntry(
      `${name}-snat-${i}`,
      { snatTableId, sourceVswitchId: sw.id, snatIp: eip.ipAddress },
      { ...opts, dependsOn: [association] },
    );
  });

  return {
    vpcId: vpc.id,
    nodeVswitchIds: nodes.map((s) => s.id),
    podVswitchIds: pods.map((s) => s.id),
  };
}

function zoneIds(
  name: string,
  given: readonly string[] | undefined,
  opts: ChildOpts,
): (i: number) => pulumi.Input<string> {
  if (given) return (i) => given[i];
  const zones = alicloud.getZonesOutput({ availableResourceCreation: "VSwitch" }, opts);
  return (i) =>
    zones.ids.apply((ids) => {
      if (i >= ids.length)
        throw new CairnError(
          `${name}: the region offers vSwitches in ${ids.length} zones, fewer than zoneCount`,
        );
      return ids[i];
    });
}
