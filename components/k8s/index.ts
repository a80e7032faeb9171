export { PodSecurityLevel, namespaceBaselineArgs } from "./args";
export type { EgressAllow, NamespaceBaselineArgs } from "./args";
export { NamespaceBaseline } from "./namespace";
export {
  buildNamespaceBaseline,
  namespaceWeakenings,
  resolveNamespaceBaseline,
  NAMESPACE_BASELINE_TYPE,
  workloadNamespace,
} from "./build";
export type { ResolvedNamespaceBaseline, WorkloadNamespace } from "./build";
