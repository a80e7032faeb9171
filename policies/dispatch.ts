// Picks the wasm entrypoint for one resource input: the smallest set of
// policies that can find anything in it. The bundle (scripts/build-policies)
// has one entrypoint per provider and, for Kubernetes objects, one per group
// of kinds; each holds every policy whose rules can fire on those inputs, so a
// dispatched evaluation gives exactly the findings of the all-policies
// entrypoint (policies/test/dispatch.test.ts checks that on every sample and
// on samples rewritten to every kind a policy names). The choice reads the
// same values the Rego reads (input.review.object's kind, apiVersion and pod
// template paths), never only the type token, and anything it is not sure of
// goes to the entrypoint with every policy of the provider.
import type { ResourceInput } from "./mapping";

/** Every resource policy. */
export const RESOURCE_ENTRYPOINT = "pack/resource_violations";

/** Every Kubernetes and platform policy (any Kubernetes type no group below covers). */
export const KUBERNETES_ENTRYPOINT = "pack/kubernetes_violations";

/** Per-provider entrypoints for the types of other providers. */
const PROVIDER_ENTRYPOINTS: Readonly<Record<string, string>> = {
  kubernetes: KUBERNETES_ENTRYPOINT,
  aws: "pack/aws_violations",
  alicloud: "pack/alicloud_violations",
};

/**
 * The Kubernetes groups, in the order scripts/build-policies lists them. Which
 * policies each holds is written there, next to the policy folders.
 */
export const KUBERNETES_GROUPS = [
  "workload",
  "rbac",
  "service",
  "istio",
  "gateway",
  "object",
  "chart",
] as const;
export type KubernetesGroup = (typeof KUBERNETES_GROUPS)[number];

export function groupEntrypoint(group: KubernetesGroup): string {
  return `pack/k8s_${group}_violations`;
}

/** lib/kubernetes.rego's workload_kinds: the pod policies also defer on these when the template is unknown. */
const WORKLOAD_KINDS = new Set([
  "Pod",
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
  "Job",
  "CronJob",
  "PodTemplate",
]);
const RBAC_KINDS = new Set(["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"]);
/** Kinds kubernetes.service_exposure, kubernetes.service_account_token and platform.prometheus name. */
const SERVICE_KINDS = new Set(["Service", "Ingress", "ServiceAccount", "Prometheus"]);
/** Kinds platform.gateway_tls names (with any apiVersion: its deferral does not check the group). */
const GATEWAY_KINDS = new Set(["Gateway", "ClientTrafficPolicy"]);
/** Kinds platform.mesh_mtls and platform.canary name on Istio objects. */
const ISTIO_KINDS = new Set(["PeerAuthentication", "DestinationRule", "VirtualService", "EnvoyFilter"]);
/** Every kind some policy names: an object of one of these kinds is never in the generic "object" group. */
const NAMED_KINDS = new Set([
  ...WORKLOAD_KINDS,
  ...RBAC_KINDS,
  ...SERVICE_KINDS,
  ...GATEWAY_KINDS,
  ...ISTIO_KINDS,
  "Rollout",
]);

const CHART_TYPES = new Set([
  "kubernetes:helm.sh/v3:Chart",
  "kubernetes:helm.sh/v3:Release",
  "kubernetes:helm.sh/v4:Chart",
]);

/** `obj[k1][k2]...` through own keys of plain objects only, as Rego's `obj.k1.k2` reads JSON. */
function at(value: unknown, keys: readonly string[]): unknown {
  let v = value;
  for (const k of keys) {
    if (typeof v !== "object" || v === null || Array.isArray(v) || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** A Rego body expression `obj.a.b` holds when the value is defined and not false. */
function holds(value: unknown): boolean {
  return value !== undefined && value !== false;
}

/** lib/kubernetes.rego's pod_spec_path is defined (is_workload), read the same way. */
function hasPodSpec(obj: unknown, kind: unknown): boolean {
  return (
    kind === "Pod" ||
    holds(at(obj, ["spec", "template", "spec"])) ||
    holds(at(obj, ["spec", "jobTemplate", "spec", "template", "spec"])) ||
    kind === "PodTemplate"
  );
}

/** The group of a Kubernetes object (the admission-review object), or undefined for every policy. */
export function kubernetesGroup(obj: Record<string, unknown>): KubernetesGroup | undefined {
  const kind = obj.kind;
  const apiVersion = obj.apiVersion;
  if (typeof kind !== "string" || typeof apiVersion !== "string") return undefined;
  // mesh_mtls and canary read `*.istio.io` from the apiVersion's group, whatever the kind.
  const istio = apiVersion.split("/")[0].endsWith(".istio.io");
  const pod = hasPodSpec(obj, kind) || WORKLOAD_KINDS.has(kind);
  if (pod) {
    // A pod template in an object some other policy also names (a Service with spec.template...) meets every policy.
    const other = RBAC_KINDS.has(kind) || GATEWAY_KINDS.has(kind) || kind === "Service" || istio;
    return other ? undefined : "workload";
  }
  if (istio) return RBAC_KINDS.has(kind) || SERVICE_KINDS.has(kind) ? undefined : "istio";
  if (RBAC_KINDS.has(kind)) return "rbac";
  if (SERVICE_KINDS.has(kind)) return "service";
  if (GATEWAY_KINDS.has(kind)) return "gateway";
  if (kind === "Rollout" || ISTIO_KINDS.has(kind)) return undefined;
  return NAMED_KINDS.has(kind) ? undefined : "object";
}

/** The entrypoint for one resource input. */
export function resourceEntrypoint(input: Pick<ResourceInput, "type" | "review">): string {
  if (input.review) {
    const group = kubernetesGroup(input.review.object);
    return group ? groupEntrypoint(group) : KUBERNETES_ENTRYPOINT;
  }
  if (CHART_TYPES.has(input.type)) return groupEntrypoint("chart");
  return PROVIDER_ENTRYPOINTS[input.type.slice(0, input.type.indexOf(":"))] ?? RESOURCE_ENTRYPOINT;
}
