// The policy pack's logic, separate from index.ts (which starts the analyzer
// server): one Pulumi policy per Rego policy folder, all backed by one wasm
// evaluation per resource (and one per stack), cached by the exact input.
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
  Exemption,
  findExemption,
  isStackPolicy,
  Level,
  parameterOwners,
  PolicyDoc,
  Profile,
  pulumiPolicyName,
} from "./config";
import { isPreview, PulumiResource, toResourceInput, toStackInput } from "./mapping";
import { deferredError } from "./unknowns";
import { evaluateJson, Finding, resourceEntrypoint, STACK_ENTRYPOINT } from "./wasm";

/** What one policy has to say about one resource (or the stack). */
export interface Verdict {
  readonly violations: string[];
  readonly deferred: string[];
  /** Findings covered by an exemption, with its reason. */
  readonly exempted: { readonly message: string; readonly reason: string }[];
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
  private readonly lastByUrn = new Map<string, { key: string; findings: Finding[] }>();
  private lastStack: { key: string; findings: Finding[] } | undefined;
  /** How many times the wasm bundle ran (resources and stacks). */
  evaluations = 0;

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
  }

  /**
   * Every recorded parameter, merged into one object. Names are unique across
   * policies (buildPolicies checks the declarations); a key set in two
   * policies' config is an error naming both, never a silent overwrite.
   */
  parameters(): Record<string, unknown> | undefined {
    const merged: Record<string, unknown> = {};
    const setBy = new Map<string, string>();
    for (const [policyId, parameters] of this.parametersByPolicy) {
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

  /** All findings for one resource; a repeated identical input is answered from the cache. */
  resourceFindings(resource: PulumiResource): Finding[] {
    const key = JSON.stringify(toResourceInput(resource, this.parameters(), this.preview()));
    const cached = this.lastByUrn.get(resource.urn);
    if (cached?.key === key) return cached.findings;
    const findings = evaluateJson(key, resourceEntrypoint(resource.type));
    this.evaluations++;
    this.lastByUrn.set(resource.urn, { key, findings });
    return findings;
  }

  /** All findings for the stack. */
  stackFindings(resources: readonly PulumiResource[]): Finding[] {
    const key = JSON.stringify(toStackInput(resources, this.parameters(), this.preview()));
    if (this.lastStack?.key === key) return this.lastStack.findings;
    const findings = evaluateJson(key, STACK_ENTRYPOINT);
    this.evaluations++;
    this.lastStack = { key, findings };
    return findings;
  }

  /**
   * One policy's verdict. For resource policies exemptions match the resource
   * (URN or name); for stack policies they match the finding's message text.
   */
  verdict(policyId: string, findings: readonly Finding[], resource?: { urn: string; name: string }): Verdict {
    const exemptions = [...this.fileExemptions, ...(this.exemptionsByPolicy.get(policyId) ?? [])];
    const verdict: Verdict = { violations: [], deferred: [], exempted: [] };
    for (const f of findings) {
      if (f.policy !== policyId) continue;
      const target = resource ?? { urn: f.message, name: f.message };
      const exemption = findExemption(exemptions, policyId, target);
      if (exemption) verdict.exempted.push({ message: f.message, reason: exemption.reason });
      else if (f.kind === "deny") verdict.violations.push(f.message);
      else verdict.deferred.push(f.message);
    }
    verdict.violations.sort();
    verdict.deferred.sort();
    return verdict;
  }
}

/** Reports violations; deferred checks become Pulumi's advisory "can't run during preview" note. */
function report(verdict: Verdict, reportViolation: ReportViolation): void {
  for (const message of verdict.violations) reportViolation(message);
  if (verdict.deferred.length) throw deferredError(verdict.deferred);
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
          report(evaluator.verdict(id, evaluator.stackFindings(resources)), reportViolation);
        },
      };
      return policy;
    }
    const policy: ResourceValidationPolicy = {
      ...common,
      validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
        evaluator.configure(id, args.getConfig<Record<string, unknown>>());
        const resource = args as unknown as PulumiResource;
        report(evaluator.verdict(id, evaluator.resourceFindings(resource), resource), reportViolation);
      },
    };
    return policy;
  });
}
