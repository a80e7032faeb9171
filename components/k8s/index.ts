export { PodSecurityLevel, namespaceBaselineArgs } from "./args";
export type { EgressAllow, NamespaceBaselineArgs } from "./args";
export { NamespaceBaseline } from "./namespace";
export {
  buildNamespaceBaseline,
  namespaceWeakenings,
  resolveNamespaceBaseline,
  NAMESPACE_BASELINE_TYPE,
} from "./build";
export type { ResolvedNamespaceBaseline } from "./build";
