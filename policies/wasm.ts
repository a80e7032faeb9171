// Loads the compiled policy bundle (policies/dist/policy.wasm, built by
// scripts/build-policies) once per process and evaluates inputs against its
// entrypoints (policies/dispatch.ts picks one per resource). A missing or broken bundle is an error, never a pass.
import type * as OpaWasm from "@open-policy-agent/opa-wasm";
import * as fs from "fs";
import { createRequire } from "module";
import * as path from "path";
import type { LoadedPolicy } from "@open-policy-agent/opa-wasm";
import type { ResourceInput, StackInput } from "./mapping";
import { resourceEntrypoint } from "./dispatch";
import { DIST_DIR } from "./paths";

// The package's ESM entry (which vitest would pick) lacks loadPolicySync; always take the CommonJS one.
const { loadPolicySync } = createRequire(__filename)("@open-policy-agent/opa-wasm") as typeof OpaWasm;

export { RESOURCE_ENTRYPOINT, resourceEntrypoint } from "./dispatch";
export const STACK_ENTRYPOINT = "pack/stack_violations";

/**
 * One finding of one policy: a violation, or a check deferred because a value
 * is unknown at preview. The pack decides deferral and exemptions from these
 * fields; the message is for people and nothing depends on its wording.
 */
export interface Finding {
  /** Policy id, `<domain>.<policy>` (the folder under policies/). */
  readonly policy: string;
  readonly kind: "deny" | "deferred";
  /** What the finding is about: a URN, a `Kind namespace/name` label, or "stack". */
  readonly resource: string;
  /**
   * The input path the finding is about (keys and array indexes as strings, as
   * in the input's `unknowns`), or [] when it is about no single input.
   */
  readonly field: readonly string[];
  readonly message: string;
}

function isFinding(value: unknown): value is Finding {
  const f = value as Partial<Finding> | null;
  return (
    typeof f === "object" &&
    f !== null &&
    typeof f.policy === "string" &&
    (f.kind === "deny" || f.kind === "deferred") &&
    typeof f.resource === "string" &&
    Array.isArray(f.field) &&
    f.field.every((p) => typeof p === "string") &&
    typeof f.message === "string"
  );
}

let loaded: LoadedPolicy | undefined;

/** The bundle, loaded on first use. */
export function policyBundle(wasmPath = path.join(DIST_DIR, "policy.wasm")): LoadedPolicy {
  if (loaded) return loaded;
  if (!fs.existsSync(wasmPath)) {
    throw new Error(
      `Cairn policy bundle ${wasmPath} is missing; run scripts/build-policies (needs opa on PATH)`,
    );
  }
  loaded = loadPolicySync(fs.readFileSync(wasmPath));
  return loaded;
}

/** Evaluates a JSON-encoded input (so callers can reuse the encoding as a cache key). */
export function evaluateJson(json: string, entrypoint: string): Finding[] {
  const bytes = new TextEncoder().encode(json);
  const result: unknown = policyBundle().evaluate(bytes.buffer as ArrayBuffer, entrypoint);
  const first = Array.isArray(result) ? (result[0] as { result?: unknown } | undefined) : undefined;
  if (!first || !Array.isArray(first.result)) {
    throw new Error(`Cairn policy bundle returned no result set for ${entrypoint}`);
  }
  const bad = first.result.find((f) => !isFinding(f));
  if (bad !== undefined) {
    // A finding the pack cannot place (no resource or field) is a broken policy, never a pass.
    throw new Error(
      `Cairn policy bundle returned a malformed finding for ${entrypoint}: ${JSON.stringify(bad)}; ` +
        "every deny/deferred rule must emit lib.finding(field, msg) or lib.finding_about(resource, field, msg)",
    );
  }
  return first.result as Finding[];
}

/** Every finding for one resource. */
export function evaluateResource(input: ResourceInput): Finding[] {
  return evaluateJson(JSON.stringify(input), resourceEntrypoint(input));
}

/** Every finding for the stack. */
export function evaluateStack(input: StackInput): Finding[] {
  return evaluateJson(JSON.stringify(input), STACK_ENTRYPOINT);
}
