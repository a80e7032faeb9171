// Policy pack throughput: 10,000 mixed resources (variants of every policy's
// resource samples: Kubernetes workloads and objects, Helm charts, AWS and
// Alibaba Cloud resources) evaluated through the pack's own mapping and the
// wasm bundle, compared in the same run with the OPA CLI on the same inputs:
// one `opa eval` process over the whole batch (end to end), and one process
// per resource (on a subset, since each costs a process start and a compile).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type PulumiResource, type ResourceInput, toResourceInput, toStackInput } from "../policies/mapping";
import { opaEvalBatch, regoSources } from "../policies/test/opa-cli";
import { buildPolicies, Evaluator } from "../policies/pack";
import { loadSamples, policyIds } from "../policies/test/samples";
import { loadPolicyDocs } from "../policies/config";
import { KUBERNETES_ENTRYPOINT, RESOURCE_ENTRYPOINT, resourceEntrypoint } from "../policies/dispatch";
import { evaluateJson, evaluateStack, type Finding, policyBundle, STACK_ENTRYPOINT } from "../policies/wasm";
import { runAnchor } from "./opa-anchor";
import { percentile } from "./stats";
import type { BenchResult } from "./types";

const RESOURCES = 10_000;
const PER_PROCESS_SAMPLE = 40;
/** Stack-level policies see the whole stack at once; 2,000 resources is a large real stack. */
const STACK_RESOURCES = 2_000;

/** Deterministic mix: every resource sample, renamed and spread over namespaces. */
export function mixedResources(n = RESOURCES): PulumiResource[] {
  const templates = policyIds()
    .filter((id) => !id.startsWith("stack."))
    .flatMap((id) => loadSamples(id))
    .map((s) => s.resources[0]);
  return Array.from({ length: n }, (_, i) => {
    const t = templates[i % templates.length];
    const name = `${t.name}-${i}`;
    const props = JSON.parse(JSON.stringify(t.props)) as Record<string, unknown>;
    const metadata = props.metadata as Record<string, unknown> | undefined;
    if (metadata) {
      metadata.name = name;
      if (metadata.namespace) metadata.namespace = `team-${i % 50}`;
    }
    return { ...t, name, urn: t.urn.replace(/::[^:]+$/, `::${name}`), props };
  });
}

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function opaVersion(): string {
  return execFileSync("opa", ["version"], { encoding: "utf8" }).split("\n")[0];
}

/** The entrypoint choice before dispatch by kind: every Kubernetes object met all Kubernetes and platform policies. */
function providerEntrypoint(input: ResourceInput): string {
  const provider = input.type.slice(0, input.type.indexOf(":"));
  if (provider === "kubernetes") return KUBERNETES_ENTRYPOINT;
  return provider === "aws" || provider === "alicloud" ? `pack/${provider}_violations` : RESOURCE_ENTRYPOINT;
}

const findingKey = (f: Finding) =>
  [f.policy, f.kind, f.resource, f.field.join("."), f.message].join("\u0000");

/** Mapping + JSON + wasm per resource through one entrypoint choice; findings as sorted keys, to compare paths. */
function evaluatePath(
  resources: readonly PulumiResource[],
  entrypoint: (input: ResourceInput) => string,
): { resourcesPerS: number; medianUs: number; findings: string[] } {
  const latencies: number[] = [];
  const findings: string[] = [];
  const start = process.hrtime.bigint();
  for (const r of resources) {
    const t = process.hrtime.bigint();
    const input = toResourceInput(r);
    for (const f of evaluateJson(JSON.stringify(input), entrypoint(input))) findings.push(findingKey(f));
    latencies.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
  const total = ms(start);
  latencies.sort((a, b) => a - b);
  return {
    resourcesPerS: Math.round(resources.length / (total / 1000)),
    medianUs: Math.round(percentile(latencies, 50)),
    findings: findings.sort(),
  };
}

const sameFindings = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((k, i) => k === b[i]);

export async function run(): Promise<BenchResult[]> {
  const loadStart = process.hrtime.bigint();
  policyBundle();
  const loadMs = ms(loadStart);
  const resources = mixedResources();

  // Warm up the JIT, then measure mapping + JSON encoding + wasm, once per resource.
  const warm = new Evaluator();
  for (const r of resources.slice(0, 500)) warm.resourceFindings(r);
  const evaluator = new Evaluator();
  const latencies: number[] = [];
  let findings = 0;
  const packStart = process.hrtime.bigint();
  for (const r of resources) {
    const t = process.hrtime.bigint();
    findings += evaluator.resourceFindings(r).length;
    latencies.push(Number(process.hrtime.bigint() - t) / 1e3);
  }
  const packMs = ms(packStart);
  latencies.sort((a, b) => a - b);

  // The same resources through the entrypoint choices before dispatch by kind, in the same run:
  // per provider, and the single all-policies entrypoint (also the check that no finding is lost).
  for (const r of resources.slice(0, 500))
    evaluateJson(JSON.stringify(toResourceInput(r)), RESOURCE_ENTRYPOINT);
  const byKind = evaluatePath(resources, resourceEntrypoint);
  const byProvider = evaluatePath(resources, providerEntrypoint);
  const single = evaluatePath(resources, () => RESOURCE_ENTRYPOINT);

  // The analyzer calls every resource policy per resource: one evaluation, then cache hits.
  const policies = buildPolicies(loadPolicyDocs(), "production", new Evaluator()).filter(
    (p) => "validateResource" in p,
  );
  const analyzerSample = resources.slice(0, 1000);
  const analyzerStart = process.hrtime.bigint();
  for (const r of analyzerSample) {
    for (const p of policies) {
      try {
        void (p as { validateResource: (a: unknown, report: (m: string) => void) => void }).validateResource(
          { ...r, getConfig: () => ({}) },
          () => undefined,
        );
      } catch {
        // deferred checks throw by design; none expected here
      }
    }
  }
  const analyzerMs = ms(analyzerStart);

  // The same inputs through the OPA CLI: one process over the batch, measured end to end.
  const inputs: ResourceInput[] = resources.map((r) => toResourceInput(r));
  const batchStart = process.hrtime.bigint();
  const cli = opaEvalBatch(inputs, RESOURCE_ENTRYPOINT);
  const batchMs = ms(batchStart);
  const cliFindings = cli.reduce((n, f) => n + f.length, 0);

  // The fair anchor: OPA's Go evaluator, queries prepared once, one Eval per resource, on the same
  // mapped inputs and Rego, through the same entrypoints (per kind) and through the all-policies one.
  const anchorByKind = runAnchor(inputs, resourceEntrypoint, regoSources());
  const anchorAll = runAnchor(inputs, () => RESOURCE_ENTRYPOINT, regoSources());

  // One process per resource (what a CI step calling `opa eval` per file pays).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-bench-"));
  const perProcess: number[] = [];
  const sources = regoSources().flatMap((f) => ["-d", f]);
  for (const input of inputs.slice(0, PER_PROCESS_SAMPLE)) {
    const file = path.join(dir, "input.json");
    fs.writeFileSync(file, JSON.stringify(input));
    const t = process.hrtime.bigint();
    execFileSync("opa", [
      "eval",
      "--format",
      "json",
      "--input",
      file,
      ...sources,
      "data.pack.resource_violations",
    ]);
    perProcess.push(ms(t));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  perProcess.sort((a, b) => a - b);

  // The whole stack at once (stack-level policies).
  const stackInput = toStackInput(resources.slice(0, STACK_RESOURCES));
  const stackStart = process.hrtime.bigint();
  evaluateStack(stackInput);
  const stackMs = ms(stackStart);
  const stackJson = JSON.stringify(stackInput);
  const cliStackStart = process.hrtime.bigint();
  opaEvalBatch([JSON.parse(stackJson)], STACK_ENTRYPOINT);
  const cliStackMs = ms(cliStackStart);

  console.error(
    `bench: policy: ${opaVersion()}, ${RESOURCES} resources, ${findings} findings (opa eval: ${cliFindings})`,
  );
  return [
    {
      name: `policy pack: mapping + wasm, ${RESOURCES} mixed resources, ${policyIds().length} policies`,
      metrics: {
        resources_per_s: Math.round(RESOURCES / (packMs / 1000)),
        median_latency_us: Math.round(percentile(latencies, 50)),
        p99_latency_us: Math.round(percentile(latencies, 99)),
        bundle_load_ms: Math.round(loadMs),
        findings_per_run: findings,
        findings_match_opa_eval: findings === cliFindings ? 1 : 0,
        findings_match_all_policies_entrypoint:
          sameFindings(byKind.findings, single.findings) && sameFindings(byProvider.findings, single.findings)
            ? 1
            : 0,
      },
      anchors: {
        resources_per_s: { name: "OPA Go evaluator", value: Math.round(anchorByKind.resources_per_s) },
        median_latency_us: { name: "OPA Go evaluator", value: Math.round(anchorByKind.median_us) },
      },
      targets: {
        resources_per_s: ">= 20000",
        median_latency_us: "< 50",
        findings_match_opa_eval: "= 1",
        findings_match_all_policies_entrypoint: "= 1",
      },
    },
    {
      name: "policy entrypoints, same run (mapping + JSON + wasm per resource, no pack cache)",
      metrics: {
        by_kind_resources_per_s: byKind.resourcesPerS,
        by_kind_median_us: byKind.medianUs,
        by_provider_resources_per_s: byProvider.resourcesPerS,
        by_provider_median_us: byProvider.medianUs,
        all_policies_resources_per_s: single.resourcesPerS,
        all_policies_median_us: single.medianUs,
        by_kind_vs_by_provider: byKind.resourcesPerS / byProvider.resourcesPerS,
      },
      anchors: {
        by_kind_resources_per_s: { name: "per provider (before)", value: byProvider.resourcesPerS },
        by_kind_median_us: { name: "per provider (before)", value: byProvider.medianUs },
      },
    },
    {
      name: "anchor: OPA's Go evaluator (rego.PrepareForEval once, Eval per resource), same inputs and Rego",
      metrics: {
        by_kind_resources_per_s: Math.round(anchorByKind.resources_per_s),
        by_kind_median_us: Math.round(anchorByKind.median_us),
        all_policies_resources_per_s: Math.round(anchorAll.resources_per_s),
        all_policies_median_us: Math.round(anchorAll.median_us),
        prepare_ms: Math.round(anchorByKind.prepare_ms),
        findings_match_pack: anchorByKind.findings === findings && anchorAll.findings === findings ? 1 : 0,
        pack_vs_anchor_resources_per_s: RESOURCES / (packMs / 1000) / anchorByKind.resources_per_s,
        pack_vs_anchor_median: percentile(latencies, 50) / anchorByKind.median_us,
      },
      targets: { findings_match_pack: "= 1", pack_vs_anchor_resources_per_s: "> 1 (pack faster)" },
    },
    {
      name: "policy pack: every resource policy per resource, as the analyzer calls them (1,000 resources)",
      metrics: {
        resources_per_s: Math.round(analyzerSample.length / (analyzerMs / 1000)),
        policy_calls_per_resource: policies.length,
      },
    },
    {
      name: "opa eval (CLI), same inputs",
      metrics: {
        batch_resources_per_s: Math.round(RESOURCES / (batchMs / 1000)),
        batch_total_ms: Math.round(batchMs),
        per_process_median_ms: Math.round(percentile(perProcess, 50)),
        per_process_resources_per_s: Math.round(1000 / percentile(perProcess, 50)),
      },
    },
    {
      name: `stack policies over ${STACK_RESOURCES} resources (one evaluation)`,
      metrics: { wasm_ms: Math.round(stackMs), opa_eval_ms: Math.round(cliStackMs) },
    },
  ];
}
