import { type Manifest } from "../../shared/manifests";

/** Small helpers that keep the Composition builders readable. */

export type Patch = Record<string, unknown>;

/** A resource entry of a function-patch-and-transform `Resources` input. */
export interface ComposedResource {
  name: string;
  base: Record<string, unknown>;
  patches?: Patch[];
  connectionDetails?: Record<string, unknown>[];
}

/** Copies an XR field onto the composed resource. */
export const fromXr = (fromFieldPath: string, toFieldPath: string, transforms?: Patch[]): Patch => ({
  type: "FromCompositeFieldPath",
  fromFieldPath,
  toFieldPath,
  ...(transforms ? { transforms } : {}),
});

/** Copies a composed resource's field into the XR (its status). */
export const toXr = (fromFieldPath: string, toFieldPath: string): Patch => ({
  type: "ToCompositeFieldPath",
  fromFieldPath,
  toFieldPath,
});

/** Writes a formatted XR field, e.g. `%s-kubeconfig` of the XR's uid. */
export const fmt = (fromFieldPath: string, toFieldPath: string, format: string): Patch =>
  fromXr(fromFieldPath, toFieldPath, [{ type: "string", string: { type: "Format", fmt: format } }]);

/** `deletionPolicy` from `spec.parameters.deletionProtection`: Orphan keeps the cloud resource. */
export const deletionPolicyPatch = (): Patch =>
  fromXr("spec.parameters.deletionProtection", "spec.deletionPolicy", [
    { type: "convert", convert: { toType: "string" } },
    { type: "map", map: { true: "Orphan", false: "Delete" } },
  ]);

/** A managed resource with a region patch (every cloud MR here takes `forProvider.region`). */
export function managed(
  name: string,
  apiVersion: string,
  kind: string,
  forProvider: Record<string, unknown>,
  patches: Patch[] = [],
  labels: Record<string, string> = {},
): ComposedResource {
  return {
    name,
    base: {
      apiVersion,
      kind,
      metadata: { labels: { "platform.cairn.dev/part": name, ...labels } },
      spec: { forProvider },
    },
    patches: [fromXr("spec.parameters.region", "spec.forProvider.region"), ...patches],
  };
}

/** A selector for a sibling composed resource of this composite, by its part label. */
export const sibling = (part: string) => ({
  matchControllerRef: true,
  matchLabels: { "platform.cairn.dev/part": part },
});

/** Wraps composed resources in a Pipeline-mode Composition using function-patch-and-transform. */
export function composition(name: string, cloud: string, resources: ComposedResource[]): Manifest {
  return {
    apiVersion: "apiextensions.crossplane.io/v1",
    kind: "Composition",
    metadata: {
      name,
      labels: { "platform.cairn.dev/cloud": cloud, "app.kubernetes.io/managed-by": "cairn" },
    },
    spec: {
      compositeTypeRef: { apiVersion: "platform.cairn.dev/v1alpha1", kind: "XCairnCluster" },
      writeConnectionSecretsToNamespace: "crossplane-system",
      mode: "Pipeline",
      pipeline: [
        {
          step: "patch-and-transform",
          functionRef: { name: "function-patch-and-transform" },
          input: { apiVersion: "pt.fn.crossplane.io/v1beta1", kind: "Resources", resources },
        },
      ],
    },
  };
}
