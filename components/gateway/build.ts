import { type z } from "zod";
import { workloadNamespace, type WorkloadNamespace } from "../k8s/build";
import {
  type ChartFiles,
  type PinnedChart,
  resolveChartInstall,
  type SecureDefault,
  type Values,
} from "../shared/chart";
import { helmOwned, TOKEN_REASON_ANNOTATION } from "../shared/chart-objects";
import { type ScrapeTarget } from "../shared/monitoring";
import { describe, parseArgs } from "../shared/validate";
import { type ChartInstall } from "../shared/workload";
import { type GatewayArgs, gatewayArgs } from "./args";
import { GATEWAY_HOOKS } from "./certs";

export const GATEWAY_TYPE = "cairn:gateway:Gateway";

/** Envoy Gateway's OCI chart as pinned by Cairn. */
/** The Helm release name of the Envoy Gateway chart. */
export const GATEWAY_RELEASE = "envoy-gateway";

export const ENVOY_GATEWAY_CHART = {
  chart: "gateway-helm",
  version: "v1.9.0",
  repo: "oci://docker.io/envoyproxy",
  hooks: GATEWAY_HOOKS,
  freeForm: ["deployment.pod.annotations"],
} as const satisfies PinnedChart;

/** Resolved args with the chart source and merged values. */
export interface ResolvedGateway extends Omit<z.output<typeof gatewayArgs>, "chart"> {
  readonly install: ChartInstall;
  readonly valueWeakenings: readonly string[];
  /** The namespace it creates for itself, resolved with it. */
  readonly baseline: WorkloadNamespace;
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

/**
 * Validates args (non-public routes need a JWT provider), resolves the chart
 * (a local one read through `charts`) and merges values. Pure: registers
 * nothing, reads no config.
 */
export function resolveGateway(name: string, args: GatewayArgs, charts: ChartFiles): ResolvedGateway {
  const where = describe(GATEWAY_TYPE, name);
  const { chart, ...parsed } = parseArgs(gatewayArgs, args, where);
  return {
    ...parsed,
    baseline: workloadNamespace(where, "namespace", `${name}-namespace`, { namespace: parsed.namespace }),
    ...resolveChartInstall({
      pinned: ENVOY_GATEWAY_CHART,
      chart,
      mirror: parsed.chartMirror,
      release: GATEWAY_RELEASE,
      namespace: parsed.namespace,
      defaults: gatewayDefaults(),
      secure: GATEWAY_SECURE_DEFAULTS,
      where,
      charts,
      patches: safeUpgradePolicyPatches(parsed.namespace),
    }),
  };
}

/** Gateway API's safe-upgrades admission policy, which the chart's crds subchart renders only when it owns it. */
export const SAFE_UPGRADE_POLICY = "safe-upgrades.gateway.networking.k8s.io";

const safeUpgradePolicyPatches = (namespace: string) =>
  ["ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding"].map((kind) =>
    helmOwned(kind, SAFE_UPGRADE_POLICY, GATEWAY_RELEASE, namespace),
  );

/** Why the controller's pods hold an API token (kubernetes.service_account_token). */
const GATEWAY_TOKEN_REASON =
  "Envoy Gateway watches Gateway API resources and provisions the Envoy proxies through the API server";

function gatewayDefaults(): Values {
  return {
    deployment: {
      replicas: 2,
      // Helm merges this with the chart's own pod annotations (its Prometheus scrape hints).
      pod: { annotations: { [TOKEN_REASON_ANNOTATION]: GATEWAY_TOKEN_REASON } },
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
    // Its webhook (a hook, patched by certgen) only adds zone labels to proxy pods; Cairn runs no certgen.
    topologyInjector: { enabled: false },
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
