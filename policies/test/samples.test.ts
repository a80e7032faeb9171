import { describe, expect, it } from "vitest";
import { type PulumiResource, toResourceInput, toStackInput } from "../mapping";
import { Evaluator } from "../pack";
import { UNKNOWN } from "../unknowns";
import { evaluateResource, evaluateStack, type Finding } from "../wasm";
import { loadSamples, policyIds } from "./samples";

// The engine's sentinel for an unknown string (what @pulumi/policy receives at preview).
const ENGINE_UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A copy of the resource whose input at `field` is unknown, as at preview. */
function withUnknown(resource: PulumiResource, field: readonly string[]): PulumiResource {
  const props = structuredClone(resource.props);
  let at: Record<string, unknown> = props;
  field.forEach((key, i) => {
    if (i === field.length - 1) at[key] = ENGINE_UNKNOWN;
    else {
      if (at[key] === null || typeof at[key] !== "object") at[key] = {};
      at = at[key] as Record<string, unknown>;
    }
  });
  return { ...resource, props };
}

// Every sample goes through the pack's own mapping and the compiled wasm.
function findingsFor(sample: ReturnType<typeof loadSamples>[number]): Finding[] {
  if (sample.policy.startsWith("stack.")) return evaluateStack(toStackInput(sample.resources));
  return evaluateResource(toResourceInput(sample.resources[0]));
}

const denials = (findings: Finding[]) => findings.filter((f) => f.kind === "deny");

describe.each(policyIds())("policy %s", (policy) => {
  const samples = loadSamples(policy);

  it("has at least one allowed and one denied sample", () => {
    expect(samples.filter((s) => s.verdict === "allowed").length).toBeGreaterThan(0);
    expect(samples.filter((s) => s.verdict === "denied").length).toBeGreaterThan(0);
  });

  it.each(samples.filter((s) => s.verdict === "allowed").map((s) => [s.file, s] as const))(
    "passes every policy on %s",
    (_file, sample) => {
      const findings = findingsFor(sample);
      expect(denials(findings)).toEqual([]);
      expect(findings.filter((f) => f.kind === "deferred")).toEqual([]);
    },
  );

  it.each(samples.filter((s) => s.verdict === "denied").map((s) => [s.file, s] as const))(
    "denies %s with a message naming the resource",
    (_file, sample) => {
      const own = denials(findingsFor(sample)).filter((f) => f.policy === policy);
      expect(own.length).toBeGreaterThan(0);
      for (const f of own) {
        const named = sample.resources.some(
          (r) =>
            f.message.includes(r.urn) || f.message.includes(String(r.name)) || f.message.includes(r.type),
        );
        expect(named, f.message).toBe(true);
      }
    },
  );

  if (policy.startsWith("stack.")) return;

  it.each(samples.filter((s) => s.verdict === "denied").map((s) => [s.file, s] as const))(
    "names the resource and the offending field in every denial of %s",
    (_file, sample) => {
      const resource = sample.resources[0];
      const own = denials(findingsFor(sample)).filter((f) => f.policy === policy);
      for (const f of own) {
        expect(f.resource).toBe(resource.urn);
        expect(f.field.length, f.message).toBeGreaterThan(0);
        // Once the value at the field is unknown (as at preview), the pack reports no violation
        // for it: the rule no longer fires, or its denial is deferred because of its field.
        const unknown = withUnknown(resource, f.field);
        expect(toResourceInput(unknown).unknowns).toContainEqual(f.field);
        const verdict = new Evaluator([], () => true).resourceVerdict(policy, unknown);
        expect(verdict.violations, f.field.join(".")).not.toContain(f.message);
        expect(verdict.violations.filter((m) => m.includes(UNKNOWN))).toEqual([]);
      }
    },
  );
});
