export { EksAccessPolicy, eksClusterArgs, LOG_RETENTION_DAYS, NatGateways } from "./args";
export type {
  EksAccessEntry,
  EksClusterArgs,
  EksExistingNetwork,
  EksNodeGroupArgs,
  ScalingArgs,
} from "./args";
export { EksCluster } from "./eks-cluster";
export {
  buildEksKubeconfig,
  buildEksPosture,
  eksWeakenings,
  resolveEksCluster,
  AWS_PREFIX_RANGE,
  EKS_CLUSTER_TYPE,
} from "./build";
export type { EksNetworkPlan, ResolvedEksCluster } from "./build";
