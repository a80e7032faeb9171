import { describe, expect, it } from "vitest";
import { toResourceInput, toStackInput } from "../mapping";
import { loadSamples, policyIds } from "./samples";
import { evaluateResource, evaluateStack, Finding } from "../wasm";

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
});
