import { describe, expect, it } from "vitest";
import { cidrContains, firstOverlap } from "../../shared/cidr";
import { buildEksKubeconfig, buildEksPosture, eksWeakenings, resolveEksCluster } from "./build";

describe("resolveEksCluster", () => {
  it("defaults to a private endpoint, 3 zones, per-zone NAT, deletion protection and the newest version", () => {
    const r = resolveEksCluster("prod");
    expect(r).toMatchObject({
      clusterName: "prod",
      endpointPublicAccess: false,
      publicAccessCidrs: [],
      natGateways: "perZone",
      deletionProtection: true,
      kubernetesVersion: "1.35",
      logRetentionDays: 90,
      keyDeletionWindowDays: 30,
      serviceCidr: "172.20.0.0/16",
      network: { kind: "new", vpcCidr: "10.0.0.0/16", zoneCount: 3 },
    });
    expect(r.nodeGroups).toEqual([
      expect.objectContaining({
        name: "system",
        metadataHopLimit: 1,
        scaling: { minSize: 3, maxSize: 6, desiredSize: 3 },
      }),
    ]);
  });

  it("carves non-overlapping private and public subnets inside the VPC", () => {
    const r = resolveEksCluster("prod");
    if (r.network.kind !== "new") throw new Error("expected a new network");
    const all = [...r.network.privateSubnetCidrs, ...r.network.publicSubnetCidrs];
    expect(r.network.privateSubnetCidrs).toEqual(["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"]);
    expect(r.network.publicSubnetCidrs).toHaveLength(3);
    expect(all.every((c) => cidrContains("10.0.0.0/16", c))).toBe(true);
    expect(firstOverlap(all)).toBeUndefined();
  });

  it("uses the zones and subnets it is given", () => {
    const r = resolveEksCluster("prod", {
      availabilityZones: ["eu-west-1a", "eu-west-1b"],
      privateSubnetCidrs: ["10.0.0.0/20", "10.0.16.0/20"],
      publicSubnetCidrs: ["10.0.32.0/24", "10.0.33.0/24"],
    });
    expect(r.network).toMatchObject({ zoneCount: 2, zoneNames: ["eu-west-1a", "eu-west-1b"] });
  });

  it("takes the zone count of an existing network from its private subnets", () => {
    const r = resolveEksCluster("prod", {
      existingNetwork: { vpcId: "vpc-1", vpcCidr: "10.8.0.0/16", privateSubnetIds: ["s-1", "s-2", "s-3"] },
    });
    expect(r.network).toEqual({
      kind: "existing",
      vpcCidr: "10.8.0.0/16",
      zoneCount: 3,
      vpcId: "vpc-1",
      privateSubnetIds: ["s-1", "s-2", "s-3"],
    });
  });

  it("accepts an upgrade by one minor version", () => {
    expect(
      resolveEksCluster("prod", { kubernetesVersion: "1.35", currentVersion: "1.34" }).kubernetesVersion,
    ).toBe("1.35");
  });

  it("accepts a public endpoint with explicit CIDRs", () => {
    const r = resolveEksCluster("prod", {
      endpointPublicAccess: true,
      publicAccessCidrs: ["203.0.113.0/24"],
    });
    expect(buildEksPosture(r)).toMatchObject({ endpointPublic: true, publicAccessCidrs: ["203.0.113.0/24"] });
  });

  it("rejects a component name that cannot be a cluster name", () => {
    expect(() => resolveEksCluster("prod cluster")).toThrow(
      /invalid clusterName = "prod cluster".*EKS cluster name/,
    );
  });
});

describe("buildEksPosture and eksWeakenings", () => {
  it("reports the secure posture and no weakenings with defaults", () => {
    const r = resolveEksCluster("prod");
    expect(buildEksPosture(r)).toEqual({
      endpointPublic: false,
      publicAccessCidrs: [],
      secretsEncrypted: true,
      controlPlaneLogs: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
      workloadIdentity: "oidc",
      deletionProtection: true,
      privateNodes: true,
      zones: 3,
    });
    expect(eksWeakenings(r)).toEqual([]);
  });

  it("lists every explicit weakening", () => {
    const r = resolveEksCluster("prod", {
      deletionProtection: false,
      natGateways: "single",
      flowLogs: false,
      zoneCount: 2,
      endpointPublicAccess: true,
      publicAccessCidrs: ["198.51.100.7/32"],
      nodeGroups: [
        { name: "ops", metadataHopLimit: 2, sshKeyName: "ops", sshSourceSecurityGroupIds: ["sg-0abc"] },
      ],
    });
    expect(eksWeakenings(r)).toEqual([
      "cluster prod: API endpoint reachable from the internet (allowed CIDRs: 198.51.100.7/32)",
      "cluster prod: deletion protection off for the cluster and its key",
      "cluster prod: nodes span 2 zones (fewer than 3)",
      "cluster prod: VPC flow logs off",
      "cluster prod: one NAT gateway for all zones (a single point of failure for egress)",
      "node group ops: IMDS hop limit 2 lets pods reach the node's instance role",
      "node group ops: SSH open from sg-0abc with key ops",
    ]);
  });
});

describe("buildEksKubeconfig", () => {
  it("authenticates with aws eks get-token and embeds no credential", () => {
    const kc = JSON.parse(
      buildEksKubeconfig({
        clusterName: "prod",
        endpoint: "https://X.eks",
        certificateAuthority: "Q0E=",
        region: "eu-west-1",
      }),
    );
    expect(kc.clusters[0].cluster).toEqual({ server: "https://X.eks", "certificate-authority-data": "Q0E=" });
    expect(kc.users[0].user.exec).toMatchObject({
      command: "aws",
      args: ["eks", "get-token", "--cluster-name", "prod", "--region", "eu-west-1", "--output", "json"],
    });
    expect(JSON.stringify(kc.users)).not.toMatch(/token":|client-key/);
  });
});
