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
