import { z } from "zod";
import { cidrString } from "../shared/cidr";
import { parseQuantity } from "../shared/quantity";
import { DEFAULT_QUOTA } from "../shared/quota";
import { dnsLabel, documented as doc, quantity } from "../shared/validate";

/** Pod Security Admission levels, from most to least strict. */
export const PodSecurityLevel = {
  Restricted: "restricted",
  Baseline: "baseline",
  Privileged: "privileged",
} as const;
export type PodSecurityLevel = (typeof PodSecurityLevel)[keyof typeof PodSecurityLevel];

/**
 * Namespaces a baseline must never be applied to. `default`, `kube-system`,
 * `kube-public` and `kube-node-lease` exist in every cluster (the API server
 * creates them), so creating them fails with AlreadyExists, and the first three
 * cannot be deleted (NamespaceLifecycle admission); a default-deny policy in
 * kube-system would also cut cluster DNS. Any other `kube-` name is reserved for
 * Kubernetes system namespaces (kubernetes.io, "Namespaces": "avoid creating
 * namespaces with the prefix kube-"). The mesh's own namespaces (`istio-system`,
 * `istio-ingress` by default) are reserved by the Platform, which knows them.
 */
export const SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;

/** Whether a namespace name is a Kubernetes system namespace (see {@link SYSTEM_NAMESPACES}). */
export function isSystemNamespace(name: string): boolean {
  return (SYSTEM_NAMESPACES as readonly string[]).includes(name) || name.startsWith("kube-");
}

/** A namespace the baseline may create: a DNS-1123 label that is not a system namespace. */
export const baselineNamespace = (what: string) =>
  dnsLabel(what).refine((n) => !isSystemNamespace(n), {
    error: (issue) =>
      `${String(issue.input)} is a Kubernetes system namespace (default and kube-* exist in every cluster or are reserved): ` +
      'use a namespace of your own, such as "apps"',
  });

/**
 * Adds an issue on each request greater than its limit. The values are
 * quantities already checked by their fields; unparsable ones are left to them.
 */
function checkRequestsWithinLimits<K extends string>(
  ctx: z.RefinementCtx,
  prefix: string,
  values: Readonly<Record<K, string>>,
  pairs: readonly (readonly [request: K, limit: K])[],
  rule: string,
): void {
  for (const [request, limit] of pairs) {
    const r = parseQuantity(values[request]);
    const l = parseQuantity(values[limit]);
    if (r === undefined || l === undefined || r <= l) continue;
    ctx.addIssue({
      code: "custom",
      path: [request],
      message:
        `${prefix}.${request} ${values[request]} is more than ${prefix}.${limit} ${values[limit]} (${rule}): ` +
        `lower ${prefix}.${request} or raise ${prefix}.${limit}`,
    });
  }
}

const port = z.number().int().min(1, "ports must be 1-65535").max(65535, "ports must be 1-65535");

const egressAllow = z
  .strictObject({
    namespace: doc(
      dnsLabel("allowEgressTo[].namespace").optional(),
      "Namespace whose pods may be reached. Exactly one of `namespace` or `cidr`.",
    ),
    cidr: doc(
      cidrString("allowEgressTo[].cidr").optional(),
      "IPv4/IPv6 CIDR that may be reached, e.g. `10.0.0.0/16`.",
    ),
    ports: doc(z.array(port).optional(), "TCP ports allowed.", "- all ports"),
  })
  .refine((e) => (e.namespace === undefined) !== (e.cidr === undefined), {
    error: "each allowEgressTo entry needs exactly one of namespace or cidr",
  });

/**
 * Args of {@link NamespaceBaseline}: the one source of their types, defaults and
 * documentation (the reference and the README table are generated from it).
 * Every field is optional and secure by default.
 */
export const namespaceBaselineArgs = z.strictObject({
  namespace: doc(
    baselineNamespace("namespace").optional(),
    "Kubernetes name of the namespace; never `default` or a `kube-` system namespace (they exist in every cluster or are reserved).",
    "- the component's logical name",
  ),
  labels: doc(
    z.record(z.string(), z.string()).default({}),
    "Extra labels on the namespace (Pod Security labels cannot be overridden here).",
  ),
  podSecurity: doc(
    z
      .enum(Object.values(PodSecurityLevel), {
        error: 'podSecurity must be one of "restricted", "baseline" or "privileged"',
      })
      .default("restricted"),
    "Pod Security Admission level enforced (audit and warn stay `restricted`). Anything below `restricted` is a weakening and is reported in `weakenings`.",
  ),
  meshInjection: doc(
    z
      .union([z.literal(false), z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)], {
        error:
          'meshInjection must be the Istio revision to enrol in (ServiceMesh\'s revision output, e.g. "1-30-3") or false; ' +
          "true would mean istio-injection=enabled, which a revisioned istiod never injects",
      })
      .default(false),
    "Enrol the namespace in an Istio revision: the label `istio.io/rev=<revision>` (ServiceMesh's `revision` output, e.g. `1-30-3`).",
    "- not enrolled",
  ),
  defaultDeny: doc(
    z.boolean().default(true),
    "Create the default-deny NetworkPolicy (ingress and egress). Turning it off is a weakening and is reported in `weakenings`.",
  ),
  allowDns: doc(z.boolean().default(true), "Allow egress to cluster DNS (kube-system, port 53)."),
  allowSameNamespace: doc(z.boolean().default(true), "Allow traffic between pods of this namespace."),
  allowIngressFrom: doc(
    z.array(dnsLabel("each allowIngressFrom entry")).default([]),
    "Namespaces whose pods may open connections into this one.",
  ),
  allowEgressTo: doc(
    z.array(egressAllow).default([]),
    "Destinations pods may connect to besides DNS and this namespace.",
  ),
  quota: doc(
    z
      .strictObject({
        requestsCpu: doc(
          quantity("quota.requestsCpu").default(DEFAULT_QUOTA.requestsCpu),
          "Total CPU requests.",
        ),
        requestsMemory: doc(
          quantity("quota.requestsMemory").default(DEFAULT_QUOTA.requestsMemory),
          "Total memory requests.",
        ),
        limitsCpu: doc(quantity("quota.limitsCpu").default(DEFAULT_QUOTA.limitsCpu), "Total CPU limits."),
        limitsMemory: doc(
          quantity("quota.limitsMemory").default(DEFAULT_QUOTA.limitsMemory),
          "Total memory limits.",
        ),
        pods: doc(
          z.number().int().min(1, "quota.pods must be a positive integer").default(50),
          "Maximum pods.",
        ),
      })
      .superRefine((q, ctx) => {
        // Each container's request is at most its limit (Pod API validation), so a
        // requests quota above the limits quota can never be used: a mistake.
        const rule = "a namespace's requests can never exceed its limits";
        checkRequestsWithinLimits(
          ctx,
          "quota",
          q,
          [
            ["requestsCpu", "limitsCpu"],
            ["requestsMemory", "limitsMemory"],
          ],
          rule,
        );
      })
      .prefault({}),
    "ResourceQuota hard limits; requests at most the limits.",
  ),
  containerDefaults: doc(
    z
      .strictObject({
        cpuRequest: doc(quantity("containerDefaults.cpuRequest").default("100m"), "CPU request."),
        memoryRequest: doc(quantity("containerDefaults.memoryRequest").default("128Mi"), "Memory request."),
        cpuLimit: doc(quantity("containerDefaults.cpuLimit").default("500m"), "CPU limit."),
        memoryLimit: doc(quantity("containerDefaults.memoryLimit").default("512Mi"), "Memory limit."),
      })
      .superRefine((d, ctx) => {
        // The API server rejects a LimitRange whose defaultRequest exceeds its default (ValidateLimitRange).
        const rule = "the API server rejects a LimitRange whose default request exceeds its default limit";
        checkRequestsWithinLimits(
          ctx,
          "containerDefaults",
          d,
          [
            ["cpuRequest", "cpuLimit"],
            ["memoryRequest", "memoryLimit"],
          ],
          rule,
        );
      })
      .prefault({}),
    "LimitRange defaults for containers that set none; each request at most its limit.",
  ),
});

/** Args for {@link NamespaceBaseline}, as a caller writes them (derived from the schema). */
export type NamespaceBaselineArgs = z.input<typeof namespaceBaselineArgs>;
/** An egress destination allowed through the default-deny policy. */
export type EgressAllow = z.input<typeof egressAllow>;
