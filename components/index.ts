// Cairn's public API: one export line per component folder.
export * from "./ack";
export * from "./cluster";
export * from "./crossplane";
export * from "./consul";
export * from "./existing-cluster";
export * from "./gateway";
export * from "./mesh";
export * from "./eks";
export * from "./namespace";
export * from "./prometheus";
export { CairnInputError } from "./shared/errors";
export * from "./platform";
// Helpers for platform teams' own components (see examples/extend).
export { describe, dnsLabel, parseArgs, quantity } from "./shared/validate";
export { requireProvider } from "./shared/provider";
