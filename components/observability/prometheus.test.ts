import * as path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import * as k8s from "@pulumi/kubernetes";
import { type ChartFiles, unknownValueKeys } from "../shared/chart";
import { upstreamKeys } from "../../test/helpers/upstream-keys";
import { ResourceRecorder, unwrap } from "../../test/helpers/mocks";
import { chartDependencies } from "../../test/helpers/chart-dependencies";
import { errorOf, expectRejection } from "../../test/helpers/bad-input";
import { PROMETHEUS_BASE_ARGS, prometheusBadInputs } from "../../test/cases/prometheus.cases";
import { consulScrapeTargets, resolveConsul } from "../consul";
import { meshScrapeTargets, resolveServiceMesh } from "../mesh";
import { type PrometheusArgs } from "./args";
import { createPrometheus } from "./prometheus";
import {
  buildMonitors,
  KUBE_PROMETHEUS_STACK_CHART,
  buildScrapePolicies,
  Prometheus,
  prometheusWeakenings,
  resolvePrometheus as resolveWith,
} from ".";

const FIXTURES = path.resolve(__dirname, "../../test/fixtures/charts");
/** No local charts at all: upstream repositories are never read from disk. */
const noCharts: ChartFiles = { chartYaml: () => undefined };
const resolvePrometheus = (name: string, args: PrometheusArgs = {}) => resolveWith(name, args, noCharts);
const targets = [
  ...meshScrapeTargets(resolveServiceMesh("mesh", {}, noCharts)),
  ...consulScrapeTargets(resolveConsul("consul", {}, noCharts)),
];

describe("resolvePrometheus", () => {
  it("pins kube-prometheus-stack 88.5.3 with retention, storage and no admin API or exposure", () => {
    const r = resolvePrometheus("prom");
    expect(r.install.source).toMatchObject({ chart: "kube-prometheus-stack", version: "88.5.3" });
    expect(r.install.values).toMatchObject({
      grafana: { enabled: false },
      prometheus: {
        service: { type: "ClusterIP" },
        ingress: { enabled: false },
        prometheusSpec: {
          retention: "15d",
          retentionSize: "45GiB",
          enableAdminAPI: false,
          storageSpec: { volumeClaimTemplate: { spec: { resources: { requests: { storage: "50Gi" } } } } },
          remoteWrite: [],
        },
      },
    });
    expect(prometheusWeakenings(r)).toEqual([]);
  });

  it("adds remote write with basic auth from a Secret", () => {
    const r = resolvePrometheus("prom", {
      remoteWrite: [{ url: "https://metrics.example.com/api/v1/write", basicAuthSecret: "remote-write" }],
    });
    expect(r.install.values).toMatchObject({
      prometheus: {
        prometheusSpec: {
          remoteWrite: [
            {
              url: "https://metrics.example.com/api/v1/write",
              basicAuth: {
                username: { name: "remote-write", key: "username" },
                password: { name: "remote-write", key: "password" },
              },
            },
          ],
        },
      },
    });
  });

  it("reports exposing Prometheus, the admin API and plain-text remote write", () => {
    const r = resolvePrometheus("prom", {
      remoteWrite: [{ url: "http://metrics.internal/write" }],
      chart: {
        values: {
          prometheus: { service: { type: "LoadBalancer" }, prometheusSpec: { enableAdminAPI: true } },
        },
      },
    });
    expect(prometheusWeakenings(r)).toEqual([
      'kube-prometheus-stack: prometheus.service.type = "LoadBalancer" instead of "ClusterIP" (Prometheus has no authentication of its own)',
      "kube-prometheus-stack: prometheus.prometheusSpec.enableAdminAPI = true instead of false (admin API can delete data)",
      "prometheus: remote write to http://metrics.internal/write is not encrypted",
    ]);
  });

  it("rejects a bad nested argument naming it in the one path format", () => {
    expect(() => resolvePrometheus("prom", { remoteWrite: [{ url: "ftp://x" }] })).toThrow(
      /invalid remoteWrite\[0\]\.url = "ftp:\/\/x"\. .*http\(s\) URL/,
    );
  });
});

describe("cross-wiring", () => {
  it("scrapes istiod, every Envoy and Consul's injected pods", () => {
    const monitors = buildMonitors(resolvePrometheus("prom", { targets }));
    expect(monitors.map((m) => `${m.kind} ${m.metadata.name}`)).toEqual([
      "ServiceMonitor cairn-istiod",
      "PodMonitor cairn-istio-proxies",
      "PodMonitor cairn-consul-connect",
    ]);
    expect(monitors[0].spec).toMatchObject({
      namespaceSelector: { matchNames: ["istio-system"] },
      endpoints: [{ port: "http-monitoring", path: "/metrics" }],
    });
    expect(monitors[1].spec).toMatchObject({
      namespaceSelector: { any: true },
      podMetricsEndpoints: [{ port: "http-envoy-prom", path: "/stats/prometheus" }],
    });
    expect(monitors[2].spec).toMatchObject({ podMetricsEndpoints: [{ portNumber: 20200 }] });
  });

  it("lets Prometheus into each target namespace on the scraped ports only", () => {
    const policies = buildScrapePolicies(resolvePrometheus("prom", { targets }));
    const ingress = policies.filter((p) => p.metadata.name === "allow-prometheus-scrape");
    expect(
      ingress.map((p) => [
        p.metadata.namespace,
        (p.spec as { ingress: { ports: { port: number }[] }[] }).ingress[0].ports.map((x) => x.port),
      ]),
    ).toEqual([
      ["istio-system", [15014, 15090]],
      ["consul", [20200]],
    ]);
  });
});

describe("Prometheus component", () => {
  let recorder: ResourceRecorder;
  beforeEach(() => {
    recorder = new ResourceRecorder();
  });

  it("installs the chart and its monitors and SLO rules after the chart", async () => {
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    const prom = new Prometheus(
      "prom",
      {
        chartMirror: FIXTURES,
        targets,
        slos: [{ service: "checkout", availability: 99.9 }],
        allowQueryFrom: ["envoy-gateway-system"],
      },
      { ...recorder.opts, provider },
    );
    expect(await unwrap(prom.queryUrl)).toBe("http://kube-prometheus-stack-prometheus.monitoring.svc:9090");
    await recorder.settled();
    expect(recorder.one("kubernetes:helm.sh/v4:Chart").inputs).toMatchObject({
      chart: path.join(FIXTURES, "kube-prometheus-stack"),
      namespace: "monitoring",
    });
    const rule = recorder.one("kubernetes:monitoring.coreos.com/v1:PrometheusRule");
    expect((rule.inputs.spec as { groups: { name: string }[] }).groups.map((g) => g.name)).toEqual([
      "slo-checkout",
    ]);
    expect(recorder.ofType("kubernetes:monitoring.coreos.com/v1:PodMonitor")).toHaveLength(2);

    expect(
      recorder.one(
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        "prom-namespace-networkpolicy-allow-ingress-from",
      ).inputs,
    ).toMatchObject({
      spec: {
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "envoy-gateway-system" } },
              },
            ],
          },
        ],
      },
    });
  });

  it("registers monitors and rules only after the chart that installs their CRDs", async () => {
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    const deps = chartDependencies();
    new Prometheus(
      "prom",
      { targets, slos: [{ service: "checkout", availability: 99.9 }] },
      { transformations: [...(recorder.opts.transformations ?? []), deps.transformation], provider },
    );
    await recorder.settled();
    expect(deps.seen.get("kubernetes:monitoring.coreos.com/v1:PrometheusRule")).toBe(true);
    expect(deps.seen.get("kubernetes:monitoring.coreos.com/v1:ServiceMonitor")).toBe(true);
    expect(deps.seen.get("kubernetes:monitoring.coreos.com/v1:PodMonitor")).toBe(true);
    // NetworkPolicies are core kinds: they need not wait for the chart.
    expect(deps.seen.get("kubernetes:networking.k8s.io/v1:NetworkPolicy")).toBe(false);
  });
});

describe("Prometheus bad input", () => {
  it.each(prometheusBadInputs)("rejects $title before registering anything", async (c) => {
    const recorder = new ResourceRecorder();
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    const error = errorOf(
      () =>
        new Prometheus("prom", { ...PROMETHEUS_BASE_ARGS, ...c.args } as PrometheusArgs, {
          ...recorder.opts,
          provider,
        }),
    );
    expectRejection(error, c);
    await recorder.settled();
    expect(recorder.resources.map((r) => r.type)).toEqual(["pulumi:providers:kubernetes"]);
  });
});

describe("createPrometheus", () => {
  it("uses resolved args as they are and records the inputs as written", async () => {
    const recorder = new ResourceRecorder();
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    // Resolved against an in-memory mirror: a second parse would read the disk and fail.
    const mirror = path.resolve("/in-memory-mirror");
    const inputs = { chartMirror: mirror, retention: "7d" };
    const resolved = resolveWith("prom", inputs, {
      chartYaml: () => ({ name: "kube-prometheus-stack", version: "88.5.3" }),
    });
    createPrometheus("prom", resolved, inputs, { ...recorder.opts, provider });
    await recorder.settled();
    expect(recorder.one("cairn:observability:Prometheus").inputs).toEqual(inputs);
    expect(recorder.one("kubernetes:helm.sh/v4:Chart").inputs).toMatchObject({
      chart: path.join(mirror, "kube-prometheus-stack"),
      values: { prometheus: { prometheusSpec: { retention: "7d" } } },
    });
  });
});

describe("chart value keys", () => {
  it("sets only keys that exist in the upstream kube-prometheus-stack 88.5.3 values.yaml", () => {
    const values = resolvePrometheus("prom", {
      storageClass: "gp3",
      remoteWrite: [{ url: "https://x/write" }],
    }).install.values;
    expect(
      unknownValueKeys(values, upstreamKeys("kube-prometheus-stack"), KUBE_PROMETHEUS_STACK_CHART.freeForm),
    ).toEqual([]);
  });
});
