import * as pulumi from "@pulumi/pulumi";
import { NamespaceBaseline } from "../namespace";
import { requireProvider } from "../shared/provider";
import { namespacedChildName, registerManifests } from "../shared/manifests";
import { installChart, reportWeakenings, stackChartMirror } from "../shared/workload";
import { PrometheusArgs } from "./args";
import { PROMETHEUS_TYPE, prometheusWeakenings, resolvePrometheus } from "./build";
import { buildMonitors, buildScrapePolicies, buildSloRule } from "./monitors";

/**
 * Prometheus, Alertmanager and the Prometheus Operator (kube-prometheus-stack)
 * with retention and storage, optional remote write, ServiceMonitors/PodMonitors
 * for the other workloads, and SLO burn-rate alerts. Never exposed: ClusterIP
 * only, no Ingress, queries only from `allowQueryFrom` namespaces.
 */
export class Prometheus extends pulumi.ComponentResource {
  /** Namespace of the monitoring stack. */
  public readonly namespace: pulumi.Output<string>;
  /** In-cluster query URL (reachable only from `allowQueryFrom` namespaces). */
  public readonly queryUrl: pulumi.Output<string>;
  /** Every choice less safe than the default; empty with defaults. */
  public readonly weakenings: pulumi.Output<string[]>;

  constructor(name: string, args: PrometheusArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const r = resolvePrometheus(name, { ...args, chartMirror: stackChartMirror(args.chartMirror) });
    const provider = requireProvider(opts, "kubernetes", `${PROMETHEUS_TYPE} "${name}"`);
    super(PROMETHEUS_TYPE, name, args, opts);
    const child = { parent: this, provider };

    const ns = new NamespaceBaseline(
      `${name}-namespace`,
      { namespace: r.namespace, allowIngressFrom: r.allowQueryFrom },
      child,
    );
    const chart = installChart(`${name}-chart`, r.install, { ...child, dependsOn: [ns] });
    // ServiceMonitors, PodMonitors and PrometheusRules need the operator's CRDs from the chart.
    registerManifests(
      name,
      [...buildMonitors(r), ...buildSloRule(r)],
      { ...child, dependsOn: [ns, chart] },
      namespacedChildName,
    );
    registerManifests(name, buildScrapePolicies(r), { ...child, dependsOn: [ns] }, namespacedChildName);

    this.namespace = pulumi.output(r.namespace);
    this.queryUrl = pulumi.output(`http://kube-prometheus-stack-prometheus.${r.namespace}.svc:9090`);
    this.weakenings = reportWeakenings(prometheusWeakenings(r), this);
    this.registerOutputs({ namespace: this.namespace, queryUrl: this.queryUrl, weakenings: this.weakenings });
  }
}
