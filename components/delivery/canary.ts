import * as pulumi from "@pulumi/pulumi";
import { type Manifest, registerManifests } from "../shared/manifests";
import { requireProvider } from "../shared/provider";
import { type CanaryArgs } from "./args";
import { preResolved, type Resolved, resolvedOr } from "../shared/resolved";
import { buildCanaryManifests, CANARY_TYPE, type ResolvedCanary, resolveCanary } from "./build";

/**
 * Fields the Argo Rollouts controller writes at run time, so Pulumi neither
 * reverts them on `up` nor reports them as drift: the VirtualService's `http`
 * list (weights and the header route; the API server treats the list as one
 * field, so Pulumi applying any of it conflicts with the controller), and the
 * pod-template-hash selector it adds to the stable and canary Services.
 */
export function controllerOwnedFields(m: Manifest, stableService: string, canaryService: string): string[] {
  if (m.kind === "VirtualService") return ["spec.http"];
  if (m.kind === "Service" && [stableService, canaryService].includes(m.metadata.name)) {
    return ["spec.selector", 'metadata.annotations["argo-rollouts.argoproj.io/managed-by-rollouts"]'];
  }
  return [];
}

/**
 * Gray release of one service through Argo Rollouts: an exact header route and
 * weight steps in Istio, gated at every step by an AnalysisTemplate built from
 * the service's SLO spec (the same objective and window as its burn-rate alert).
 */
export class Canary extends pulumi.ComponentResource {
  /** Name of the Rollout (the service name). */
  public readonly rollout: pulumi.Output<string>;
  /** Name of the AnalysisTemplate gating each step. */
  public readonly analysisTemplate: pulumi.Output<string>;

  constructor(
    name: string,
    args: CanaryArgs | Resolved<ResolvedCanary>,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    const { value: r, inputs } = resolvedOr(args, (raw: CanaryArgs) => resolveCanary(name, raw));
    const provider = requireProvider(opts, "kubernetes", `${CANARY_TYPE} "${name}"`);
    super(CANARY_TYPE, name, inputs, opts);
    const child = (m: Manifest) => ({
      parent: this,
      provider,
      ignoreChanges: controllerOwnedFields(m, r.stableService, r.canaryService),
    });
    const manifests = buildCanaryManifests(r);
    const rollout = manifests.filter((m) => m.kind === "Rollout");
    // The controller rejects a Rollout whose Services, VirtualService or AnalysisTemplate are missing.
    const others = manifests
      .filter((m) => m.kind !== "Rollout")
      .flatMap((m) => registerManifests(name, [m], child(m)));
    for (const m of rollout) registerManifests(name, [m], { ...child(m), dependsOn: others });
    this.rollout = pulumi.output(r.service);
    this.analysisTemplate = pulumi.output(r.analysisTemplate);
    this.registerOutputs({ rollout: this.rollout, analysisTemplate: this.analysisTemplate });
  }
}

/** Creates a Canary from args the caller has already resolved (no second parse). */
export function createCanary(
  name: string,
  resolved: ResolvedCanary,
  inputs: object,
  opts: pulumi.ComponentResourceOptions,
): Canary {
  return new Canary(name, preResolved(resolved, inputs), opts);
}
