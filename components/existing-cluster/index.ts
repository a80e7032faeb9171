export * from "./args";
export { ExistingCluster } from "./existing-cluster";
export { resolveExistingCluster, UNKNOWN_POSTURE, EXISTING_CLUSTER_TYPE } from "./build";
