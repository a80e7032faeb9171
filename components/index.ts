// Cairn's public API: one export line per component folder.
export * from "./cluster/ack";
export * from "./cluster";
export * from "./cluster/crossplane";
export * from "./consul";
export * from "./delivery";
export * from "./delivery/controller";
export * from "./cluster/existing";
export * from "./gateway";
export * from "./mesh";
export * from "./cluster/eks";
export * from "./k8s";
export * from "./observability";
export { CairnInputError } from "./shared/errors";
export * from "./platform";
export * from "./policy";
// Helpers for platform teams' own components (see examples/extend).
export { describe, dnsLabel, parseArgs, quantity } from "./shared/validate";
export { requireProvider } from "./shared/provider";
