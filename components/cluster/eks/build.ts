import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type ClusterPosture, CONTROL_PLANE_LOG_TYPES } from "../contract";
import { postureWeakenings } from "../posture";
import { AWS_ZONE_LIMIT, planZones, resolveNetworkCidrs } from "../network-plan";
import { eksClusterName } from "../../shared/naming";
import { parseArgs } from "../../shared/validate";
import { type EksClusterArgs, eksClusterArgs } from "./args";

type EksSchemaOutput = z.output<typeof eksClusterArgs>;

export const EKS_CLUSTER_TYPE = "cairn:cluster:EksCluster";

/** AWS VPC and subnet IPv4 sizes (EC2 CreateVpc/CreateSubnet). */
export const AWS_PREFIX_RANGE = { min: 16, max: 28 } as const;

/** The network Cairn creates, or the existing one it uses. */
export type EksNetworkPlan =
  | {
      readonly kind: "new";
      readonly vpcCidr: string;
      /** Zone names, or undefined to look up the region's first `zoneCount` zones. */
      readonly zoneNames?: readonly string[];
      readonly zoneCount: number;
      readonly privateSubnetCidrs: readonly string[];
      readonly publicSubnetCidrs: readonly string[];
    }
  | {
      readonly kind: "existing";
      readonly vpcCidr: string;
      readonly zoneCount: number;
      /** The existing VPC, as given (it may come from another resource). */
      readonly vpcId: pulumi.Input<string>;
      /** Its private subnets, one per zone, as given. */
      readonly privateSubnetIds: readonly pulumi.Input<string>[];
    };

/** EKS args with every default resolved and every check passed. */
export type ResolvedEksCluster = Omit<EksSchemaOutput, "existingNetwork" | "clusterName"> & {
  readonly clusterName: string;
  readonly network: EksNetworkPlan;
};

/** Validates args and resolves the secure defaults. Throws CairnInputError before anything is created. */
export function resolveEksCluster(name: string, args: EksClusterArgs = {}): ResolvedEksCluster {
  const where = `${EKS_CLUSTER_TYPE} "${name}"`;
  const parsed = parseArgs(eksClusterArgs, args, where);
  const clusterName =
    parsed.clusterName ??
    parseArgs(
      z.object({ clusterName: eksClusterName("the component name, used as clusterName") }),
      { clusterName: name },
      where,
    ).clusterName;
  const network = planEksNetwork(where, parsed);
  const rest: Omit<EksSchemaOutput, "existingNetwork"> = { ...parsed };
  delete (rest as Partial<EksSchemaOutput>).existingNetwork;
  return { ...rest, clusterName, network };
}

function planEksNetwork(where: string, p: EksSchemaOutput): EksNetworkPlan {
  if (p.existingNetwork) {
    const { vpcId, vpcCidr, privateSubnetIds } = p.existingNetwork;
    return { kind: "existing", vpcCidr, zoneCount: privateSubnetIds.length, vpcId, privateSubnetIds };
  }
  const zones = planZones(where, p.availabilityZones, p.zoneCount, { limit: AWS_ZONE_LIMIT });
  const cidrs = resolveNetworkCidrs(where, {
    vpcCidr: p.vpcCidr,
    zones: zones.count,
    vpcPrefixRange: AWS_PREFIX_RANGE,
    subnetPrefixRange: AWS_PREFIX_RANGE,
    tiers: [
      { argument: "privateSubnetCidrs", given: p.privateSubnetCidrs, extraBits: 1 },
      { argument: "publicSubnetCidrs", given: p.publicSubnetCidrs, extraBits: 4 },
    ],
  });
  return {
    kind: "new",
    vpcCidr: p.vpcCidr,
    zoneNames: zones.names,
    zoneCount: zones.count,
    privateSubnetCidrs: cidrs[0],
    publicSubnetCidrs: cidrs[1],
  };
}

/** The cloud-neutral posture of a resolved EKS cluster. */
export function buildEksPosture(r: ResolvedEksCluster): ClusterPosture {
  return {
    endpointPublic: r.endpointPublicAccess,
    publicAccessCidrs: r.endpointPublicAccess ? [...r.publicAccessCidrs] : [],
    secretsEncrypted: true,
    controlPlaneLogs: [...CONTROL_PLANE_LOG_TYPES],
    workloadIdentity: "oidc",
    deletionProtection: r.deletionProtection,
    // Nodes only ever run in private subnets (no public IP on launch).
    privateNodes: true,
    zones: r.network.zoneCount,
  };
}

/** Every choice less safe than Cairn's defaults. */
export function eksWeakenings(r: ResolvedEksCluster): string[] {
  const out = postureWeakenings(buildEksPosture(r)).map((w) => `cluster ${r.clusterName}: ${w}`);
  if (r.network.kind === "new" && !r.flowLogs) out.push(`cluster ${r.clusterName}: VPC flow logs off`);
  if (r.network.kind === "new" && r.natGateways === "single")
    out.push(
      `cluster ${r.clusterName}: one NAT gateway for all zones (a single point of failure for egress)`,
    );
  for (const g of r.nodeGroups) {
    if (g.metadataHopLimit > 1)
      out.push(
        `node group ${g.name}: IMDS hop limit ${g.metadataHopLimit} lets pods reach the node's instance role`,
      );
    if (g.sshKeyName)
      out.push(
        `node group ${g.name}: SSH open from ${g.sshSourceSecurityGroupIds.join(", ")} with key ${g.sshKeyName}`,
      );
  }
  return out;
}

/** Managed access-policy ARNs for each Cairn access level. */
export const ACCESS_POLICY_ARNS = {
  "cluster-admin": "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy",
  admin: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy",
  edit: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
  view: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
} as const;

/** A kubeconfig that gets short-lived tokens from `aws eks get-token`; it holds no credential itself. */
export function buildEksKubeconfig(opts: {
  clusterName: string;
  endpoint: string;
  certificateAuthority: string;
  region: string;
}): string {
  const name = opts.clusterName;
  return JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      { name, cluster: { server: opts.endpoint, "certificate-authority-data": opts.certificateAuthority } },
    ],
    contexts: [{ name, context: { cluster: name, user: name } }],
    "current-context": name,
    users: [
      {
        name,
        user: {
          exec: {
            apiVersion: "client.authentication.k8s.io/v1beta1",
            command: "aws",
            args: ["eks", "get-token", "--cluster-name", name, "--region", opts.region, "--output", "json"],
            interactiveMode: "Never",
          },
        },
      },
    ],
  });
}
