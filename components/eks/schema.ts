import { z } from "zod";
import {
  checkUniqueNames,
  checkEndpoint,
  checkVersionChange,
  currentVersionField,
  endpointFields,
  scalingSchema,
  versionField,
} from "../cluster/schema";
import { cidrString } from "../shared/cidr";
import { eksClusterName } from "../shared/naming";
import { dnsLabel } from "../shared/validate";
import { EksAccessPolicy, NatGateways } from "./args";

/** CloudWatch Logs retention values (PutRetentionPolicy). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const nodeGroup = z
  .strictObject({
    name: dnsLabel("nodeGroups[].name"),
    instanceTypes: z
      .array(z.string().min(1))
      .min(1, "instanceTypes needs at least one type")
      .default(["m7i.large"]),
    scaling: scalingSchema({ minSize: 3, maxSize: 6, desiredSize: 3 }),
    diskSizeGiB: z.number().int().min(20, "diskSizeGiB must be 20-16384").max(16384).default(50),
    amiType: z.string().default("AL2023_x86_64_STANDARD"),
    capacityType: z
      .enum(["ON_DEMAND", "SPOT"], { error: 'capacityType must be "ON_DEMAND" or "SPOT"' })
      .default("ON_DEMAND"),
    labels: z.record(z.string(), z.string()).default({}),
    metadataHopLimit: z
      .union([z.literal(1), z.literal(2)], { error: "metadataHopLimit must be 1 (default) or 2" })
      .default(1),
    sshKeyName: z.string().min(1).optional(),
    sshSourceSecurityGroupIds: z
      .array(
        z.string().regex(/^sg-[0-9a-f]+$/, 'sshSourceSecurityGroupIds entries must be ids like "sg-0abc"'),
      )
      .default([]),
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
  principalArn: z
    .string()
    .regex(
      /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/.+$/,
      'principalArn must be an IAM role or user ARN such as "arn:aws:iam::123456789012:role/platform-admins"',
    ),
  policy: z.enum(Object.values(EksAccessPolicy), {
    error: 'policy must be one of "cluster-admin", "admin", "edit" or "view"',
  }),
  namespaces: z.array(dnsLabel("accessEntries[].namespaces entries")).optional(),
});

/** Zod schema of the plain (non-Output) EKS args; network checks that need several fields live in build.ts. */
export const eksSchema = z
  .strictObject({
    clusterName: eksClusterName("clusterName").optional(),
    kubernetesVersion: versionField("aws"),
    currentVersion: currentVersionField,
    vpcCidr: cidrString("vpcCidr").default("10.0.0.0/16"),
    availabilityZones: z
      .array(
        z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, 'availabilityZones entries look like "eu-west-1a"'),
      )
      .optional(),
    zoneCount: z.number().int("zoneCount must be a whole number").optional(),
    privateSubnetCidrs: z.array(cidrString("each privateSubnetCidrs entry")).optional(),
    publicSubnetCidrs: z.array(cidrString("each publicSubnetCidrs entry")).optional(),
    natGateways: z
      .enum(Object.values(NatGateways), { error: 'natGateways must be "perZone" or "single"' })
      .default("perZone"),
    flowLogs: z.boolean().default(true),
    existingNetwork: z
      .strictObject({
        vpcId: z.unknown(),
        vpcCidr: cidrString("existingNetwork.vpcCidr"),
        privateSubnetIds: z.array(z.unknown()),
      })
      .optional(),
    serviceCidr: cidrString("serviceCidr").default("172.20.0.0/16"),
    ...endpointFields,
    logRetentionDays: z
      .number()
      .refine((d) => (LOG_RETENTION_DAYS as readonly number[]).includes(d), {
        error: `logRetentionDays must be a CloudWatch retention value: ${LOG_RETENTION_DAYS.join(", ")}`,
      })
      .default(90),
    keyDeletionWindowDays: z
      .number()
      .int()
      .min(7, "keyDeletionWindowDays must be 7-30")
      .max(30, "keyDeletionWindowDays must be 7-30")
      .default(30),
    deletionProtection: z.boolean().default(true),
    podIdentity: z.boolean().default(false),
    bootstrapCreatorAdmin: z.boolean().default(true),
    accessEntries: z.array(accessEntry).default([]),
    nodeGroups: z
      .array(nodeGroup)
      .min(1, "nodeGroups needs at least one node group")
      .prefault([{ name: "system" }]),
    tags: z.record(z.string(), z.string()).default({}),
  })
  .superRefine((v, ctx) => {
    checkEndpoint(v, ctx);
    checkVersionChange(v, ctx);
    checkUniqueNames(v.nodeGroups, "nodeGroups", "node group", ctx);
  });

export type EksSchemaOutput = z.output<typeof eksSchema>;
