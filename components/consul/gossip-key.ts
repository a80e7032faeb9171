import { type randomBytes, type randomUUID } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";

/** Creates a 32-byte base64 key once; with no inputs it never changes, so the key is stable across updates. */
export const gossipKeyProvider: pulumi.dynamic.ResourceProvider = {
  async create() {
    // Required inside the function: dynamic providers are serialized without module scope.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const crypto = require("node:crypto") as {
      randomBytes: typeof randomBytes;
      randomUUID: typeof randomUUID;
    };
    return { id: crypto.randomUUID(), outs: { key: crypto.randomBytes(32).toString("base64") } };
  },
};

/** A random Consul gossip key kept in Pulumi state as a secret output. */
export class GossipKey extends pulumi.dynamic.Resource {
  /** The base64 key; secret. */
  declare public readonly key: pulumi.Output<string>;

  constructor(name: string, opts?: pulumi.CustomResourceOptions) {
    super(gossipKeyProvider, name, { key: undefined }, { ...opts, additionalSecretOutputs: ["key"] });
  }
}
