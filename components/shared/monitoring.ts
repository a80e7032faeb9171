/** A Kubernetes label selector, as used by ServiceMonitor and PodMonitor. */
export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly {
    readonly key: string;
    readonly operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
    readonly values?: readonly string[];
  }[];
}

/**
 * Something a workload component exposes for Prometheus to scrape. Workload
 * components publish these as a plain `scrapeTargets` field; the Prometheus
 * component turns each into a ServiceMonitor or PodMonitor and a NetworkPolicy
 * that lets Prometheus in.
 */
export interface ScrapeTarget {
  /** Short DNS-1123 name, unique per stack, e.g. `istiod`. */
  readonly name: string;
  /** ServiceMonitor scrapes Services, PodMonitor scrapes pods directly. */
  readonly kind: "ServiceMonitor" | "PodMonitor";
  /** Namespace of the target (also where the NetworkPolicy allowing scrapes goes). */
  readonly namespace: string;
  /** Select targets in every namespace instead of only `namespace` (e.g. mesh sidecars). @default false */
  readonly allNamespaces?: boolean;
  /** Selects the Services or pods. */
  readonly selector: LabelSelector;
  /** Named port to scrape (Service port name, or container port name). @default - `portNumber` */
  readonly port?: string;
  /** Container port number, for the NetworkPolicy. */
  readonly portNumber: number;
  /** HTTP path. @default "/metrics" */
  readonly path?: string;
}
