import { type Manifest } from "../shared/manifests";
import { type ScrapeTarget } from "../shared/monitoring";
import { type ResolvedPrometheus } from "./build";
import { buildSloRules } from "./slo";

const MONITORING = "monitoring.coreos.com/v1";
const SCRAPE_INTERVAL = "30s";

/** A ServiceMonitor or PodMonitor (in the Prometheus namespace) per scrape target. */
export function buildMonitors(r: ResolvedPrometheus): Manifest[] {
  return r.targets.map((t) => {
    const namespaceSelector = t.allNamespaces ? { any: true } : { matchNames: [t.namespace] };
    const endpoint = {
      ...(t.port
        ? { port: t.port }
        : t.kind === "PodMonitor"
          ? { portNumber: t.portNumber }
          : { targetPort: t.portNumber }),
      path: t.path ?? "/metrics",
      interval: SCRAPE_INTERVAL,
    };
    return {
      apiVersion: MONITORING,
      kind: t.kind,
      metadata: { name: `cairn-${t.name}`, namespace: r.namespace },
      spec: {
        selector: t.selector,
        namespaceSelector,
        ...(t.kind === "ServiceMonitor" ? { endpoints: [endpoint] } : { podMetricsEndpoints: [endpoint] }),
      },
    };
  });
}

/** The PrometheusRule holding the generated SLO recording and alerting rules (none without SLOs). */
export function buildSloRule(r: ResolvedPrometheus): Manifest[] {
  if (r.slos.length === 0) return [];
  return [
    {
      apiVersion: MONITORING,
      kind: "PrometheusRule",
      metadata: { name: "cairn-slos", namespace: r.namespace },
      spec: { groups: buildSloRules(r.slos) },
    },
  ];
}

const tcp = (ports: readonly number[]) => ports.map((port) => ({ protocol: "TCP", port }));
const nsSelector = (ns: string) => ({
  namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ns } },
});

/**
 * NetworkPolicies: scrape egress from the Prometheus namespace, API and remote-write egress, and one
 * `allow-prometheus-scrape` ingress policy in every target namespace.
 */
export function buildScrapePolicies(r: ResolvedPrometheus): Manifest[] {
  const np = (name: string, namespace: string, spec: Record<string, unknown>): Manifest => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace },
    spec,
  });
  const remotePorts = [
    ...new Set(
      r.remoteWrite.map((w) => Number(new URL(w.url).port || (w.url.startsWith("https") ? 443 : 80))),
    ),
  ];
  const out: Manifest[] = [
    np("allow-kube-api", r.namespace, {
      podSelector: {},
      policyTypes: ["Egress"],
      // The operator and Prometheus service discovery watch the Kubernetes API.
      egress: [{ ports: tcp([443, 6443]) }],
    }),
  ];
  if (remotePorts.length > 0) {
    out.push(
      np("allow-remote-write", r.namespace, {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [{ ports: tcp(remotePorts) }],
      }),
    );
  }
  if (r.targets.length > 0) {
    out.push(
      np("allow-scrape-egress", r.namespace, {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: r.targets.map((t: ScrapeTarget) => ({
          to: [t.allNamespaces ? { namespaceSelector: {} } : nsSelector(t.namespace)],
          ports: tcp([t.portNumber]),
        })),
      }),
    );
  }
  const byNamespace = new Map<string, Set<number>>();
  for (const t of r.targets) {
    if (t.namespace === r.namespace) continue;
    byNamespace.set(t.namespace, (byNamespace.get(t.namespace) ?? new Set()).add(t.portNumber));
  }
  for (const [namespace, ports] of byNamespace) {
    out.push(
      np("allow-prometheus-scrape", namespace, {
        podSelector: {},
        policyTypes: ["Ingress"],
        ingress: [{ from: [nsSelector(r.namespace)], ports: tcp([...ports].sort((a, b) => a - b)) }],
      }),
    );
  }
  return out;
}
