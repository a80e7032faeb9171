export { consulArgs } from "./args";
export type { ConsulArgs } from "./args";
export { Consul } from "./consul";
export { GossipKey, gossipKeyProvider } from "./gossip-key";
export {
  CONSUL_CHART,
  CONSUL_TYPE,
  consulNetworkPolicies,
  consulScrapeTargets,
  consulWeakenings,
  GOSSIP_SECRET,
  gossipSecret,
  resolveConsul,
} from "./build";
export type { ResolvedConsul } from "./build";
