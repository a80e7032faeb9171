import * as pulumi from "@pulumi/pulumi";
import { createWorkloadNamespace } from "../k8s/namespace";
import { diskChartFiles } from "../shared/chart-files";
import { type ScrapeTarget } from "../shared/monitoring";
import { requireProvider } from "../shared/provider";
import { namespacedChildName, registerManifests } from "../shared/manifests";
import { preResolved, type Resolved, resolvedOr } from "../shared/resolved";
import { installChart, reportWeakenings } from "../shared/workload";
import { type ConsulArgs } from "./args";
import {
  CONSUL_TYPE,
  consulNetworkPolicies,
  consulScrapeTargets,
  consulTlsSecrets,
  consulTlsSpec,
  consulWeakenings,
  gossipSecret,
  type ResolvedConsul,
  resolveConsul,
} from "./build";
import { TlsBundle } from "../shared/tls-bundle";
import { GossipKey } from "./gossip-key";

/**
 * Consul on Kubernetes (consul-k8s chart) with ACLs (default deny, managed
 * system ACLs), gossip encryption with a Pulumi-secret key, verified TLS,
 * Connect injection (service registration and health checks) and metrics.
 */
export class Consul extends pulumi.ComponentResource {
  /** Namespace of the Consul servers. */
  public readonly namespace: pulumi.Output<string>;
  /** The gossip encryption key; secret. */
  public readonly gossipKey: pulumi.Output<string>;
  /** In-cluster HTTPS address of the Consul API. */
  public readonly address: pulumi.Output<string>;
  /** Every choice less safe than the default; empty with defaults. */
  public readonly weakenings: pulumi.Output<string[]>;
  /** What Prometheus should scrape (pass to the Prometheus component's `targets`). */
  public readonly scrapeTargets: readonly ScrapeTarget[];

  constructor(
    name: string,
    args: ConsulArgs | Resolved<ResolvedConsul> = {},
    opts?: pulumi.ComponentResourceOptions,
  ) {
    // Validate (and check a local chart) before registering anything, the component itself included.
    const { value: r, inputs } = resolvedOr(args, (raw: ConsulArgs) =>
      resolveConsul(name, raw, diskChartFiles),
    );
    const provider = requireProvider(opts, "kubernetes", `${CONSUL_TYPE} "${name}"`);
    super(CONSUL_TYPE, name, inputs, opts);
    const child = { parent: this, provider };

    const ns = createWorkloadNamespace(`${name}-namespace`, r.baseline, child);
    const key = pulumi.secret(r.gossipKey ?? new GossipKey(`${name}-gossip-key`, { parent: this }).key);
    const tls = new TlsBundle(`${name}-tls`, consulTlsSpec(r), { parent: this });
    const secrets = registerManifests(
      name,
      [
        gossipSecret(r.namespace, key),
        ...consulTlsSecrets(r.namespace, {
          caCert: tls.caCert,
          cert: tls.certs.apply((c) => c.server),
          key: pulumi.secret(tls.keys.apply((k) => k.server)),
        }),
      ],
      { ...child, dependsOn: [ns] },
      namespacedChildName,
    );
    const policies = registerManifests(
      name,
      consulNetworkPolicies(r),
      { ...child, dependsOn: [ns] },
      namespacedChildName,
    );
    installChart(`${name}-chart`, r.install, { ...child, dependsOn: [ns, ...secrets, ...policies] });

    this.namespace = pulumi.output(r.namespace);
    this.gossipKey = key;
    this.address = pulumi.output(`https://consul-server.${r.namespace}.svc:8501`);
    this.weakenings = reportWeakenings(consulWeakenings(r), this);
    this.scrapeTargets = consulScrapeTargets(r);
    this.registerOutputs({
      namespace: this.namespace,
      gossipKey: this.gossipKey,
      address: this.address,
      weakenings: this.weakenings,
    });
  }
}

/**
 * Creates a Consul from args the caller has already resolved (no second parse);
 * `inputs` are the args as written, recorded in the state.
 */
export function createConsul(
  name: string,
  resolved: ResolvedConsul,
  inputs: object,
  opts: pulumi.ComponentResourceOptions,
): Consul {
  return new Consul(name, preResolved(resolved, inputs), opts);
}
