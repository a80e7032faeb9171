import { ChartOverride } from "../shared/chart";
import { ScrapeTarget } from "../shared/monitoring";
import { SloSpec } from "./slo";

/** A remote-write destination. */
export interface RemoteWrite {
  /** Endpoint URL; `http://` is reported as a weakening. */
  readonly url: string;
  /** Secret in the Prometheus namespace with `username` and `password` keys for basic auth. @default - none */
  readonly basicAuthSecret?: string;
}

/** Args for {@link Prometheus}. Every field is optional and secure by default. */
export interface PrometheusArgs {
  /** Namespace for Prometheus, Alertmanager and the operator. @default "monitoring" */
  readonly namespace?: string;
  /** Prometheus replicas. @default 2 */
  readonly replicas?: number;
  /** How long samples are kept. @default "15d" */
  readonly retention?: string;
  /** Disk budget before old blocks are deleted. @default "45GiB" */
  readonly retentionSize?: string;
  /** Persistent volume size per replica. @default "50Gi" */
  readonly storageSize?: string;
  /** StorageClass for the volumes. @default - the cluster default */
  readonly storageClass?: string;
  /** Remote-write destinations. @default [] */
  readonly remoteWrite?: readonly RemoteWrite[];
  /** What to scrape: pass `scrapeTargets` of ServiceMesh, Consul and Gateway. @default [] */
  readonly targets?: readonly ScrapeTarget[];
  /** Service-level objectives; turned into multiwindow multi-burn-rate alert rules. @default [] */
  readonly slos?: readonly SloSpec[];
  /**
   * Namespaces allowed to query Prometheus (port 9090), e.g. the gateway that exposes it behind JWT auth.
   * Prometheus itself is never exposed: its Service is ClusterIP and no Ingress is created.
   * @default []
   */
  readonly allowQueryFrom?: readonly string[];
  /** Chart mirror. @default - stack config `cairn:chartMirror`, else upstream */
  readonly chartMirror?: string;
  /** Version, source and value overrides for kube-prometheus-stack. @default {} */
  readonly chart?: ChartOverride;
}
