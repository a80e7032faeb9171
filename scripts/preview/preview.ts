/**
 * Reads `pulumi preview --json` output into one shape. Two inputs are accepted:
 * - the digest `pulumi preview --json` prints (`{ steps, diagnostics, changeSummary }`), which
 *   carries no policy results (the CLI leaves policy events out of it);
 * - the event stream of `PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true pulumi preview --json`
 *   (one engine event per line), which also carries policy violations.
 */

/** A resource the preview would change. */
export interface Change {
  /** Engine operation: create, update, replace, delete, ... */
  readonly op: string;
  readonly urn: string;
  /** Type token, e.g. `kubernetes:apps/v1:StatefulSet`. */
  readonly type: string;
  /** Logical name (the last URN segment). */
  readonly name: string;
  /** URN of the parent resource, if known. */
  readonly parent?: string;
  /** Properties forcing a replacement. */
  readonly replaceReasons: readonly string[];
  /** Properties that differ. */
  readonly diffReasons: readonly string[];
}

export interface Diagnostic {
  readonly urn?: string;
  /** info, warning, error, ... */
  readonly severity: string;
  readonly message: string;
}

export interface PolicyViolation {
  readonly urn?: string;
  readonly policyPack: string;
  readonly policy: string;
  /** advisory ("warning"), mandatory, remediate, ... */
  readonly enforcementLevel: string;
  readonly message: string;
}

export interface Preview {
  readonly changes: readonly Change[];
  readonly diagnostics: readonly Diagnostic[];
  /** Undefined when the input cannot carry policy results (the digest format). */
  readonly policyViolations?: readonly PolicyViolation[];
  /** Resource count per operation, including `same`. */
  readonly changeSummary: Readonly<Record<string, number>>;
}

/** Operations that change nothing. */
const NO_CHANGE = new Set(["same", "read", "refresh", "discard", "remove-pending-replace"]);
/** The hidden halves of a replacement, folded into its `replace` step. */
const REPLACE_PARTS = new Set([
  "create-replacement",
  "delete-replaced",
  "discard-replaced",
  "read-replacement",
]);

/** Thrown when the input is not preview JSON: callers must treat it as a failure, never as "no changes". */
export class PreviewFormatError extends Error {
  override name = "PreviewFormatError";
}

/** Type token of a URN: the last element of its type chain. */
export function urnType(urn: string): string {
  const parts = urn.split("::");
  return (parts[2] ?? "").split("$").pop() ?? "";
}

/** The whole `parent$child` type chain of a URN. */
export function urnTypeChain(urn: string): string[] {
  return (urn.split("::")[2] ?? "").split("$");
}

/** Logical name of a URN. */
export function urnName(urn: string): string {
  const parts = urn.split("::");
  return parts.slice(3).join("::");
}

/** Parses preview JSON text (digest or event stream). */
export function parsePreview(text: string): Preview {
  const trimmed = text.trim();
  if (!trimmed) throw new PreviewFormatError("the preview output is empty: did pulumi preview run?");
  let digest: unknown;
  try {
    digest = JSON.parse(trimmed);
  } catch {
    return fromEvents(trimmed);
  }
  if (isRecord(digest) && ("steps" in digest || "changeSummary" in digest || "diagnostics" in digest)) {
    return fromDigest(digest);
  }
  if (isRecord(digest) && "sequence" in digest) return fromEvents(trimmed);
  throw new PreviewFormatError("the input is JSON but not `pulumi preview --json` output (no steps)");
}

function fromDigest(d: Record<string, unknown>): Preview {
  const steps = Array.isArray(d.steps) ? (d.steps as Record<string, unknown>[]) : [];
  const changes = steps.flatMap((s): Change[] => {
    const op = String(s.op ?? "");
    const urn = String(s.urn ?? "");
    if (NO_CHANGE.has(op) || REPLACE_PARTS.has(op) || urnType(urn) === "pulumi:pulumi:Stack") return [];
    const state = (isRecord(s.newState) ? s.newState : isRecord(s.oldState) ? s.oldState : {}) as Record<
      string,
      unknown
    >;
    return [
      change(
        op,
        urn,
        typeof state.type === "string" ? state.type : undefined,
        state.parent,
        s.replaceReasons,
        s.diffReasons,
      ),
    ];
  });
  const diagnostics = (Array.isArray(d.diagnostics) ? (d.diagnostics as Record<string, unknown>[]) : []).map(
    (x) => diagnostic(x.urn, x.severity, x.message),
  );
  const changeSummary = (isRecord(d.changeSummary) ? d.changeSummary : {}) as Record<string, number>;
  return { changes, diagnostics, changeSummary };
}

function fromEvents(text: string): Preview {
  const changes = new Map<string, Change>();
  const diagnostics: Diagnostic[] = [];
  const policyViolations: PolicyViolation[] = [];
  let changeSummary: Record<string, number> = {};
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let event: Record<string, unknown>;
    try {
      event = JSON.parse(line) as Record<string, unknown>;
    } catch {
      throw new PreviewFormatError(`line ${i + 1} is not JSON: expected pulumi preview --json output`);
    }
    const pre = (event.resourcePreEvent as { metadata?: Record<string, unknown> } | undefined)?.metadata;
    if (pre) {
      const op = String(pre.op ?? "");
      const urn = String(pre.urn ?? "");
      const state = (isRecord(pre.new) ? pre.new : isRecord(pre.old) ? pre.old : {}) as Record<
        string,
        unknown
      >;
      const known = changes.get(urn);
      if (NO_CHANGE.has(op) || urnType(urn) === "pulumi:pulumi:Stack") return;
      if (REPLACE_PARTS.has(op) && known) return;
      const folded = REPLACE_PARTS.has(op) ? "replace" : op;
      changes.set(urn, change(folded, urn, String(pre.type ?? ""), state.parent, pre.keys, pre.diffs));
    }
    const diag = event.diagnosticEvent as Record<string, unknown> | undefined;
    // Debug and ephemeral messages are progress chatter, left out as in the digest format.
    if (diag && diag.severity !== "debug" && !diag.ephemeral)
      diagnostics.push(
        diagnostic(diag.urn, diag.severity, `${String(diag.prefix ?? "")}${String(diag.message ?? "")}`),
      );
    const policy = event.policyEvent as Record<string, unknown> | undefined;
    if (policy) {
      policyViolations.push({
        ...(policy.resourceUrn ? { urn: String(policy.resourceUrn) } : {}),
        policyPack: String(policy.policyPackName ?? ""),
        policy: String(policy.policyName ?? ""),
        enforcementLevel: String(policy.enforcementLevel ?? ""),
        message: stripAnsi(String(policy.message ?? "")).trim(),
      });
    }
    const summary = event.summaryEvent as { resourceChanges?: Record<string, number> } | undefined;
    if (summary?.resourceChanges) changeSummary = summary.resourceChanges;
  });
  return { changes: [...changes.values()], diagnostics, policyViolations, changeSummary };
}

function change(
  op: string,
  urn: string,
  type: string | undefined,
  parent: unknown,
  replaceReasons: unknown,
  diffReasons: unknown,
): Change {
  return {
    op,
    urn,
    type: type || urnType(urn),
    name: urnName(urn),
    ...(typeof parent === "string" && parent ? { parent } : {}),
    replaceReasons: Array.isArray(replaceReasons) ? replaceReasons.map(String) : [],
    diffReasons: Array.isArray(diffReasons) ? diffReasons.map(String) : [],
  };
}

function diagnostic(urn: unknown, severity: unknown, message: unknown): Diagnostic {
  return {
    ...(typeof urn === "string" && urn ? { urn } : {}),
    severity: String(severity ?? "info"),
    message: stripAnsi(String(message ?? "")).trim(),
  };
}

/** Removes terminal colour codes and Pulumi's `<{%...%}>` colour tags. */
export function stripAnsi(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, "").replace(/<\{%[^%]*%\}>/g, "");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Whether the preview itself failed (an error diagnostic): its steps are then incomplete. */
export function previewFailed(p: Preview): boolean {
  return p.diagnostics.some((d) => d.severity === "error");
}
