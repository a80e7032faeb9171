import { type Manifest } from "../shared/manifests";
import { type ScrapeTarget } from "../shared/monitoring";
import { INGRESS_SELECTOR, type ResolvedServiceMesh } from "./build";

/** NetworkPolicies for the control plane, the gateway and enrolled namespaces. */
export function buildMeshNetworkPolicies(r: ResolvedServiceMesh): Manifest[] {
  const np = (name: string, namespace: string, spec: Record<string, unknown>): Manifest => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace },
    spec,
  });
  const tcp = (...ports: number[]) => ports.map((p) => ({ protocol: "TCP", port: p }));
  const toIstiod = {
    to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": r.namespace } } }],
    ports: tcp(15012, 15017),
  };
  const out = [
    // istiod serves xDS to every sidecar and webhooks to the API server, and watches the API server.
    np("allow-istiod", r.namespace, {
      podSelector: { matchLabels: { app: "istiod" } },
      policyTypes: ["Ingress", "Egress"],
      ingress: [{ ports: tcp(15010, 15012, 15014, 15017) }],
      egress: [{ ports: tcp(443, 6443) }],
    }),
  ];
  if (r.gateway) {
    out.push(
      np("allow-ingress-gateway", r.ingressNamespace, {
        podSelector: { matchLabels: INGRESS_SELECTOR },
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ ports: tcp(80, 443, 15021) }],
        egress: [toIstiod, { to: [{ namespaceSelector: {} }] }],
      }),
    );
  }
  for (const ns of enrolledNamespaces(r)) {
    out.push(
      np("allow-mesh-control-plane", ns.namespace, {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [toIstiod],
      }),
    );
  }
  return out;
}

/** Namespaces labelled for injection, with the revision each one uses. */
export function enrolledNamespaces(r: ResolvedServiceMesh): { namespace: string; revision: string }[] {
  const canary = new Set(r.canary?.namespaces ?? []);
  const stable = r.injectNamespaces
    .filter((ns) => !canary.has(ns))
    .map((namespace) => ({ namespace, revision: r.revision }));
  const moved = [...canary].map((namespace) => ({
    namespace,
    revision: r.canaryIstiod?.revision ?? r.revision,
  }));
  return [...stable, ...moved];
}

/** What Prometheus scrapes: istiod and every Envoy (sidecars and gateways). */
export function meshScrapeTargets(r: ResolvedServiceMesh): ScrapeTarget[] {
  return [
    {
      name: "istiod",
      kind: "ServiceMonitor",
      namespace: r.namespace,
      selector: { matchLabels: { app: "istiod" } },
      port: "http-monitoring",
      portNumber: 15014,
    },
    {
      name: "istio-proxies",
      kind: "PodMonitor",
      namespace: r.namespace,
      allNamespaces: true,
      selector: { matchExpressions: [{ key: "security.istio.io/tlsMode", operator: "Exists" }] },
      port: "http-envoy-prom",
      portNumber: 15090,
      path: "/stats/prometheus",
    },
  ];
}
