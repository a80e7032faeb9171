import { type z } from "zod";
import { workloadNamespace, type WorkloadNamespace } from "../../k8s/build";
import {
  type ChartFiles,
  type PinnedChart,
  resolveChartInstall,
  type SecureDefault,
  type Values,
} from "../../shared/chart";
import { type Manifest } from "../../shared/manifests";
import { type ScrapeTarget } from "../../shared/monitoring";
import { describe, parseArgs } from "../../shared/validate";
import { type ChartInstall } from "../../shared/workload";
import { type RolloutsControllerArgs, rolloutsControllerArgs } from "./args";

export const ROLLOUTS_CONTROLLER_TYPE = "cairn:delivery:RolloutsController";

/** The Argo Rollouts chart as pinned by Cairn (its newest release; app v1.9.0). */
export const ARGO_ROLLOUTS_CHART = {
  chart: "argo-rollouts",
  version: "2.41.0",
  repo: "https://argoproj.github.io/argo-helm",
  freeForm: ["podSecurityContext"],
} as const satisfies PinnedChart;

/** The controller version Cairn builds and proves in its tests (scripts/toolchain), run by the chart. */
export const ROLLOUTS_CONTROLLER_VERSION = "v1.10.1";

/** Name of the chart's release: names the ServiceAccount, the Deployment and the metrics Service. */
export const ROLLOUTS_RELEASE = "argo-rollouts";

/** Resolved args with the chart source and merged values. */
export interface ResolvedRolloutsController extends Omit<z.output<typeof rolloutsControllerArgs>, "chart"> {
  readonly install: ChartInstall;
  readonly valueWeakenings: readonly string[];
  /** The namespace it creates for itself, resolved with it. */
  readonly baseline: WorkloadNamespace;
  /** Name of Cairn's ClusterRole (and binding) for the controller. */
  readonly clusterRole: string;
}

/** Values that keep the controller locked down; changing them is a reported weakening. */
export const ROLLOUTS_SECURE_DEFAULTS: readonly SecureDefault[] = [
  {
    path: "controller.createClusterRole",
    expected: false,
    why: "the chart's ClusterRole reads every Secret and manages Ingresses and Jobs in every namespace",
  },
  {
    path: "providerRBAC.enabled",
    expected: false,
    why: "grants the controller write access to nine traffic providers' objects",
  },
  {
    path: "createClusterAggregateRoles",
    expected: false,
    why: "adds Rollouts permissions to every admin, edit and view binding",
  },
  {
    path: "dashboard.enabled",
    expected: false,
    why: "an unauthenticated dashboard that can promote and abort",
  },
  {
    path: "containerSecurityContext.readOnlyRootFilesystem",
    expected: true,
    why: "writable root filesystem",
  },
  { path: "podSecurityContext.runAsNonRoot", expected: true, why: "controller may run as root" },
  {
    path: "containerSecurityContext.allowPrivilegeEscalation",
    expected: false,
    why: "privilege escalation allowed",
  },
];

/** Validates args, resolves the chart (a local one read through `charts`) and merges values. Pure. */
export function resolveRolloutsController(
  name: string,
  args: RolloutsControllerArgs,
  charts: ChartFiles,
): ResolvedRolloutsController {
  const where = describe(ROLLOUTS_CONTROLLER_TYPE, name);
  const { chart, ...parsed } = parseArgs(rolloutsControllerArgs, args, where);
  return {
    ...parsed,
    baseline: workloadNamespace(where, "namespace", `${name}-namespace`, { namespace: parsed.namespace }),
    ...resolveChartInstall({
      pinned: ARGO_ROLLOUTS_CHART,
      chart,
      mirror: parsed.chartMirror,
      release: ROLLOUTS_RELEASE,
      namespace: parsed.namespace,
      defaults: rolloutsDefaults(parsed.replicas),
      secure: ROLLOUTS_SECURE_DEFAULTS,
      where,
      charts,
    }),
    clusterRole: `cairn-${ROLLOUTS_RELEASE}-${parsed.namespace}`,
  };
}

/** Why the controller's pods hold an API token (policy kubernetes.service_account_token). */
const TOKEN_REASON = {
  "cairn.dev/service-account-token":
    "the controller watches and updates Rollouts, ReplicaSets and routes through the API server",
};

function rolloutsDefaults(replicas: number): Values {
  return {
    serviceAccount: { annotations: TOKEN_REASON },
    installCRDs: true,
    keepCRDs: true,
    clusterInstall: true,
    createClusterAggregateRoles: false,
    providerRBAC: { enabled: false },
    dashboard: { enabled: false },
    notifications: { secret: { create: false } },
    controller: {
      replicas,
      // Cairn's least-privilege ClusterRole replaces the chart's (buildControllerRbac).
      createClusterRole: false,
      podAnnotations: TOKEN_REASON,
      image: { tag: ROLLOUTS_CONTROLLER_VERSION },
      metrics: { enabled: true },
      pdb: { enabled: true, minAvailable: 1 },
      resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
    },
    podSecurityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    containerSecurityContext: {
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
      readOnlyRootFilesystem: true,
      seccompProfile: { type: "RuntimeDefault" },
    },
  };
}

const rule = (apiGroups: string[], resources: string[], verbs: string[]) => ({ apiGroups, resources, verbs });
const READ = ["get", "list", "watch"];

/**
 * What a canary on Istio needs, and nothing else: the chart's rules without Secrets and
 * ConfigMaps in every namespace (only the controller's own, through a Role), without
 * writing Ingresses and Jobs (Cairn's gates are Prometheus queries; the controller only
 * lists and watches them, and waits for those caches at start) or evicting pods, plus
 * Istio's VirtualServices and DestinationRules. Proven enough by running the real
 * controller with exactly these rules (test/integration/canary.test.ts).
 */
export function controllerClusterRules(): Record<string, string[]>[] {
  return [
    rule(
      ["argoproj.io"],
      ["rollouts", "rollouts/status", "rollouts/finalizers"],
      [...READ, "update", "patch"],
    ),
    rule(
      ["argoproj.io"],
      ["analysisruns", "analysisruns/finalizers", "experiments", "experiments/finalizers"],
      ["create", ...READ, "update", "patch", "delete"],
    ),
    rule(["argoproj.io"], ["analysistemplates", "clusteranalysistemplates"], READ),
    rule(["apps"], ["replicasets"], ["create", ...READ, "update", "patch", "delete"]),
    rule(["", "apps"], ["deployments", "podtemplates"], [...READ, "update"]),
    rule([""], ["services"], [...READ, "patch", "create", "delete"]),
    rule([""], ["pods"], ["list", "update", "watch"]),
    rule([""], ["events"], ["create", "update", "patch"]),
    rule(["coordination.k8s.io"], ["leases"], ["create", "get", "update"]),
    rule(["networking.istio.io"], ["virtualservices", "destinationrules"], [...READ, "update", "patch"]),
    rule(["networking.k8s.io", "extensions"], ["ingresses"], READ),
    rule(["batch"], ["jobs"], READ),
  ];
}

/** Cairn's RBAC for the chart's ServiceAccount: a ClusterRole and binding, and a Role for its own namespace. */
export function buildControllerRbac(r: ResolvedRolloutsController): Manifest[] {
  const subjects = [{ kind: "ServiceAccount", name: ROLLOUTS_RELEASE, namespace: r.namespace }];
  const labels = { "app.kubernetes.io/name": ROLLOUTS_RELEASE, "app.kubernetes.io/managed-by": "cairn" };
  const ref = (kind: string, name: string) => ({ apiGroup: "rbac.authorization.k8s.io", kind, name });
  return [
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRole",
      metadata: { name: r.clusterRole, labels },
      rules: controllerClusterRules(),
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: r.clusterRole, labels },
      roleRef: ref("ClusterRole", r.clusterRole),
      subjects,
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: ROLLOUTS_RELEASE, namespace: r.namespace, labels },
      // Its configuration and notification settings.
      rules: [rule([""], ["configmaps", "secrets"], READ)],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: ROLLOUTS_RELEASE, namespace: r.namespace, labels },
      roleRef: ref("Role", ROLLOUTS_RELEASE),
      subjects,
    },
  ];
}

/**
 * Through the namespace's default deny: the controller watches and updates the API server,
 * and queries Prometheus for the analyses. Its metrics port is opened by Prometheus's scrape target.
 */
export function buildControllerNetworkPolicies(r: ResolvedRolloutsController): Manifest[] {
  const tcp = (...ports: number[]) => ports.map((port) => ({ protocol: "TCP", port }));
  const inNamespace = (name: string) => ({
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": name } },
  });
  return [
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "allow-rollouts-controller", namespace: r.namespace },
      spec: {
        podSelector: { matchLabels: { "app.kubernetes.io/component": "rollouts-controller" } },
        policyTypes: ["Egress"],
        egress: [{ ports: tcp(443, 6443) }, { to: [inNamespace(r.prometheusNamespace)], ports: tcp(9090) }],
      },
    },
  ];
}

/** Every choice less safe than Cairn's default. */
export function rolloutsControllerWeakenings(r: ResolvedRolloutsController): string[] {
  const out = [...r.valueWeakenings];
  if (r.replicas < 2) out.push("argo-rollouts: one controller replica (no standby leader)");
  return out;
}

/** What Prometheus scrapes: the controller's metrics Service (the chart's `<release>-metrics`). */
export function rolloutsScrapeTargets(r: ResolvedRolloutsController): ScrapeTarget[] {
  return [
    {
      name: ROLLOUTS_RELEASE,
      kind: "ServiceMonitor",
      namespace: r.namespace,
      selector: {
        matchLabels: {
          "app.kubernetes.io/component": "rollouts-controller",
          "app.kubernetes.io/name": ROLLOUTS_RELEASE,
        },
      },
      port: "metrics",
      portNumber: 8090,
    },
  ];
}
