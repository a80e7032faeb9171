import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { requireProvider } from "../shared/provider";
import { NamespaceBaselineArgs } from "./args";
import {
  buildNamespaceBaseline,
  NAMESPACE_BASELINE_TYPE,
  namespaceWeakenings,
  resolveNamespaceBaseline,
} from "./build";
import { registerManifests } from "../shared/manifests";

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

  constructor(name: string, args: NamespaceBaselineArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything, the component itself included.
    const resolved = resolveNamespaceBaseline(name, args);
    const provider = requireProvider(opts, "kubernetes", `${NAMESPACE_BASELINE_TYPE} "${name}"`);
    super(NAMESPACE_BASELINE_TYPE, name, args, opts);

    const [namespace] = registerManifests(name, buildNamespaceBaseline(resolved), { parent: this, provider });
    const weakenings = namespaceWeakenings(resolved);
    for (const w of weakenings) pulumi.log.warn(`security weakened: ${w}`, this);

    this.namespace = (namespace as k8s.core.v1.Namespace).metadata.name;
    this.weakenings = pulumi.output(weakenings);
    this.registerOutputs({ namespace: this.namespace, weakenings: this.weakenings });
  }
}
