export * from "./args";
export { NamespaceBaseline } from "./namespace";
export {
  buildNamespaceBaseline,
  namespaceWeakenings,
  resolveNamespaceBaseline,
  NAMESPACE_BASELINE_TYPE,
} from "./build";
