import * as fs from "fs";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { requireProvider } from "../shared/provider";
import { preResolved, type Resolved, resolvedOr } from "../shared/resolved";
import { type GatekeeperPoliciesArgs } from "./args";
import {
  buildGatekeeperManifests,
  GATEKEEPER_POLICIES_TYPE,
  type ResolvedGatekeeperPolicies,
  resolveGatekeeperPolicies,
  type TemplateFiles,
} from "./build";

/** Reads generated templates from disk. */
export const diskTemplateFiles: TemplateFiles = (file) =>
  fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;

/**
 * Cairn's Kubernetes policies enforced at admission by Gatekeeper: the ConstraintTemplates that
 * scripts/build-policies generates from the same Rego the pack runs at preview, and one Constraint
 * per template (`enforcementAction: deny`) scoped to Cairn's namespaces. Gatekeeper itself (its
 * controller and webhook) is installed separately; locally, scripts/gatekeeper runs it.
 */
export class GatekeeperPolicies extends pulumi.ComponentResource {
  /** Cairn policy ids enforced at admission. */
  public readonly policies: pulumi.Output<string[]>;
  /** Constraint kinds created (`CairnImages`, ...), in policy order. */
  public readonly constraintKinds: pulumi.Output<string[]>;

  constructor(
    name: string,
    args: GatekeeperPoliciesArgs | Resolved<ResolvedGatekeeperPolicies>,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    // Validate and read every template before registering anything, the component itself included.
    const { value: r, inputs } = resolvedOr(args, (raw: GatekeeperPoliciesArgs) =>
      resolveGatekeeperPolicies(name, raw),
    );
    const { templates, constraints } = buildGatekeeperManifests(name, r, diskTemplateFiles);
    const provider = requireProvider(opts, "kubernetes", `${GATEKEEPER_POLICIES_TYPE} "${name}"`);
    super(GATEKEEPER_POLICIES_TYPE, name, inputs, opts);
    const child = { parent: this, provider };

    const created = templates.map(
      (t) => new k8s.apiextensions.CustomResource(`${name}-template-${t.metadata.name}`, t, child),
    );
    constraints.forEach(
      (c, i) =>
        new k8s.apiextensions.CustomResource(`${name}-constraint-${c.metadata.name}`, c, {
          ...child,
          // The constraint's kind is a CRD Gatekeeper creates from the template.
          dependsOn: [created[i]],
        }),
    );

    this.policies = pulumi.output([...r.policies]);
    this.constraintKinds = pulumi.output(constraints.map((c) => c.kind));
    this.registerOutputs({ policies: this.policies, constraintKinds: this.constraintKinds });
  }
}

/** Creates GatekeeperPolicies from args the caller has already resolved (no second parse). */
export function createGatekeeperPolicies(
  name: string,
  resolved: ResolvedGatekeeperPolicies,
  inputs: object,
  opts: pulumi.ComponentResourceOptions,
): GatekeeperPolicies {
  return new GatekeeperPolicies(name, preResolved(resolved, inputs), opts);
}
