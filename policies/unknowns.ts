// Unknown values at preview. @pulumi/policy hands policies resource inputs
// wrapped in a proxy that throws when code touches a value the engine cannot
// know yet (an output of a resource not created yet). Rego never sees the
// proxy: the pack copies the raw inputs, replaces every unknown with one
// sentinel string that the Rego helpers recognise (data.cairn.lib.unknown),
// and lists the paths, so a policy defers instead of passing silently.

/** The sentinel the Rego policies see in place of an unknown value. */
export const UNKNOWN = "__cairn_unknown__";

interface PolicyInternals {
  readonly getSpecialProxyTarget: string;
  readonly unknownBooleanValue: string;
  readonly unknownNumberValue: string;
  readonly unknownStringValue: string;
  readonly unknownArrayValue: string;
  readonly unknownAssetValue: string;
  readonly unknownArchiveValue: string;
  readonly unknownObjectValue: string;
  readonly UnknownValueError: new (sentinel: string, path: string[]) => Error;
}

// The proxy helpers are marked @internal (absent from the typings) but are the
// only way to see through the proxy without tripping it; pinned with @pulumi/policy 1.21.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const internals = require("@pulumi/policy/proxy") as PolicyInternals;

const SENTINELS: ReadonlySet<unknown> = new Set([
  internals.unknownBooleanValue,
  internals.unknownNumberValue,
  internals.unknownStringValue,
  internals.unknownArrayValue,
  internals.unknownAssetValue,
  internals.unknownArchiveValue,
  internals.unknownObjectValue,
]);

/** True for any of the engine's unknown-value sentinels. */
export function isUnknownSentinel(value: unknown): boolean {
  return SENTINELS.has(value);
}

/** The plain object behind @pulumi/policy's unknown-checking proxy (or the value itself). */
export function unwrapProxy<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  const target = (value as Record<string, unknown>)[internals.getSpecialProxyTarget];
  return (target ?? value) as T;
}

/** A JSON copy of `value` with unknowns replaced by UNKNOWN, and the path of each unknown. */
export interface Cleaned {
  readonly value: unknown;
  readonly unknowns: string[][];
}

/**
 * Copies resource inputs into plain JSON for OPA: unknown sentinels become
 * UNKNOWN (their paths are recorded), `undefined` entries are dropped, and
 * assets/archives or other class instances become their enumerable fields.
 */
export function cleanInputs(value: unknown): Cleaned {
  const unknowns: string[][] = [];
  // One path stack for the whole walk, copied only where an unknown is found (this runs once
  // per resource on every preview, so it avoids a new path array per value).
  const path: string[] = [];
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") {
      if (!SENTINELS.has(v)) return v;
      unknowns.push([...path]);
      return UNKNOWN;
    }
    if (Array.isArray(v)) {
      return v.map((item: unknown, i) => {
        path.push(String(i));
        const cleaned = walk(item);
        path.pop();
        return cleaned;
      });
    }
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      const target = unwrapProxy(v) as Record<string, unknown>;
      for (const k of Object.keys(target)) {
        const item = target[k];
        if (item === undefined) continue;
        path.push(k);
        out[k] = walk(item);
        path.pop();
      }
      return out;
    }
    return typeof v === "number" && !Number.isFinite(v) ? null : v;
  };
  return { value: walk(unwrapProxy(value)), unknowns };
}

/**
 * The error @pulumi/policy turns into an advisory "can't run policy during
 * preview" diagnostic; its message carries the pack's own deferral notes.
 */
export function deferredError(messages: readonly string[]): Error {
  const error = new internals.UnknownValueError(internals.unknownStringValue, []);
  error.message = messages.join("; ");
  return error;
}
