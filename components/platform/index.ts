export { CLUSTER_KINDS, platformArgs } from "./args";
export type {
  ClusterKind,
  PlatformArgs,
  PlatformClusterArgs,
  PlatformClusterOutputs,
  PlatformCrossplaneArgs,
  PlatformNamespaceArgs,
  PlatformWorkloadsArgs,
} from "./args";
export { Platform, type PlatformClusterParts } from "./platform";
export { PLATFORM_TYPE, resolvePlatform } from "./build";
export type { ResolvedPlatform, ResolvedPlatformCluster } from "./resolved";
export { platformArgsFromConfig, resolveStackConfig, CONFIG_NAMESPACE, type ConfigSources } from "./config";
export { loadPlatformConfig } from "./stack-config";
