export { rolloutsControllerArgs } from "./args";
export type { RolloutsControllerArgs } from "./args";
export { RolloutsController } from "./rollouts-controller";
export {
  ARGO_ROLLOUTS_CHART,
  buildControllerNetworkPolicies,
  buildControllerRbac,
  controllerClusterRules,
  resolveRolloutsController,
  ROLLOUTS_CONTROLLER_TYPE,
  ROLLOUTS_CONTROLLER_VERSION,
  ROLLOUTS_SECURE_DEFAULTS,
  rolloutsControllerWeakenings,
  rolloutsScrapeTargets,
} from "./build";
export type { ResolvedRolloutsController } from "./build";
