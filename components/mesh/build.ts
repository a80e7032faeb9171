import { type z } from "zod";
import { workloadNamespace, type WorkloadNamespace } from "../k8s/build";
import {
  type ChartFiles,
  mergeValues,
  type PinnedChart,
  resolveChart,
  type SecureDefault,
  type Values,
  valueWeakenings,
} from "../shared/chart";
import {
  type ObjectPatch,
  tokenPatches,
  webhookFailurePolicy,
  workloadTokens,
} from "../shared/chart-objects";
import { type Manifest } from "../shared/manifests";
import { type PodResources, type QuotaTotals, quotaFitting } from "../shared/quota";
import { describe, parseArgs } from "../shared/validate";
import { type ChartInstall } from "../shared/workload";
import { type ServiceMeshArgs, serviceMeshArgs } from "./args";

export const SERVICE_MESH_TYPE = "cairn:mesh:ServiceMesh";

const ISTIO_REPO = "https://istio-release.storage.googleapis.com/charts";
const ISTIO_VERSION = "1.30.3";

/** Istio charts Cairn pins (all from the same release). */
export const ISTIO_CHARTS = {
  base: { chart: "base", version: ISTIO_VERSION, repo: ISTIO_REPO },
  istiod: {
    chart: "istiod",
    version: ISTIO_VERSION,
    repo: ISTIO_REPO,
    freeForm: ["meshConfig", "resources"],
  },
  gateway: { chart: "gateway", version: ISTIO_VERSION, repo: ISTIO_REPO, freeForm: ["resources"] },
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
  /** The mesh's own namespaces, resolved with it: the root namespace and the gateway's. */
  readonly baselines: { readonly system: WorkloadNamespace; readonly ingress?: WorkloadNamespace };
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
  {
    path: "env.PILOT_ENABLE_GATEWAY_API_DEPLOYMENT_CONTROLLER",
    expected: "false",
    why: "istiod may create Deployments, Services and ServiceAccounts in every namespace",
  },
];

/**
 * What one istiod pod gets: upstream's requests (500m, 2Gi) with limits set, so
 * the namespace's LimitRange default (512Mi) never caps it below its request.
 */
export const ISTIOD_RESOURCES = {
  requests: { cpu: "500m", memory: "2Gi" },
  limits: { cpu: "2", memory: "2Gi" },
} as const;
/** istiod's HPA ceiling; a rollout adds one pod at a time (maxSurge 1). */
export const ISTIOD_MAX_REPLICAS = 5;

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
  const r = {
    ...parsed,
    revision,
    base: {
      source: source("base"),
      release: "istio-base",
      namespace: parsed.namespace,
      // The reader ServiceAccount and the validator's Service live in global.istioNamespace.
      values: mergeValues(
        { defaultRevision: revision, global: { istioNamespace: parsed.namespace } },
        overrides.base.values,
      ),
      // No pod runs as the reader: remote clusters get its token through a Secret, not a mount.
      patches: tokenPatches([["ServiceAccount", "istio-reader-service-account", false]]),
    },
    istiod: {
      source: source("istiod"),
      release: `istiod-${revision}`,
      namespace: parsed.namespace,
      values: istiodValues,
      patches: istiodPatches(revision, parsed.injectorFailurePolicy),
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
            patches: istiodPatches(revisionFor(canary.version), parsed.injectorFailurePolicy),
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
            patches: tokenPatches(
              workloadTokens("Deployment", INGRESS_GATEWAY_RELEASE, GATEWAY_TOKEN_REASON),
            ),
          },
        }
      : {}),
    valueWeakenings: valueWeakenings("istiod", istiodValues, ISTIOD_SECURE_DEFAULTS),
  };
  const quotas = meshQuotas(r);
  const system = workloadNamespace(where, "namespace", `${name}-system`, {
    namespace: r.namespace,
    quota: quotas.system,
  });
  const ingress = r.gateway
    ? workloadNamespace(where, "ingressNamespace", `${name}-ingress`, {
        namespace: r.ingressNamespace,
        quota: quotas.ingress,
      })
    : undefined;
  return { ...r, baselines: { system, ...(ingress ? { ingress } : {}) } };
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
    env: { PILOT_ENABLE_GATEWAY_API_DEPLOYMENT_CONTROLLER: "false" },
    resources: ISTIOD_RESOURCES,
    autoscaleMin: 2,
    autoscaleMax: ISTIOD_MAX_REPLICAS,
    rollingMaxSurge: 1,
    rollingMaxUnavailable: 0,
    replicaCount: 2,
    pdb: { minAvailable: 1 },
    telemetry: { enabled: true },
  };
}

/** Upstream's gateway resources, set so Cairn sizes the namespace quota from them. */
export const GATEWAY_RESOURCES = {
  requests: { cpu: "100m", memory: "128Mi" },
  limits: { cpu: "2", memory: "1Gi" },
} as const;
const GATEWAY_MAX_REPLICAS = 5;

/** Why the ingress gateway's Service is reachable from outside (kubernetes.service_exposure's `cairn.dev/expose`). */
export const exposureReason = (serviceType: string) =>
  `ServiceMesh ingressServiceType ${serviceType}: the mesh's ingress gateway takes traffic from outside the cluster`;

function gatewayDefaults(revision: string, serviceType: string): Values {
  return {
    revision,
    service: {
      type: serviceType,
      ...(serviceType === "ClusterIP"
        ? {}
        : { annotations: { "cairn.dev/expose": exposureReason(serviceType) } }),
    },
    resources: GATEWAY_RESOURCES,
    autoscaling: { enabled: true, minReplicas: 2, maxReplicas: GATEWAY_MAX_REPLICAS },
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

/** The most pods a chart's HPA runs plus one surging pod, with the resources its values give them. */
function podsAtMost(values: Values, maxPath: readonly string[]): { pods: number; resources: PodResources } {
  const max = maxPath.reduce<unknown>((v, k) => (v as Values | undefined)?.[k], values);
  return { pods: Number(max ?? 1) + 1, resources: (values.resources ?? {}) as PodResources };
}

/**
 * Quotas for the mesh's namespaces that hold every istiod revision and the
 * ingress gateway at their HPA ceilings during a rollout (the defaults would
 * refuse the fourth istiod pod).
 */
export function meshQuotas(r: Pick<ResolvedServiceMesh, "istiod" | "canaryIstiod" | "gateway">): {
  system: QuotaTotals;
  ingress: QuotaTotals;
} {
  const istiods = [r.istiod, ...(r.canaryIstiod ? [r.canaryIstiod] : [])];
  return {
    system: quotaFitting(istiods.map((i) => podsAtMost(i.values, ["autoscaleMax"]))),
    ingress: quotaFitting(r.gateway ? [podsAtMost(r.gateway.values, ["autoscaling", "maxReplicas"])] : []),
  };
}

const ISTIOD_TOKEN_REASON =
  "istiod watches the mesh's configuration, services and endpoints and validates workload tokens through the API server";
const GATEWAY_TOKEN_REASON =
  "the gateway's istio-agent exchanges its service-account token with istiod for its certificate";

function istiodPatches(revision: string, failurePolicy: "Fail" | "Ignore"): ObjectPatch[] {
  const istiod = `istiod-${revision}`;
  return [
    ...tokenPatches(workloadTokens("Deployment", istiod, ISTIOD_TOKEN_REASON)),
    ...injectorPatches(revision, failurePolicy),
  ];
}

/** The sidecar injector's webhooks (the chart has no value for their failure policy) set to `Ignore`. */
function injectorPatches(revision: string, failurePolicy: "Fail" | "Ignore"): ObjectPatch[] {
  return failurePolicy === "Fail"
    ? []
    : [
        webhookFailurePolicy(
          "MutatingWebhookConfiguration",
          `istio-sidecar-injector-${revision}`,
          failurePolicy,
        ),
      ];
}

/** Every choice less safe than Cairn's default. */
export function meshWeakenings(r: ResolvedServiceMesh): string[] {
  const out = [...r.valueWeakenings];
  if (r.injectorFailurePolicy === "Ignore")
    out.push(
      "mesh: injectorFailurePolicy Ignore: pods start without a proxy (outside the mesh) while istiod is down",
    );
  if (r.ingressGateway && r.ingressServiceType !== "ClusterIP")
    out.push(`mesh: ingress gateway Service is ${r.ingressServiceType}, reachable from outside the cluster`);
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
