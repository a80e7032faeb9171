import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type ClusterPosture } from "../contract";
import { ALIBABA_ZONE_LIMIT, planZones, resolveNetworkCidrs } from "../network-plan";
import { normaliseLogs, postureWeakenings } from "../posture";
import { isPrivateIpv4 } from "../../shared/cidr";
import { minorOf } from "../../shared/kubernetes-version";
import { CairnError, CairnInputError } from "../../shared/errors";
import { ackClusterName } from "../../shared/naming";
import { parseArgs } from "../../shared/validate";
import {
  type AckClusterArgs,
  ackClusterArgs,
  type AckLogComponent,
  DEFAULT_LOG_COMPONENTS,
  DEFAULT_LOG_TTL_DAYS,
} from "./args";

type AckSchemaOutput = z.output<typeof ackClusterArgs>;

export const ACK_CLUSTER_TYPE = "cairn:cluster:AckCluster";

/** Alibaba Cloud VPC and vSwitch IPv4 sizes. */
export const ALIBABA_VPC_PREFIX = { min: 8, max: 28 } as const;
export const ALIBABA_VSWITCH_PREFIX = { min: 16, max: 29 } as const;

export type AckNetworkPlan =
  | {
      readonly kind: "new";
      readonly vpcCidr: string;
      readonly zoneIds?: readonly string[];
      readonly zoneCount: number;
      readonly podVswitchCidrs: readonly string[];
      readonly nodeVswitchCidrs: readonly string[];
    }
  | {
      readonly kind: "existing";
      readonly vpcCidr: string;
      readonly zoneCount: number;
      /** The existing VPC and vSwitches, as given (they may come from other resources). */
      readonly vpcId: pulumi.Input<string>;
      readonly nodeVswitchIds: readonly pulumi.Input<string>[];
      readonly podVswitchIds: readonly pulumi.Input<string>[];
    };

/** ACK args with every default resolved and every check passed. */
export type ResolvedAckCluster = Omit<
  AckSchemaOutput,
  "existingNetwork" | "clusterName" | "controlPlaneLogComponents" | "controlPlaneLogTtlDays"
> & {
  readonly clusterName: string;
  readonly network: AckNetworkPlan;
  readonly logComponents: readonly AckLogComponent[];
  readonly logTtlDays: number;
};

/** Validates args and resolves the secure defaults. Throws CairnInputError before anything is created. */
export function resolveAckCluster(name: string, args: AckClusterArgs = {}): ResolvedAckCluster {
  const where = `${ACK_CLUSTER_TYPE} "${name}"`;
  const parsed = parseArgs(ackClusterArgs, args, where);
  const clusterName =
    parsed.clusterName ??
    parseArgs(
      z.object({ clusterName: ackClusterName("the component name, used as clusterName") }),
      { clusterName: name },
      where,
    ).clusterName;
  const network = planAckNetwork(where, parsed);
  const logComponents = parsed.controlPlaneLogComponents ?? DEFAULT_LOG_COMPONENTS;
  const rest: Partial<AckSchemaOutput> = { ...parsed };
  delete rest.existingNetwork;
  delete rest.controlPlaneLogComponents;
  delete rest.controlPlaneLogTtlDays;
  return {
    ...(rest as Omit<AckSchemaOutput, "existingNetwork">),
    clusterName,
    network,
    logComponents,
    logTtlDays: parsed.controlPlaneLogTtlDays ?? DEFAULT_LOG_TTL_DAYS,
  };
}

function planAckNetwork(where: string, p: AckSchemaOutput): AckNetworkPlan {
  if (p.existingNetwork) {
    const { vpcId, vpcCidr, nodeVswitchIds, podVswitchIds } = p.existingNetwork;
    return {
      kind: "existing",
      vpcCidr,
      zoneCount: nodeVswitchIds.length,
      vpcId,
      nodeVswitchIds,
      podVswitchIds,
    };
  }
  if (!isPrivateIpv4(p.vpcCidr)) {
    throw new CairnInputError(
      where,
      "vpcCidr",
      p.vpcCidr,
      'An Alibaba Cloud VPC uses a private (RFC 1918) block, such as "10.0.0.0/16".',
    );
  }
  const zones = planZones(where, p.zoneIds, p.zoneCount, {
    namesArgument: "zoneIds",
    limit: ALIBABA_ZONE_LIMIT,
  });
  const [pods, nodes] = resolveNetworkCidrs(where, {
    vpcCidr: p.vpcCidr,
    zones: zones.count,
    vpcPrefixRange: ALIBABA_VPC_PREFIX,
    subnetPrefixRange: ALIBABA_VSWITCH_PREFIX,
    tiers: [
      { argument: "podVswitchCidrs", given: p.podVswitchCidrs, extraBits: 1 },
      { argument: "nodeVswitchCidrs", given: p.nodeVswitchCidrs, extraBits: 3 },
    ],
  });
  return {
    kind: "new",
    vpcCidr: p.vpcCidr,
    zoneIds: zones.names,
    zoneCount: zones.count,
    podVswitchCidrs: pods,
    nodeVswitchCidrs: nodes,
  };
}

/**
 * ACK log components in the contract's vocabulary. ACK has no separate
 * authenticator: kube-apiserver authenticates requests and logs them, so
 * `apiserver` covers both `api` and `authenticator`; `audit` is the SLS audit log.
 */
export function normaliseAckLogs(components: readonly AckLogComponent[], auditLog: boolean): string[] {
  const map: Partial<Record<AckLogComponent, string[]>> = {
    apiserver: ["api", "authenticator"],
    kcm: ["controllerManager"],
    scheduler: ["scheduler"],
  };
  return normaliseLogs([...components.flatMap((c) => map[c] ?? []), ...(auditLog ? ["audit"] : [])]);
}

/** The cloud-neutral posture of a resolved ACK cluster. */
export function buildAckPosture(r: ResolvedAckCluster): ClusterPosture {
  return {
    endpointPublic: r.endpointPublicAccess,
    publicAccessCidrs: r.endpointPublicAccess ? [...r.publicAccessCidrs] : [],
    secretsEncrypted: true,
    controlPlaneLogs: normaliseAckLogs(r.logComponents, r.auditLog),
    workloadIdentity: r.rrsa ? "oidc" : "none",
    deletionProtection: r.deletionProtection,
    // Node pools get no public IP (internetMaxBandwidthOut 0); egress goes through the NAT gateway.
    privateNodes: true,
    zones: r.network.zoneCount,
  };
}

/**
 * The newest ACK release of a minor version from the versions ACK offers
 * (`cs.getKubernetesVersion`), e.g. "1.34" -> "1.34.3-aliyun.1". A full
 * version is returned unchanged. ACK creates clusters from full versions only.
 */
export function pickAckVersion(requested: string, offered: readonly string[]): string {
  if (requested !== minorOf(requested)) return requested;
  const parts = (v: string) => (v.match(/\d+/g) ?? []).map(Number);
  const candidates = offered
    .filter((v) => minorOf(v) === requested)
    .sort((a, b) => {
      const [pa, pb] = [parts(a), parts(b)];
      for (let i = 0; i < Math.max(pa.length, pb.length); i++)
        if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
      return 0;
    });
  if (candidates.length === 0) {
    throw new CairnError(
      `ACK offers no ${requested} release in this region (offered: ${offered.join(", ")}); pick another kubernetesVersion`,
    );
  }
  return candidates[candidates.length - 1];
}

/** Every choice less safe than Cairn's defaults. */
export function ackWeakenings(r: ResolvedAckCluster): string[] {
  const out = postureWeakenings(buildAckPosture(r)).map((w) => `cluster ${r.clusterName}: ${w}`);
  if (r.endpointPublicAccess)
    out.push(
      `cluster ${r.clusterName}: the API allowlist is an SLB access-control list that ACK does not attach itself; attach it to the API server listener (port 6443)`,
    );
  for (const p of r.nodePools) {
    if (p.sshKeyName)
      out.push(`node pool ${p.name}: SSH open from ${p.sshSourceCidrs.join(", ")} with key ${p.sshKeyName}`);
  }
  return out;
}
