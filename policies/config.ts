// Enforcement levels, parameters and exemptions. Levels come from each
// policy's severity and the stack's profile (production stacks enforce
// everything), and can be overridden per policy with Pulumi's policy-pack
// config. Exemptions are reviewed entries in policies/exemptions.yaml (or a
// policy's `exemptions` config), each naming one policy, the resources it
// covers and why; rules are never switched off to make a resource pass.
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { z } from "zod";
import { DIST_DIR, POLICIES_DIR } from "./paths";

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Documentation of one policy, from its # METADATA (policies/dist/metadata.json). */
export interface PolicyDoc {
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  readonly remediation: string;
  readonly related: readonly string[];
  /** JSON schemas of the policy's parameters (custom.parameters), offered as policy config. */
  readonly parameters: Readonly<Record<string, unknown>>;
}

const docSchema = z.object({
  title: z.string().min(1),
  description: z.string().min(1),
  severity: z.enum(SEVERITIES),
  remediation: z.string().min(1),
  related: z.array(z.string()).default([]),
  parameters: z.record(z.string(), z.unknown()).default({}),
});

/** Every policy's documentation, keyed by policy id (`<domain>.<policy>`). */
export function loadPolicyDocs(file = path.join(DIST_DIR, "metadata.json")): Record<string, PolicyDoc> {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing; run scripts/build-policies`);
  const raw = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  const docs: Record<string, PolicyDoc> = {};
  for (const [id, doc] of Object.entries(raw)) {
    const parsed = docSchema.safeParse(doc);
    if (!parsed.success) {
      throw new Error(
        `policy ${id}: # METADATA is incomplete (${parsed.error.issues[0].message}); fix its policy.rego`,
      );
    }
    docs[id] = parsed.data;
  }
  return docs;
}

/**
 * Which policy declares each parameter. The pack evaluates every policy in one
 * pass with all parameters merged into `input.parameters`, so a name declared by
 * two policies would let one policy's config silently change the other: that is
 * an error naming the parameter and both policies.
 */
export function parameterOwners(
  docs: Readonly<Record<string, Pick<PolicyDoc, "parameters">>>,
): Map<string, string> {
  const owners = new Map<string, string>();
  for (const id of Object.keys(docs).sort()) {
    for (const name of Object.keys(docs[id].parameters)) {
      const owner = owners.get(name);
      if (owner !== undefined) {
        throw new Error(
          `policy parameter ${JSON.stringify(name)} is declared by both ${owner} and ${id}; ` +
            "parameters share one input.parameters object, so rename one (custom.parameters in its policy.rego)",
        );
      }
      owners.set(name, id);
    }
  }
  return owners;
}

/** The Pulumi policy name for a policy id: kubernetes.pod_security_baseline -> kubernetes-pod-security-baseline. */
export function pulumiPolicyName(id: string): string {
  return id.replace(/[._]/g, "-");
}

/** Stack-level policies live in the `stack` domain. */
export function isStackPolicy(id: string): boolean {
  return id.startsWith("stack.");
}

export const PROFILES = ["production", "dev"] as const;
export type Profile = (typeof PROFILES)[number];

/**
 * The stack's profile: CAIRN_POLICY_PROFILE when set, else `production` for
 * stacks named like prod/production (e.g. prod, eu-prod, production-2), else `dev`.
 */
export function stackProfile(
  stack = process.env.PULUMI_NODEJS_STACK ?? "",
  override = process.env.CAIRN_POLICY_PROFILE,
): Profile {
  if (override) {
    if (!(PROFILES as readonly string[]).includes(override)) {
      throw new Error(
        `CAIRN_POLICY_PROFILE=${JSON.stringify(override)} is not one of ${PROFILES.join(", ")}`,
      );
    }
    return override as Profile;
  }
  return /(^|[-_.])prod(uction)?([-_.0-9]|$)/i.test(stack) ? "production" : "dev";
}

export type Level = "advisory" | "mandatory" | "disabled";

/** Default level: production enforces every policy; dev enforces high and critical, advises on the rest. */
export function defaultLevel(profile: Profile, severity: Severity): Level {
  if (profile === "production") return "mandatory";
  return severity === "high" || severity === "critical" ? "mandatory" : "advisory";
}

/** One reviewed exemption. */
export interface Exemption {
  /** Policy id (`kubernetes.images`) or Pulumi policy name (`kubernetes-images`). */
  readonly policy: string;
  /** URN glob (`urn:pulumi:*::*::kubernetes:apps/v1:Deployment::*-istiod`) or logical-name glob. */
  readonly resource: string;
  readonly reason: string;
  readonly reviewedBy?: string;
  /** ISO date after which the exemption no longer applies. */
  readonly expires?: string;
}

const exemptionSchema = z.strictObject({
  policy: z.string().min(1),
  resource: z.string().min(1),
  reason: z.string().trim().min(10, "give a reason a reviewer can check (10+ characters)"),
  reviewedBy: z.string().min(1).optional(),
  expires: z.iso.date().optional(),
});

const exemptionsFileSchema = z.strictObject({ exemptions: z.array(exemptionSchema).default([]) });

/** Reads policies/exemptions.yaml (or another file); a malformed entry is an error, not ignored. */
export function loadExemptions(file = path.join(POLICIES_DIR, "exemptions.yaml")): Exemption[] {
  if (!fs.existsSync(file)) return [];
  const parsed = exemptionsFileSchema.safeParse(parse(fs.readFileSync(file, "utf8")) ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data.exemptions;
}

/** Parses a policy's `exemptions` config entries (same fields, policy implied). */
export function configExemptions(policyId: string, raw: unknown): Exemption[] {
  if (raw === undefined) return [];
  const parsed = z.array(exemptionSchema.omit({ policy: true })).safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `policy config for ${pulumiPolicyName(policyId)}: exemptions: ${parsed.error.issues[0].message}`,
    );
  }
  return parsed.data.map((e) => ({ ...e, policy: policyId }));
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`);
}

/** The exemption covering this policy and resource, if one applies today. */
export function findExemption(
  exemptions: readonly Exemption[],
  policyId: string,
  resource: { readonly urn: string; readonly name: string },
  today = new Date().toISOString().slice(0, 10),
): Exemption | undefined {
  return exemptions.find((e) => {
    if (e.policy !== policyId && e.policy !== pulumiPolicyName(policyId)) return false;
    if (e.expires && e.expires < today) return false;
    const target = e.resource.startsWith("urn:") ? resource.urn : resource.name;
    return globToRegExp(e.resource).test(target);
  });
}
