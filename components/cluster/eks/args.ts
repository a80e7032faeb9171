import { z } from "zod";
import {
  AWS_TAG_RULES,
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
import { cidrString } from "../../shared/cidr";
import { eksClusterName } from "../../shared/naming";
import { dnsLabel, documented as doc } from "../../shared/validate";

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

/** CloudWatch Logs retention values (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const nodeGroup = z
  .strictObject({
    name: doc(dnsLabel("nodeGroups[].name"), "Node group name, a DNS-1123 label, unique in the cluster."),
    instanceTypes: doc(
      z
        .array(instanceTypeField("aws", "each nodeGroups[].instanceTypes entry"))
        .min(1, "instanceTypes needs at least one type")
        .default(["m7i.large"]),
      "EC2 instance types, `<family>.<size>` such as `m7i.large` (EC2 instance type naming).",
    ),
    scaling: doc(
      scalingSchema({ minSize: 3, maxSize: 6, desiredSize: 3 }),
      "Scaling bounds; `desiredSize` defaults to minSize, at least 3, at most maxSize.",
    ),
    diskSizeGiB: doc(
      z.number().int().min(20, "diskSizeGiB must be 20-16384").max(16384).default(50),
      "Root volume size in GiB (always encrypted, gp3).",
    ),
    amiType: doc(z.string().default("AL2023_x86_64_STANDARD"), "EKS AMI type."),
    capacityType: doc(
      z
        .enum(["ON_DEMAND", "SPOT"], { error: 'capacityType must be "ON_DEMAND" or "SPOT"' })
        .default("ON_DEMAND"),
      '"ON_DEMAND" or "SPOT".',
    ),
    labels: doc(z.record(z.string(), z.string()).default({}), "Kubernetes labels on the nodes."),
    metadataHopLimit: doc(
      z
        .union([z.literal(1), z.literal(2)], { error: "metadataHopLimit must be 1 (default) or 2" })
        .default(1),
      "IMDSv2 hop limit. 1 keeps pods from reaching the node's instance role; 2 is a weakening, reported in `weakenings`.",
    ),
    sshKeyName: doc(
      z.string().min(1).optional(),
      "EC2 key pair for SSH. Requires `sshSourceSecurityGroupIds`.",
      "- no SSH",
    ),
    sshSourceSecurityGroupIds: doc(
      z
        .array(
          z.string().regex(/^sg-[0-9a-f]+$/, 'sshSourceSecurityGroupIds entries must be ids like "sg-0abc"'),
        )
        .default([]),
      "Security groups allowed to reach port 22 when `sshKeyName` is set.",
    ),
  })
  .superRefine((g, ctx) => {
    if (g.sshKeyName && g.sshSourceSecurityGroupIds.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["sshSourceSecurityGroupIds"],
        message:
          "sshKeyName is set but no source security group is, which would open port 22 to 0.0.0.0/0: list the bastion's security groups in sshSourceSecurityGroupIds, or drop sshKeyName and use SSM",
      });
    }
    if (!g.sshKeyName && g.sshSourceSecurityGroupIds.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["sshSourceSecurityGroupIds"],
        message: "sshSourceSecurityGroupIds only applies with sshKeyName: set both or neither",
      });
    }
  });

const accessEntry = z.strictObject({
  principalArn: doc(
    z
      .string()
      .regex(
        /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/.+$/,
        'principalArn must be an IAM role or user ARN such as "arn:aws:iam::123456789012:role/platform-admins"',
      ),
    "ARN of the IAM role or user.",
  ),
  policy: doc(
    z.enum(Object.values(EksAccessPolicy), {
      error: 'policy must be one of "cluster-admin", "admin", "edit" or "view"',
    }),
    "The access policy associated.",
  ),
  namespaces: doc(
    z.array(dnsLabel("accessEntries[].namespaces entries")).optional(),
    "Namespaces the policy is limited to.",
    "- the whole cluster",
  ),
});

const existingNetwork = z.strictObject({
  vpcId: doc(resourceId("existingNetwork.vpcId"), "VPC id."),
  vpcCidr: doc(cidrString("existingNetwork.vpcCidr"), "The VPC's IPv4 CIDR, checked against `serviceCidr`."),
  privateSubnetIds: doc(
    z
      .array(resourceId("each existingNetwork.privateSubnetIds entry"))
      .min(
        2,
        "EKS needs private subnets in at least 2 zones: pass one private subnet id per zone (3 recommended)",
      ),
    "Private subnet ids, one per zone (at least 2). Their route tables must not route 0.0.0.0/0 to an internet gateway.",
  ),
});

/**
 * Args of {@link EksCluster}: the one source of their types, defaults and
 * documentation. Every field is optional and secure by default. Network checks
 * that need the carved subnets run in `resolveEksCluster`.
 */
export const eksClusterArgs = z
  .strictObject({
    clusterName: doc(
      eksClusterName("clusterName").optional(),
      "Cluster name in AWS.",
      "- the component's logical name",
    ),
    kubernetesVersion: doc(
      versionField("aws"),
      "Kubernetes version (major.minor), on Cairn's EKS allowlist.",
      "- the newest allowed",
    ),
    currentVersion: doc(
      currentVersionField,
      "The version running now (for example from a stack output or config). When set, a downgrade or a skipped minor version is rejected.",
      "- no check",
    ),
    vpcCidr: doc(cidrString("vpcCidr").default("10.0.0.0/16"), "VPC IPv4 CIDR, /16 to /28."),
    availabilityZones: doc(
      z
        .array(
          z
            .string()
            .regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, 'availabilityZones entries look like "eu-west-1a"'),
        )
        .optional(),
      "Availability zones (2 to 6: no AWS region has more than 6).",
      "- the region's first `zoneCount` zones",
    ),
    zoneCount: doc(
      z.number().int("zoneCount must be a whole number").optional(),
      "Number of zones when `availabilityZones` is not set (2 to 6: no AWS region has more than 6).",
      "- 3",
    ),
    privateSubnetCidrs: doc(
      z.array(cidrString("each privateSubnetCidrs entry")).optional(),
      "Private (node) subnet CIDRs, one per zone.",
      "- carved from vpcCidr",
    ),
    publicSubnetCidrs: doc(
      z.array(cidrString("each publicSubnetCidrs entry")).optional(),
      "Public (load balancer, NAT) subnet CIDRs, one per zone.",
      "- carved from vpcCidr",
    ),
    natGateways: doc(
      z
        .enum(Object.values(NatGateways), { error: 'natGateways must be "perZone" or "single"' })
        .default("perZone"),
      'NAT gateway layout. "single" is a weakening.',
    ),
    flowLogs: doc(
      z.boolean().default(true),
      "VPC flow logs (all traffic) to CloudWatch, kept `logRetentionDays`; off is a weakening. Only for a new VPC.",
    ),
    existingNetwork: doc(
      existingNetwork.optional(),
      "Use an existing VPC and private subnets; no network resources are created.",
      "- a new VPC",
    ),
    serviceCidr: doc(
      cidrString("serviceCidr").default("172.20.0.0/16"),
      "Kubernetes service CIDR; must not overlap the VPC.",
    ),
    endpointPublicAccess: doc(
      endpointFields.endpointPublicAccess,
      "Expose the API endpoint on the internet (requires `publicAccessCidrs`).",
    ),
    publicAccessCidrs: doc(
      endpointFields.publicAccessCidrs,
      "CIDRs allowed to reach a public endpoint; never empty when public.",
    ),
    logRetentionDays: doc(
      z
        .number()
        .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
          error: `logRetentionDays must be a CloudWatch retention value: ${LOG_RETENTION_DAYS.join(", ")}`,
        })
        .default(90),
      "Retention of the control-plane log group, in days (a CloudWatch retention value).",
    ),
    keyDeletionWindowDays: doc(
      z
        .number()
        .int()
        .min(7, "keyDeletionWindowDays must be 7-30")
        .max(30, "keyDeletionWindowDays must be 7-30")
        .default(30),
      "KMS key deletion window in days, 7-30.",
    ),
    deletionProtection: doc(
      z.boolean().default(true),
      "Protect the cluster and key from deletion (Pulumi `protect` and EKS deletion protection).",
    ),
    podIdentity: doc(
      z.boolean().default(false),
      "Install the EKS Pod Identity agent add-on (IRSA is always available).",
    ),
    bootstrapCreatorAdmin: doc(
      z.boolean().default(true),
      "Give the identity that creates the cluster admin access (Cairn's later components need it).",
    ),
    accessEntries: doc(z.array(accessEntry).default([]), "Extra IAM principals given access entries."),
    nodeGroups: doc(
      z
        .array(nodeGroup)
        .min(1, "nodeGroups needs at least one node group")
        .prefault([{ name: "system" }]),
      "Managed node groups. Nodes always run in the private subnets.",
      '- [{ name: "system" }]',
    ),
    tags: doc(
      tagsField(AWS_TAG_RULES),
      "Tags on every AWS resource. AWS tagging limits: keys up to 128 characters and never starting with `aws:`, " +
        "values up to 256, at most 47 tags (AWS allows 50 per resource; Cairn adds up to 3).",
    ),
  })
  .superRefine((v, ctx) => {
    checkEndpoint(v, ctx);
    checkVersionChange(v, ctx);
    checkUniqueNames(v.nodeGroups, "nodeGroups", "node group", ctx);
    // EKS CreateCluster rules for the service range.
    checkServiceCidr(v, ctx, {
      prefixes: { min: 12, max: 24 },
      rule: 'EKS needs a private (RFC 1918) block from /12 to /24 for services, such as "172.20.0.0/16"',
      overlap: ': pick a service range outside the VPC, such as "172.20.0.0/16"',
    });
  });

/** Args for {@link EksCluster}, as a caller writes them (derived from the schema). */
export type EksClusterArgs = z.input<typeof eksClusterArgs>;
/** A managed node group. */
export type EksNodeGroupArgs = z.input<typeof nodeGroup>;
/** An IAM principal granted access to the cluster through the EKS access-entry API. */
export type EksAccessEntry = z.input<typeof accessEntry>;
/** An existing VPC to use instead of creating one. */
export type EksExistingNetwork = z.input<typeof existingNetwork>;
/** Node scaling bounds. */
export type ScalingArgs = NonNullable<EksNodeGroupArgs["scaling"]>;
