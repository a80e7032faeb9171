import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/** A plain Kubernetes manifest, as produced by the pure `build.ts` functions. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

// Constructors take their own args type; manifests are checked by the pure builders and the API server.
type K8sCtor = new (name: string, args: never, opts: pulumi.CustomResourceOptions) => pulumi.CustomResource;

/** Typed classes for the built-in kinds Cairn creates, so previews show real types and schemas apply. */
const BUILT_IN: Record<string, K8sCtor> = {
  "v1/Namespace": k8s.core.v1.Namespace,
  "v1/ConfigMap": k8s.core.v1.ConfigMap,
  "v1/Secret": k8s.core.v1.Secret,
  "v1/Service": k8s.core.v1.Service,
  "v1/ServiceAccount": k8s.core.v1.ServiceAccount,
  "v1/ResourceQuota": k8s.core.v1.ResourceQuota,
  "v1/LimitRange": k8s.core.v1.LimitRange,
  "apps/v1/Deployment": k8s.apps.v1.Deployment,
  "apps/v1/StatefulSet": k8s.apps.v1.StatefulSet,
  "networking.k8s.io/v1/NetworkPolicy": k8s.networking.v1.NetworkPolicy,
  "rbac.authorization.k8s.io/v1/Role": k8s.rbac.v1.Role,
  "rbac.authorization.k8s.io/v1/RoleBinding": k8s.rbac.v1.RoleBinding,
  "rbac.authorization.k8s.io/v1/ClusterRole": k8s.rbac.v1.ClusterRole,
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": k8s.rbac.v1.ClusterRoleBinding,
  "admissionregistration.k8s.io/v1/MutatingWebhookConfiguration":
    k8s.admissionregistration.v1.MutatingWebhookConfiguration,
  "admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration":
    k8s.admissionregistration.v1.ValidatingWebhookConfiguration,
  "apiextensions.k8s.io/v1/CustomResourceDefinition": k8s.apiextensions.v1.CustomResourceDefinition,
};

/** Child name `${name}-<kind>-<object name>`; the namespace itself is `${name}-namespace`. */
export function manifestChildName(name: string, m: Manifest): string {
  return m.kind === "Namespace" ? `${name}-namespace` : `${name}-${m.kind.toLowerCase()}-${m.metadata.name}`;
}

/**
 * Child name `${name}-<kind>-<namespace>-<object name>`, unique when a component
 * writes the same object into several namespaces (workload components).
 */
export function namespacedChildName(name: string, m: Manifest): string {
  const ns = m.metadata.namespace ? `${m.metadata.namespace}-` : "";
  return `${name}-${m.kind.toLowerCase()}-${ns}${m.metadata.name}`;
}

/**
 * Registers manifests as Kubernetes resources under `opts.parent`. Namespaces
 * are created first: every other object depends on the namespaces in the list
 * and on the caller's `dependsOn` (so custom resources can wait for the chart
 * that installs their CRDs). Custom resources are registered with their own type token.
 */
export function registerManifests(
  name: string,
  manifests: readonly Manifest[],
  opts: pulumi.CustomResourceOptions,
  childName: (name: string, m: Manifest) => string = manifestChildName,
): pulumi.CustomResource[] {
  const namespaces: pulumi.Resource[] = [];
  return manifests.map((m) => {
    const Ctor = BUILT_IN[`${m.apiVersion}/${m.kind}`];
    const dependsOn =
      m.kind === "Namespace" ? opts.dependsOn : [...dependencies(opts.dependsOn), ...namespaces];
    const childOpts = { ...opts, dependsOn };
    const resource = Ctor
      ? new Ctor(childName(name, m), m as never, childOpts)
      : new k8s.apiextensions.CustomResource(childName(name, m), m, childOpts);
    if (m.kind === "Namespace") namespaces.push(resource);
    return resource;
  });
}

/** The caller's dependsOn as a list (Cairn passes a resource or a list of them). */
function dependencies(d: pulumi.CustomResourceOptions["dependsOn"]): pulumi.Input<pulumi.Resource>[] {
  if (d === undefined) return [];
  return Array.isArray(d) ? d : [d as pulumi.Input<pulumi.Resource>];
}

/**
 * A Secret's `data`: each value base64-encoded, as a Pulumi secret. Not
 * `stringData`: the provider turns known stringData into data, so a value
 * unknown at preview (a TlsBundle's certificate) would leave `pulumi up --plan`
 * a property the plan never had, and the update would stop.
 */
export function secretData(
  values: Readonly<Record<string, unknown>>,
): Record<string, pulumi.Output<string | undefined>> {
  return Object.fromEntries(
    Object.entries(values).map(([k, v]) => [
      k,
      // A value without one (a mocked dynamic resource's output) stays without one.
      pulumi.secret(
        pulumi
          .output(v as pulumi.Input<string | undefined>)
          .apply((s) => s && Buffer.from(s).toString("base64")),
      ),
    ]),
  );
}
