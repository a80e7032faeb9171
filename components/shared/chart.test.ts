import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { errorOf } from "../../test/helpers/bad-input";
import { type ChartFiles, mergeValues, resolveChart, unknownValueKeys, valueWeakenings } from "./chart";
import { diskChartFiles } from "./chart-files";
import { CairnInputError } from "./errors";

const CONSUL = { chart: "consul", version: "1.9.11", repo: "https://helm.releases.hashicorp.com" };
const EG = { chart: "gateway-helm", version: "v1.9.0", repo: "oci://docker.io/envoyproxy" };
const FIXTURES = path.resolve(__dirname, "../../test/fixtures/charts");
const where = 'cairn:consul:Consul "c"';

/** Local charts held in memory: directory to its Chart.yaml name and version. */
const memoryCharts = (charts: Record<string, { name: string; version: string }> = {}): ChartFiles => ({
  chartYaml: (dir) => charts[dir],
});
/** A reader that fails the test if resolving a remote chart ever touches the disk. */
const noDisk: ChartFiles = {
  chartYaml: (dir) => {
    throw new Error(`unexpected read of ${dir}`);
  },
};
const MIRROR = path.resolve("/mirror");

describe("resolveChart", () => {
  it("defaults to the pinned upstream repository and version", () => {
    expect(resolveChart(CONSUL, {}, undefined, where, "charts.consul", noDisk)).toEqual({
      chart: "consul",
      version: "1.9.11",
      repositoryOpts: { repo: "https://helm.releases.hashicorp.com" },
      pinnedVersion: "1.9.11",
    });
  });

  it("addresses OCI charts by registry path plus chart name", () => {
    expect(resolveChart(EG, {}, undefined, where, "charts.gateway", noDisk).chart).toBe(
      "oci://docker.io/envoyproxy/gateway-helm",
    );
  });

  it("sends every chart to a stack-wide OCI or HTTP mirror", () => {
    expect(resolveChart(CONSUL, {}, "oci://registry.cn/mirror/", where, "x", noDisk)).toMatchObject({
      chart: "oci://registry.cn/mirror/consul",
      version: "1.9.11",
    });
    expect(resolveChart(EG, {}, "https://charts.example.cn", where, "x", noDisk)).toMatchObject({
      chart: "gateway-helm",
      repositoryOpts: { repo: "https://charts.example.cn" },
    });
  });

  it("prefers a per-chart source over the mirror", () => {
    const r = resolveChart(CONSUL, { source: "oci://own/charts" }, "oci://mirror", where, "x", noDisk);
    expect(r.chart).toBe("oci://own/charts/consul");
  });

  it("uses <mirror>/<chart> of a local directory mirror after checking its version", () => {
    const files = memoryCharts({ [path.join(MIRROR, "consul")]: { name: "consul", version: "1.9.11" } });
    expect(resolveChart(CONSUL, {}, MIRROR, where, "charts.consul", files)).toEqual({
      chart: path.join(MIRROR, "consul"),
      pinnedVersion: "1.9.11",
    });
  });

  it("uses a per-chart local source directory itself, not <source>/<chart>", () => {
    const files = memoryCharts({ "/own/consul-1.9.11": { name: "consul", version: "1.9.11" } });
    const r = resolveChart(CONSUL, { source: "/own/consul-1.9.11" }, MIRROR, where, "charts.consul", files);
    expect(r.chart).toBe(path.resolve("/own/consul-1.9.11"));
  });

  it("fails on a missing chart naming the chart, the version and how to provide it", () => {
    const error = errorOf(() => resolveChart(CONSUL, {}, MIRROR, where, "charts.consul", memoryCharts()));
    expect(error).toBeInstanceOf(CairnInputError);
    expect((error as CairnInputError).argument).toBe("chartMirror");
    expect(error.message).toContain('chart "consul" version 1.9.11');
    expect(error.message).toContain("invalid chartMirror");
    expect(error.message).toContain("charts.consul.source");
    expect(error.message).toContain("helm pull consul --repo https://helm.releases.hashicorp.com");
  });

  it("blames the per-chart source when that is where the chart is missing", () => {
    const error = errorOf(() =>
      resolveChart(CONSUL, { source: "/own/consul" }, MIRROR, where, "charts.consul", memoryCharts()),
    );
    expect((error as CairnInputError).argument).toBe("charts.consul.source");
  });

  it("fails when the local chart has another version", () => {
    const files = memoryCharts({ [path.join(MIRROR, "consul")]: { name: "consul", version: "1.9.11" } });
    expect(() => resolveChart(CONSUL, { version: "1.8.0" }, MIRROR, where, "charts.consul", files)).toThrow(
      /Chart\.yaml is consul 1\.9\.11, expected consul 1\.8\.0/,
    );
  });

  it("reads Chart.yaml from the disk with diskChartFiles", () => {
    expect(resolveChart(CONSUL, {}, FIXTURES, where, "charts.consul", diskChartFiles)).toEqual({
      chart: path.join(FIXTURES, "consul"),
      pinnedVersion: "1.9.11",
    });
    expect(() =>
      resolveChart(CONSUL, {}, path.join(FIXTURES, "no-such-mirror"), where, "charts.consul", diskChartFiles),
    ).toThrow(/invalid chartMirror/);
  });
});

describe("mergeValues", () => {
  it("deep-merges objects and replaces arrays and scalars", () => {
    const merged = mergeValues(
      { global: { tls: { enabled: true, verify: true } }, list: [1, 2] },
      { global: { tls: { verify: false } }, list: [3] },
    );
    expect(merged).toEqual({ global: { tls: { enabled: true, verify: false } }, list: [3] });
  });

  it("does not modify the defaults", () => {
    const defaults = { a: { b: 1 } };
    mergeValues(defaults, { a: { b: 2 } });
    expect(defaults).toEqual({ a: { b: 1 } });
  });
});

describe("valueWeakenings", () => {
  const secure = [{ path: "global.tls.verify", expected: true, why: "TLS without verification" }];
  it("reports a secure default that an override turned off", () => {
    expect(valueWeakenings("consul", { global: { tls: { verify: false } } }, secure)).toEqual([
      "consul: global.tls.verify = false instead of true (TLS without verification)",
    ]);
  });
  it("reports nothing when the secure value is kept", () => {
    expect(valueWeakenings("consul", { global: { tls: { verify: true } } }, secure)).toEqual([]);
  });
});

describe("unknownValueKeys", () => {
  const upstream = new Set([
    "global",
    "global.tls",
    "global.tls.verify",
    "meshConfig",
    "meshConfig.enablePrometheusMerge",
  ]);
  it("finds a misspelt key that Helm would silently ignore", () => {
    expect(unknownValueKeys({ global: { tls: { verfy: true } } }, upstream)).toEqual(["global.tls.verfy"]);
  });
  it("accepts any key below a map the chart leaves empty", () => {
    const withEmpty = new Set([...upstream, "securityContext"]);
    expect(unknownValueKeys({ securityContext: { runAsNonRoot: true } }, withEmpty)).toEqual([]);
  });
  it("accepts any key below a free-form map", () => {
    expect(
      unknownValueKeys({ meshConfig: { accessLogFile: "/dev/stdout" } }, upstream, ["meshConfig"]),
    ).toEqual([]);
    expect(unknownValueKeys({ meshConfig: { accessLogFile: "/dev/stdout" } }, upstream)).toEqual([
      "meshConfig.accessLogFile",
    ]);
  });
});
