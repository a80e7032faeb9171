import * as pulumi from "@pulumi/pulumi";
import { createWorkloadNamespace } from "../../k8s/namespace";
import { diskChartFiles } from "../../shared/chart-files";
import { registerManifests } from "../../shared/manifests";
import { type ScrapeTarget } from "../../shared/monitoring";
import { requireProvider } from "../../shared/provider";
import { preResolved, type Resolved, resolvedOr } from "../../shared/resolved";
import { installChart, reportWeakenings } from "../../shared/workload";
import { type RolloutsControllerArgs } from "./args";
import {
  buildControllerNetworkPolicies,
  buildControllerRbac,
  type ResolvedRolloutsController,
  resolveRolloutsController,
  ROLLOUTS_CONTROLLER_TYPE,
  rolloutsControllerWeakenings,
  rolloutsScrapeTargets,
} from "./build";

/**
 * The Argo Rollouts controller from its pinned chart: a restricted namespace, the
 * chart's CRDs, Deployment and metrics Service, and Cairn's least-privilege RBAC
 * instead of the chart's (no Secrets outside its namespace, no cluster-admin).
 */
export class RolloutsController extends pulumi.ComponentResource {
  /** Namespace of the controller. */
  public readonly namespace: pulumi.Output<string>;
  /** Every choice less safe than the default; empty with defaults. */
  public readonly weakenings: pulumi.Output<string[]>;
  /** What Prometheus should scrape (pass to the Prometheus component's `targets`). */
  public readonly scrapeTargets: readonly ScrapeTarget[];

  constructor(
    name: string,
    args: RolloutsControllerArgs | Resolved<ResolvedRolloutsController> = {},
    opts?: pulumi.ComponentResourceOptions,
  ) {
    const { value: r, inputs } = resolvedOr(args, (raw: RolloutsControllerArgs) =>
      resolveRolloutsController(name, raw, diskChartFiles),
    );
    const provider = requireProvider(opts, "kubernetes", `${ROLLOUTS_CONTROLLER_TYPE} "${name}"`);
    super(ROLLOUTS_CONTROLLER_TYPE, name, inputs, opts);
    const child = { parent: this, provider };

    const ns = createWorkloadNamespace(`${name}-namespace`, r.baseline, child);
    const rbac = registerManifests(name, buildControllerRbac(r), { ...child, dependsOn: [ns] });
    registerManifests(name, buildControllerNetworkPolicies(r), { ...child, dependsOn: [ns] });
    installChart(`${name}-chart`, r.install, { ...child, dependsOn: [ns, ...rbac] });

    this.namespace = pulumi.output(r.namespace);
    this.weakenings = reportWeakenings(rolloutsControllerWeakenings(r), this);
    this.scrapeTargets = rolloutsScrapeTargets(r);
    this.registerOutputs({ namespace: this.namespace, weakenings: this.weakenings });
  }
}

/** Creates a RolloutsController from args the caller has already resolved (no second parse). */
export function createRolloutsController(
  name: string,
  resolved: ResolvedRolloutsController,
  inputs: object,
  opts: pulumi.ComponentResourceOptions,
): RolloutsController {
  return new RolloutsController(name, preResolved(resolved, inputs), opts);
}
