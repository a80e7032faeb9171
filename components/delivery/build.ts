import { burnThreshold, errorRatio, type SloKind } from "../observability/slo";
import { type Manifest } from "../shared/manifests";
import { describe, parseArgs } from "../shared/validate";
import { type CanaryArgs, canaryArgs, type ParsedCanaryArgs } from "./args";
import { breakerLimit, DEFAULT_FAILURE_PERCENT, GATE, SLO_AVAILABILITY_ANNOTATION } from "./budget";

export const CANARY_TYPE = "cairn:delivery:Canary";

/** Name of the VirtualService route whose weights the controller sets. */
export const WEIGHTED_ROUTE = "primary";
/** Name of the header route to the canary: declared in the Rollout, added and removed by the controller. */
export const HEADER_ROUTE = "gray";

/** Validated args with defaults, and the Services' names. Pure. */
export interface ResolvedCanary extends Omit<ParsedCanaryArgs, "breaker"> {
  /** The breaker with its failure percentage resolved (capped by the SLO's fast-burn threshold). */
  readonly breaker: ParsedCanaryArgs["breaker"] & { readonly failurePercent: number };
  readonly stableService: string;
  readonly canaryService: string;
  readonly analysisTemplate: string;
}

export function resolveCanary(name: string, args: CanaryArgs): ResolvedCanary {
  const parsed = parseArgs(canaryArgs, args, describe(CANARY_TYPE, name));
  const failurePercent =
    parsed.breaker.failurePercent ?? Math.min(DEFAULT_FAILURE_PERCENT, breakerLimit(parsed.slo.availability));
  return {
    ...parsed,
    breaker: { ...parsed.breaker, failurePercent },
    stableService: `${parsed.service}-stable`,
    canaryService: `${parsed.service}-canary`,
    analysisTemplate: `${parsed.service}-slo`,
  };
}

const host = (r: ResolvedCanary, svc: string) => `${svc}.${r.namespace}.svc.cluster.local`;

/** One analysis metric per SLO kind: the canary's error ratio against the fast-burn threshold. */
export function buildAnalysisMetrics(r: ResolvedCanary): Record<string, unknown>[] {
  const kinds: [SloKind, number][] = [];
  if (r.slo.availability !== undefined) kinds.push(["availability", r.slo.availability]);
  if (r.slo.latency) kinds.push(["latency", r.slo.latency.objective]);
  // The canary's own traffic: the same SLO spec, measured on the canary Service.
  const canarySlo = { ...r.slo, service: r.canaryService, namespace: r.namespace };
  return kinds.map(([kind, objective]) => {
    const threshold = burnThreshold(objective, GATE.factor);
    return {
      name: `slo-${kind}`,
      interval: r.analysisInterval,
      // A finite run, so an inline analysis step completes: `analysisCount` good measurements.
      count: r.analysisCount,
      // One measurement above the burn threshold fails the run and aborts the rollout.
      failureLimit: 0,
      // No data (empty vector) or NaN (no requests) is neither success nor failure: inconclusive,
      // which pauses the rollout; it is never read as success.
      inconclusiveLimit: 0,
      successCondition: `len(result) > 0 && !isNaN(result[0]) && result[0] <= ${threshold}`,
      failureCondition: `len(result) > 0 && !isNaN(result[0]) && result[0] > ${threshold}`,
      provider: {
        prometheus: { address: r.prometheusAddress, query: errorRatio(canarySlo, kind, GATE.short) },
      },
    };
  });
}

const appLabels = (r: ResolvedCanary) => ({ app: r.service });

function service(r: ResolvedCanary, name: string): Manifest {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: r.namespace, labels: appLabels(r) },
    spec: {
      selector: appLabels(r),
      ports: [{ name: "http", port: r.port, targetPort: r.port, protocol: "TCP" }],
    },
  };
}

/** Restricted pod template (non-root, read-only, no privilege escalation, no capabilities). */
function podTemplate(r: ResolvedCanary): Record<string, unknown> {
  return {
    metadata: { labels: appLabels(r) },
    spec: {
      automountServiceAccountToken: false,
      securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
      containers: [
        {
          name: r.service,
          image: r.image,
          ports: [{ name: "http", containerPort: r.port }],
          resources: {
            requests: { cpu: "50m", memory: "64Mi" },
            limits: { memory: "128Mi" },
          },
          securityContext: {
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] },
          },
        },
      ],
    },
  };
}

export function buildRollout(r: ResolvedCanary): Manifest {
  // Each weight below 100 is held, then gated by an inline analysis step: the next weight waits for
  // the run to succeed (a background analysis only pauses after the fact; the controller could
  // already have moved on, which a real run showed), and an inconclusive run pauses the rollout.
  const gate = { analysis: { templates: [{ templateName: r.analysisTemplate }] } };
  // Gray traffic first: requests with the exact header go to the canary for the whole release.
  // The controller keeps a header route only while the canary has an available pod, so one
  // canary pod comes first; from the first weight on, the canary scales with its weight.
  const grayTraffic = [
    { setCanaryScale: { replicas: 1 } },
    {
      setHeaderRoute: {
        name: HEADER_ROUTE,
        match: [{ headerName: r.header.name, headerValue: { exact: r.header.value } }],
      },
    },
  ];
  const scaleWithWeight = { setCanaryScale: { matchTrafficWeight: true } };
  const weights = r.steps.flatMap((w, i) => [
    { setWeight: w },
    ...(i === 0 ? [scaleWithWeight] : []),
    ...(w < 100 ? [{ pause: { duration: r.stepPause } }, gate] : []),
  ]);
  const steps: Record<string, unknown>[] = [...grayTraffic, ...weights];
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Rollout",
    metadata: { name: r.service, namespace: r.namespace, labels: appLabels(r) },
    spec: {
      replicas: r.replicas,
      selector: { matchLabels: appLabels(r) },
      template: podTemplate(r),
      strategy: {
        canary: {
          stableService: r.stableService,
          canaryService: r.canaryService,
          // Labels the per-version EnvoyFilters select on.
          stableMetadata: { labels: { "cairn.dev/version": "stable" } },
          canaryMetadata: { labels: { "cairn.dev/version": "canary" } },
          trafficRouting: {
            managedRoutes: [{ name: HEADER_ROUTE }],
            istio: { virtualService: { name: r.service, routes: [WEIGHTED_ROUTE] } },
          },
          steps,
        },
      },
    },
  };
}

export function buildAnalysisTemplate(r: ResolvedCanary): Manifest {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "AnalysisTemplate",
    metadata: { name: r.analysisTemplate, namespace: r.namespace, labels: appLabels(r) },
    spec: { metrics: buildAnalysisMetrics(r) },
  };
}

/**
 * The VirtualService: the weighted route, all to stable. Its `http` list belongs to the
 * controller once a release starts (weights, and the header route it adds and removes), so
 * it gets `ignoreChanges`; hosts and gateways stay Pulumi's.
 */
export function buildVirtualService(r: ResolvedCanary): Manifest {
  const stable = host(r, r.stableService);
  const canary = host(r, r.canaryService);
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: r.service, namespace: r.namespace, labels: appLabels(r) },
    spec: {
      hosts: [host(r, r.service)],
      ...(r.gateways.length > 0 ? { gateways: ["mesh", ...r.gateways] } : {}),
      http: [
        {
          name: WEIGHTED_ROUTE,
          route: [
            { destination: { host: stable, port: { number: r.port } }, weight: 100 },
            { destination: { host: canary, port: { number: r.port } }, weight: 0 },
          ],
        },
      ],
    },
  };
}

/** Outlier detection on the canary host (consecutive 5xx; Istio's DestinationRule has no percentage). */
export function buildDestinationRule(r: ResolvedCanary): Manifest {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: { name: r.canaryService, namespace: r.namespace, labels: appLabels(r) },
    spec: {
      host: host(r, r.canaryService),
      trafficPolicy: {
        tls: { mode: "ISTIO_MUTUAL" },
        outlierDetection: {
          consecutive5xxErrors: 5,
          interval: r.breaker.interval,
          baseEjectionTime: r.breaker.interval,
          maxEjectionPercent: 100,
        },
      },
    },
  };
}

const seconds = (d: string) => {
  const n = Number(d.slice(0, -1));
  return `${d.endsWith("h") ? n * 3600 : d.endsWith("m") ? n * 60 : n}s`;
};

/** Inbound local rate limit on each version's sidecars (selected by the Rollout's version labels). */
export function buildRateLimitFilter(r: ResolvedCanary, version: "stable" | "canary"): Manifest {
  return {
    apiVersion: "networking.istio.io/v1alpha3",
    kind: "EnvoyFilter",
    metadata: { name: `${r.service}-${version}-ratelimit`, namespace: r.namespace, labels: appLabels(r) },
    spec: {
      workloadSelector: { labels: { ...appLabels(r), "cairn.dev/version": version } },
      configPatches: [
        {
          applyTo: "HTTP_FILTER",
          match: {
            context: "SIDECAR_INBOUND",
            listener: { filterChain: { filter: { name: "envoy.filters.network.http_connection_manager" } } },
          },
          patch: {
            operation: "INSERT_BEFORE",
            value: {
              name: "envoy.filters.http.local_ratelimit",
              typed_config: {
                "@type":
                  "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit",
                stat_prefix: "cairn_local_ratelimit",
                token_bucket: {
                  max_tokens: r.rateLimitRps,
                  tokens_per_fill: r.rateLimitRps,
                  fill_interval: "1s",
                },
                filter_enabled: {
                  runtime_key: "local_rate_limit_enabled",
                  default_value: { numerator: 100, denominator: "HUNDRED" },
                },
                filter_enforced: {
                  runtime_key: "local_rate_limit_enforced",
                  default_value: { numerator: 100, denominator: "HUNDRED" },
                },
              },
            },
          },
        },
      ],
    },
  };
}

/** Envoy failure-percentage ejection on every client's cluster for the canary host. */
export function buildBreakerFilter(r: ResolvedCanary): Manifest {
  return {
    apiVersion: "networking.istio.io/v1alpha3",
    kind: "EnvoyFilter",
    metadata: {
      name: `${r.service}-${r.namespace}-canary-breaker`,
      namespace: r.meshRootNamespace,
      labels: appLabels(r),
      // The objective this breaker must stay within (checked by policy platform.canary).
      ...(r.slo.availability !== undefined
        ? { annotations: { [SLO_AVAILABILITY_ANNOTATION]: String(r.slo.availability) } }
        : {}),
    },
    spec: {
      configPatches: [
        {
          applyTo: "CLUSTER",
          match: { context: "SIDECAR_OUTBOUND", cluster: { service: host(r, r.canaryService) } },
          patch: {
            operation: "MERGE",
            value: {
              outlier_detection: {
                interval: seconds(r.breaker.interval),
                base_ejection_time: seconds(r.breaker.interval),
                max_ejection_percent: 100,
                failure_percentage_threshold: r.breaker.failurePercent,
                enforcing_failure_percentage: 100,
                failure_percentage_minimum_hosts: 1,
                failure_percentage_request_volume: r.breaker.minimumRequests,
              },
            },
          },
        },
      ],
    },
  };
}

/** Every manifest of one canary, in creation order. Pure. */
export function buildCanaryManifests(r: ResolvedCanary): Manifest[] {
  return [
    service(r, r.service),
    service(r, r.stableService),
    service(r, r.canaryService),
    buildAnalysisTemplate(r),
    buildDestinationRule(r),
    buildRateLimitFilter(r, "stable"),
    buildRateLimitFilter(r, "canary"),
    buildBreakerFilter(r),
    buildVirtualService(r),
    buildRollout(r),
  ];
}
