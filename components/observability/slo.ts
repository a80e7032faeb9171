import { z } from "zod";
import { dnsLabel, documented as doc } from "../shared/validate";

/** Istio's default request-duration histogram buckets (ms); a latency threshold must be one of them. */
export const ISTIO_LATENCY_BUCKETS_MS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000,
  3600000,
] as const;

const objective = (what: string) =>
  z
    .number()
    .gt(0, `${what} must be a percentage between 0 and 100 (exclusive), e.g. 99.9`)
    .lt(100, `${what} must be a percentage between 0 and 100 (exclusive), e.g. 99.9`);

/** Service-level objectives for one service, measured from Istio's request metrics. */
export const sloSpecSchema = z
  .strictObject({
    service: doc(dnsLabel("slos[].service"), "Kubernetes Service name (`destination_service_name`)."),
    namespace: doc(
      dnsLabel("slos[].namespace").optional(),
      "Namespace of the service (`destination_service_namespace`).",
      "- any namespace",
    ),
    availability: doc(
      objective("availability").optional(),
      "Percentage of requests that must not fail with a 5xx, e.g. `99.9`.",
      "- no availability SLO",
    ),
    latency: doc(
      z
        .strictObject({
          objective: doc(objective("latency.objective"), "Percentage of requests that must be fast enough."),
          thresholdMs: doc(
            z.number().refine((ms) => (ISTIO_LATENCY_BUCKETS_MS as readonly number[]).includes(ms), {
              error: `latency.thresholdMs must be an Istio histogram bucket: ${ISTIO_LATENCY_BUCKETS_MS.join(", ")}`,
            }),
            "Latency threshold in milliseconds; one of Istio's histogram buckets.",
          ),
        })
        .optional(),
      "Percentage of requests that must be faster than `thresholdMs`.",
      "- no latency SLO",
    ),
  })
  .refine((s) => s.availability !== undefined || s.latency !== undefined, {
    error: "each SLO needs availability, latency or both",
  });

/** Service-level objectives for one service (derived from {@link sloSpecSchema}). */
export type SloSpec = z.input<typeof sloSpecSchema>;

/** One Prometheus rule (recording or alerting). */
export interface PrometheusRuleEntry {
  readonly record?: string;
  readonly alert?: string;
  readonly expr: string;
  readonly for?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

/** A rule group, as in a Prometheus rules file or a PrometheusRule's `spec.groups`. */
export interface PrometheusRuleGroup {
  readonly name: string;
  readonly rules: PrometheusRuleEntry[];
}

/** Multiwindow, multi-burn-rate alerts from the Google SRE workbook (chapter 5). */
export const BURN_RATE_ALERTS = [
  { severity: "page", long: "1h", short: "5m", factor: 14.4, for: "2m" },
  { severity: "page", long: "6h", short: "30m", factor: 6, for: "2m" },
  { severity: "ticket", long: "1d", short: "2h", factor: 3, for: "15m" },
  { severity: "ticket", long: "3d", short: "6h", factor: 1, for: "15m" },
] as const;

const WINDOWS = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"] as const;

/** Name of the recorded error ratio over a window. */
export const errorRatioRecord = (window: string) => `slo:sli_error:ratio_rate${window}`;

/** Recording and alerting rule groups (one group per service) for a list of SLO specs. */
export function buildSloRules(slos: readonly SloSpec[]): PrometheusRuleGroup[] {
  return slos.map((slo) => {
    const rules: PrometheusRuleEntry[] = [];
    if (slo.availability !== undefined) rules.push(...sloRules(slo, "availability", slo.availability));
    if (slo.latency) rules.push(...sloRules(slo, "latency", slo.latency.objective));
    return { name: `slo-${slo.service}`, rules };
  });
}

/** The kinds of SLO a spec can hold. */
export type SloKind = "availability" | "latency";
type Kind = SloKind;

/** Error-ratio threshold of a burn-rate factor: `factor` times the error budget (`1 - objective`). */
export function burnThreshold(objectivePercent: number, factor: number): number {
  return round(factor * (1 - objectivePercent / 100));
}

function sloRules(slo: SloSpec, kind: Kind, objectivePercent: number): PrometheusRuleEntry[] {
  const labels = { service: slo.service, slo: kind };
  const recordings = WINDOWS.map((w) => ({
    record: errorRatioRecord(w),
    expr: errorRatio(slo, kind, w),
    labels,
  }));
  const sel = `{service="${slo.service}",slo="${kind}"}`;
  const alerts = (["page", "ticket"] as const).map((severity) => {
    const pairs = BURN_RATE_ALERTS.filter((a) => a.severity === severity);
    const expr = pairs
      .map((a) => {
        const threshold = burnThreshold(objectivePercent, a.factor);
        return `(${errorRatioRecord(a.long)}${sel} > ${threshold} and ${errorRatioRecord(a.short)}${sel} > ${threshold})`;
      })
      .join(" or ");
    return {
      alert: severity === "page" ? "SLOErrorBudgetBurnFast" : "SLOErrorBudgetBurnSlow",
      expr,
      for: pairs[0].for,
      labels: { ...labels, severity },
      annotations: {
        summary: `${slo.service} ${kind} SLO (${objectivePercent}%) is burning its error budget ${severity === "page" ? "fast" : "slowly"}`,
      },
    };
  });
  return [...recordings, ...alerts];
}

/**
 * PromQL error ratio of one SLO kind over a window (the expression the recording rules record).
 * Empty when the service had no requests in the window: callers must not read that as success.
 */
export function errorRatio(slo: SloSpec, kind: Kind, window: string): string {
  const match = [
    'reporter="destination"',
    `destination_service_name="${slo.service}"`,
    ...(slo.namespace ? [`destination_service_namespace="${slo.namespace}"`] : []),
  ].join(",");
  if (kind === "availability") {
    const errors = `sum(rate(istio_requests_total{${match},response_code=~"5.."}[${window}]))`;
    return `(${errors} or vector(0)) / sum(rate(istio_requests_total{${match}}[${window}]))`;
  }
  const le = String(slo.latency?.thresholdMs);
  const fast = `sum(rate(istio_request_duration_milliseconds_bucket{${match},le="${le}"}[${window}]))`;
  return `1 - (${fast} / sum(rate(istio_request_duration_milliseconds_count{${match}}[${window}])))`;
}

/** Burn-rate thresholds without floating-point noise (14.4 * 0.001 is 0.0144, not 0.014400000000000012). */
function round(value: number): number {
  return Number(value.toPrecision(6));
}
