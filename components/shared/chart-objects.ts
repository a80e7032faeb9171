import { mergeValues, type Values } from "./chart";

/**
 * Kinds the API server keeps without a namespace. Some upstream charts give
 * them one anyway (consul-k8s' connect-inject webhook); the provider must not
 * see it, as it treats the object as namespaced.
 */
const CLUSTER_SCOPED = new Set([
  "APIService",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "GatewayClass",
  "IngressClass",
  "MutatingWebhookConfiguration",
  "Namespace",
  "PersistentVolume",
  "PriorityClass",
  "StorageClass",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "ValidatingWebhookConfiguration",
]);

/** Kinds whose readiness the provider awaits; each gets Cairn's stated timeout instead of Pulumi's 10 minutes. */
const AWAITED = new Set([
  "DaemonSet",
  "Deployment",
  "Ingress",
  "Job",
  "PersistentVolumeClaim",
  "Pod",
  "Service",
  "StatefulSet",
]);

/** How long a chart object may take to become ready before the update fails with the provider's reason. */
export const READY_TIMEOUT = "5m";

/** A change Cairn makes to one object of a chart that has no value for it. */
export interface ObjectPatch {
  readonly kind: string;
  readonly name: string;
  /** Returns the patched object (pure: the argument is not modified). */
  readonly apply: (object: Values) => Values;
}

/** The kind in a Kubernetes type token (`kubernetes:apps/v1:Deployment` is `Deployment`). */
export const kindOf = (type: string): string => type.slice(type.lastIndexOf(":") + 1);

/**
 * A rendered chart object as Cairn registers it: without a namespace when its
 * kind is cluster-scoped, with the component's patches for its kind and name.
 * Pure; returns undefined when nothing changes.
 */
export function fixChartObject(
  type: string,
  props: Values,
  patches: readonly ObjectPatch[],
): Values | undefined {
  const kind = kindOf(type);
  const metadata = (props.metadata ?? {}) as Values;
  let out = props;
  if (CLUSTER_SCOPED.has(kind) && metadata.namespace !== undefined) {
    out = {
      ...out,
      metadata: Object.fromEntries(Object.entries(metadata).filter(([k]) => k !== "namespace")),
    };
  }
  if (kind === "Secret" && props.type === SERVICE_ACCOUNT_TOKEN) out = skipAwait(out);
  // The API server stores a Role without rules as one with none: `rules: []` would be a diff on every preview.
  if ((kind === "Role" || kind === "ClusterRole") && Array.isArray(out.rules) && out.rules.length === 0)
    out = Object.fromEntries(Object.entries(out).filter(([k]) => k !== "rules"));
  for (const p of patches) if (p.kind === kind && p.name === metadata.name) out = p.apply(out);
  return out === props ? undefined : out;
}

const SERVICE_ACCOUNT_TOKEN = "kubernetes.io/service-account-token";

/**
 * A legacy service-account token Secret is not awaited: the provider polls it
 * for 5 s until the token controller fills it in, and when that poll errs or
 * is throttled before its first answer, pulumi-kubernetes v4 dereferences a
 * nil object and crashes (provider.go Create, seen on consul's
 * consul-auth-method Secret). Its consumers wait for the token anyway.
 */
const skipAwait = (object: Values): Values =>
  mergeValues(object, { metadata: { annotations: { "pulumi.com/skipAwait": "true" } } });

/** Whether the provider awaits objects of this type (and so Cairn's ready timeout applies). */
export const isAwaited = (type: string): boolean =>
  type.startsWith("kubernetes:") && AWAITED.has(kindOf(type));

/** Sets `failurePolicy` on every webhook of a Mutating/ValidatingWebhookConfiguration. */
export function webhookFailurePolicy(
  kind: string,
  name: string,
  failurePolicy: "Fail" | "Ignore",
): ObjectPatch {
  return {
    kind,
    name,
    apply: (o) => ({
      ...o,
      webhooks: ((o.webhooks ?? []) as Values[]).map((w) => ({ ...w, failurePolicy })),
    }),
  };
}

/** The annotation whose value says why a workload holds an API token (policy kubernetes.service_account_token). */
export const TOKEN_REASON_ANNOTATION = "cairn.dev/service-account-token";

/**
 * How one chart object uses the API: the reason its pods need a token, or
 * `false` for a ServiceAccount no running pod needs a token of (its
 * automountServiceAccountToken is then set to false).
 */
export type TokenUse = readonly [kind: string, name: string, reason: string | false];

/** A workload and its ServiceAccount (named alike, as charts name them) that need a token for `reason`. */
export const workloadTokens = (kind: string, name: string, reason: string): TokenUse[] => [
  ["ServiceAccount", name, reason],
  [kind, name, reason],
];

/** The patches that give each object of a chart its token use, where the chart has no value for it. */
export function tokenPatches(uses: readonly TokenUse[]): ObjectPatch[] {
  return uses.map(([kind, name, reason]) => ({
    kind,
    name,
    apply: (o) =>
      reason === false
        ? { ...o, automountServiceAccountToken: false }
        : mergeValues(o, { metadata: { annotations: { [TOKEN_REASON_ANNOTATION]: reason } } }),
  }));
}

/** A patch that gives the init container `container` of a workload's pod template its resources. */
export function initContainerResources(
  kind: string,
  name: string,
  container: string,
  resources: Values,
): ObjectPatch {
  return {
    kind,
    name,
    apply: (o) => {
      const spec = (o.spec ?? {}) as Values;
      const template = (spec.template ?? {}) as Values;
      const pod = (template.spec ?? {}) as Values;
      const initContainers = ((pod.initContainers ?? []) as Values[]).map((c) =>
        c.name === container ? { ...c, resources } : c,
      );
      return { ...o, spec: { ...spec, template: { ...template, spec: { ...pod, initContainers } } } };
    },
  };
}

/**
 * A patch that marks an object as the Helm release's own, as `helm install`
 * does (label app.kubernetes.io/managed-by, annotations meta.helm.sh/release-*).
 * For templates that `lookup` the live object and render it only when it is
 * absent or owned by their release: without the marks, the second render drops
 * what the first created, and every other update deletes it.
 */
export function helmOwned(kind: string, name: string, release: string, namespace: string): ObjectPatch {
  return {
    kind,
    name,
    apply: (o) =>
      mergeValues(o, {
        metadata: {
          labels: { "app.kubernetes.io/managed-by": "Helm" },
          annotations: { "meta.helm.sh/release-name": release, "meta.helm.sh/release-namespace": namespace },
        },
      }),
  };
}
