import { z } from "zod";
import {
  ALIBABA_TAG_RULES,
  checkEndpoint,
  checkServiceCidr,
  checkUniqueNames,
  checkVersionChange,
  currentVersionField,
  endpointFields,
  instanceTypeField,
  scalingSchema,
  tagsField,
  versionField,
  resourceId,
} from "../schema";
import { cidrString, parseCidr } from "../../shared/cidr";
import { ackClusterName } from "../../shared/naming";
import { dnsLabel, documented as doc } from "../../shared/validate";

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

/** Every log component: the default when `controlPlaneLogComponents` is not set. */
export const DEFAULT_LOG_COMPONENTS = Object.values(AckLogComponent);
/** Log retention with the default components. */
export const DEFAULT_LOG_TTL_DAYS = 90;

const nodePool = z
  .strictObject({
    name: doc(dnsLabel("nodePools[].name"), "Node pool name, a DNS-1123 label, unique in the cluster."),
    instanceTypes: doc(
      z
        .array(instanceTypeField("alibaba", "each nodePools[].instanceTypes entry"))
        .min(1, "instanceTypes needs at least one type")
        .default(["ecs.g7.xlarge"]),
      "ECS instance types, `ecs.<family>.<size>` such as `ecs.g7.xlarge` (ECS instance type naming).",
    ),
    scaling: doc(
      scalingSchema({ minSize: 3, maxSize: 6, desiredSize: 3 }),
      "Auto-scaling bounds. ACK's autoscaler starts at minSize; desiredSize is only checked.",
    ),
    systemDiskSizeGiB: doc(
      z.number().int().min(40, "systemDiskSizeGiB must be 40-2048").max(2048).default(120),
      "System disk size in GiB (always encrypted, ESSD).",
    ),
    labels: doc(z.record(z.string(), z.string()).default({}), "Kubernetes labels on the nodes."),
    sshKeyName: doc(
      z.string().min(1).optional(),
      "ECS key pair for SSH. Requires `sshSourceCidrs`.",
      "- no SSH",
    ),
    sshSourceCidrs: doc(
      z.array(cidrString("each sshSourceCidrs entry")).default([]),
      "CIDRs allowed to reach port 22 when `sshKeyName` is set; never 0.0.0.0/0.",
    ),
  })
  .superRefine((p, ctx) => {
    if (p.sshKeyName && p.sshSourceCidrs.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["sshSourceCidrs"],
        message:
          "sshKeyName is set but no source CIDR is: list the bastion or VPN CIDRs allowed to reach port 22, or drop sshKeyName",
      });
    }
    p.sshSourceCidrs.forEach((cidr, i) => {
      if (parseCidr(cidr)?.prefix === 0) {
        ctx.addIssue({
          code: "custom",
          path: ["sshSourceCidrs", i],
          message: `${cidr} opens SSH to the whole internet: list the specific CIDRs that need it`,
        });
      }
    });
    if (!p.sshKeyName && p.sshSourceCidrs.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["sshSourceCidrs"],
        message: "sshSourceCidrs only applies with sshKeyName: set both or neither",
      });
    }
  });

const existingNetwork = z
  .strictObject({
    vpcId: doc(resourceId("existingNetwork.vpcId"), "VPC id."),
    vpcCidr: doc(
      cidrString("existingNetwork.vpcCidr"),
      "The VPC's IPv4 CIDR, checked against `serviceCidr`.",
    ),
    nodeVswitchIds: doc(
      z
        .array(resourceId("each existingNetwork.nodeVswitchIds entry"))
        .min(
          2,
          "ACK nodes need vSwitches in at least 2 zones: pass one node vSwitch id per zone (3 recommended)",
        ),
      "Node vSwitch ids, one per zone (at least 2).",
    ),
    podVswitchIds: doc(
      z.array(resourceId("each existingNetwork.podVswitchIds entry")),
      "Terway pod vSwitch ids, one per zone, in the same zones.",
    ),
  })
  .superRefine((n, ctx) => {
    if (n.podVswitchIds.length !== n.nodeVswitchIds.length) {
      ctx.addIssue({
        code: "custom",
        path: ["podVswitchIds"],
        message: `Terway needs one pod vSwitch per node vSwitch zone (${n.nodeVswitchIds.length})`,
      });
      return;
    }
    const shared = n.podVswitchIds.find((id) => typeof id === "string" && n.nodeVswitchIds.includes(id));
    if (shared !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["podVswitchIds"],
        message: `${String(shared)} is also a node vSwitch: give Terway pods their own vSwitches in the same zones`,
      });
    }
  });

/**
 * Args of {@link AckCluster}: the one source of their types, defaults and
 * documentation. Every field is optional and secure by default. Network checks
 * that need the carved vSwitches run in `resolveAckCluster`.
 */
export const ackClusterArgs = z
  .strictObject({
    clusterName: doc(
      ackClusterName("clusterName").optional(),
      "Cluster name in Alibaba Cloud.",
      "- the component's logical name",
    ),
    kubernetesVersion: doc(
      versionField("alibaba"),
      'Kubernetes version (major.minor, or a full ACK version such as "1.34.1-aliyun.1").',
      "- the newest allowed",
    ),
    currentVersion: doc(
      currentVersionField,
      "The version running now; when set, a downgrade or a skipped minor version is rejected.",
      "- no check",
    ),
    clusterSpec: doc(
      z
        .enum(Object.values(AckClusterSpec), {
          error: `clusterSpec must be an ACK Pro tier (${Object.values(AckClusterSpec).join(", ")}): KMS Secrets encryption needs ACK Pro`,
        })
        .default("ack.pro.small"),
      "Control-plane tier; ACK Pro only.",
    ),
    vpcCidr: doc(cidrString("vpcCidr").default("10.0.0.0/16"), "VPC IPv4 CIDR (RFC 1918), /8 to /28."),
    zoneIds: doc(
      z
        .array(z.string().regex(/^[a-z]{2}(-[a-z0-9]+)+$/, 'zoneIds entries look like "cn-hangzhou-j"'))
        .optional(),
      'Zone ids (2 to 12: no Alibaba Cloud region has more than 12), e.g. "cn-hangzhou-j".',
      "- the region's first `zoneCount` zones offering vSwitches",
    ),
    zoneCount: doc(
      z.number().int("zoneCount must be a whole number").optional(),
      "Number of zones when `zoneIds` is not set (2 to 12).",
      "- 3",
    ),
    nodeVswitchCidrs: doc(
      z.array(cidrString("each nodeVswitchCidrs entry")).optional(),
      "Node vSwitch CIDRs, one per zone.",
      "- carved from vpcCidr",
    ),
    podVswitchCidrs: doc(
      z.array(cidrString("each podVswitchCidrs entry")).optional(),
      "Terway pod vSwitch CIDRs, one per zone.",
      "- carved from vpcCidr",
    ),
    existingNetwork: doc(
      existingNetwork.optional(),
      "Use an existing VPC and vSwitches; no network resources are created.",
      "- a new VPC",
    ),
    serviceCidr: doc(
      cidrString("serviceCidr").default("172.21.0.0/20"),
      "Kubernetes service CIDR; must not overlap the VPC.",
    ),
    endpointPublicAccess: doc(
      endpointFields.endpointPublicAccess,
      "Create an internet-facing API server load balancer (requires `publicAccessCidrs`).",
    ),
    publicAccessCidrs: doc(
      endpointFields.publicAccessCidrs,
      "CIDRs for the API server's access-control list; never empty when public.",
    ),
    controlPlaneLogComponents: doc(
      z
        .array(
          z.enum(DEFAULT_LOG_COMPONENTS, {
            error: `controlPlaneLogComponents entries must be among ${DEFAULT_LOG_COMPONENTS.join(", ")}`,
          }),
        )
        .optional(),
      "Control-plane log components. Give `controlPlaneLogTtlDays` with them. [] turns logs off (a weakening).",
      "- all five",
    ),
    controlPlaneLogTtlDays: doc(
      z
        .number()
        .int()
        .min(1, "controlPlaneLogTtlDays must be 1-3650")
        .max(3650, "controlPlaneLogTtlDays must be 1-3650")
        .optional(),
      "Control-plane log retention in days, 1-3650.",
      `- ${DEFAULT_LOG_TTL_DAYS} (with the default components)`,
    ),
    auditLog: doc(z.boolean().default(true), "Ship the API server audit log to SLS."),
    rrsa: doc(
      z.boolean().default(true),
      "Enable RRSA (RAM roles for service accounts). Once on, ACK cannot turn it off.",
    ),
    kmsKeyId: doc(
      resourceId("kmsKeyId").optional(),
      "KMS key id for Secrets encryption.",
      "- a new key with automatic rotation",
    ),
    kmsInstanceId: doc(
      z.string().min(1).optional(),
      "KMS instance for the new key (KMS 3.0).",
      "- a default key in the region",
    ),
    keyPendingWindowDays: doc(
      z
        .number()
        .int()
        .min(7, "keyPendingWindowDays must be 7-30")
        .max(30, "keyPendingWindowDays must be 7-30")
        .default(30),
      "Days before a deleted key is destroyed, 7-30.",
    ),
    deletionProtection: doc(
      z.boolean().default(true),
      "Protect the cluster and key from deletion (Pulumi `protect` and ACK/KMS deletion protection).",
    ),
    nodePools: doc(
      z
        .array(nodePool)
        .min(1, "nodePools needs at least one node pool")
        .prefault([{ name: "system" }]),
      "Node pools. Nodes run in the node vSwitches with no public IP.",
      '- [{ name: "system" }]',
    ),
    tags: doc(
      tagsField(ALIBABA_TAG_RULES),
      "Tags on every resource that takes them. Alibaba Cloud tag limits: keys up to 128 characters and never " +
        "starting with `aliyun` or `acs:`, values up to 128, neither containing `http://` or `https://`.",
    ),
  })
  .superRefine((v, ctx) => {
    checkEndpoint(v, ctx);
    checkVersionChange(v, ctx);
    const components = v.controlPlaneLogComponents;
    const ttl = v.controlPlaneLogTtlDays;
    if (components && components.length > 0 && ttl === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["controlPlaneLogTtlDays"],
        message:
          "controlPlaneLogComponents is set without a retention: ACK needs both, so set controlPlaneLogTtlDays (e.g. 90)",
      });
    }
    if (ttl !== undefined && !(components && components.length > 0)) {
      ctx.addIssue({
        code: "custom",
        path: ["controlPlaneLogComponents"],
        message:
          "controlPlaneLogTtlDays is set without components: list the components to collect, or omit both for the defaults",
      });
    }
    checkUniqueNames(v.nodePools, "nodePools", "node pool", ctx);
    checkServiceCidr(v, ctx, {
      prefixes: { min: 16, max: 24 },
      rule: 'ACK needs a private block from /16 to /24 for services, such as "172.21.0.0/20"',
      overlap: ' (and so the pod vSwitches): pick a service range outside the VPC, such as "172.21.0.0/20"',
    });
  });

/** Args for {@link AckCluster}, as a caller writes them (derived from the schema). */
export type AckClusterArgs = z.input<typeof ackClusterArgs>;
/** A node pool. */
export type AckNodePoolArgs = z.input<typeof nodePool>;
/** An existing VPC and vSwitches to use instead of creating them. */
export type AckExistingNetwork = z.input<typeof existingNetwork>;
