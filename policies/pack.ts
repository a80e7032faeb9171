// The policy pack's logic, separate from index.ts (which starts the analyzer
// server): one Pulumi policy per Rego policy folder, all backed by one wasm
// evaluation per resource (and one per stack), cached by the exact input.
import * as fs from "node:fs";
import type {
  Policies,
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import {
  configExemptions,
  defaultLevel,
  type Exemption,
  findExemption,
  isStackPolicy,
  type Level,
  parameterOwners,
  type PolicyDoc,
  type Profile,
  pulumiPolicyName,
} from "./config";
import { isPreview, type PulumiResource, type ResourceInput, toResourceInput, withContext } from "./mapping";
import { deferredError, UNKNOWN } from "./unknowns";
import { evaluateJson, type Finding, resourceEntrypoint, STACK_ENTRYPOINT } from "./wasm";

/** What one policy has to say about one resource (or the stack). */
export interface Verdict {
  readonly violations: string[];
  readonly deferred: string[];
  /** Findings covered by an exemption, with its reason. */
  readonly exempted: { readonly message: string; readonly reason: string }[];
}

/** A resource findings can be about: its URN, logical name and the paths of its unknown inputs. */
export interface Subject {
  readonly urn: string;
  readonly name: string;
  readonly unknowns: readonly (readonly string[])[];
}

function subjectOf(input: ResourceInput): Subject {
  return { urn: input.urn, name: input.name, unknowns: input.unknowns };
}

/** True when one path is a prefix of the other (an unknown object covers every field under it). */
function overlaps(a: readonly string[], b: readonly string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether a finding is a deferral: a `deferred` finding, or a denial whose
 * field lies on (or under, or above) a value unknown at preview in the
 * resource it is about. Decided from the finding's resource and field, never
 * from its message. A denial with no field ([]) or about no resource the pack
 * knows stays a denial: a policy that cannot say what it read denies.
 */
export function isDeferral(finding: Finding, subjects: ReadonlyMap<string, Subject>): boolean {
  if (finding.kind === "deferred") return true;
  const subject = subjects.get(finding.resource);
  if (!subject || finding.field.length === 0) return false;
  return subject.unknowns.some((path) => overlaps(path, finding.field));
}

/** A denial's message with the unknown sentinel shown as people should read it. */
function withoutSentinel(message: string): string {
  return message
    .replaceAll(JSON.stringify(UNKNOWN), "(unknown until apply)")
    .replaceAll(UNKNOWN, "(unknown until apply)");
}

/** The URN and name an exemption glob is matched against, from the finding's resource. */
function exemptionTarget(
  finding: Finding,
  subjects: ReadonlyMap<string, Subject>,
): { urn: string; name: string } {
  const subject = subjects.get(finding.resource);
  if (subject) return subject;
  if (finding.resource.startsWith("urn:")) {
    return { urn: finding.resource, name: finding.resource.slice(finding.resource.lastIndexOf("::") + 2) };
  }
  // A label (`Namespace -/shop`) or "stack": name globs match it; URN globs cannot.
  return { urn: "", name: finding.resource };
}

/**
 * Every policy's parameters merged into one object. Names are unique across
 * policies (buildPolicies checks the declarations); a key set in two policies'
 * config is an error naming both, never a silent overwrite.
 */
function mergeParameters(
  byPolicy: ReadonlyMap<string, Record<string, unknown>>,
): Record<string, unknown> | undefined {
  const merged: Record<string, unknown> = {};
  const setBy = new Map<string, string>();
  for (const [policyId, parameters] of byPolicy) {
    for (const [name, value] of Object.entries(parameters)) {
      const other = setBy.get(name);
      if (other !== undefined) {
        throw new Error(
          `policy config sets parameter ${JSON.stringify(name)} for both ${pulumiPolicyName(other)} and ` +
            `${pulumiPolicyName(policyId)}; parameter names are unique per policy, set it only on the policy that declares it`,
        );
      }
      setBy.set(name, policyId);
      merged[name] = value;
    }
  }
  return setBy.size ? merged : undefined;
}

/** One evaluation: its JSON input (the cache key), findings, and the context it ran in. */
interface Evaluated {
  readonly key: string;
  readonly findings: Finding[];
  readonly parameters?: Record<string, unknown>;
  readonly preview?: boolean;
}

/** A resource mapped to its policy input, remembered for the props object it came from. */
interface Mapped {
  /** Everything besides props and the provider's props that the mapping reads. */
  readonly signature: string;
  readonly providerProps: object | undefined;
  readonly input: ResourceInput;
  evaluated?: Evaluated & { subject: Subject };
}

/** The fields toResourceInput reads besides props: equal signatures and props map to equal inputs. */
function mappingSignature(r: PulumiResource): string {
  const o = r.opts;
  const dependencies = r.propertyDependencies
    ? Object.entries(r.propertyDependencies).map(([k, deps]) => [k, deps.map((d) => d.urn)])
    : null;
  return JSON.stringify([
    r.type,
    r.urn,
    r.name,
    o?.protect,
    o?.parent,
    o?.ignoreChanges,
    o?.deleteBeforeReplace,
    r.provider?.type,
    r.provider?.urn,
    dependencies,
  ]);
}

function sameContext(
  e: Evaluated,
  parameters: Record<string, unknown> | undefined,
  preview: boolean,
): boolean {
  return e.parameters === parameters && e.preview === preview;
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Evaluates resources and stacks once and answers per policy. Parameters and
 * config exemptions arrive with each policy's config (args.getConfig()), so
 * they are recorded as policies run; a policy's own parameters are always
 * recorded before its findings are read.
 */
export class Evaluator {
  private readonly parametersByPolicy = new Map<string, Record<string, unknown>>();
  private readonly exemptionsByPolicy = new Map<string, Exemption[]>();
  private readonly configText = new Map<string, string>();
  private readonly lastByUrn = new Map<string, { key: string; findings: Finding[]; subject: Subject }>();
  private readonly mappedByProps = new WeakMap<object, Mapped>();
  private lastStack:
    (Evaluated & { inputs: readonly ResourceInput[]; subjects: Map<string, Subject> }) | undefined;
  private merged: Record<string, unknown> | undefined;
  /** How many times the wasm bundle ran (resources and stacks). */
  evaluations = 0;
  /** How many times a resource was mapped to its policy input. */
  mappings = 0;

  constructor(
    private readonly fileExemptions: readonly Exemption[] = [],
    private readonly preview: () => boolean = () => isPreview(),
  ) {}

  /** Records a policy's config: `exemptions`, plus any parameters (every other key). */
  configure(policyId: string, config: Record<string, unknown>): void {
    // The engine hands every call the same config; parse it once per policy.
    const text = JSON.stringify(config);
    if (this.configText.get(policyId) === text) return;
    this.configText.set(policyId, text);
    const { exemptions, ...parameters } = config;
    this.exemptionsByPolicy.set(policyId, configExemptions(policyId, exemptions));
    this.parametersByPolicy.set(policyId, parameters);
    this.merged = mergeParameters(this.parametersByPolicy);
  }

  /** Every recorded parameter, merged into one object (recomputed only when a config changes). */
  parameters(): Record<string, unknown> | undefined {
    return this.merged;
  }

  /** All findings for one resource; a repeated identical input is answered from the cache. */
  resourceFindings(resource: PulumiResource): Finding[] {
    return this.evaluateResource(resource).findings;
  }

  /** All findings for the stack. */
  stackFindings(resources: readonly PulumiResource[]): Finding[] {
    return this.evaluateStack(resources).findings;
  }

  /** One policy's verdict on one resource. */
  resourceVerdict(policyId: string, resource: PulumiResource): Verdict {
    const { findings, subject } = this.evaluateResource(resource);
    return this.verdict(policyId, findings, new Map([[subject.urn, subject]]));
  }

  /** One stack policy's verdict on the stack. */
  stackVerdict(policyId: string, resources: readonly PulumiResource[]): Verdict {
    const { findings, subjects } = this.evaluateStack(resources);
    return this.verdict(policyId, findings, subjects);
  }

  /**
   * The resource's policy input without parameters or preview, mapped once per
   * props object: every policy of one request gets the same props
   * (policies/decode-once.ts), so the other 26 reuse the first one's mapping.
   */
  private mapped(resource: PulumiResource): Mapped {
    const signature = mappingSignature(resource);
    // Malformed props (null, a string) cannot key the cache; they are mapped each time.
    const key = typeof resource.props === "object" && resource.props !== null ? resource.props : undefined;
    const hit = key && this.mappedByProps.get(key);
    if (hit && hit.signature === signature && hit.providerProps === resource.provider?.props) return hit;
    const mapped: Mapped = {
      signature,
      providerProps: resource.provider?.props,
      input: toResourceInput(resource),
    };
    this.mappings++;
    if (key) this.mappedByProps.set(key, mapped);
    return mapped;
  }

  private evaluateResource(resource: PulumiResource): Evaluated & { subject: Subject } {
    const mapped = this.mapped(resource);
    const parameters = this.parameters();
    const preview = this.preview();
    const last = mapped.evaluated;
    if (last && last.parameters === parameters && last.preview === preview) return last;
    const input = { ...mapped.input, ...withContext(parameters, preview) };
    const key = JSON.stringify(input);
    let entry = this.lastByUrn.get(resource.urn);
    if (!entry || entry.key !== key) {
      entry = { key, findings: evaluateJson(key, resourceEntrypoint(input)), subject: subjectOf(input) };
      this.evaluations++;
      this.lastByUrn.set(resource.urn, entry);
    }
    const evaluated = { ...entry, parameters, preview };
    mapped.evaluated = evaluated;
    return evaluated;
  }

  private evaluateStack(
    resources: readonly PulumiResource[],
  ): Evaluated & { subjects: Map<string, Subject> } {
    const inputs = resources.map((r) => this.mapped(r).input);
    const parameters = this.parameters();
    const preview = this.preview();
    const last = this.lastStack;
    // Every stack policy of one request maps to the same inputs: skip even the serialisation.
    if (last && sameContext(last, parameters, preview) && sameItems(last.inputs, inputs)) return last;
    const key = JSON.stringify({ resources: inputs, ...withContext(parameters, preview) });
    const subjects = new Map(inputs.map((r) => [r.urn, subjectOf(r)]));
    const findings = last?.key === key ? last.findings : evaluateJson(key, STACK_ENTRYPOINT);
    if (last?.key !== key) this.evaluations++;
    this.lastStack = { key, findings, subjects, inputs, parameters, preview };
    return this.lastStack;
  }

  /**
   * One policy's verdict from its findings, decided from their fields: an
   * exemption matches the finding's resource (URN or logical name, or the label
   * of something without a URN); a denial whose field is unknown at preview in
   * `subjects` is a deferral.
   */
  verdict(
    policyId: string,
    findings: readonly Finding[],
    subjects: ReadonlyMap<string, Subject> = new Map(),
  ): Verdict {
    const exemptions = [...this.fileExemptions, ...(this.exemptionsByPolicy.get(policyId) ?? [])];
    const verdict: Verdict = { violations: [], deferred: [], exempted: [] };
    for (const f of findings) {
      if (f.policy !== policyId) continue;
      const exemption = findExemption(exemptions, policyId, exemptionTarget(f, subjects));
      if (exemption) verdict.exempted.push({ message: f.message, reason: exemption.reason });
      else if (f.kind === "deferred") verdict.deferred.push(f.message);
      else if (isDeferral(f, subjects)) verdict.deferred.push(withoutSentinel(f.message));
      else verdict.violations.push(f.message);
    }
    verdict.violations.sort();
    verdict.deferred.sort();
    return verdict;
  }
}

/**
 * Reports violations; deferred checks become Pulumi's advisory "can't run during
 * preview" note, and a line each in the file CAIRN_DEFERRED_LOG names (scripts/stack
 * never skips an update after a preview that deferred a check).
 */
function report(id: string, subject: string, verdict: Verdict, reportViolation: ReportViolation): void {
  for (const message of verdict.violations) reportViolation(message);
  if (!verdict.deferred.length) return;
  const log = process.env.CAIRN_DEFERRED_LOG;
  if (log) fs.appendFileSync(log, verdict.deferred.map((m) => `${id} ${subject}: ${m}\n`).join(""));
  throw deferredError(verdict.deferred);
}

function configSchema(doc: PolicyDoc): PolicyConfigSchema {
  return {
    properties: {
      ...(doc.parameters as PolicyConfigSchema["properties"]),
      exemptions: {
        type: "array",
        items: {
          type: "object",
          properties: {
            resource: { type: "string" },
            reason: { type: "string" },
            reviewedBy: { type: "string" },
            expires: { type: "string" },
          },
          required: ["resource", "reason"],
        },
      },
    },
  };
}

/** One Pulumi policy per Rego policy, with levels from the profile and severity. */
export function buildPolicies(
  docs: Readonly<Record<string, PolicyDoc>>,
  profile: Profile,
  evaluator: Evaluator,
  levels: Readonly<Record<string, Level>> = {},
): Policies {
  parameterOwners(docs);
  return Object.entries(docs).map(([id, doc]) => {
    const common = {
      name: pulumiPolicyName(id),
      displayName: doc.title,
      description: doc.description,
      severity: doc.severity,
      remediationSteps: doc.remediation,
      ...(doc.related.length ? { url: doc.related[0] } : {}),
      tags: ["cairn", id.split(".")[0]],
      enforcementLevel: levels[id] ?? defaultLevel(profile, doc.severity),
      configSchema: configSchema(doc),
    };
    if (isStackPolicy(id)) {
      const policy: StackValidationPolicy = {
        ...common,
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
          evaluator.configure(id, args.getConfig<Record<string, unknown>>());
          const resources = args.resources as unknown as PulumiResource[];
          report(id, "stack", evaluator.stackVerdict(id, resources), reportViolation);
        },
      };
      return policy;
    }
    const policy: ResourceValidationPolicy = {
      ...common,
      validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        evaluator.configure(id, args.getConfig<Record<string, unknown>>());
        const resource = args as unknown as PulumiResource;
        report(id, resource.urn, evaluator.resourceVerdict(id, resource), reportViolation);
      },
    };
    return policy;
  });
}
