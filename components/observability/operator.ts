import { PROMETHEUS_SERVICE } from "./names";
import { type Manifest, secretData } from "../shared/manifests";
import { type TlsBundleSpec } from "../shared/tls";

/**
 * What kube-prometheus-stack's hooks and cluster-wide RBAC would have made for
 * the Prometheus Operator, built by Cairn instead: the webhook TLS material and
 * its admission webhooks (the chart's create/patch hook jobs never run under
 * Pulumi), and RBAC that writes only in the Prometheus namespace (the chart's
 * ClusterRole has `*` on Secrets, ConfigMaps and StatefulSets cluster-wide).
 */

/** Names that follow from the release name `kube-prometheus-stack` (the chart's fullname). */
export const OPERATOR = {
  serviceAccount: "kube-prometheus-stack-operator",
  service: "kube-prometheus-stack-operator",
  tlsSecret: "kube-prometheus-stack-admission",
  webhooks: "kube-prometheus-stack-admission",
  prometheusServiceAccount: PROMETHEUS_SERVICE,
  kubeletService: "kube-prometheus-stack-kubelet",
} as const;

const RBAC = "rbac.authorization.k8s.io/v1";
const MONITORING_GROUP = "monitoring.coreos.com";
const READ = ["get", "list", "watch"];
const WRITE = ["get", "list", "watch", "create", "update", "patch", "delete"];

/** The resources the operator reconciles, with their status and finalizer subresources. */
const INSTANCES = ["alertmanagers", "prometheuses", "prometheusagents", "thanosrulers"];
const CONFIGS = [
  "alertmanagerconfigs",
  "servicemonitors",
  "podmonitors",
  "probes",
  "prometheusrules",
  "scrapeconfigs",
];

/** The certificate the operator serves its web endpoint and webhooks with. */
export function operatorTlsSpec(namespace: string): TlsBundleSpec {
  const svc = OPERATOR.service;
  return {
    caCommonName: "Prometheus Operator admission CA (Cairn)",
    certs: {
      operator: {
        commonName: `${svc}.${namespace}.svc`,
        dnsNames: [
          svc,
          `${svc}.${namespace}`,
          `${svc}.${namespace}.svc`,
          `${svc}.${namespace}.svc.cluster.local`,
        ],
      },
    },
    validityDays: 730,
    renewDays: 90,
  };
}

/** The Secret the operator mounts (keys as the chart's kube-webhook-certgen writes them). */
export function operatorTlsSecret(
  namespace: string,
  tls: { readonly caCert: unknown; readonly cert: unknown; readonly key: unknown },
): Manifest {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: OPERATOR.tlsSecret, namespace },
    type: "Opaque",
    data: secretData({ ca: tls.caCert, cert: tls.cert, key: tls.key }),
  };
}

/** The chart's admission webhooks for PrometheusRules and AlertmanagerConfigs, with Cairn's CA bundle. */
export function operatorWebhooks(
  namespace: string,
  caBundle: unknown,
  failurePolicy: "Fail" | "Ignore",
): Manifest[] {
  const webhook = (name: string, path: string, resource: string, apiVersions: string[]) => ({
    name: `${name}.monitoring.coreos.com`,
    admissionReviewVersions: ["v1"],
    clientConfig: { service: { name: OPERATOR.service, namespace, path }, caBundle },
    failurePolicy,
    sideEffects: "None",
    timeoutSeconds: 10,
    rules: [
      { apiGroups: [MONITORING_GROUP], apiVersions, operations: ["CREATE", "UPDATE"], resources: [resource] },
    ],
  });
  const metadata = { name: OPERATOR.webhooks };
  return [
    {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "MutatingWebhookConfiguration",
      metadata,
      webhooks: [
        webhook("prometheusrulemutate", "/admission-prometheusrules/mutate", "prometheusrules", ["*"]),
      ],
    },
    {
      apiVersion: "admissionregistration.k8s.io/v1",
      kind: "ValidatingWebhookConfiguration",
      metadata,
      webhooks: [
        webhook("prometheusrulevalidate", "/admission-prometheusrules/validate", "prometheusrules", ["*"]),
        webhook(
          "alertmanagerconfigsvalidate",
          "/admission-alertmanagerconfigs/validate",
          "alertmanagerconfigs",
          ["v1alpha1"],
        ),
      ],
    },
  ];
}

const subresources = (names: readonly string[], ...subs: string[]) =>
  names.flatMap((n) => [n, ...subs.map((s) => `${n}/${s}`)]);

function binding(
  kind: "RoleBinding" | "ClusterRoleBinding",
  name: string,
  sa: string,
  ns: string,
  at?: string,
): Manifest {
  return {
    apiVersion: RBAC,
    kind,
    metadata: { name, ...(at ? { namespace: at } : {}) },
    roleRef: {
      apiGroup: "rbac.authorization.k8s.io",
      kind: kind === "RoleBinding" ? "Role" : "ClusterRole",
      name,
    },
    subjects: [{ kind: "ServiceAccount", name: sa, namespace: ns }],
  };
}

/**
 * RBAC for the operator and Prometheus, in place of the chart's (`global.rbac.create: false`):
 * the operator reads its configuration objects everywhere and writes only in `namespace`
 * (where its instances run, `*InstanceNamespaces`) and the kubelet Service in kube-system;
 * Prometheus reads what it discovers. Every verb is named.
 */
export function operatorRbac(namespace: string): Manifest[] {
  const name = "cairn-prometheus-operator";
  const prometheus = "cairn-prometheus";
  return [
    {
      apiVersion: RBAC,
      kind: "ClusterRole",
      metadata: { name },
      rules: [
        { apiGroups: [MONITORING_GROUP], resources: [...INSTANCES, ...CONFIGS], verbs: READ },
        { apiGroups: [""], resources: ["namespaces"], verbs: READ },
        { apiGroups: [""], resources: ["nodes"], verbs: ["list", "watch"] },
        { apiGroups: ["networking.k8s.io"], resources: ["ingresses"], verbs: READ },
        { apiGroups: ["storage.k8s.io"], resources: ["storageclasses"], verbs: ["get"] },
        { apiGroups: ["", "events.k8s.io"], resources: ["events"], verbs: ["create", "patch"] },
      ],
    },
    binding("ClusterRoleBinding", name, OPERATOR.serviceAccount, namespace),
    {
      apiVersion: RBAC,
      kind: "Role",
      metadata: { name, namespace },
      rules: [
        {
          apiGroups: [MONITORING_GROUP],
          resources: [...subresources(INSTANCES, "status", "finalizers"), ...subresources(CONFIGS, "status")],
          verbs: WRITE,
        },
        { apiGroups: ["apps"], resources: ["statefulsets"], verbs: [...WRITE, "deletecollection"] },
        { apiGroups: [""], resources: ["configmaps", "secrets"], verbs: [...WRITE, "deletecollection"] },
        { apiGroups: [""], resources: ["pods"], verbs: ["list", "delete"] },
        {
          apiGroups: [""],
          resources: ["services", "services/finalizers", "endpoints"],
          verbs: ["get", "create", "update", "delete"],
        },
        { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: WRITE },
      ],
    },
    binding("RoleBinding", name, OPERATOR.serviceAccount, namespace, namespace),
    {
      apiVersion: RBAC,
      kind: "Role",
      metadata: { name, namespace: "kube-system" },
      rules: [
        {
          apiGroups: [""],
          resources: ["services", "endpoints"],
          resourceNames: [OPERATOR.kubeletService],
          verbs: ["get", "update", "delete"],
        },
        // create cannot be limited by name; the operator creates the kubelet Service once.
        { apiGroups: [""], resources: ["services", "endpoints"], verbs: ["create"] },
        { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: WRITE },
      ],
    },
    binding("RoleBinding", name, OPERATOR.serviceAccount, namespace, "kube-system"),
    {
      apiVersion: RBAC,
      kind: "ClusterRole",
      metadata: { name: prometheus },
      rules: [
        {
          apiGroups: [""],
          resources: ["nodes", "nodes/metrics", "services", "endpoints", "pods"],
          verbs: READ,
        },
        { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: READ },
        { apiGroups: ["networking.k8s.io"], resources: ["ingresses"], verbs: READ },
        { nonResourceURLs: ["/metrics", "/metrics/cadvisor"], verbs: ["get"] },
      ],
    },
    binding("ClusterRoleBinding", prometheus, OPERATOR.prometheusServiceAccount, namespace),
  ];
}
