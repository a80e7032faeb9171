export { canaryArgs } from "./args";
export type { CanaryArgs } from "./args";
export { Canary, controllerOwnedFields } from "./canary";
export {
  buildAnalysisMetrics,
  buildCanaryManifests,
  CANARY_TYPE,
  HEADER_ROUTE,
  resolveCanary,
  WEIGHTED_ROUTE,
} from "./build";
export type { ResolvedCanary } from "./build";
export { breakerLimit } from "./budget";
