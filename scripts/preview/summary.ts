import { formatGuard, type GuardResult, protectedKind } from "./guard";
import { type Change, type Preview, urnName, urnType, urnTypeChain } from "./preview";

/** Column order of operations in tables. */
const OPS = ["create", "update", "replace", "delete"] as const;
const OP_LABEL: Record<string, string> = {
  create: "+ create",
  update: "~ update",
  replace: "+- replace",
  delete: "- delete",
};
/** Prefix of the warnings Cairn's components log for weakened defaults. */
const WEAKENED = "security weakened: ";

/** The component a change belongs to: the nearest Cairn component above it, as `Type "name"`. */
export function componentOf(c: Change, byUrn: ReadonlyMap<string, Change>): string {
  let parent = c.parent;
  for (let depth = 0; parent && depth < 50; depth++) {
    if (urnType(parent).startsWith("cairn:")) return `${urnType(parent)} "${urnName(parent)}"`;
    parent = byUrn.get(parent)?.parent;
  }
  // The parent chain left the preview: fall back to the last Cairn type in the URN's type chain.
  const chain = urnTypeChain(c.urn).slice(0, -1);
  const cairn = chain.filter((t) => t.startsWith("cairn:")).pop();
  return cairn ?? "(stack)";
}

/** Short kind of a type token: `kubernetes:apps/v1:Deployment` -> `Deployment` (apps/v1). */
function kindOf(type: string): string {
  const [pkg, module, name] = type.split(":");
  if (pkg === "kubernetes" && module) return `${name} (${module})`;
  return name ? `${name} (${pkg})` : type;
}

function countOps(changes: readonly Change[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of changes) {
    const op = (OPS as readonly string[]).includes(c.op) ? c.op : c.op.startsWith("delete") ? "delete" : c.op;
    counts[op] = (counts[op] ?? 0) + 1;
  }
  return counts;
}

function headline(changes: readonly Change[]): string {
  const counts = countOps(changes);
  const order = (op: string) => {
    const i = (OPS as readonly string[]).indexOf(op);
    return i < 0 ? OPS.length : i;
  };
  const parts = Object.entries(counts)
    .sort(([a], [b]) => order(a) - order(b))
    .map(([op, n]) => `${n} to ${op}`);
  return parts.length > 0 ? parts.join(", ") : "no changes";
}

export interface SummaryOptions {
  /** Stack name for the heading. */
  readonly stack?: string;
  /** The replacement guard's verdict, shown when given. */
  readonly guard?: GuardResult;
  /** Most resources listed per component and kind. @default 20 */
  readonly maxNames?: number;
}

/**
 * A Markdown digest of a preview for a pull-request comment: replacements and
 * deletions first, then changes grouped by component and kind, policy
 * violations with their messages (which say how to fix them), and the
 * weakened defaults the components reported.
 */
export function summarize(preview: Preview, options: SummaryOptions = {}): string {
  const byUrn = new Map(preview.changes.map((c) => [c.urn, c]));
  const out: string[] = [];
  const stack = options.stack ? ` of \`${options.stack}\`` : "";
  out.push(`### Pulumi preview${stack}: ${headline(preview.changes)}`, "");

  const destructive = preview.changes.filter((c) => c.op === "replace" || c.op.startsWith("delete"));
  if (destructive.length > 0) {
    out.push(`#### :warning: Replacements and deletions (${destructive.length})`, "");
    for (const c of destructive) {
      const what = protectedKind(c.type);
      const why =
        c.replaceReasons.length > 0
          ? `, because of ${c.replaceReasons.map((r) => `\`${r}\``).join(", ")}`
          : "";
      out.push(`- **${c.op}** \`${c.name}\` (${c.type})${what ? ` :rotating_light: ${what}` : ""}${why}`);
    }
    out.push("");
  }
  if (options.guard) out.push("#### Replacement guard", "", formatGuard(options.guard), "");

  if (preview.changes.length > 0) out.push(...changeTable(preview.changes, byUrn, options.maxNames ?? 20));
  out.push(...policySection(preview));

  const weakened = preview.diagnostics.filter(
    (d) => d.severity === "warning" && d.message.includes(WEAKENED),
  );
  if (weakened.length > 0) {
    out.push("#### Weakened defaults", "");
    for (const d of weakened)
      out.push(
        `- ${d.message.slice(d.message.indexOf(WEAKENED) + WEAKENED.length)}${d.urn ? ` (\`${urnName(d.urn)}\`)` : ""}`,
      );
    out.push("");
  }
  const errors = preview.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    out.push("#### Errors", "");
    for (const d of errors) out.push("```", d.message, "```");
    out.push("");
  }
  return out.join("\n").trimEnd() + "\n";
}

function changeTable(
  changes: readonly Change[],
  byUrn: ReadonlyMap<string, Change>,
  maxNames: number,
): string[] {
  const groups = new Map<string, Map<string, Change[]>>();
  for (const c of changes) {
    const component = componentOf(c, byUrn);
    const kinds = groups.get(component) ?? new Map<string, Change[]>();
    const kind = kindOf(c.type);
    kinds.set(kind, [...(kinds.get(kind) ?? []), c]);
    groups.set(component, kinds);
  }
  const out = [
    `<details><summary>Changes by component (${changes.length})</summary>`,
    "",
    "| component | kind | " + OPS.join(" | ") + " | resources |",
    "|---|---|" + OPS.map(() => "--:|").join("") + "---|",
  ];
  for (const [component, kinds] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [kind, list] of [...kinds].sort(([a], [b]) => a.localeCompare(b))) {
      const counts = countOps(list);
      const names = list
        .slice(0, maxNames)
        .map((c) => `${c.op === "create" ? "" : `${OP_LABEL[c.op] ?? c.op} `}\`${c.name}\``);
      const more = list.length > maxNames ? ` and ${list.length - maxNames} more` : "";
      out.push(
        `| ${component} | ${kind} | ${OPS.map((op) => counts[op] ?? "").join(" | ")} | ${names.join(", ")}${more} |`,
      );
    }
  }
  out.push("", "</details>", "");
  return out;
}

function policySection(preview: Preview): string[] {
  if (preview.policyViolations === undefined) {
    return [
      "#### Policy violations",
      "",
      "_Not in this input: run the preview with `PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true` to include them._",
      "",
    ];
  }
  const out = ["#### Policy violations", ""];
  if (preview.policyViolations.length === 0)
    return [...out, "None: every resource passed the policy pack.", ""];
  const rank = (level: string) => (level === "mandatory" ? 0 : level === "remediate" ? 1 : 2);
  const sorted = [...preview.policyViolations].sort(
    (a, b) => rank(a.enforcementLevel) - rank(b.enforcementLevel),
  );
  for (const v of sorted) {
    const icon = v.enforcementLevel === "mandatory" ? ":no_entry:" : ":warning:";
    const where = v.urn ? ` on \`${urnName(v.urn)}\` (${urnType(v.urn)})` : " (stack)";
    // Messages are the policy's description, then the finding with its fix: lead with the finding.
    const [description, ...finding] = v.message.split("\n").filter((l) => l.trim());
    const text = finding.length > 0 ? `${finding.join(" ")} _(${description})_` : description;
    out.push(`- ${icon} **${v.policy}** (${v.enforcementLevel})${where}: ${text}`);
  }
  out.push("");
  return out;
}
