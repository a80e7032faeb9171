export { gatewayArgs, MinTlsVersion, ProxyServiceType, RateLimitUnit } from "./args";
export type { GatewayArgs, GatewayRoute, JwtProvider, RateLimit } from "./args";
export { Gateway } from "./gateway";
export {
  ENVOY_GATEWAY_CHART,
  GATEWAY_SECURE_DEFAULTS,
  GATEWAY_TYPE,
  gatewayScrapeTargets,
  gatewayWeakenings,
  resolveGateway,
} from "./build";
export type { ResolvedGateway } from "./build";
export { buildGatewayNetworkPolicies, buildGatewayObjects, buildRouteObjects } from "./objects";
