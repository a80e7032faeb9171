export { CROSSPLANE_SERVICE_CIDRS, CrossplaneCloud, crossplaneClusterArgs } from "./args";
export type { CrossplaneClusterArgs } from "./args";
export { CrossplaneCluster } from "./crossplane-cluster";
export {
  buildCrossplaneClaim,
  buildCrossplaneDefinitions,
  buildCrossplaneManifests,
  buildCrossplanePosture,
  crossplaneWeakenings,
  resolveCrossplaneCluster,
  CROSSPLANE_CLUSTER_TYPE,
  FUNCTION_PACKAGE,
} from "./build";
export type { ResolvedCrossplaneCluster } from "./build";
export { buildXrd, CLAIM_KIND, COMPOSITE_KIND, XRD_GROUP, XRD_VERSION, type OpenApiSchema } from "./xrd";
