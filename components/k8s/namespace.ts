import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { registerManifests } from "../shared/manifests";
import { requireProvider } from "../shared/provider";
import { preResolved, type Resolved, resolvedOr } from "../shared/resolved";
import { reportWeakenings } from "../shared/workload";
import { type NamespaceBaselineArgs } from "./args";
import {
  buildNamespaceBaseline,
  NAMESPACE_BASELINE_TYPE,
  namespaceWeakenings,
  type ResolvedNamespaceBaseline,
  resolveNamespaceBaseline,
  type WorkloadNamespace,
} from "./build";

/**
 * A namespace with Cairn's baseline: Pod Security Admission `restricted`,
 * a default-deny NetworkPolicy with explicit allows, a ResourceQuota and a
 * LimitRange.
 */
export class NamespaceBaseline extends pulumi.ComponentResource {
  /** Name of the Kubernetes namespace. */
  public readonly namespace: pulumi.Output<string>;
  /** Every choice less safe than the default; empty with defaults. */
  public readonly weakenings: pulumi.Output<string[]>;

  constructor(
    name: string,
    args: NamespaceBaselineArgs | Resolved<ResolvedNamespaceBaseline> = {},
    opts?: pulumi.ComponentResourceOptions,
  ) {
    // Validate before registering anything, the component itself included.
    const { value: resolved, inputs } = resolvedOr(args, (raw: NamespaceBaselineArgs) =>
      resolveNamespaceBaseline(name, raw),
    );
    const provider = requireProvider(opts, "kubernetes", `${NAMESPACE_BASELINE_TYPE} "${name}"`);
    super(NAMESPACE_BASELINE_TYPE, name, inputs, opts);

    const [namespace] = registerManifests(name, buildNamespaceBaseline(resolved), { parent: this, provider });
    this.namespace = (namespace as k8s.core.v1.Namespace).metadata.name;
    this.weakenings = reportWeakenings(namespaceWeakenings(resolved), this);
    this.registerOutputs({ namespace: this.namespace, weakenings: this.weakenings });
  }
}

/**
 * Creates a NamespaceBaseline from args the caller has already resolved (no
 * second parse); `inputs` are the args as written, recorded in the state.
 */
export function createNamespaceBaseline(
  name: string,
  resolved: ResolvedNamespaceBaseline,
  inputs: object,
  opts: pulumi.ComponentResourceOptions,
): NamespaceBaseline {
  return new NamespaceBaseline(name, preResolved(resolved, inputs), opts);
}

/** Creates the NamespaceBaseline a workload resolved for itself (workloadNamespace). */
export const createWorkloadNamespace = (
  name: string,
  ns: WorkloadNamespace,
  opts: pulumi.ComponentResourceOptions,
): NamespaceBaseline => createNamespaceBaseline(name, ns.resolved, ns.args, opts);
