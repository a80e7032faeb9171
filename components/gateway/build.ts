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
import { describe, dnsLabel, parseArgs } from "../shared/validate";
import { ChartInstall } from "../shared/workload";
import { GatewayArgs } from "./args";

export const GATEWAY_TYPE = "cairn:gateway:Gateway";

/** Envoy Gateway's OCI chart as pinned by Cairn. */
export const ENVOY_GATEWAY_CHART = {
  chart: "gateway-helm",
  version: "v1.9.0",
  repo: "oci://docker.io/envoyproxy",
} as const satisfies PinnedChart;

const rateLimit = z.strictObject({
  requests: z.number().int().min(1, "rateLimit.requests must be a positive integer"),
  unit: z.enum(["Second", "Minute", "Hour"], {
    error: 'rateLimit.unit must be "Second", "Minute" or "Hour"',
  }),
});
const port = z.number().int().min(1, "ports must be 1-65535").max(65535, "ports must be 1-65535");

const schema = z
  .strictObject({
    namespace: dnsLabel("namespace").default("envoy-gateway-system"),
    gatewayName: dnsLabel("gatewayName").default("cairn"),
    hostname: z.string().min(1).optional(),
    tlsSecretName: dnsLabel("tlsSecretName").default("cairn-gateway-tls"),
    minTlsVersion: z.enum(["1.2", "1.3"], { error: 'minTlsVersion must be "1.2" or "1.3"' }).default("1.2"),
    httpRedirect: z.boolean().default(true),
    serviceType: z.enum(["LoadBalancer", "ClusterIP", "NodePort"]).default("LoadBalancer"),
    proxyReplicas: z.number().int().min(1).default(2),
    jwt: z
      .array(
        z.strictObject({
          issuer: z.string().min(1),
          jwksUri: z.url({ protocol: /^https$/, error: "jwt[].jwksUri must be an https:// URL" }),
          audiences: z.array(z.string().min(1)).optional(),
        }),
      )
      .default([]),
    rateLimit: rateLimit.default({ requests: 100, unit: "Second" }),
    routes: z
      .array(
        z.strictObject({
          name: dnsLabel("routes[].name"),
          hostnames: z.array(z.string().min(1)).optional(),
          pathPrefix: z.string().startsWith("/", "routes[].pathPrefix must start with /").default("/"),
          service: z.strictObject({
            name: dnsLabel("routes[].service.name"),
            namespace: dnsLabel("routes[].service.namespace"),
            port,
          }),
          public: z.boolean().default(false),
          rateLimit: rateLimit.optional(),
        }),
      )
      .default([]),
    accessLogs: z.boolean().default(true),
    chartMirror: z.string().min(1).optional(),
    chart: chartOverride,
  })
  .superRefine((a, ctx) => {
    a.routes.forEach((r, i) => {
      if (!r.public && a.jwt.length === 0) {
        ctx.addIssue({
          code: "custom",
          path: ["routes", i, "public"],
          message: `route "${r.name}" needs authentication: add a jwt provider, or set public: true to serve it unauthenticated`,
        });
      }
    });
    const names = a.routes.map((r) => r.name);
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup)
      ctx.addIssue({
        code: "custom",
        path: ["routes"],
        message: `route names must be unique; "${dup}" repeats`,
      });
  });

/** Resolved args with the chart source and merged values. */
export interface ResolvedGateway extends Omit<z.output<typeof schema>, "chart"> {
  readonly install: ChartInstall;
  readonly valueWeakenings: readonly string[];
}

/** Values Cairn sets that keep the controller locked down; changing them is a reported weakening. */
export const GATEWAY_SECURE_DEFAULTS: readonly SecureDefault[] = [
  {
    path: "deployment.envoyGateway.securityContext.readOnlyRootFilesystem",
    expected: true,
    why: "writable root filesystem",
  },
  {
    path: "deployment.envoyGateway.securityContext.runAsNonRoot",
    expected: true,
    why: "controller may run as root",
  },
  {
    path: "deployment.envoyGateway.securityContext.allowPrivilegeEscalation",
    expected: false,
    why: "privilege escalation allowed",
  },
];

/** Validates args (non-public routes need a JWT provider), resolves the chart and merges values. */
export function resolveGateway(name: string, args: GatewayArgs = {}): ResolvedGateway {
  const where = describe(GATEWAY_TYPE, name);
  const { chart, ...parsed } = parseArgs(schema, args, where);
  const values = mergeValues(gatewayDefaults(), chart.values);
  return {
    ...parsed,
    install: {
      source: resolveChart(ENVOY_GATEWAY_CHART, chart, parsed.chartMirror, where, "chart"),
      release: "envoy-gateway",
      namespace: parsed.namespace,
      values,
    },
    valueWeakenings: valueWeakenings("gateway-helm", values, GATEWAY_SECURE_DEFAULTS),
  };
}

function gatewayDefaults(): Values {
  return {
    deployment: {
      replicas: 2,
      envoyGateway: {
        securityContext: {
          allowPrivilegeEscalation: false,
          capabilities: { drop: ["ALL"] },
          privileged: false,
          readOnlyRootFilesystem: true,
          runAsNonRoot: true,
          runAsGroup: 65532,
          runAsUser: 65532,
          seccompProfile: { type: "RuntimeDefault" },
        },
      },
    },
    podDisruptionBudget: { minAvailable: 1 },
    config: { envoyGateway: { logging: { level: { default: "info" } } } },
  };
}

/** Every choice less safe than Cairn's default. */
export function gatewayWeakenings(r: ResolvedGateway): string[] {
  const out = [...r.valueWeakenings];
  if (!r.httpRedirect)
    out.push("gateway: no HTTP-to-HTTPS redirect listener (plain-HTTP clients get no answer)");
  if (!r.accessLogs) out.push("gateway: access logs off");
  for (const route of r.routes.filter((x) => x.public))
    out.push(`gateway: route ${route.name} is public (no JWT)`);
  return out;
}

/** What Prometheus scrapes: the Envoy Gateway controller and the Envoy proxies. */
export function gatewayScrapeTargets(r: ResolvedGateway): ScrapeTarget[] {
  return [
    {
      name: "envoy-gateway",
      kind: "ServiceMonitor",
      namespace: r.namespace,
      selector: { matchLabels: { "control-plane": "envoy-gateway" } },
      port: "metrics",
      portNumber: 19001,
    },
    {
      name: "envoy-proxies",
      kind: "PodMonitor",
      namespace: r.namespace,
      selector: {
        matchLabels: {
          "app.kubernetes.io/component": "proxy",
          "app.kubernetes.io/managed-by": "envoy-gateway",
          "gateway.envoyproxy.io/owning-gateway-name": r.gatewayName,
        },
      },
      port: "metrics",
      portNumber: 19001,
      path: "/stats/prometheus",
    },
  ];
}
