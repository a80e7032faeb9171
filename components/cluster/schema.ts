import { z } from "zod";
import { cidrsOverlap, cidrString, isPrivateIpv4, parseCidr } from "../shared/cidr";
import { documented as doc } from "../shared/validate";
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
