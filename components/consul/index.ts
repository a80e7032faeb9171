export * from "./args";
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
