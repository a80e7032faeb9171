import { z } from "zod";
import { cidrsOverlap, cidrString, isPrivateIpv4, parseCidr } from "../shared/cidr";
import { documented as doc, stringInput } from "../shared/validate";
import {
  KUBERNETES_VERSIONS,
  minorOf,
  type VersionedCloud,
  versionChangeProblem,
} from "../shared/kubernetes-version";

/**
 * zod pieces shared by the cloud cluster components, so EKS and ACK accept
 * and reject the same things with the same messages.
 */

/** A value that may come from another resource (a VPC, subnet, vSwitch or key id). */
export const resourceId = (what: string) =>
  stringInput(`${what} must be a non-empty id (a string or an Output)`);

/** Endpoint exposure: private unless `endpointPublicAccess` is set AND CIDRs are listed. */
export const endpointFields = {
  endpointPublicAccess: doc(
    z.boolean().default(false),
    "Expose the API endpoint on the internet (requires `publicAccessCidrs`).",
  ),
  publicAccessCidrs: doc(
    z.array(cidrString("each publicAccessCidrs entry")).default([]),
    "CIDRs allowed to reach a public endpoint; never empty when public.",
  ),
};

/** Checks the endpoint fields together; call from a superRefine on the whole args object. */
export function checkEndpoint(
  v: { endpointPublicAccess: boolean; publicAccessCidrs: string[] },
  ctx: z.RefinementCtx,
): void {
  if (v.endpointPublicAccess && v.publicAccessCidrs.length === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["publicAccessCidrs"],
      message:
        "endpointPublicAccess is true but publicAccessCidrs is empty, which the cloud treats as 0.0.0.0/0: list the CIDRs allowed to reach the API (e.g. your VPN egress /32), or keep the endpoint private",
    });
  }
  v.publicAccessCidrs.forEach((cidr, i) => {
    if (parseCidr(cidr)?.prefix === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["publicAccessCidrs", i],
        message: `${cidr} opens the API to the whole internet: list the specific CIDRs that need access`,
      });
    }
  });
  if (!v.endpointPublicAccess && v.publicAccessCidrs.length > 0) {
    ctx.addIssue({
      code: "custom",
      path: ["publicAccessCidrs"],
      message:
        "publicAccessCidrs only applies to a public endpoint: set endpointPublicAccess: true or remove them",
    });
  }
}

/**
 * Checks the service CIDR against the cloud's rules (private, within a prefix
 * range) and the VPC (existing or new); call from a superRefine.
 */
export function checkServiceCidr(
  v: { serviceCidr: string; vpcCidr: string; existingNetwork?: { vpcCidr: string } },
  ctx: z.RefinementCtx,
  rules: { readonly prefixes: { min: number; max: number }; readonly rule: string; readonly overlap: string },
): void {
  const vpcCidr = v.existingNetwork?.vpcCidr ?? v.vpcCidr;
  const service = parseCidr(v.serviceCidr);
  if (!service || !parseCidr(vpcCidr)) return; // reported by the fields' own rules
  if (
    !isPrivateIpv4(v.serviceCidr) ||
    service.prefix < rules.prefixes.min ||
    service.prefix > rules.prefixes.max
  ) {
    ctx.addIssue({ code: "custom", path: ["serviceCidr"], message: rules.rule });
  } else if (cidrsOverlap(v.serviceCidr, vpcCidr)) {
    ctx.addIssue({
      code: "custom",
      path: ["serviceCidr"],
      message: `${v.serviceCidr} overlaps the VPC ${vpcCidr}${rules.overlap}`,
    });
  }
}

/** Kubernetes version on a cloud's allowlist, with the default the newest. */
export function versionField(cloud: VersionedCloud) {
  const allowed = KUBERNETES_VERSIONS[cloud];
  return z
    .string()
    .refine((v) => (allowed as readonly string[]).includes(minorOf(v) ?? ""), {
      error: `kubernetesVersion must be one of ${allowed.join(", ")} (the versions Cairn supports on ${cloud})`,
    })
    .default(allowed[allowed.length - 1]);
}

/** `currentVersion`: the version running now, to catch downgrades and skipped minors. */
export const currentVersionField = z
  .string()
  .refine((v) => minorOf(v) !== undefined, { error: 'currentVersion must look like "1.34"' })
  .optional();

/** Checks `kubernetesVersion` against `currentVersion`; call from a superRefine. */
export function checkVersionChange(
  v: { kubernetesVersion: string; currentVersion?: string },
  ctx: z.RefinementCtx,
): void {
  const current = v.currentVersion && minorOf(v.currentVersion);
  const next = minorOf(v.kubernetesVersion);
  if (!current || !next) return;
  const problem = versionChangeProblem(current, next);
  if (problem) {
    ctx.addIssue({
      code: "custom",
      path: ["kubernetesVersion"],
      message: `${problem}: set kubernetesVersion to ${current} or the next minor version`,
    });
  }
}

/** Reports every repeated `name` in a list of node groups or pools; call from a superRefine. */
export function checkUniqueNames(
  items: readonly { name: string }[],
  field: string,
  what: string,
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.name)) {
      ctx.addIssue({
        code: "custom",
        path: [field, i, "name"],
        message: `${what} names must be unique: rename one of them`,
      });
    }
    seen.add(item.name);
  });
}

/** Node scaling bounds, checked together. */
export function scalingSchema(defaults: { minSize: number; maxSize: number; desiredSize: number }) {
  const count = (what: string) =>
    z.number().int(`${what} must be a whole number`).min(0, `${what} must be >= 0`);
  return z
    .strictObject({
      minSize: doc(count("minSize").default(defaults.minSize), "Fewest nodes."),
      maxSize: doc(
        count("maxSize").min(1, "maxSize must be at least 1").default(defaults.maxSize),
        "Most nodes.",
      ),
      desiredSize: doc(
        count("desiredSize").optional(),
        "Nodes to start with.",
        `- minSize, at least ${defaults.desiredSize}, at most maxSize`,
      ),
    })
    .superRefine((s, ctx) => {
      if (s.minSize > s.maxSize) {
        ctx.addIssue({
          code: "custom",
          path: ["minSize"],
          message: `minSize ${s.minSize} is greater than maxSize ${s.maxSize}: lower minSize or raise maxSize`,
        });
      }
      const desired = s.desiredSize ?? s.minSize;
      if (desired < s.minSize || desired > s.maxSize) {
        ctx.addIssue({
          code: "custom",
          path: ["desiredSize"],
          message: `desiredSize must lie between minSize ${s.minSize} and maxSize ${s.maxSize}`,
        });
      }
    })
    .transform((s) => ({
      ...s,
      desiredSize: s.desiredSize ?? Math.min(s.maxSize, Math.max(s.minSize, defaults.desiredSize)),
    }))
    .default(defaults);
}

export type Scaling = { minSize: number; maxSize: number; desiredSize: number };

/**
 * EC2 instance type: `<family>.<size>` (EC2 User Guide, "Amazon EC2 instance
 * type naming conventions"): a family such as `m7i`, `c6gn`, `m7i-flex` or
 * `u-6tb1`, a dot, and a size such as `large`, `16xlarge`, `metal` or `metal-24xl`.
 */
export const EC2_INSTANCE_TYPE = /^[a-z][a-z0-9-]*[a-z0-9]\.[0-9]*[a-z]+(-[0-9]+xl)?$/;
/**
 * ECS instance type: `ecs.<family>.<size>` (Alibaba Cloud ECS, "Instance type
 * naming"): `ecs.`, a family such as `g7`, `ebmg7` or `gn7i-c8g1`, a dot, and a
 * size such as `large` or `2xlarge`.
 */
export const ECS_INSTANCE_TYPE = /^ecs\.[a-z][a-z0-9-]*[a-z0-9]\.[0-9]*[a-z]+$/;

/** An instance type in its cloud's shape; the message names the shape and an example. */
export function instanceTypeField(cloud: "aws" | "alibaba", what: string) {
  return cloud === "aws"
    ? z
        .string()
        .regex(
          EC2_INSTANCE_TYPE,
          `${what} must be an EC2 instance type <family>.<size>, such as "m7i.large" or "c6gn.16xlarge"`,
        )
    : z
        .string()
        .regex(
          ECS_INSTANCE_TYPE,
          `${what} must be an ECS instance type ecs.<family>.<size>, such as "ecs.g7.xlarge"`,
        );
}

/** A cloud's tagging limits, and the keys Cairn adds to every resource itself. */
interface TagRules {
  /** The cloud, as users know it, for messages. */
  readonly cloud: string;
  /** Where the rules come from. */
  readonly source: string;
  readonly maxKeyLength: number;
  readonly maxValueLength: number;
  /** Key prefixes reserved by the cloud (compared case-insensitively). */
  readonly reservedPrefixes: readonly string[];
  /** Tags allowed per resource, minus the ones Cairn adds. */
  readonly maxTags?: number;
  /** Substrings keys and values may not contain. */
  readonly forbidden?: readonly string[];
}

/**
 * AWS tagging limits (AWS General Reference / Tagging AWS Resources, "Tag
 * naming limits and requirements"): keys 1-128 Unicode characters, values up
 * to 256, the `aws:` prefix reserved in any case, 50 user tags per resource
 * (Cairn adds up to 3: `Name`, `managed-by` and `cairn.dev/cluster` or a
 * `kubernetes.io/role/*` subnet tag).
 */
export const AWS_TAG_RULES: TagRules = {
  cloud: "AWS",
  source: "AWS tagging limits",
  maxKeyLength: 128,
  maxValueLength: 256,
  reservedPrefixes: ["aws:"],
  maxTags: 47,
};

/**
 * Alibaba Cloud tagging limits (Resource Management / Tag, "Tag limits"): keys
 * 1-128 characters not starting with `aliyun` or `acs:`, values up to 128,
 * neither containing `http://` or `https://`.
 */
export const ALIBABA_TAG_RULES: TagRules = {
  cloud: "Alibaba Cloud",
  source: "Alibaba Cloud tag limits",
  maxKeyLength: 128,
  maxValueLength: 128,
  reservedPrefixes: ["aliyun", "acs:"],
  forbidden: ["http://", "https://"],
};

/** Lengths in Unicode characters (code points), as the clouds count them. */
const chars = (s: string) => [...s].length;

/**
 * `tags`: a map checked against the cloud's limits. Key problems are reported
 * on `tags` (the key is in the message), value problems on `tags.<key>`.
 */
export function tagsField(rules: TagRules) {
  return z
    .record(z.string(), z.string({ error: "tag values must be strings" }))
    .superRefine((tags, ctx) => {
      const keys = Object.keys(tags);
      const fail = (path: string[], message: string) =>
        ctx.addIssue({ code: "custom", path, message: `${message} (${rules.source})` });
      if (rules.maxTags !== undefined && keys.length > rules.maxTags) {
        fail([], `${keys.length} tags are more than the ${rules.maxTags} Cairn can pass on: drop some`);
      }
      for (const key of keys) {
        const value = tags[key];
        const reserved = rules.reservedPrefixes.find((p) => key.toLowerCase().startsWith(p));
        const bad = (rules.forbidden ?? []).find((f) => key.toLowerCase().includes(f));
        const badValue = (rules.forbidden ?? []).find((f) => value.toLowerCase().includes(f));
        if (key.length === 0) {
          fail([], "a tag key is empty: give every tag a key");
        } else if (reserved) {
          fail(
            [],
            `tag key "${key}" starts with "${reserved}", which ${rules.cloud} reserves: rename the key`,
          );
        } else if (chars(key) > rules.maxKeyLength) {
          fail(
            [],
            `tag key "${key.slice(0, 40)}..." is ${chars(key)} characters; ${rules.cloud} allows ${rules.maxKeyLength}: shorten it`,
          );
        } else if (bad) {
          fail([], `tag key "${key}" contains "${bad}", which ${rules.cloud} rejects: remove it`);
        } else if (chars(value) > rules.maxValueLength) {
          fail(
            [key],
            `tag value is ${chars(value)} characters; ${rules.cloud} allows ${rules.maxValueLength}: shorten it`,
          );
        } else if (badValue) {
          fail([key], `tag value contains "${badValue}", which ${rules.cloud} rejects: remove it`);
        }
      }
    })
    .default({});
}
