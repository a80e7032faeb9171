import * as pulumi from "@pulumi/pulumi";
import { createWorkloadNamespace } from "../k8s/namespace";
import { diskChartFiles } from "../shared/chart-files";
import { requireProvider } from "../shared/provider";
import { namespacedChildName, registerManifests } from "../shared/manifests";
import { preResolved, type Resolved, resolvedOr } from "../shared/resolved";
import { installChart, reportWeakenings } from "../shared/workload";
import { type PrometheusArgs } from "./args";
import {
  PROMETHEUS_TYPE,
  prometheusQueryUrl,
  prometheusWeakenings,
  type ResolvedPrometheus,
  resolvePrometheus,
} from "./build";
import { buildMonitors, buildScrapePolicies, buildSloRule } from "./monitors";
import { operatorRbac, operatorTlsSecret, operatorTlsSpec, operatorWebhooks } from "./operator";
import { TlsBundle } from "../shared/tls-bundle";

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

  constructor(
    name: string,
    args: PrometheusArgs | Resolved<ResolvedPrometheus> = {},
    opts?: pulumi.ComponentResourceOptions,
  ) {
    // Validate (and check a local chart) before registering anything, the component itself included.
    const { value: r, inputs } = resolvedOr(args, (raw: PrometheusArgs) =>
      resolvePrometheus(name, raw, diskChartFiles),
    );
    const provider = requireProvider(opts, "kubernetes", `${PROMETHEUS_TYPE} "${name}"`);
    super(PROMETHEUS_TYPE, name, inputs, opts);
    const child = { parent: this, provider };

    const ns = createWorkloadNamespace(`${name}-namespace`, r.baseline, child);
    const tls = new TlsBundle(`${name}-operator-tls`, operatorTlsSpec(r.namespace), { parent: this });
    const operatorTls = {
      caCert: tls.caCert,
      cert: tls.certs.apply((c) => c.operator),
      key: pulumi.secret(tls.keys.apply((k) => k.operator)),
    };
    // What the operator needs before it starts: its TLS Secret and Cairn's narrowed RBAC.
    const prerequisites = registerManifests(
      name,
      [operatorTlsSecret(r.namespace, operatorTls), ...operatorRbac(r.namespace)],
      { ...child, dependsOn: [ns] },
      namespacedChildName,
    );
    const chart = installChart(`${name}-chart`, r.install, { ...child, dependsOn: [ns, ...prerequisites] });
    registerManifests(
      name,
      operatorWebhooks(
        r.namespace,
        tls.caCert.apply((pem) => Buffer.from(pem).toString("base64")),
        r.webhookFailurePolicy,
      ),
      { ...child, dependsOn: [chart] },
      namespacedChildName,
    );
    // ServiceMonitors, PodMonitors and PrometheusRules need the operator's CRDs from the chart.
    registerManifests(
      name,
      [...buildMonitors(r), ...buildSloRule(r)],
      { ...child, dependsOn: [ns, chart] },
      namespacedChildName,
    );
    registerManifests(name, buildScrapePolicies(r), { ...child, dependsOn: [ns] }, namespacedChildName);

    this.namespace = pulumi.output(r.namespace);
    this.queryUrl = pulumi.output(prometheusQueryUrl(r.namespace));
    this.weakenings = reportWeakenings(prometheusWeakenings(r), this);
    this.registerOutputs({ namespace: this.namespace, queryUrl: this.queryUrl, weakenings: this.weakenings });
  }
}

/**
 * Creates a Prometheus from args the caller has already resolved (no second
 * parse); `inputs` are the args as written, recorded in the state.
 */
export function createPrometheus(
  name: string,
  resolved: ResolvedPrometheus,
  inputs: object,
  opts: pulumi.ComponentResourceOptions,
): Prometheus {
  return new Prometheus(name, preResolved(resolved, inputs), opts);
}
