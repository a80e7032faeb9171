import * as pulumi from "@pulumi/pulumi";
import { NamespaceBaseline } from "../namespace";
import { ScrapeTarget } from "../shared/monitoring";
import { requireProvider } from "../shared/provider";
import { namespacedChildName, registerManifests } from "../shared/manifests";
import { installChart, reportWeakenings, stackChartMirror } from "../shared/workload";
import { ConsulArgs } from "./args";
import {
  CONSUL_TYPE,
  consulNetworkPolicies,
  consulScrapeTargets,
  consulWeakenings,
  gossipSecret,
  resolveConsul,
} from "./build";
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

  constructor(name: string, args: ConsulArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const r = resolveConsul(name, { ...args, chartMirror: stackChartMirror(args.chartMirror) });
    const provider = requireProvider(opts, "kubernetes", `${CONSUL_TYPE} "${name}"`);
    super(CONSUL_TYPE, name, args, opts);
    const child = { parent: this, provider };

    const ns = new NamespaceBaseline(
      `${name}-namespace`,
      { namespace: r.namespace, allowIngressFrom: r.clientNamespaces },
      child,
    );
    const key = pulumi.secret(args.gossipKey ?? new GossipKey(`${name}-gossip-key`, { parent: this }).key);
    const [secret] = registerManifests(
      name,
      [gossipSecret(r.namespace, key)],
      { ...child, dependsOn: [ns] },
      namespacedChildName,
    );
    const policies = registerManifests(
      name,
      consulNetworkPolicies(r),
      { ...child, dependsOn: [ns] },
      namespacedChildName,
    );
    installChart(`${name}-chart`, r.install, { ...child, dependsOn: [ns, secret, ...policies] });

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
