export {
  AckClusterSpec,
  ackClusterArgs,
  AckLogComponent,
  DEFAULT_LOG_COMPONENTS,
  DEFAULT_LOG_TTL_DAYS,
} from "./args";
export type { AckClusterArgs, AckExistingNetwork, AckNodePoolArgs } from "./args";
export { AckCluster, ACK_ADDONS } from "./ack-cluster";
export {
  ackWeakenings,
  buildAckPosture,
  normaliseAckLogs,
  resolveAckCluster,
  ACK_CLUSTER_TYPE,
  ALIBABA_VPC_PREFIX,
  ALIBABA_VSWITCH_PREFIX,
} from "./build";
export type { AckNetworkPlan, ResolvedAckCluster } from "./build";
