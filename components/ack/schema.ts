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
import { cidrString, parseCidr } from "../shared/cidr";
import { ackClusterName } from "../shared/naming";
import { dnsLabel } from "../shared/validate";
import { AckClusterSpec, AckLogComponent } from "./args";

export const DEFAULT_LOG_COMPONENTS = Object.values(AckLogComponent);
export const DEFAULT_LOG_TTL_DAYS = 90;

const nodePool = z
  .strictObject({
    name: dnsLabel("nodePools[].name"),
    instanceTypes: z
      .array(z.string().min(1))
      .min(1, "instanceTypes needs at least one type")
      .default(["ecs.g7.xlarge"]),
    scaling: scalingSchema({ minSize: 3, maxSize: 6, desiredSize: 3 }),
    systemDiskSizeGiB: z.number().int().min(40, "systemDiskSizeGiB must be 40-2048").max(2048).default(120),
    labels: z.record(z.string(), z.string()).default({}),
    sshKeyName: z.string().min(1).optional(),
    sshSourceCidrs: z.array(cidrString("each sshSourceCidrs entry")).default([]),
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

/** Zod schema of the plain ACK args; network checks that span several fields live in build.ts. */
export const ackSchema = z
  .strictObject({
    clusterName: ackClusterName("clusterName").optional(),
    kubernetesVersion: versionField("alibaba"),
    currentVersion: currentVersionField,
    clusterSpec: z
      .enum(Object.values(AckClusterSpec), {
        error: `clusterSpec must be an ACK Pro tier (${Object.values(AckClusterSpec).join(", ")}): KMS Secrets encryption needs ACK Pro`,
      })
      .default("ack.pro.small"),
    vpcCidr: cidrString("vpcCidr").default("10.0.0.0/16"),
    zoneIds: z
      .array(z.string().regex(/^[a-z]{2}(-[a-z0-9]+)+$/, 'zoneIds entries look like "cn-hangzhou-j"'))
      .optional(),
    zoneCount: z.number().int("zoneCount must be a whole number").optional(),
    nodeVswitchCidrs: z.array(cidrString("each nodeVswitchCidrs entry")).optional(),
    podVswitchCidrs: z.array(cidrString("each podVswitchCidrs entry")).optional(),
    existingNetwork: z
      .strictObject({
        vpcId: z.unknown(),
        vpcCidr: cidrString("existingNetwork.vpcCidr"),
        nodeVswitchIds: z.array(z.unknown()),
        podVswitchIds: z.array(z.unknown()),
      })
      .optional(),
    serviceCidr: cidrString("serviceCidr").default("172.21.0.0/20"),
    ...endpointFields,
    controlPlaneLogComponents: z
      .array(
        z.enum(DEFAULT_LOG_COMPONENTS, {
          error: `controlPlaneLogComponents entries must be among ${DEFAULT_LOG_COMPONENTS.join(", ")}`,
        }),
      )
      .optional(),
    controlPlaneLogTtlDays: z
      .number()
      .int()
      .min(1, "controlPlaneLogTtlDays must be 1-3650")
      .max(3650, "controlPlaneLogTtlDays must be 1-3650")
      .optional(),
    auditLog: z.boolean().default(true),
    rrsa: z.boolean().default(true),
    kmsKeyId: z.unknown().optional(),
    kmsInstanceId: z.string().min(1).optional(),
    keyPendingWindowDays: z
      .number()
      .int()
      .min(7, "keyPendingWindowDays must be 7-30")
      .max(30, "keyPendingWindowDays must be 7-30")
      .default(30),
    deletionProtection: z.boolean().default(true),
    nodePools: z
      .array(nodePool)
      .min(1, "nodePools needs at least one node pool")
      .prefault([{ name: "system" }]),
    tags: z.record(z.string(), z.string()).default({}),
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
  });

export type AckSchemaOutput = z.output<typeof ackSchema>;
