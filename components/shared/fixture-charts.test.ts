import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { CONSUL_CHART } from "../consul";
import { ARGO_ROLLOUTS_CHART } from "../delivery/controller";
import { ENVOY_GATEWAY_CHART } from "../gateway";
import { ISTIO_CHARTS } from "../mesh";
import { KUBE_PROMETHEUS_STACK_CHART } from "../observability";
import { resolveChart } from "./chart";
import { diskChartFiles } from "./chart-files";

const FIXTURES = path.resolve(__dirname, "../../test/fixtures/charts");
const PINNED = [
  ...Object.values(ISTIO_CHARTS),
  CONSUL_CHART,
  KUBE_PROMETHEUS_STACK_CHART,
  ENVOY_GATEWAY_CHART,
  ARGO_ROLLOUTS_CHART,
];

describe("test fixture charts", () => {
  it.each(PINNED.map((p) => [p.chart, p.version, p] as const))(
    "%s %s is available from the local fixture mirror under the pinned name and version",
    (chart, _version, pinned) => {
      expect(resolveChart(pinned, {}, FIXTURES, "fixtures", "chart", diskChartFiles).chart).toBe(
        path.join(FIXTURES, chart),
      );
    },
  );
});
