import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/**
 * Test aid: a transformation that records, per child type token, whether the
 * child was registered with an explicit dependency on a Helm chart (custom
 * resources must wait for the chart that installs their CRDs).
 */
export function chartDependencies(): {
  readonly seen: Map<string, boolean>;
  readonly transformation: pulumi.ResourceTransformation;
} {
  const seen = new Map<string, boolean>();
  const transformation: pulumi.ResourceTransformation = (args) => {
    const deps = args.opts.dependsOn;
    const list = Array.isArray(deps) ? deps : [];
    seen.set(
      args.type,
      list.some((d) => d instanceof k8s.helm.v4.Chart),
    );
    return undefined;
  };
  return { seen, transformation };
}
