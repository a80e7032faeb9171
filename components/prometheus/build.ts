import { z } from "zod";
import {
  chartOverride,
  mergeValues,
  PinnedChart,
  resolveChart,
  SecureDefault,
  Values,
  valueWeakenings,
} from "../shared/chart";
import { ScrapeTarget } from "../shared/monitoring";
import { describe, dnsLabel, parseArgs, quantity } from "../shared/validate";
import { ChartInstall } from "../shared/workload";
import { PrometheusArgs } from "./args";
import { sloSpecSchema } from "./slo";

export const PROMETHEUS_TYPE = "cairn:observability:Prometheus";

/** kube-prometheus-stack as pinned by Cairn (Prometheus Operator v0.93.1). */
export const KUBE_PROMETHEUS_STACK_CHART = {
  chart: "kube-prometheus-stack",
  version: "88.5.3",
  repo: "https://prometheus-community.github.io/helm-charts",
} as const satisfies PinnedChart;

const duration = (what: string) =>
  z
    .string()
    .regex(/^(\d+(ms|s|m|h|d|w|y))+$/, `${what} must be a Prometheus duration such as "15d" or "12h"`);
const scrapeTarget = z.custom<ScrapeTarget>(
  (t) => typeof t === "object" && t !== null && "name" in t && "kind" in t && "portNumber" in t,
  { error: "targets entries must be scrapeTargets from ServiceMesh, Consul or Gateway" },
);

const schema = z.strictObject({
  namespace: dnsLabel("namespace").default("monitoring"),
  replicas: z.number().int().min(1, "replicas must be a positive integer").default(2),
  retention: duration("retention").default("15d"),
  retentionSize: z
    .string()
    .regex(
      /^\d+(B|KB|MB|GB|TB|PB|EB|KiB|MiB|GiB|TiB|PiB|EiB)$/,
      'retentionSize must be a size such as "45GiB"',
    )
    .default("45GiB"),
  storageSize: quantity("storageSize").default("50Gi"),
  storageClass: z.string().min(1).optional(),
  remoteWrite: z
    .array(
      z.strictObject({
        url: z.url({ protocol: /^https?$/, error: "remoteWrite[].url must be an http(s) URL" }),
        basicAuthSecret: dnsLabel("remoteWrite[].basicAuthSecret").optional(),
      }),
    )
    .default([]),
  targets: z.array(scrapeTarget).default([]),
  slos: z.array(sloSpecSchema).default([]),
  allowQueryFrom: z.array(dnsLabel("each allowQueryFrom entry")).default([]),
  chartMirror: z.string().min(1).optional(),
  chart: chartOverride,
});

/** Resolved args with the chart source and merged values. */
export interface ResolvedPrometheus extends Omit<z.output<typeof schema>, "chart"> {
  readonly install: ChartInstall;
  readonly valueWeakenings: readonly string[];
}

/** Values Cairn sets that keep Prometheus private; changing them is a reported weakening. */
export const PROMETHEUS_SECURE_DEFAULTS: readonly SecureDefault[] = [
  {
    path: "prometheus.service.type",
    expected: "ClusterIP",
    why: "Prometheus has no authentication of its own",
  },
  { path: "prometheus.ingress.enabled", expected: false, why: "Prometheus exposed without authentication" },
  { path: "prometheus.prometheusSpec.enableAdminAPI", expected: false, why: "admin API can delete data" },
  {
    path: "prometheus.prometheusSpec.enableRemoteWriteReceiver",
    expected: false,
    why: "anyone in reach can write samples",
  },
  { path: "alertmanager.service.type", expected: "ClusterIP", why: "Alertmanager has no authentication" },
  {
    path: "alertmanager.ingress.enabled",
    expected: false,
    why: "Alertmanager exposed without authentication",
  },
  { path: "grafana.enabled", expected: false, why: "Grafana ships with an admin password in values" },
  {
    path: "nodeExporter.enabled",
    expected: false,
    why: "node-exporter needs host namespaces (privileged PSS)",
  },
];

/** Validates args, resolves the chart source (failing on a missing chart) and merges values. */
export function resolvePrometheus(name: string, args: PrometheusArgs = {}): ResolvedPrometheus {
  const where = describe(PROMETHEUS_TYPE, name);
  const { chart, ...parsed } = parseArgs(schema, args, where);
  const values = mergeValues(prometheusDefaults(parsed), chart.values);
  return {
    ...parsed,
    install: {
      source: resolveChart(KUBE_PROMETHEUS_STACK_CHART, chart, parsed.chartMirror, where, "chart"),
      release: "kube-prometheus-stack",
      namespace: parsed.namespace,
      values,
    },
    valueWeakenings: valueWeakenings("kube-prometheus-stack", values, PROMETHEUS_SECURE_DEFAULTS),
  };
}

function prometheusDefaults(r: Omit<ResolvedPrometheus, "install" | "valueWeakenings">): Values {
  return {
    crds: { enabled: true },
    grafana: { enabled: false },
    nodeExporter: { enabled: false },
    alertmanager: { service: { type: "ClusterIP" }, ingress: { enabled: false } },
    prometheus: {
      service: { type: "ClusterIP" },
      ingress: { enabled: false },
      prometheusSpec: {
        replicas: r.replicas,
        retention: r.retention,
        retentionSize: r.retentionSize,
        enableAdminAPI: false,
        enableRemoteWriteReceiver: false,
        // Select Cairn's ServiceMonitors, PodMonitors and rules whatever their labels.
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        ruleSelectorNilUsesHelmValues: false,
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 1000,
          runAsGroup: 2000,
          fsGroup: 2000,
          seccompProfile: { type: "RuntimeDefault" },
        },
        storageSpec: {
          volumeClaimTemplate: {
            spec: {
              accessModes: ["ReadWriteOnce"],
              resources: { requests: { storage: r.storageSize } },
              ...(r.storageClass ? { storageClassName: r.storageClass } : {}),
            },
          },
        },
        remoteWrite: r.remoteWrite.map((w) => ({
          url: w.url,
          ...(w.basicAuthSecret
            ? {
                basicAuth: {
                  username: { name: w.basicAuthSecret, key: "username" },
                  password: { name: w.basicAuthSecret, key: "password" },
                },
              }
            : {}),
        })),
      },
    },
  };
}

/** Every choice less safe than Cairn's default. */
export function prometheusWeakenings(r: ResolvedPrometheus): string[] {
  const out = [...r.valueWeakenings];
  for (const w of r.remoteWrite) {
    if (w.url.startsWith("http://")) out.push(`prometheus: remote write to ${w.url} is not encrypted`);
  }
  return out;
}
