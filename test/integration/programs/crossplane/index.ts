// Applies Cairn's Crossplane definitions and a claim to a cluster without Crossplane:
// stand-in CRDs for Crossplane's own kinds, and the claim CRD that Crossplane would
// generate from Cairn's XRD, so the API server validates the claim against the XRD schema.
import * as k8s from "@pulumi/kubernetes";
import * as fs from "fs";
import { buildCrossplaneManifests, CLAIM_KIND, XRD_GROUP, XRD_VERSION } from "../../../../components";
import { type Manifest, registerManifests } from "../../../../components/shared/manifests";

const provider = new k8s.Provider("embedded", {
  kubeconfig: fs.readFileSync(process.env.CAIRN_TEST_KUBECONFIG!, "utf8"),
});
const namespace = process.env.CAIRN_TEST_NAMESPACE ?? "it-crossplane";

/** A cluster-scoped CRD that accepts any spec: Crossplane's own kinds, which its controllers validate. */
function standIn(group: string, version: string, kind: string, plural: string): Manifest {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${plural}.${group}` },
    spec: {
      group,
      scope: "Cluster",
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      versions: [
        {
          name: version,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
        },
      ],
    },
  };
}

const { definitions, claim } = buildCrossplaneManifests("platform", {
  cloud: "aws",
  region: "eu-west-1",
  zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  claimNamespace: namespace,
});
const xrd = definitions.find((d) => d.kind === "CompositeResourceDefinition")!;
const xrdVersion = (
  xrd.spec as { versions: { schema: { openAPIV3Schema: { properties: { spec: object } } } }[] }
).versions[0].schema.openAPIV3Schema;

/** The namespaced claim CRD Crossplane derives from the XRD; Crossplane's own claim fields pass through. */
const claimCrd: Manifest = {
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: `cairnclusters.${XRD_GROUP}` },
  spec: {
    group: XRD_GROUP,
    scope: "Namespaced",
    names: {
      kind: CLAIM_KIND,
      plural: "cairnclusters",
      singular: "cairncluster",
      listKind: `${CLAIM_KIND}List`,
    },
    versions: [
      {
        name: XRD_VERSION,
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: "object",
            properties: {
              spec: { ...xrdVersion.properties.spec, "x-kubernetes-preserve-unknown-fields": true },
              status: { type: "object", "x-kubernetes-preserve-unknown-fields": true },
            },
          },
        },
      },
    ],
  },
};

const crds = registerManifests(
  "crossplane",
  [
    standIn(
      "apiextensions.crossplane.io",
      "v1",
      "CompositeResourceDefinition",
      "compositeresourcedefinitions",
    ),
    standIn("apiextensions.crossplane.io", "v1", "Composition", "compositions"),
    standIn("pkg.crossplane.io", "v1beta1", "Function", "functions"),
    claimCrd,
  ],
  { provider },
);
const ns = new k8s.core.v1.Namespace("claims", { metadata: { name: namespace } }, { provider });
registerManifests("cairn", definitions, { provider, dependsOn: crds });
// No Crossplane controller runs here, so the claim never turns Ready: do not wait for it.
const annotations: Record<string, string> = { ...claim.metadata.annotations, "pulumi.com/skipAwait": "true" };
delete annotations["pulumi.com/waitFor"];
registerManifests("cairn", [{ ...claim, metadata: { ...claim.metadata, annotations } }], {
  provider,
  dependsOn: [...crds, ns],
});

export const claimName = claim.metadata.name;
