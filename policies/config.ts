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

/** The stack config key that sets a stack's policy profile (stacks/Pulumi.<stack>.yaml). */
export const PROFILE_CONFIG_KEY = "cairn:policyProfile";

/** A stack's profile and where it came from (shown in the pack's description). */
export interface ResolvedProfile {
  readonly profile: Profile;
  readonly source: "CAIRN_POLICY_PROFILE" | typeof PROFILE_CONFIG_KEY | "stack name";
}

function parseProfile(value: string, where: string): Profile {
  if (!(PROFILES as readonly string[]).includes(value)) {
    throw new Error(`${where}=${JSON.stringify(value)} is not one of ${PROFILES.join(", ")}`);
  }
  return value as Profile;
}

/**
 * The stack's config key `cairn:policyProfile`. The engine starts the policy
 * pack with the stack's config as JSON in PULUMI_CONFIG (the same channel a
 * program reads), so the pack reads the value the stack file sets.
 */
export function configuredProfile(pulumiConfig: string | undefined): Profile | undefined {
  if (!pulumiConfig) return undefined;
  let config: unknown;
  try {
    config = JSON.parse(pulumiConfig);
  } catch (e) {
    throw new Error(`PULUMI_CONFIG is not JSON (${(e as Error).message}); cannot read ${PROFILE_CONFIG_KEY}`);
  }
  const value = (config as Record<string, unknown> | null)?.[PROFILE_CONFIG_KEY];
  if (value === undefined) return undefined;
  return parseProfile(typeof value === "string" ? value : JSON.stringify(value), PROFILE_CONFIG_KEY);
}

// Name words for the fallback guess. Production wins when a name has both.
const PRODUCTION_WORDS = new Set(["prod", "production", "prd", "live"]);
const DEV_WORDS = new Set([
  "dev",
  "develop",
  "development",
  "local",
  "test",
  "testing",
  "ci",
  "qa",
  "sandbox",
  "demo",
  "preview",
  "staging",
  "stage",
  "stg",
  "experiment",
  "scratch",
]);

/**
 * FALLBACK ONLY, for a stack that does not set `cairn:policyProfile`: guesses
 * the profile from the stack name's words (split on anything that is not a
 * letter, so `prod-eu`, `eu_prd2` and `live` are production words, while
 * `product-demo` and `liveness` are not). A name with a production word
 * (prod, production, prd, live) is `production`; a name made only of known
 * non-production words (dev, local, test, ci, qa, sandbox, demo, preview,
 * staging, ...) plus neutral words is `dev`; a name with neither is
 * `production`, because an unrecognised stack gets the strict profile, never
 * the lenient one.
 */
export function profileFromStackName(stack: string): Profile {
  const words = stack
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  if (words.some((w) => PRODUCTION_WORDS.has(w))) return "production";
  return words.some((w) => DEV_WORDS.has(w)) ? "dev" : "production";
}

/**
 * The stack's profile, from (in order) CAIRN_POLICY_PROFILE (a one-off
 * override, e.g. in CI), the stack config key `cairn:policyProfile` (what
 * every stack should set), and only then the stack-name guess.
 */
export function resolveProfile(env: NodeJS.ProcessEnv = process.env): ResolvedProfile {
  const override = env.CAIRN_POLICY_PROFILE;
  if (override)
    return { profile: parseProfile(override, "CAIRN_POLICY_PROFILE"), source: "CAIRN_POLICY_PROFILE" };
  const configured = configuredProfile(env.PULUMI_CONFIG);
  if (configured) return { profile: configured, source: PROFILE_CONFIG_KEY };
  return {
    profile: profileFromStackName(env.PULUMI_NODEJS_STACK ?? env.PULUMI_STACK ?? ""),
    source: "stack name",
  };
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
