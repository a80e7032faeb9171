export * from "./args";
export { EksCluster } from "./eks-cluster";
export {
  buildEksKubeconfig,
  buildEksPosture,
  eksWeakenings,
  resolveEksCluster,
  EKS_CLUSTER_TYPE,
  type ResolvedEksCluster,
} from "./build";
export { eksBadInputs } from "./eks.cases";
