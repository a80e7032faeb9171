import * as path from "node:path";
import { deepmergeCustom } from "deepmerge-ts";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { CairnInputError } from "./errors";
import { type ObjectPatch } from "./chart-objects";
import { type HookHandling } from "./hooks";
import { documented, valueAt } from "./validate";
import { type ChartInstall } from "./workload";

/** An upstream Helm chart pinned by Cairn. */
export interface PinnedChart {
  /** Chart name, e.g. `consul`. */
  readonly chart: string;
  /** Exact chart version, e.g. `1.9.11`. */
  readonly version: string;
  /** Upstream repository: `https://...` chart repository or `oci://...` registry path (without the chart name). */
  readonly repo: string;
  /** Every hook the chart renders with Cairn's values, and what Cairn does instead (hooks.ts). */
  readonly hooks?: readonly HookHandling[];
  /**
   * Value paths the chart passes through as they are (e.g. a pod's `resources`
   * or `meshConfig`), below which any key is valid (see unknownValueKeys).
   */
  readonly freeForm?: readonly string[];
}

/** zod schema for a {@link ChartOverride}. */
export const chartOverride = z
  .strictObject({
    version: documented(
      z.string().min(1, "version must be a non-empty chart version such as 1.2.3").optional(),
      "Chart version.",
      "- the version Cairn pins",
    ),
    source: documented(
      z.string().min(1, "source must be an oci://, https:// or local directory").optional(),
      "Where to fetch this chart: an `oci://` registry path or `https://` chart repository (both without the chart name), or a local directory holding the unpacked chart.",
      "- `chartMirror`, else the pinned upstream repository",
    ),
    values: documented(
      z.record(z.string(), z.unknown()).default({}),
      "Values deep-merged over Cairn's defaults (arrays replace); weakened secure values are reported.",
    ),
  })
  .prefault({});

/** The `chartMirror` arg of a workload component whose chart is `chart`. */
export const chartMirrorArg = (chart: string) =>
  documented(
    z.string().min(1, "chartMirror must be an oci://, https:// or local directory").optional(),
    "Chart mirror: an `oci://` registry path, an `https://` chart repository or a local directory holding " +
      `\`<dir>/${chart}/Chart.yaml\`.`,
    "- the pinned upstream repository",
  );

/** Per-chart overrides a user can set on every workload component (derived from the schema). */
export type ChartOverride = z.input<typeof chartOverride>;

/** Args for `k8s.helm.v4.Chart`: a remote reference or a local directory. */
export interface ResolvedChartSource {
  readonly chart: string;
  readonly version?: string;
  readonly repositoryOpts?: { readonly repo: string };
  /** The version that will be installed (checked for local directories). */
  readonly pinnedVersion: string;
}

/**
 * How builders read local charts: injected, so resolving stays pure and testable
 * without a disk (`diskChartFiles` in chart-files.ts reads the real files).
 */
export interface ChartFiles {
  /** The `name` and `version` of `<dir>/Chart.yaml`, or undefined when there is none. */
  chartYaml(dir: string): { readonly name: string; readonly version: string } | undefined;
}

const isRemote = (location: string) => /^(oci|https?):\/\//.test(location);

/**
 * Resolves where a chart comes from: a per-chart `source`, else the stack-wide
 * `mirror`, else the pinned upstream repository. A local directory must hold
 * `<dir>/<chart>/Chart.yaml` (for a mirror) or `<dir>/Chart.yaml` (for a source)
 * with the expected version; anything else throws a {@link CairnInputError}
 * naming the chart, the version and how to provide it.
 */
export function resolveChart(
  pinned: PinnedChart,
  override: { readonly version?: string; readonly source?: string },
  mirror: string | undefined,
  where: string,
  argument: string,
  files: ChartFiles,
): ResolvedChartSource {
  const version = override.version ?? pinned.version;
  const location = override.source ?? mirror ?? pinned.repo;
  if (isRemote(location)) {
    const base = location.replace(/\/+$/, "");
    return base.startsWith("oci://")
      ? { chart: `${base}/${pinned.chart}`, version, pinnedVersion: version }
      : { chart: pinned.chart, version, repositoryOpts: { repo: base }, pinnedVersion: version };
  }
  const dir = path.resolve(override.source ?? path.join(location, pinned.chart));
  const found = files.chartYaml(dir);
  const how =
    `Provide chart "${pinned.chart}" version ${version}: unpack it into ${dir} ` +
    `(e.g. helm pull ${pinned.repo.startsWith("oci://") ? `${pinned.repo}/${pinned.chart}` : `${pinned.chart} --repo ${pinned.repo}`} --version ${version} --untar), ` +
    `set chartMirror to a directory, oci:// or https:// mirror that holds it, or set ${argument}.source.`;
  if (!found) {
    throw new CairnInputError(where, override.source ? `${argument}.source` : "chartMirror", location, how);
  }
  if (found.name !== pinned.chart || found.version !== version) {
    throw new CairnInputError(
      where,
      override.source ? `${argument}.source` : "chartMirror",
      location,
      `${dir}/Chart.yaml is ${found.name} ${found.version}, expected ${pinned.chart} ${version}. ${how}`,
    );
  }
  return { chart: dir, pinnedVersion: version };
}

/** Helm values: plain JSON-like data. */
export type Values = Record<string, unknown>;

const merge = deepmergeCustom({ mergeArrays: false });

/** Deep-merges user values over Cairn's defaults; objects merge, arrays and scalars replace. */
export function mergeValues(defaults: Values, overrides: Readonly<Values> = {}): Values {
  return merge(defaults, overrides) as Values;
}

/** A security-relevant value Cairn sets, and why. */
export interface SecureDefault {
  /** Dotted path in the chart values, e.g. `global.tls.verify`. */
  readonly path: string;
  /** The value Cairn sets. */
  readonly expected: unknown;
  /** What is lost when it changes. */
  readonly why: string;
}

/** Every secure default that the merged values no longer hold, as readable lines. */
export function valueWeakenings(
  label: string,
  merged: Readonly<Values>,
  secure: readonly SecureDefault[],
): string[] {
  return secure
    .filter((s) => !isDeepStrictEqual(valueAt(merged, s.path), s.expected))
    .map(
      (s) =>
        `${label}: ${s.path} = ${JSON.stringify(valueAt(merged, s.path)) ?? "undefined"} instead of ${JSON.stringify(s.expected)} (${s.why})`,
    );
}

/** Where a single-chart workload installs from and what it installs: its resolved install and weakenings. */
export interface ResolvedChartInstall {
  readonly install: ChartInstall;
  readonly valueWeakenings: string[];
}

/**
 * The install of a workload that is one chart: Cairn's `defaults` with the
 * user's `chart.values` merged over them, the chart source resolved (argument
 * `chart`, a local chart read through `charts`), and every `secure` default the
 * merged values no longer hold, labelled with the chart's name.
 */
export function resolveChartInstall(c: {
  readonly pinned: PinnedChart;
  readonly chart: z.output<typeof chartOverride>;
  readonly mirror: string | undefined;
  readonly release: string;
  readonly namespace: string;
  readonly defaults: Values;
  readonly secure: readonly SecureDefault[];
  readonly where: string;
  readonly charts: ChartFiles;
  /** Changes to rendered objects that the chart has no value for. */
  readonly patches?: readonly ObjectPatch[];
}): ResolvedChartInstall {
  const values = mergeValues(c.defaults, c.chart.values);
  return {
    install: {
      source: resolveChart(c.pinned, c.chart, c.mirror, c.where, "chart", c.charts),
      release: c.release,
      namespace: c.namespace,
      values,
      ...(c.patches?.length ? { patches: c.patches } : {}),
    },
    valueWeakenings: valueWeakenings(c.pinned.chart, values, c.secure),
  };
}

/**
 * Value paths Cairn sets that the upstream chart does not know. `upstream` holds
 * every key path of the chart's values.yaml. Below a `freeForm` path (a map the
 * chart passes through, e.g. `meshConfig`), or below a path whose upstream value is
 * empty (`securityContext: ~`), any key is allowed. A misspelt key would otherwise
 * be silently ignored by Helm.
 */
export function unknownValueKeys(
  values: Readonly<Values>,
  upstream: ReadonlySet<string>,
  freeForm: readonly string[] = [],
): string[] {
  const unknown: string[] = [];
  const keys = [...upstream];
  const hasChildren = (dotted: string) => keys.some((k) => k.startsWith(`${dotted}.`));
  const walk = (node: unknown, prefix: string) => {
    if (node === null || typeof node !== "object" || Array.isArray(node)) return;
    for (const [key, child] of Object.entries(node)) {
      const dotted = prefix ? `${prefix}.${key}` : key;
      if (!upstream.has(dotted)) unknown.push(dotted);
      else if (!freeForm.includes(dotted) && hasChildren(dotted)) walk(child, dotted);
    }
  };
  walk(values, "");
  return unknown;
}
