export * from "./args";
export { AckCluster, ACK_ADDONS } from "./ack-cluster";
export {
  ackWeakenings,
  buildAckPosture,
  normaliseAckLogs,
  resolveAckCluster,
  ACK_CLUSTER_TYPE,
  type ResolvedAckCluster,
} from "./build";
export { ackBadInputs } from "./ack.cases";
