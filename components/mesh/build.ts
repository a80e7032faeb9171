import { type z } from "zod";
import {
  type ChartFiles,
  mergeValues,
  type PinnedChart,
  resolveChart,
  type SecureDefault,
  type Values,
  valueWeakenings,
} from "../shared/chart";
import { type Manifest } from "../shared/manifests";
import { describe, parseArgs } from "../shared/validate";
import { type ChartInstall } from "../shared/workload";
import { type ServiceMeshArgs, serviceMeshArgs } from "./args";

export const SERVICE_MESH_TYPE = "cairn:mesh:ServiceMesh";

const ISTIO_REPO = "https://istio-release.storage.googleapis.com/charts";
const ISTIO_VERSION = "1.30.3";

/** Istio charts Cairn pins (all from the same release). */
export const ISTIO_CHARTS = {
  base: { chart: "base", version: ISTIO_VERSION, repo: ISTIO_REPO },
  istiod: { chart: "istiod", version: ISTIO_VERSION, repo: ISTIO_REPO },
  gateway: { chart: "gateway", version: ISTIO_VERSION, repo: ISTIO_REPO },
} as const satisfies Record<string, PinnedChart>;

/** Label selecting the ingress gateway pods (the gateway chart derives it from the release name). */
export const INGRESS_GATEWAY_RELEASE = "istio-ingressgateway";
export const INGRESS_SELECTOR = { istio: "ingressgateway" };

/** Resolved args, chart sources and merged values. */
export interface ResolvedServiceMesh extends Omit<z.output<typeof serviceMeshArgs>, "charts"> {
  readonly revision: string;
  readonly base: ChartInstall;
  readonly istiod: ChartInstall;
  readonly canaryIstiod?: ChartInstall & { readonly revision: string };
  readonly gateway?: ChartInstall;
  readonly valueWeakenings: readonly string[];
}

/** Istio revision name for a version: `1.30.3` becomes `1-30-3`. */
export function revisionFor(version: string): string {
  return version.replace(/\./g, "-");
}

/** Values Cairn sets that keep the mesh secure; changing them is a reported weakening. */
export const ISTIOD_SECURE_DEFAULTS: readonly SecureDefault[] = [
  {
    path: "sidecarInjectorWebhook.rewriteAppHTTPProbe",
    expected: true,
    why: "kubelet probes fail under STRICT mTLS",
  },
  { path: "global.proxy.privileged", expected: false, why: "sidecars would run privileged" },
  { path: "seccompProfile", expected: { type: "RuntimeDefault" }, why: "istiod violates restricted PSS" },
];

/**
 * Validates args, resolves chart sources (failing on missing local charts, read
 * through `charts`) and merges values. Pure: registers nothing, reads no config.
 */
export function resolveServiceMesh(
  name: string,
  args: ServiceMeshArgs,
  charts: ChartFiles,
): ResolvedServiceMesh {
  const where = describe(SERVICE_MESH_TYPE, name);
  const { charts: overrides, ...parsed } = parseArgs(serviceMeshArgs, args, where);
  const source = (key: keyof typeof ISTIO_CHARTS) =>
    resolveChart(ISTIO_CHARTS[key], overrides[key], parsed.chartMirror, where, `charts.${key}`, charts);
  const revision = revisionFor(overrides.istiod.version ?? ISTIO_VERSION);
  const istiodValues = mergeValues(istiodDefaults(parsed.namespace, revision), overrides.istiod.values);
  const canary = parsed.canary;
  return {
    ...parsed,
    revision,
    base: {
      source: source("base"),
      release: "istio-base",
      namespace: parsed.namespace,
      values: mergeValues({ defaultRevision: revision }, overrides.base.values),
    },
    istiod: {
      source: source("istiod"),
      release: `istiod-${revision}`,
      namespace: parsed.namespace,
      values: istiodValues,
    },
    ...(canary
      ? {
          canaryIstiod: {
            source: resolveChart(
              ISTIO_CHARTS.istiod,
              { ...overrides.istiod, version: canary.version },
              parsed.chartMirror,
              where,
              // The canary reads the istiod chart from the same place as the stable revision.
              "charts.istiod",
              charts,
            ),
            release: `istiod-${revisionFor(canary.version)}`,
            namespace: parsed.namespace,
            revision: revisionFor(canary.version),
            values: mergeValues(
              istiodDefaults(parsed.namespace, revisionFor(canary.version)),
              overrides.istiod.values,
            ),
          },
        }
      : {}),
    ...(parsed.ingressGateway
      ? {
          gateway: {
            source: source("gateway"),
            release: INGRESS_GATEWAY_RELEASE,
            namespace: parsed.ingressNamespace,
            values: mergeValues(
              gatewayDefaults(revision, parsed.ingressServiceType),
              overrides.gateway.values,
            ),
          },
        }
      : {}),
    valueWeakenings: valueWeakenings("istiod", istiodValues, ISTIOD_SECURE_DEFAULTS),
  };
}

function istiodDefaults(namespace: string, revision: string): Values {
  return {
    revision,
    global: { istioNamespace: namespace, logAsJson: true, proxy: { privileged: false } },
    meshConfig: {
      enablePrometheusMerge: true,
      accessLogFile: "/dev/stdout",
      defaultConfig: { holdApplicationUntilProxyStarts: true },
    },
    sidecarInjectorWebhook: { rewriteAppHTTPProbe: true },
    seccompProfile: { type: "RuntimeDefault" },
    autoscaleMin: 2,
    replicaCount: 2,
    pdb: { minAvailable: 1 },
    telemetry: { enabled: true },
  };
}

function gatewayDefaults(revision: string, serviceType: string): Values {
  return {
    revision,
    service: { type: serviceType },
    autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 5 },
    // The chart's computed default plus seccomp, so the namespace can enforce restricted PSS.
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 1337,
      runAsGroup: 1337,
      fsGroup: 1337,
      seccompProfile: { type: "RuntimeDefault" },
      sysctls: [{ name: "net.ipv4.ip_unprivileged_port_start", value: "0" }],
    },
  };
}

/** Every choice less safe than Cairn's default. */
export function meshWeakenings(r: ResolvedServiceMesh): string[] {
  const out = [...r.valueWeakenings];
  if (r.mtlsMode !== "STRICT") out.push(`mesh: mTLS mode ${r.mtlsMode} instead of STRICT`);
  if (!r.defaultDeny) out.push("mesh: no default-deny AuthorizationPolicy");
  return out;
}

/** The labels that enrol a namespace in a revision. */
export const injectionLabels = (revision: string) => ({ "istio.io/rev": revision });

/** Mesh-wide PeerAuthentication, default-deny and explicit ALLOW AuthorizationPolicies. */
export function buildMeshPolicies(r: ResolvedServiceMesh): Manifest[] {
  const sec = "security.istio.io/v1";
  const out: Manifest[] = [
    {
      apiVersion: sec,
      kind: "PeerAuthentication",
      metadata: { name: "default", namespace: r.namespace },
      spec: { mtls: { mode: r.mtlsMode } },
    },
  ];
  if (r.defaultDeny) {
    // An empty spec in the root namespace denies every request mesh-wide.
    out.push({
      apiVersion: sec,
      kind: "AuthorizationPolicy",
      metadata: { name: "allow-nothing", namespace: r.namespace },
      spec: {},
    });
  }
  if (r.gateway) {
    out.push({
      apiVersion: sec,
      kind: "AuthorizationPolicy",
      metadata: { name: "allow-ingress-gateway", namespace: r.ingressNamespace },
      spec: { selector: { matchLabels: INGRESS_SELECTOR }, action: "ALLOW", rules: [{}] },
    });
  }
  r.allow.forEach((a, i) => {
    const source = a.fromNamespaces ? { namespaces: a.fromNamespaces } : { principals: a.fromPrincipals };
    const to = a.ports ? [{ operation: { ports: a.ports.map(String) } }] : undefined;
    out.push({
      apiVersion: sec,
      kind: "AuthorizationPolicy",
      metadata: { name: `cairn-allow-${i}`, namespace: a.namespace },
      spec: { action: "ALLOW", rules: [{ from: [{ source }], ...(to ? { to } : {}) }] },
    });
  });
  return out;
}
