import { type z } from "zod";
import { workloadNamespace, type WorkloadNamespace } from "../k8s/build";
import {
  type ChartFiles,
  type PinnedChart,
  resolveChartInstall,
  type SecureDefault,
  type Values,
} from "../shared/chart";
import {
  initContainerResources,
  type ObjectPatch,
  tokenPatches,
  type TokenUse,
  workloadTokens,
} from "../shared/chart-objects";
import { type HookHandling } from "../shared/hooks";
import { type Manifest, secretData } from "../shared/manifests";
import { type TlsBundleSpec } from "../shared/tls";
import { type ScrapeTarget } from "../shared/monitoring";
import { describe, parseArgs } from "../shared/validate";
import { type ChartInstall } from "../shared/workload";
import { type ConsulArgs, consulArgs } from "./args";

export const CONSUL_TYPE = "cairn:consul:Consul";

/** Secrets holding the TLS material Cairn issues in place of the chart's `tls-init` hook job. */
export const CONSUL_TLS = { caCert: "consul-ca-cert", serverCert: "consul-server-cert" } as const;

/** The hooks the chart renders with Cairn's values, and what Cairn does instead. */
const CONSUL_HOOKS: readonly HookHandling[] = [
  {
    name: "consul-server-acl-init-cleanup",
    kinds: ["Job"],
    handling:
      "not needed: it only deletes the completed consul-server-acl-init Job, which Cairn keeps as a record",
  },
  {
    name: "consul-gateway-resources",
    kinds: ["Job"],
    handling:
      "not needed: it creates the Consul API gateway class; Cairn's API gateway is Envoy Gateway (cairn:gateway:Gateway)",
  },
  {
    name: "consul-gateway-cleanup",
    kinds: ["Job"],
    handling: "not needed: it deletes what consul-gateway-resources creates, which never runs",
  },
  {
    name: "consul-test",
    kinds: ["Pod"],
    handling: "not run: a `helm test` hook; Cairn's integration tests check the install",
  },
];

/** The consul-k8s chart Cairn pins (Consul 1.22.7). */
export const CONSUL_CHART = {
  chart: "consul",
  version: "1.9.11",
  repo: "https://helm.releases.hashicorp.com",
  hooks: CONSUL_HOOKS,
  freeForm: ["server.securityContext"],
} as const satisfies PinnedChart;

/** Name and key of the Kubernetes Secret holding the gossip key. */
export const GOSSIP_SECRET = { name: "consul-gossip-encryption-key", key: "key" } as const;

/** The chart's own required anti-affinity (one server per node), set explicitly so removing it is visible. */
export const SERVER_ANTI_AFFINITY = `podAntiAffinity:
  requiredDuringSchedulingIgnoredDuringExecution:
    - labelSelector:
        matchLabels:
          app: {{ template "consul.name" . }}
          release: "{{ .Release.Name }}"
          component: server
      topologyKey: kubernetes.io/hostname
`;

/** Resolved args with the chart source and merged values. */
export interface ResolvedConsul extends Omit<z.output<typeof consulArgs>, "chart"> {
  readonly install: ChartInstall;
  readonly valueWeakenings: readonly string[];
  /** The namespace it creates for itself, resolved with it. */
  readonly baseline: WorkloadNamespace;
}

const restrictedContainer = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  seccompProfile: { type: "RuntimeDefault" },
};

/** Values Cairn sets that keep Consul secure; changing them is a reported weakening. */
export const CONSUL_SECURE_DEFAULTS: readonly SecureDefault[] = [
  { path: "global.acls.manageSystemACLs", expected: true, why: "ACLs off: any client can read and write" },
  { path: "global.tls.enabled", expected: true, why: "agent traffic in plain text" },
  { path: "global.tls.verify", expected: true, why: "TLS peers are not verified" },
  { path: "global.tls.httpsOnly", expected: true, why: "the HTTP API is served without TLS" },
  { path: "global.gossipEncryption.secretName", expected: GOSSIP_SECRET.name, why: "gossip key not Cairn's" },
  {
    path: "server.serverCert.secretName",
    expected: CONSUL_TLS.serverCert,
    why: "server certificate not the one Cairn issues (the chart's tls-init hook never runs under Pulumi)",
  },
  {
    path: "connectInject.failurePolicy",
    expected: "Fail",
    why: "pods are created without Connect sidecars while the injector is down",
  },
  { path: "server.affinity", expected: SERVER_ANTI_AFFINITY, why: "servers may share a node" },
  { path: "ui.service.type", expected: "ClusterIP", why: "UI exposed outside the cluster" },
];

/**
 * Validates args, resolves the chart source (failing on a missing local chart,
 * read through `charts`) and merges values. Pure: registers nothing, reads no config.
 */
export function resolveConsul(name: string, args: ConsulArgs, charts: ChartFiles): ResolvedConsul {
  const where = describe(CONSUL_TYPE, name);
  const { chart, ...parsed } = parseArgs(consulArgs, args, where);
  return {
    ...parsed,
    baseline: workloadNamespace(where, "namespace", `${name}-namespace`, {
      namespace: parsed.namespace,
      allowIngressFrom: parsed.clientNamespaces,
    }),
    ...resolveChartInstall({
      pinned: CONSUL_CHART,
      chart,
      mirror: parsed.chartMirror,
      release: "consul",
      namespace: parsed.namespace,
      defaults: consulDefaults(parsed),
      secure: CONSUL_SECURE_DEFAULTS,
      where,
      charts,
      patches: CONSUL_PATCHES,
    }),
  };
}

/** Why each of the chart's workloads holds an API token; accounts of hooks that never run hold none. */
const CONSUL_TOKENS: readonly TokenUse[] = [
  ["ServiceAccount", "consul-auth-method", false],
  ["ServiceAccount", "consul-gateway-cleanup", false],
  ["ServiceAccount", "consul-gateway-resources", false],
  ["ServiceAccount", "consul-server-acl-init-cleanup", false],
  ...workloadTokens(
    "Deployment",
    "consul-connect-injector",
    "the injector watches pods, services and Consul's CRDs",
  ),
  ...workloadTokens(
    "StatefulSet",
    "consul-server",
    "locality-init reads the server's node labels for its region",
  ),
  ...workloadTokens(
    "Job",
    "consul-server-acl-init",
    "acl-init stores the ACL bootstrap and policy tokens as Secrets",
  ),
  ...workloadTokens(
    "Deployment",
    "consul-webhook-cert-manager",
    "it writes the webhooks' certificates and CA bundles through the API server",
  ),
];

/** Token uses, resources of containers the chart has no value for. */
const CONSUL_PATCHES: readonly ObjectPatch[] = [
  ...tokenPatches(CONSUL_TOKENS),
  initContainerResources("StatefulSet", "consul-server", "locality-init", {
    requests: { cpu: "10m", memory: "32Mi" },
    limits: { memory: "128Mi" },
  }),
];

function consulDefaults(r: Omit<ResolvedConsul, "install" | "valueWeakenings" | "baseline">): Values {
  return {
    global: {
      name: "consul",
      datacenter: r.datacenter,
      gossipEncryption: { autoGenerate: false, secretName: GOSSIP_SECRET.name, secretKey: GOSSIP_SECRET.key },
      tls: {
        enabled: true,
        enableAutoEncrypt: true,
        verify: true,
        httpsOnly: true,
        // Cairn issues the CA and server certificate (consulTlsSpec): the chart's tls-init hook never runs.
        caCert: { secretName: CONSUL_TLS.caCert, secretKey: "tls.crt" },
      },
      // Cairn-managed ACLs: the chart bootstraps them and configures default_policy "deny".
      acls: { manageSystemACLs: true },
      metrics: { enabled: true, enableAgentMetrics: true, agentMetricsRetentionTime: "1m" },
    },
    server: {
      replicas: r.replicas,
      serverCert: { secretName: CONSUL_TLS.serverCert },
      affinity: SERVER_ANTI_AFFINITY,
      storage: r.storage,
      ...(r.storageClass ? { storageClass: r.storageClass } : {}),
      securityContext: {
        runAsNonRoot: true,
        runAsGroup: 1000,
        runAsUser: 100,
        fsGroup: 1000,
        seccompProfile: { type: "RuntimeDefault" },
      },
      containerSecurityContext: { server: restrictedContainer },
    },
    ui: { enabled: true, service: { type: "ClusterIP" }, metrics: { enabled: true, provider: "prometheus" } },
    connectInject: {
      enabled: true,
      default: r.injectByDefault,
      k8sAllowNamespaces: r.injectNamespaces,
      failurePolicy: r.injectorFailurePolicy,
      // The pod webhook sees only the namespaces it injects: an injector outage cannot block pods elsewhere.
      ...(r.injectNamespaces.includes("*")
        ? {}
        : { namespaceSelector: injectorNamespaceSelector(r.injectNamespaces) }),
      apiGateway: { manageExternalCRDs: r.gatewayApiCrds, manageNonStandardCRDs: false },
      transparentProxy: { defaultEnabled: true },
      metrics: { defaultEnabled: true, defaultEnableMerging: true },
    },
  };
}

function injectorNamespaceSelector(namespaces: readonly string[]): string {
  return `matchExpressions:\n  - key: kubernetes.io/metadata.name\n    operator: In\n    values: ${JSON.stringify(namespaces)}\n`;
}

/** The CA and server certificate the chart's tls-init hook would have made (its SANs, see consul.serverTLSAltNames). */
export function consulTlsSpec(r: Pick<ResolvedConsul, "namespace" | "datacenter">): TlsBundleSpec {
  const svc = "consul-server";
  const ns = r.namespace;
  return {
    caCommonName: `Consul Agent CA (Cairn) ${r.datacenter}`,
    certs: {
      server: {
        commonName: `server.${r.datacenter}.consul`,
        dnsNames: [
          "localhost",
          `server.${r.datacenter}.consul`,
          `*.server.${r.datacenter}.consul`,
          svc,
          `*.${svc}`,
          `${svc}.${ns}`,
          `*.${svc}.${ns}`,
          `${svc}.${ns}.svc`,
          `*.${svc}.${ns}.svc`,
        ],
        ipAddresses: ["127.0.0.1"],
      },
    },
    validityDays: 730,
    renewDays: 90,
  };
}

/** The Secrets the chart mounts for TLS (values are Pulumi outputs of the component's TlsBundle). */
export function consulTlsSecrets(
  namespace: string,
  tls: { readonly caCert: unknown; readonly cert: unknown; readonly key: unknown },
): Manifest[] {
  return [
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: CONSUL_TLS.caCert, namespace },
      type: "Opaque",
      data: secretData({ "tls.crt": tls.caCert }),
    },
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: CONSUL_TLS.serverCert, namespace },
      type: "kubernetes.io/tls",
      data: secretData({ "tls.crt": tls.cert, "tls.key": tls.key }),
    },
  ];
}

/** Every choice less safe than Cairn's default. */
export function consulWeakenings(r: ResolvedConsul): string[] {
  const out = [...r.valueWeakenings];
  const replicas = Number((r.install.values.server as Values | undefined)?.replicas ?? r.replicas);
  if (replicas < 3)
    out.push(`consul: ${replicas} server replica(s): no quorum after one failure (use 3 or 5)`);
  return out;
}

/** The Secret the chart reads the gossip key from (its value is a Pulumi secret, filled in by the component). */
export function gossipSecret(namespace: string, key: unknown): Manifest {
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: GOSSIP_SECRET.name, namespace },
    type: "Opaque",
    data: secretData({ [GOSSIP_SECRET.key]: key }),
  };
}

/** Consul's server ports, reachable from client namespaces and the API server (webhooks). */
export function consulNetworkPolicies(r: ResolvedConsul): Manifest[] {
  const tcp = (...ports: number[]) => ports.map((p) => ({ protocol: "TCP", port: p }));
  // Injected pods (consul-dataplane) and clients reach the servers; mTLS and ACLs protect these ports.
  const everywhere = r.injectNamespaces.includes("*");
  const clients = [...new Set([...r.injectNamespaces, ...r.clientNamespaces])].filter((ns) => ns !== "*");
  const from = everywhere
    ? [{ namespaceSelector: {} }]
    : clients.map((ns) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } } }));
  const out: Manifest[] = [
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "allow-consul-controllers", namespace: r.namespace },
      spec: {
        podSelector: { matchLabels: { app: "consul" } },
        policyTypes: ["Egress"],
        // Controllers and ACL init talk to the Kubernetes API.
        egress: [{ ports: tcp(443, 6443) }],
      },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "allow-connect-webhook", namespace: r.namespace },
      spec: {
        podSelector: { matchLabels: { app: "consul", component: "connect-injector" } },
        policyTypes: ["Ingress"],
        ingress: [{ ports: tcp(8080) }],
      },
    },
  ];
  if (from.length > 0) {
    out.push({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "allow-consul-clients", namespace: r.namespace },
      spec: {
        podSelector: { matchLabels: { app: "consul", component: "server" } },
        policyTypes: ["Ingress"],
        ingress: [{ from, ports: tcp(8501, 8502, 8503) }],
      },
    });
  }
  return out;
}

/** What Prometheus scrapes: the merged Envoy and app metrics of every Connect-injected pod. */
export function consulScrapeTargets(r: ResolvedConsul): ScrapeTarget[] {
  return [
    {
      name: "consul-connect",
      kind: "PodMonitor",
      namespace: r.namespace,
      allNamespaces: true,
      selector: { matchLabels: { "consul.hashicorp.com/connect-inject-status": "injected" } },
      portNumber: 20200,
    },
  ];
}
