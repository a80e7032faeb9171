export { prometheusArgs } from "./args";
export type { PrometheusArgs, RemoteWrite } from "./args";
export { Prometheus } from "./prometheus";
export {
  KUBE_PROMETHEUS_STACK_CHART,
  PROMETHEUS_SECURE_DEFAULTS,
  PROMETHEUS_TYPE,
  prometheusQueryUrl,
  prometheusWeakenings,
  resolvePrometheus,
} from "./build";
export type { ResolvedPrometheus } from "./build";
export { buildMonitors, buildScrapePolicies, buildSloRule } from "./monitors";
export { BURN_RATE_ALERTS, buildSloRules, ISTIO_LATENCY_BUCKETS_MS, sloSpecSchema } from "./slo";
export type { SloSpec } from "./slo";
