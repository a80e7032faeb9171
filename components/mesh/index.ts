export * from "./args";
export { ServiceMesh } from "./service-mesh";
export {
  buildMeshNetworkPolicies,
  buildMeshPolicies,
  ISTIO_CHARTS,
  meshScrapeTargets,
  meshWeakenings,
  resolveServiceMesh,
  revisionFor,
  SERVICE_MESH_TYPE,
} from "./build";
