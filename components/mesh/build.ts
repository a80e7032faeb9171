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
import { Manifest } from "../shared/manifests";
import { describe, dnsLabel, parseArgs } from "../shared/validate";
import { ChartInstall } from "../shared/workload";
import { ServiceMeshArgs } from "./args";

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

const port = z.number().int().min(1, "ports must be 1-65535").max(65535, "ports must be 1-65535");
const schema = z.strictObject({
  namespace: dnsLabel("namespace").default("istio-system"),
  ingressGateway: z.boolean().default(true),
  ingressNamespace: dnsLabel("ingressNamespace").default("istio-ingress"),
  ingressServiceType: z.enum(["LoadBalancer", "ClusterIP", "NodePort"]).default("LoadBalancer"),
  injectNamespaces: z.array(dnsLabel("each injectNamespaces entry")).default([]),
  allow: z
    .array(
      z
        .strictObject({
          namespace: dnsLabel("allow[].namespace"),
          fromNamespaces: z.array(dnsLabel("allow[].fromNamespaces entry")).min(1).optional(),
          fromPrincipals: z.array(z.string().min(1)).min(1).optional(),
          ports: z.array(port).optional(),
        })
        .refine((a) => (a.fromNamespaces === undefined) !== (a.fromPrincipals === undefined), {
          error: "each allow entry needs exactly one of fromNamespaces or fromPrincipals",
        }),
    )
    .default([]),
  mtlsMode: z
    .enum(["STRICT", "PERMISSIVE"], { error: 'mtlsMode must be "STRICT" or "PERMISSIVE"' })
    .default("STRICT"),
  defaultDeny: z.boolean().default(true),
  canary: z
    .strictObject({
      version: z.string().regex(/^\d+\.\d+\.\d+$/, "canary.version must be an Istio version such as 1.31.0"),
      namespaces: z.array(dnsLabel("each canary.namespaces entry")).default([]),
    })
    .optional(),
  chartMirror: z.string().min(1).optional(),
  charts: z
    .strictObject({ base: chartOverride, istiod: chartOverride, gateway: chartOverride })
    .default({ base: { values: {} }, istiod: { values: {} }, gateway: { values: {} } }),
});

/** Resolved args, chart sources and merged values. */
export interface ResolvedServiceMesh extends Omit<z.output<typeof schema>, "charts"> {
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

/** Validates args, resolves chart sources (failing on missing charts) and merges values. */
export function resolveServiceMesh(name: string, args: ServiceMeshArgs = {}): ResolvedServiceMesh {
  const where = describe(SERVICE_MESH_TYPE, name);
  const { charts, ...parsed } = parseArgs(schema, args, where);
  const source = (key: keyof typeof ISTIO_CHARTS) =>
    resolveChart(ISTIO_CHARTS[key], charts[key], parsed.chartMirror, where, `charts.${key}`);
  const revision = revisionFor(charts.istiod.version ?? ISTIO_VERSION);
  const istiodValues = mergeValues(istiodDefaults(parsed.namespace, revision), charts.istiod.values);
  const canary = parsed.canary;
  return {
    ...parsed,
    revision,
    base: {
      source: source("base"),
      release: "istio-base",
      namespace: parsed.namespace,
      values: mergeValues({ defaultRevision: revision }, charts.base.values),
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
              { ...charts.istiod, version: canary.version },
              parsed.chartMirror,
              where,
              "canary",
            ),
            release: `istiod-${revisionFor(canary.version)}`,
            namespace: parsed.namespace,
            revision: revisionFor(canary.version),
            values: mergeValues(
              istiodDefaults(parsed.namespace, revisionFor(canary.version)),
              charts.istiod.values,
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
            values: mergeValues(gatewayDefaults(revision, parsed.ingressServiceType), charts.gateway.values),
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
