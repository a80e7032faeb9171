export { IngressServiceType, MtlsMode, serviceMeshArgs } from "./args";
export type { MeshAllow, ServiceMeshArgs } from "./args";
export { ServiceMesh } from "./service-mesh";
export {
  buildMeshPolicies,
  exposureReason,
  ISTIO_CHARTS,
  meshQuotas,
  meshWeakenings,
  resolveServiceMesh,
  revisionFor,
  SERVICE_MESH_TYPE,
} from "./build";
export type { ResolvedServiceMesh } from "./build";
export { buildMeshNetworkPolicies, enrolledNamespaces, meshScrapeTargets } from "./network";
