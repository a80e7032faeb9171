import { type Change, type Preview } from "./preview";

/** What a protected resource is, for messages. */
export const PROTECTED_TYPES: Readonly<Record<string, string>> = {
  "aws:eks/cluster:Cluster": "EKS cluster",
  "aws:eks/nodeGroup:NodeGroup": "EKS node group",
  "aws:kms/key:Key": "AWS KMS key",
  "alicloud:cs/managedKubernetes:ManagedKubernetes": "ACK cluster",
  "alicloud:cs/nodePool:NodePool": "ACK node pool",
  "alicloud:kms/key:Key": "Alibaba Cloud KMS key",
  "kubernetes:apps/v1:StatefulSet": "stateful workload",
  "kubernetes:core/v1:PersistentVolumeClaim": "persistent volume claim",
  "kubernetes:core/v1:PersistentVolume": "persistent volume",
};

/** Custom resources whose kind names a cluster or node pool (Crossplane claims and composites). */
const PROTECTED_KIND = /:(X?(Kubernetes)?Cluster|X?NodePool|X?NodeGroup)$/;

/** Operations that destroy the existing resource. */
const DESTRUCTIVE = new Set(["replace", "delete", "delete-replaced", "create-replacement"]);

/** An allowed destructive change: a glob over the URN (or the name) and why it is fine. */
export interface Allowance {
  /** `*` matches any run of characters, e.g. `*::local-consul-*`. */
  readonly pattern: string;
  readonly reason: string;
}

export interface GuardFinding {
  readonly change: Change;
  /** What the resource is: "EKS cluster", "stateful workload", ... */
  readonly what: string;
  /** The allowance that lets it through, if any. */
  readonly allowedBy?: Allowance;
}

export interface GuardResult {
  /** Destructive changes to protected resources, allowed or not. */
  readonly findings: readonly GuardFinding[];
  /** Why the guard cannot judge this preview (it then fails). */
  readonly undecidable?: string;
  readonly ok: boolean;
}

/** What a protected resource is, or undefined when the type is not protected. */
export function protectedKind(type: string): string | undefined {
  if (PROTECTED_TYPES[type]) return PROTECTED_TYPES[type];
  if (type.startsWith("kubernetes:") && PROTECTED_KIND.test(type))
    return "cluster or node pool (custom resource)";
  return undefined;
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`);
}

/** Whether an allowance matches a change's URN or logical name. */
export function allows(a: Allowance, c: Change): boolean {
  const re = globToRegExp(a.pattern);
  return re.test(c.urn) || re.test(c.name);
}

/**
 * Finds every replacement or deletion of a cluster, node group/pool, KMS key or
 * stateful workload. The preview fails the guard unless each is allowed. A
 * preview that errored is undecidable (its step list may be incomplete) and
 * fails too, unless its only error is the closing "preview failed" that
 * follows mandatory policy violations.
 */
export function guardPreview(preview: Preview, allowances: readonly Allowance[] = []): GuardResult {
  const findings = preview.changes.flatMap((c): GuardFinding[] => {
    const what = protectedKind(c.type);
    if (!what || !DESTRUCTIVE.has(c.op)) return [];
    const allowedBy = allowances.find((a) => allows(a, c));
    return [{ change: c, what, ...(allowedBy ? { allowedBy } : {}) }];
  });
  // "preview failed" alone is the engine's closing line after mandatory policy violations,
  // which do not cut the step list short; any other error may have.
  const programErrors = preview.diagnostics.filter(
    (d) => d.severity === "error" && !/^(error: )?preview failed$/i.test(d.message),
  );
  const undecidable =
    programErrors.length > 0
      ? `the preview failed (${programErrors[0].message.split("\n")[0]}), so its list of changes may be incomplete`
      : undefined;
  return {
    findings,
    ...(undecidable ? { undecidable } : {}),
    ok: !undecidable && findings.every((f) => f.allowedBy),
  };
}

/** The guard's verdict as Markdown lines. */
export function formatGuard(result: GuardResult): string {
  const lines: string[] = [];
  if (result.undecidable) lines.push(`- :no_entry: Cannot check replacements: ${result.undecidable}.`);
  for (const f of result.findings) {
    const c = f.change;
    const why =
      c.replaceReasons.length > 0
        ? ` (because of ${c.replaceReasons.map((r) => `\`${r}\``).join(", ")})`
        : "";
    lines.push(
      f.allowedBy
        ? `- :white_check_mark: ${c.op} of ${f.what} \`${c.name}\` (${c.type})${why}: allowed by \`${f.allowedBy.pattern}\`: ${f.allowedBy.reason}`
        : `- :no_entry: ${c.op} of ${f.what} \`${c.name}\` (${c.type})${why} would destroy it. If this is intended, allow it: add \`{ pattern: "${c.name}", reason: "..." }\` to the stack's allow file.`,
    );
  }
  if (lines.length === 0)
    lines.push("- No cluster, node group/pool, KMS key or stateful workload is replaced or deleted.");
  return lines.join("\n");
}
