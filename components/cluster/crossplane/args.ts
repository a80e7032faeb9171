import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  checkEndpoint,
  checkVersionChange,
  currentVersionField,
  endpointFields,
  instanceTypeField,
  scalingSchema,
} from "../schema";
import { cidrsOverlap, cidrString, parseCidr } from "../../shared/cidr";
import { KUBERNETES_VERSIONS, minorOf } from "../../shared/kubernetes-version";
import { dnsLabel, documented as doc } from "../../shared/validate";
import { exampleZone, zoneInRegion } from "../network-plan";

/** Clouds the Crossplane compositions target. */
export const CrossplaneCloud = { Aws: "aws", Alibaba: "alibaba" } as const;
export type CrossplaneCloud = (typeof CrossplaneCloud)[keyof typeof CrossplaneCloud];

/** The service range each cloud's Composition gives the cluster. */
export const CROSSPLANE_SERVICE_CIDRS: Readonly<Record<CrossplaneCloud, string>> = {
  aws: "172.20.0.0/16",
  alibaba: "172.21.0.0/20",
};

/**
 * Args of {@link CrossplaneCluster} and {@link buildCrossplaneManifests}: the
 * one source of their types, defaults and documentation.
 */
export const crossplaneClusterArgs = z
  .strictObject({
    cloud: doc(
      z.enum(Object.values(CrossplaneCloud), { error: 'cloud must be "aws" or "alibaba"' }),
      "Cloud whose composition builds the cluster.",
    ),
    region: doc(
      z
        .string()
        .regex(
          /^[a-z]{2}(-[a-z]+)+-?\d*$/,
          'region must be a cloud region such as "eu-west-1" or "cn-hangzhou"',
        ),
      'Cloud region, e.g. "eu-west-1" or "cn-hangzhou".',
    ),
    zones: doc(
      z
        .array(z.string().min(1))
        .length(3, "zones must list exactly 3 zones (the Compositions compose one subnet per zone)"),
      "Exactly 3 zones (the compositions compose one subnet per zone).",
    ),
    kubernetesVersion: doc(
      z.string().optional(),
      "Kubernetes version (major.minor), on Cairn's allowlist for the cloud.",
      "- the newest allowed",
    ),
    currentVersion: doc(
      currentVersionField,
      "The version running now; a downgrade or skipped minor is rejected.",
      "- no check",
    ),
    claimNamespace: doc(
      dnsLabel("claimNamespace").default("platform-clusters"),
      "Namespace of the claim and its connection secret in the management cluster.",
    ),
    claimName: doc(
      dnsLabel("claimName").optional(),
      "Name of the claim (a DNS-1123 label).",
      "- the component's logical name",
    ),
    vpcCidr: doc(cidrString("vpcCidr").default("10.0.0.0/16"), "VPC CIDR."),
    endpointPublicAccess: doc(
      endpointFields.endpointPublicAccess,
      "Expose the API endpoint on the internet (requires `publicAccessCidrs`).",
    ),
    publicAccessCidrs: doc(endpointFields.publicAccessCidrs, "CIDRs allowed to reach a public endpoint."),
    deletionProtection: doc(
      z.boolean().default(true),
      "Orphan (keep) the cloud cluster and key when the claim is deleted, and turn on cloud deletion protection.",
    ),
    logRetentionDays: doc(
      z
        .number()
        .int()
        .min(1, "logRetentionDays must be 1-3650")
        .max(3650, "logRetentionDays must be 1-3650")
        .default(90),
      "Control-plane log retention in days.",
    ),
    instanceType: doc(
      z.string().min(1).optional(),
      "Node instance type, in its cloud's shape: `<family>.<size>` on AWS, `ecs.<family>.<size>` on Alibaba.",
      '- "m7i.large" on AWS, "ecs.g7.xlarge" on Alibaba',
    ),
    scaling: doc(scalingSchema({ minSize: 3, maxSize: 6, desiredSize: 3 }), "Node scaling bounds."),
    installDefinitions: doc(
      z.boolean().default(true),
      "Register the XRD, both Compositions and the function package too (once per management cluster).",
    ),
    alicloudProvider: doc(
      z
        .custom<pulumi.ProviderResource>((v) => typeof v === "object" && v !== null, {
          error: "alicloudProvider must be an alicloud provider resource",
        })
        .optional(),
      'For `cloud: "alibaba"`: the kubeconfig is fetched with this provider, since the Alibaba provider publishes no cluster credentials.',
      "- none (required on Alibaba)",
    ),
  })
  .transform((v) => ({
    ...v,
    kubernetesVersion:
      v.kubernetesVersion ?? KUBERNETES_VERSIONS[v.cloud][KUBERNETES_VERSIONS[v.cloud].length - 1],
  }))
  .superRefine((v, ctx) => {
    const allowed: readonly string[] = KUBERNETES_VERSIONS[v.cloud];
    if (!allowed.includes(minorOf(v.kubernetesVersion) ?? "")) {
      ctx.addIssue({
        code: "custom",
        path: ["kubernetesVersion"],
        message: `kubernetesVersion must be one of ${allowed.join(", ")} (the versions Cairn supports on ${v.cloud})`,
      });
    }
    checkEndpoint(v, ctx);
    checkVersionChange(v, ctx);
    const instanceType =
      v.instanceType && instanceTypeField(v.cloud, "instanceType").safeParse(v.instanceType);
    if (instanceType && !instanceType.success) {
      ctx.addIssue({ code: "custom", path: ["instanceType"], message: instanceType.error.issues[0].message });
    }
    const outside = v.zones.findIndex((zone) => !zoneInRegion(zone, v.region, v.cloud));
    if (outside >= 0) {
      ctx.addIssue({
        code: "custom",
        path: ["zones", outside],
        message: `zones must be in region ${v.region}, e.g. ${exampleZone(v.region, v.cloud)}`,
      });
    }
    const serviceCidr = CROSSPLANE_SERVICE_CIDRS[v.cloud];
    if (parseCidr(v.vpcCidr) && cidrsOverlap(serviceCidr, v.vpcCidr)) {
      ctx.addIssue({
        code: "custom",
        path: ["vpcCidr"],
        message: `It overlaps the service range ${serviceCidr}: use a block in 10.0.0.0/8`,
      });
    }
  });

/** Args for {@link CrossplaneCluster}, as a caller writes them (derived from the schema). */
export type CrossplaneClusterArgs = z.input<typeof crossplaneClusterArgs>;
