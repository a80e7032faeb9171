export { existingClusterArgs } from "./args";
export type { ExistingClusterArgs } from "./args";
export { ExistingCluster } from "./existing-cluster";
export { endpointOf, resolveExistingCluster, UNKNOWN_POSTURE, EXISTING_CLUSTER_TYPE } from "./build";
export type { ResolvedExistingCluster } from "./build";
