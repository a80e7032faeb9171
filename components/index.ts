// Cairn's public API: one export line per component folder.
export * from "./ack";
export * from "./cluster";
export * from "./existing-cluster";
export * from "./eks";
export * from "./namespace";
export { CairnInputError } from "./shared/errors";
export * from "./platform";
