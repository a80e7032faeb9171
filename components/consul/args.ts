import * as pulumi from "@pulumi/pulumi";
import { ChartOverride } from "../shared/chart";

/** Args for {@link Consul}. Every field is optional and secure by default. */
export interface ConsulArgs {
  /** Namespace for the Consul servers and controllers. @default "consul" */
  readonly namespace?: string;
  /** Consul datacenter name. @default "dc1" */
  readonly datacenter?: string;
  /** Server replicas, spread one per node by required anti-affinity. Fewer than 3 loses quorum on one failure. @default 3 */
  readonly replicas?: number;
  /** Persistent volume size per server. @default "10Gi" */
  readonly storage?: string;
  /** StorageClass for server volumes. @default - the cluster default */
  readonly storageClass?: string;
  /**
   * Gossip encryption key (32 random bytes, base64). Stored only as a Pulumi secret.
   * @default - generated once with node:crypto by a small dynamic resource and kept in state as a secret
   */
  readonly gossipKey?: pulumi.Input<string>;
  /** Inject Connect sidecars into every pod of the allowed namespaces (otherwise pods opt in by annotation). @default false */
  readonly injectByDefault?: boolean;
  /** Namespaces where Connect injection (service registration and health checks) runs. @default ["*"] */
  readonly injectNamespaces?: readonly string[];
  /**
   * Extra namespaces allowed to reach the Consul servers (ports 8501-8503). Namespaces in `injectNamespaces`
   * are always allowed; with `["*"]` every namespace is (mTLS and ACLs still apply).
   * @default []
   */
  readonly clientNamespaces?: readonly string[];
  /** Chart mirror. @default - stack config `cairn:chartMirror`, else upstream */
  readonly chartMirror?: string;
  /** Version, source and value overrides for the `consul` chart. @default {} */
  readonly chart?: ChartOverride;
}
