/** How `cairn charts check` shows its result: tables for people, JSON for machines, and the exit code. */
import { chartFailures, type ChartReport, type MirrorReport } from "./check";

/** Columns padded to their widest cell; the last column is never padded (messages stay whole). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

const indent = (lines: readonly string[], by = "    ") => lines.map((l) => `${by}${l}`);

function section(title: string, lines: readonly string[]): string[] {
  return lines.length ? [`  ${title}:`, ...indent(lines)] : [`  ${title}: none`];
}

function chartSection(c: ChartReport): string[] {
  const version = c.version === c.pinnedVersion ? c.version : `${c.version} (Cairn pins ${c.pinnedVersion})`;
  const failures = chartFailures(c);
  const head = [
    `${c.chart} ${version}: ${failures.length ? `FAIL (${failures.join(", ")})` : "ok"}`,
    `  ${c.component} release ${c.release || "-"} in namespace ${c.namespace || "-"}, from ${c.dir}`,
  ];
  if (c.error) return [...head, `  error: ${c.error}`, ...section("unknown value keys", c.unknownKeys)];
  const mandatory = c.denials.filter((d) => d.level === "mandatory").length;
  return [
    ...head,
    `  ${c.objects} objects rendered, ${c.registered} registered by the v4 Chart, ${c.hooks.length} hooks; ` +
      (c.schemaValidated ? "values validated by helm against values.schema.json" : "no values.schema.json"),
    ...section("unknown value keys", c.unknownKeys),
    ...section("weakened secure defaults", c.weakenings),
    ...section(
      `denials (${mandatory} mandatory, ${c.denials.length - mandatory} advisory)`,
      c.denials.length
        ? table(
            ["LEVEL", "POLICY", "OBJECT", "MESSAGE"],
            c.denials.map((d) => [d.level, d.policy, d.object, d.message]),
          )
        : [],
    ),
    ...(c.exempted.length
      ? section(
          "exempted (policies/exemptions.yaml)",
          table(
            ["POLICY", "OBJECT", "REASON"],
            c.exempted.map((e) => [e.policy, e.object, e.reason]),
          ),
        )
      : []),
    ...section(
      "hooks (not run by the v4 Chart)",
      c.hooks.length
        ? table(
            ["KIND", "NAME", "EVENTS", "CAIRN DOES"],
            c.hooks.map((h) => [
              h.kind,
              h.name,
              h.events.join(","),
              h.handling ?? "UNHANDLED: not in the chart's hooks table",
            ]),
          )
        : [],
    ),
    ...section(
      "images",
      c.images.length
        ? table(
            ["IMAGE", "REGISTRY", "ALLOWED", "PINNED", "USED BY"],
            c.images.map((i) => [
              i.image,
              i.registry,
              i.allowed ? "yes" : "NO",
              i.pinned ? "yes" : "NO",
              i.usedBy.join("; "),
            ]),
          )
        : [],
    ),
  ];
}

/** The human-readable report. */
export function formatReport(r: MirrorReport): string {
  const failing = r.charts.filter((c) => chartFailures(c).length > 0);
  const lines = [
    `Chart check of ${r.dir} (policy profile ${r.profile}, helm ${r.helmVersion}, Kubernetes ${r.kubeVersion})`,
    ...(r.absent.length ? [`not in the mirror (not checked): ${r.absent.join(", ")}`] : []),
    ...(r.ignored.length ? [`not pinned by Cairn (ignored): ${r.ignored.join(", ")}`] : []),
    "",
    ...r.charts.flatMap((c) => [...chartSection(c), ""]),
    "summary:",
    ...indent(
      table(
        [
          "CHART",
          "VERSION",
          "UNKNOWN KEYS",
          "MANDATORY",
          "ADVISORY",
          "UNHANDLED HOOKS",
          "DISALLOWED IMAGES",
          "RESULT",
        ],
        r.charts.map((c) => {
          const mandatory = c.denials.filter((d) => d.level === "mandatory").length;
          return [
            c.chart,
            c.version,
            String(c.unknownKeys.length),
            String(mandatory),
            String(c.denials.length - mandatory),
            String(c.hooks.filter((h) => !h.handling).length),
            String(c.images.filter((i) => !i.allowed).length),
            c.error ? "ERROR" : chartFailures(c).length ? "FAIL" : "ok",
          ];
        }),
      ),
      "  ",
    ),
    failing.length
      ? `FAIL: ${failing.map((c) => `${c.chart} (${chartFailures(c).join(", ")})`).join("; ")}`
      : `ok: ${r.charts.length} chart(s) pass`,
  ];
  return `${lines.join("\n")}\n`;
}

/** The machine-readable report: the MirrorReport plus each chart's failures and the overall verdict. */
export function jsonReport(r: MirrorReport): string {
  const charts = r.charts.map((c) => ({ ...c, failures: chartFailures(c) }));
  return `${JSON.stringify({ ...r, charts, ok: charts.every((c) => c.failures.length === 0) }, null, 2)}\n`;
}

/** 1 if any chart has an error, a mandatory denial, an unknown value key or an unhandled hook; else 0. */
export function exitCode(r: MirrorReport): number {
  return r.charts.some((c) => chartFailures(c).length > 0) ? 1 : 0;
}
