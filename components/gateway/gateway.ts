import * as pulumi from "@pulumi/pulumi";
import { createWorkloadNamespace } from "../k8s/namespace";
import { type ScrapeTarget } from "../shared/monitoring";
import { diskChartFiles } from "../shared/chart-files";
import { requireProvider } from "../shared/provider";
import { namespacedChildName, registerManifests } from "../shared/manifests";
import { preResolved, type Resolved, resolvedOr } from "../shared/resolved";
import { TlsBundle } from "../shared/tls-bundle";
import { installChart, reportWeakenings } from "../shared/workload";
import { gatewayCertSecrets, gatewayCertSpec } from "./certs";
import { type GatewayArgs } from "./args";
import {
  GATEWAY_TYPE,
  gatewayScrapeTargets,
  gatewayWeakenings,
  type ResolvedGateway,
  resolveGateway,
} from "./build";
import { buildGatewayNetworkPolicies, buildGatewayObjects, buildRouteObjects } from "./objects";

/**
 * An API gateway: Envoy Gateway (pinned OCI chart) plus Kubernetes Gateway API
 * objects: an HTTPS listener with TLS >= 1.2, HTTP only as a redirect, routes to
 * Services with JWT authentication and rate limiting as policies, JSON access
 * logs and Prometheus metrics.
 */
export class Gateway extends pulumi.ComponentResource {
  /** Namespace of the controller, the Gateway and the proxies. */
  public readonly namespace: pulumi.Output<string>;
  /** Name of the Gateway (and GatewayClass). */
  public readonly gatewayName: pulumi.Output<string>;
  /** Every choice less safe than the default; empty with defaults. */
  public readonly weakenings: pulumi.Output<string[]>;
  /** What Prometheus should scrape (pass to the Prometheus component's `targets`). */
  public readonly scrapeTargets: readonly ScrapeTarget[];

  constructor(
    name: string,
    args: GatewayArgs | Resolved<ResolvedGateway> = {},
    opts?: pulumi.ComponentResourceOptions,
  ) {
    // Validate (and check a local chart) before registering anything, the component itself included.
    const { value: r, inputs } = resolvedOr(args, (raw: GatewayArgs) =>
      resolveGateway(name, raw, diskChartFiles),
    );
    const provider = requireProvider(opts, "kubernetes", `${GATEWAY_TYPE} "${name}"`);
    super(GATEWAY_TYPE, name, inputs, opts);
    const child = { parent: this, provider };

    const ns = createWorkloadNamespace(`${name}-namespace`, r.baseline, child);
    const tls = new TlsBundle(`${name}-certs`, gatewayCertSpec(r.namespace), { parent: this });
    const pick = (o: pulumi.Output<Record<string, string>>, k: string) => o.apply((m) => m[k]);
    const certs = registerManifests(
      name,
      gatewayCertSecrets(r.namespace, {
        caCert: tls.caCert,
        certs: {
          controller: pick(tls.certs, "controller"),
          envoy: pick(tls.certs, "envoy"),
          rateLimit: pick(tls.certs, "rateLimit"),
        },
        keys: {
          controller: pulumi.secret(pick(tls.keys, "controller")),
          envoy: pulumi.secret(pick(tls.keys, "envoy")),
          rateLimit: pulumi.secret(pick(tls.keys, "rateLimit")),
        },
        oidcHmac: pulumi.secret(pick(tls.randomKeys, "oidcHmac")),
      }),
      { ...child, dependsOn: [ns] },
      namespacedChildName,
    );
    const chart = installChart(`${name}-chart`, r.install, { ...child, dependsOn: [ns, ...certs] });
    // Gateway API and Envoy Gateway kinds need the CRDs the chart installs.
    registerManifests(
      name,
      [...buildGatewayObjects(r), ...buildRouteObjects(r)],
      {
        ...child,
        dependsOn: [ns, chart],
      },
      namespacedChildName,
    );
    registerManifests(
      name,
      buildGatewayNetworkPolicies(r),
      { ...child, dependsOn: [ns] },
      namespacedChildName,
    );

    this.namespace = pulumi.output(r.namespace);
    this.gatewayName = pulumi.output(r.gatewayName);
    this.weakenings = reportWeakenings(gatewayWeakenings(r), this);
    this.scrapeTargets = gatewayScrapeTargets(r);
    this.registerOutputs({
      namespace: this.namespace,
      gatewayName: this.gatewayName,
      weakenings: this.weakenings,
    });
  }
}

/**
 * Creates a Gateway from args the caller has already resolved (no second
 * parse); `inputs` are the args as written, recorded in the state.
 */
export function createGateway(
  name: string,
  resolved: ResolvedGateway,
  inputs: object,
  opts: pulumi.ComponentResourceOptions,
): Gateway {
  return new Gateway(name, preResolved(resolved, inputs), opts);
}
