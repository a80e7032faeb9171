/**
 * The charts Cairn pins, and how each component installs them with its default
 * args: every install comes from the component's own pure resolve function
 * (values, release name, namespace, weakened secure defaults), never a copy.
 */
import * as path from "node:path";
import { CONSUL_CHART, CONSUL_TYPE, resolveConsul } from "../../components/consul/build";
import {
  ARGO_ROLLOUTS_CHART,
  ROLLOUTS_CONTROLLER_TYPE,
  resolveRolloutsController,
} from "../../components/delivery/controller/build";
import { ENVOY_GATEWAY_CHART, GATEWAY_TYPE, resolveGateway } from "../../components/gateway/build";
import { ISTIO_CHARTS, resolveServiceMesh, SERVICE_MESH_TYPE } from "../../components/mesh/build";
import {
  KUBE_PROMETHEUS_STACK_CHART,
  PROMETHEUS_TYPE,
  resolvePrometheus,
} from "../../components/observability/build";
import { type ChartFiles, type PinnedChart } from "../../components/shared/chart";
import { diskChartFiles } from "../../components/shared/chart-files";
import { type ChartInstall } from "../../components/shared/workload";

/** One chart as a component installs it. */
export interface ResolvedChart {
  readonly install: ChartInstall;
  /** Secure defaults the merged values no longer hold (resolveChartInstall's valueWeakenings). */
  readonly valueWeakenings: readonly string[];
}

/** One component that installs pinned charts. */
export interface CheckedComponent {
  /** The component's type token, e.g. `cairn:consul:Consul` (the parent in the charts' URNs). */
  readonly type: string;
  /** The name the check gives the component, as Platform would for a cluster named `check`. */
  readonly name: string;
  readonly charts: readonly CheckedChart[];
  /**
   * Resolves the component with its default args, the mirror and, per chart name, the version
   * found there (so an upgrade candidate is checked at its own version). Returns the installs by chart name.
   */
  resolve(
    mirror: string,
    versions: Readonly<Record<string, string>>,
    files: ChartFiles,
  ): Record<string, ResolvedChart>;
}

/** One pinned chart of a component. */
export interface CheckedChart {
  readonly pinned: PinnedChart;
  /** The `k8s.helm.v4.Chart` child's name (the prefix of every object it registers). */
  readonly resource: string;
}

const version = (versions: Readonly<Record<string, string>>, chart: string) =>
  versions[chart] ? { version: versions[chart] } : {};

const component = (
  type: string,
  role: string,
  charts: readonly (Omit<CheckedChart, "resource"> & { readonly suffix: string })[],
  resolve: CheckedComponent["resolve"],
): CheckedComponent => ({
  type,
  name: `check-${role}`,
  charts: charts.map(({ suffix, ...c }) => ({ ...c, resource: `check-${role}-${suffix}` })),
  resolve,
});

/** A component that installs one pinned chart, set by its `chart` arg (every workload but the mesh). */
function singleChart(
  type: string,
  role: string,
  pinned: PinnedChart,
  resolve: (
    name: string,
    args: { chartMirror: string; chart: { version?: string } },
    files: ChartFiles,
  ) => ResolvedChart,
): CheckedComponent {
  return component(type, role, [{ pinned, suffix: "chart" }], (mirror, versions, files) => ({
    [pinned.chart]: resolve(
      `check-${role}`,
      { chartMirror: mirror, chart: version(versions, pinned.chart) },
      files,
    ),
  }));
}

/** Every component that installs a pinned chart, with the children names the components use. */
export const CHECKED_COMPONENTS: readonly CheckedComponent[] = [
  component(
    SERVICE_MESH_TYPE,
    "mesh",
    [
      { pinned: ISTIO_CHARTS.base, suffix: "base" },
      { pinned: ISTIO_CHARTS.istiod, suffix: "istiod" },
      { pinned: ISTIO_CHARTS.gateway, suffix: "gateway" },
    ],
    (mirror, versions, files) => {
      const r = resolveServiceMesh(
        "check-mesh",
        {
          chartMirror: mirror,
          charts: {
            base: version(versions, "base"),
            istiod: version(versions, "istiod"),
            gateway: version(versions, "gateway"),
          },
        },
        files,
      );
      return {
        base: { install: r.base, valueWeakenings: [] },
        // resolveServiceMesh reports the istiod chart's weakenings (the only chart with secure defaults).
        istiod: { install: r.istiod, valueWeakenings: r.valueWeakenings },
        ...(r.gateway ? { gateway: { install: r.gateway, valueWeakenings: [] } } : {}),
      };
    },
  ),
  singleChart(CONSUL_TYPE, "consul", CONSUL_CHART, resolveConsul),
  singleChart(PROMETHEUS_TYPE, "prometheus", KUBE_PROMETHEUS_STACK_CHART, resolvePrometheus),
  singleChart(GATEWAY_TYPE, "gateway", ENVOY_GATEWAY_CHART, resolveGateway),
  singleChart(ROLLOUTS_CONTROLLER_TYPE, "rollouts", ARGO_ROLLOUTS_CHART, resolveRolloutsController),
];

/** Every pinned chart, in the order of CHECKED_COMPONENTS. */
export const PINNED_CHARTS: readonly PinnedChart[] = CHECKED_COMPONENTS.flatMap((c) =>
  c.charts.map((x) => x.pinned),
);

/**
 * How the check reads a mirror: the real Chart.yaml where there is one, else the pinned name
 * and version for a pinned chart's directory, so a component whose charts are only partly in
 * the mirror (e.g. istiod without base) still resolves; only the charts present are rendered.
 */
export function mirrorChartFiles(mirror: string): ChartFiles {
  const root = path.resolve(mirror);
  return {
    chartYaml(dir) {
      const found = diskChartFiles.chartYaml(dir);
      if (found) return found;
      const standIn = PINNED_CHARTS.find((p) => path.join(root, p.chart) === path.resolve(dir));
      return standIn ? { name: standIn.chart, version: standIn.version } : undefined;
    },
  };
}
