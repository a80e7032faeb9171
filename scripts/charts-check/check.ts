/**
 * `cairn charts check DIR`: for every chart in a mirror directory that Cairn
 * pins, builds Cairn's values the way the component does, checks their keys
 * against the chart's values.yaml, renders the chart with helm, runs the policy
 * pack on every object the v4 Chart would register, and lists hooks (with what
 * Cairn does instead), images and weakened secure defaults.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type PinnedChart, unknownValueKeys } from "../../components/shared/chart";
import { diskChartFiles } from "../../components/shared/chart-files";
import { hookHandling } from "../../components/shared/hooks";
import { type Profile } from "../../policies/config";
import { type PulumiResource } from "../../policies/mapping";
import {
  chartObjects,
  chartResource,
  type ChartParent,
  imageRegistry,
  objectImages,
  objectLabel,
} from "./objects";
import {
  CHECKED_COMPONENTS,
  type CheckedChart,
  mirrorChartFiles,
  PINNED_CHARTS,
  type ResolvedChart,
} from "./pinned";
import {
  type Denial,
  type Exempted,
  imageVerdict,
  INJECTOR_PLACEHOLDER,
  PackRunner,
  placeholderAccepted,
} from "./policy";
import { helmTemplate, KUBE_VERSION } from "./render";
import { chartValueKeys } from "./values-keys";

/** A hook the chart renders, and what Cairn does instead (undefined: unhandled). */
export interface HookReport {
  readonly kind: string;
  readonly name: string;
  readonly events: readonly string[];
  readonly handling?: string;
}

/** One image, where it is used, its registry and the images policy's verdict. */
export interface ImageReport {
  readonly image: string;
  readonly registry: string;
  /** The images policy's allowlist (allowedRegistries) lets its registry in. */
  readonly allowed: boolean;
  /** Pinned to a digest or a version tag. */
  readonly pinned: boolean;
  /** `Kind namespace/name containers[0]` of every use; hooks say so. */
  readonly usedBy: readonly string[];
}

/** Everything the check found for one chart. */
export interface ChartReport {
  readonly chart: string;
  /** The version in the mirror's Chart.yaml. */
  readonly version: string;
  /** The version Cairn pins. */
  readonly pinnedVersion: string;
  readonly dir: string;
  /** The component that installs it, its release name and namespace. */
  readonly component: string;
  readonly release: string;
  readonly namespace: string;
  /** The chart has a values.schema.json, which helm validated Cairn's values against while rendering. */
  readonly schemaValidated: boolean;
  /** Why the chart could not be checked (component args, helm), if it could not. */
  readonly error?: string;
  /** Rendered objects, and how many of them the v4 Chart registers (every object that is not a hook). */
  readonly objects: number;
  readonly registered: number;
  readonly unknownKeys: readonly string[];
  readonly weakenings: readonly string[];
  readonly denials: readonly Denial[];
  readonly exempted: readonly Exempted[];
  readonly hooks: readonly HookReport[];
  readonly images: readonly ImageReport[];
}

/** The whole check of one mirror directory. */
export interface MirrorReport {
  readonly dir: string;
  readonly profile: Profile;
  readonly kubeVersion: string;
  readonly helmVersion: string;
  readonly charts: readonly ChartReport[];
  /** Pinned charts the mirror does not hold (not checked). */
  readonly absent: readonly string[];
  /** Directories of the mirror that are no chart Cairn pins (not checked). */
  readonly ignored: readonly string[];
}

/** The mirror cannot be checked at all: it is missing or holds no chart Cairn pins (exit 2). */
export class MirrorError extends Error {}

const expected = () => PINNED_CHARTS.map((p) => `${p.chart} ${p.version}`).join(", ");

/** Options of a check. */
export interface CheckOptions {
  /** The helm binary (tools/helm/build). */
  readonly helm: string;
  readonly helmVersion: string;
  /** Policy profile whose enforcement levels apply. @default "production" */
  readonly profile?: Profile;
  /** @default KUBE_VERSION */
  readonly kubeVersion?: string;
}

function emptyReport(
  c: CheckedChart,
  component: string,
  dir: string,
  version: string,
  r: ResolvedChart | undefined,
): Omit<ChartReport, "error"> {
  return {
    chart: c.pinned.chart,
    version,
    pinnedVersion: c.pinned.version,
    dir,
    component,
    release: r?.install.release ?? "",
    namespace: r?.install.namespace ?? "",
    schemaValidated: fs.existsSync(path.join(dir, "values.schema.json")),
    objects: 0,
    registered: 0,
    unknownKeys: [],
    weakenings: r?.valueWeakenings ?? [],
    denials: [],
    exempted: [],
    hooks: [],
    images: [],
  };
}

/** Checks one chart that a component resolved. */
function checkChart(
  c: CheckedChart,
  componentType: string,
  r: ResolvedChart,
  dir: string,
  version: string,
  pack: PackRunner,
  opts: CheckOptions,
): ChartReport {
  const base = emptyReport(c, componentType, dir, version, r);
  const unknownKeys = unknownValueKeys(r.install.values, chartValueKeys(dir), c.pinned.freeForm);
  let rendered;
  try {
    rendered = helmTemplate(opts.helm, r.install, opts.kubeVersion ?? KUBE_VERSION);
  } catch (e) {
    return { ...base, unknownKeys, error: (e as Error).message };
  }
  const parent: ChartParent = {
    componentType,
    chartResource: c.resource,
    namespace: r.install.namespace,
    patches: r.install.patches,
  };
  const objects = chartObjects(rendered, parent);
  const registered = objects.filter((o) => !o.hookEvents);
  const result = pack.evaluate([
    { resource: chartResource(parent, r.install), label: `Chart ${c.resource}` },
    ...registered.map((o) => ({ resource: o.resource, label: objectLabel(o) })),
  ]);
  return {
    ...base,
    objects: objects.length,
    registered: registered.length,
    unknownKeys,
    denials: result.denials,
    exempted: result.exempted,
    hooks: objects
      .filter((o) => o.hookEvents)
      .map((o) => ({
        kind: o.kind,
        name: o.name,
        events: o.hookEvents ?? [],
        handling: hookHandling(c.pinned.hooks, { kind: o.kind, name: o.name, namespace: r.install.namespace })
          ?.handling,
      })),
    images: images(objects),
  };
}

function images(objects: ReturnType<typeof chartObjects>): ImageReport[] {
  const uses = new Map<string, { usedBy: string[]; resources: PulumiResource[] }>();
  for (const o of objects) {
    for (const u of objectImages(o.resource.props)) {
      const use = uses.get(u.image) ?? { usedBy: [], resources: [] };
      use.usedBy.push(`${objectLabel(o)} ${u.where}${o.hookEvents ? " (hook)" : ""}`);
      use.resources.push(o.resource);
      uses.set(u.image, use);
    }
  }
  return [...uses.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([image, { usedBy, resources }]) => ({ image, ...verdict(image, resources), usedBy }));
}

/**
 * The registry and the images policy's verdict of an image; the injector's placeholder
 * has no registry and is allowed only where the policy accepts it in every object using it.
 */
function verdict(image: string, resources: readonly PulumiResource[]) {
  if (image !== INJECTOR_PLACEHOLDER) return { registry: imageRegistry(image), ...imageVerdict(image) };
  const accepted = resources.every(placeholderAccepted);
  return { registry: "(Istio injector placeholder)", allowed: accepted, pinned: accepted };
}

/** Checks every chart of the mirror `dir` that Cairn pins. */
export function checkMirror(dir: string, opts: CheckOptions): MirrorReport {
  const root = path.resolve(dir);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    throw new MirrorError(
      `chart mirror ${root} does not exist or is not a directory. Give a directory laid out like ` +
        `cairn:chartMirror (<dir>/<chart>/Chart.yaml) holding any of: ${expected()}`,
    );
  }
  const present = new Map<string, string>();
  for (const p of PINNED_CHARTS) {
    const found = diskChartFiles.chartYaml(path.join(root, p.chart));
    if (found) present.set(p.chart, found.version);
  }
  if (present.size === 0) {
    throw new MirrorError(
      `chart mirror ${root} holds no chart Cairn pins: expected <dir>/<chart>/Chart.yaml for any of: ${expected()}`,
    );
  }
  const pinnedNames = new Set(PINNED_CHARTS.map((p: PinnedChart) => p.chart));
  const ignored = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !pinnedNames.has(e.name) && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
  const profile = opts.profile ?? "production";
  const pack = new PackRunner(profile);
  const files = mirrorChartFiles(root);
  const charts: ChartReport[] = [];
  for (const component of CHECKED_COMPONENTS) {
    const mine = component.charts.filter((c) => present.has(c.pinned.chart));
    if (mine.length === 0) continue;
    const versions = Object.fromEntries(mine.map((c) => [c.pinned.chart, present.get(c.pinned.chart) ?? ""]));
    let resolved: Record<string, ResolvedChart>;
    try {
      resolved = component.resolve(root, versions, files);
    } catch (e) {
      for (const c of mine) {
        const chartDir = path.join(root, c.pinned.chart);
        const version = versions[c.pinned.chart];
        charts.push({
          ...emptyReport(c, component.type, chartDir, version, undefined),
          error: (e as Error).message,
        });
      }
      continue;
    }
    for (const c of mine) {
      const chartDir = path.join(root, c.pinned.chart);
      const r = resolved[c.pinned.chart];
      const version = versions[c.pinned.chart];
      if (!r) {
        charts.push({
          ...emptyReport(c, component.type, chartDir, version, undefined),
          error: `${component.type} does not install ${c.pinned.chart} with its default args`,
        });
        continue;
      }
      charts.push(checkChart(c, component.type, r, chartDir, version, pack, opts));
    }
  }
  return {
    dir: root,
    profile,
    kubeVersion: opts.kubeVersion ?? KUBE_VERSION,
    helmVersion: opts.helmVersion,
    charts,
    absent: PINNED_CHARTS.filter((p) => !present.has(p.chart)).map((p) => p.chart),
    ignored,
  };
}

/** Why a chart fails the check: an error, a mandatory denial, an unknown value key or an unhandled hook. */
export function chartFailures(c: ChartReport): string[] {
  const out: string[] = [];
  if (c.error) out.push("could not be checked");
  const mandatory = c.denials.filter((d) => d.level === "mandatory").length;
  if (mandatory) out.push(`${mandatory} mandatory denial(s)`);
  if (c.unknownKeys.length) out.push(`${c.unknownKeys.length} unknown value key(s)`);
  const unhandled = c.hooks.filter((h) => !h.handling).length;
  if (unhandled) out.push(`${unhandled} unhandled hook(s)`);
  return out;
}
