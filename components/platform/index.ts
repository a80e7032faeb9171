export * from "./args";
export { Platform, type PlatformClusterParts } from "./platform";
export { PLATFORM_TYPE, resolvePlatform, renderPath, type ResolvedPlatform } from "./build";
export { platformArgsFromConfig, CONFIG_NAMESPACE, type ConfigSources } from "./config";
export { loadPlatformConfig } from "./stack-config";
