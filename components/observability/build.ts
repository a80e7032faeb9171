import { type z } from "zod";
import { PROMETHEUS_SERVICE } from "./names";
import { workloadNamespace, type WorkloadNamespace } from "../k8s/build";
import {
  type ChartFiles,
  type PinnedChart,
  resolveChartInstall,
  type SecureDefault,
  type Values,
} from "../shared/chart";
import { tokenPatches, type TokenUse, workloadTokens } from "../shared/chart-objects";
import { type HookHandling } from "../shared/hooks";
import { describe, parseArgs } from "../shared/validate";
import { type ChartInstall } from "../shared/workload";
import { type PrometheusArgs, prometheusArgs } from "./args";

export const PROMETHEUS_TYPE = "cairn:observability:Prometheus";

/** kube-prometheus-stack as pinned by Cairn (Prometheus Operator v0.93.1). */
export const KUBE_PROMETHEUS_STACK_CHART = {
  chart: "kube-prometheus-stack",
  version: "88.5.3",
  repo: "https://prometheus-community.github.io/helm-charts",
  hooks: [
    {
      name: "kube-prometheus-stack-admission",
      kinds: ["ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"],
      handling:
        "not rendered with Cairn's values (prometheusOperator.admissionWebhooks.enabled: false): RBAC of the admission jobs, which Cairn replaces",
    },
    {
      name: "kube-prometheus-stack-admission-create",
      kinds: ["Job"],
      handling: "replaced: Cairn issues Secret kube-prometheus-stack-admission (operatorTlsSecret)",
    },
    {
      name: "kube-prometheus-stack-admission-patch",
      kinds: ["Job"],
      handling: "replaced: Cairn creates the admission webhooks with its CA bundle (operatorWebhooks)",
    },
  ] satisfies readonly HookHandling[],
  freeForm: [
    "prometheus.prometheusSpec.securityContext",
    "prometheus.prometheusSpec.storageSpec",
    "prometheusOperator.resources",
    "kube-state-metrics.resources",
  ],
} as const satisfies PinnedChart;

/** Resolved args with the chart source and merged values. */
export interface ResolvedPrometheus extends Omit<z.output<typeof prometheusArgs>, "chart"> {
  readonly install: ChartInstall;
  readonly valueWeakenings: readonly string[];
  /** The namespace it creates for itself, resolved with it. */
  readonly baseline: WorkloadNamespace;
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
  {
    path: "global.rbac.create",
    expected: false,
    why: "the chart's operator ClusterRole writes every Secret, ConfigMap and StatefulSet in the cluster (Cairn's operatorRbac writes only in its namespace)",
  },
  {
    path: "prometheusOperator.tls.enabled",
    expected: true,
    why: "the operator's web endpoint and webhooks are served without TLS",
  },
  { path: "grafana.enabled", expected: false, why: "Grafana ships with an admin password in values" },
  {
    path: "nodeExporter.enabled",
    expected: false,
    why: "node-exporter needs host namespaces (privileged PSS)",
  },
];

/**
 * Validates args, resolves the chart source (failing on a missing local chart,
 * read through `charts`) and merges values. Pure: registers nothing, reads no config.
 */
export function resolvePrometheus(
  name: string,
  args: PrometheusArgs,
  charts: ChartFiles,
): ResolvedPrometheus {
  const where = describe(PROMETHEUS_TYPE, name);
  const { chart, ...parsed } = parseArgs(prometheusArgs, args, where);
  return {
    ...parsed,
    baseline: workloadNamespace(where, "namespace", `${name}-namespace`, {
      namespace: parsed.namespace,
      allowIngressFrom: parsed.allowQueryFrom,
    }),
    ...resolveChartInstall({
      pinned: KUBE_PROMETHEUS_STACK_CHART,
      chart,
      mirror: parsed.chartMirror,
      release: "kube-prometheus-stack",
      namespace: parsed.namespace,
      defaults: prometheusDefaults(parsed),
      secure: PROMETHEUS_SECURE_DEFAULTS,
      where,
      charts,
      patches: tokenPatches(PROMETHEUS_TOKENS),
    }),
  };
}

/** Requests and limits of the operator and kube-state-metrics (the chart sets none). */
const CONTROLLER_RESOURCES = { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } };

/** Why the chart's API clients hold a token; the chart has no annotation value for all of them. */
const PROMETHEUS_TOKENS: readonly TokenUse[] = [
  ...workloadTokens(
    "Deployment",
    "kube-prometheus-stack-operator",
    "the operator reconciles Prometheus and Alertmanager objects into StatefulSets, Secrets and ConfigMaps",
  ),
  ...workloadTokens(
    "Deployment",
    "kube-prometheus-stack-kube-state-metrics",
    "kube-state-metrics lists and watches the objects it reports metrics of",
  ),
  ["ServiceAccount", PROMETHEUS_SERVICE, "Prometheus discovers scrape targets through the API server"],
];

function prometheusDefaults(r: Omit<ResolvedPrometheus, "install" | "valueWeakenings" | "baseline">): Values {
  return {
    crds: { enabled: true },
    // Cairn's operatorRbac replaces the chart's cluster-wide RBAC.
    global: { rbac: { create: false } },
    prometheusOperator: {
      tls: { enabled: true },
      // Cairn issues the TLS Secret and creates the webhooks (operator.ts): the chart's hook jobs never run.
      admissionWebhooks: { enabled: false },
      // Instances, and what the operator writes for them, live in the Prometheus namespace only.
      prometheusInstanceNamespaces: [r.namespace],
      alertmanagerInstanceNamespaces: [r.namespace],
      thanosRulerInstanceNamespaces: [r.namespace],
      resources: CONTROLLER_RESOURCES,
    },
    "kube-state-metrics": { resources: CONTROLLER_RESOURCES },
    grafana: { enabled: false },
    nodeExporter: { enabled: false },
    alertmanager: {
      service: { type: "ClusterIP" },
      ingress: { enabled: false },
      // Alertmanager reads its configuration from a mounted Secret: no API token.
      serviceAccount: { automountServiceAccountToken: false },
      alertmanagerSpec: { automountServiceAccountToken: false },
    },
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

export { prometheusQueryUrl } from "./names";

/** Every choice less safe than Cairn's default. */
export function prometheusWeakenings(r: ResolvedPrometheus): string[] {
  const out = [...r.valueWeakenings];
  if (r.webhookFailurePolicy === "Ignore")
    out.push(
      "prometheus: webhookFailurePolicy Ignore: PrometheusRules are admitted unvalidated while the operator is down",
    );
  for (const w of r.remoteWrite) {
    if (w.url.startsWith("http://")) out.push(`prometheus: remote write to ${w.url} is not encrypted`);
  }
  return out;
}
