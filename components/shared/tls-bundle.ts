import type * as NodeCrypto from "node:crypto";
import type * as Forge from "node-forge";
import * as pulumi from "@pulumi/pulumi";
import { type IssuedTlsBundle, issueTlsBundle, needsReissue, type TlsBundleSpec } from "./tls";

/**
 * Issues a bundle on create and on replace; a changed spec or an expiry within
 * `renewDays` replaces it (so `pulumi up` renews certificates before they lapse).
 */
export const tlsBundleProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: { spec: TlsBundleSpec }) {
    // Required inside the function: dynamic providers are serialized without module scope.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const forge = require("node-forge") as typeof Forge;
    const crypto = require("node:crypto") as typeof NodeCrypto;
    /* eslint-enable @typescript-eslint/no-require-imports */
    return { id: crypto.randomUUID(), outs: issueTlsBundle(inputs.spec, forge, crypto) };
  },
  async diff(_id: string, olds: IssuedTlsBundle, news: { spec: TlsBundleSpec }) {
    const reissue = needsReissue(olds, news.spec);
    return { changes: reissue, replaces: reissue ? ["spec"] : [], deleteBeforeReplace: false };
  },
};

/** TLS material kept in Pulumi state: private and random keys are secret outputs. */
export class TlsBundle extends pulumi.dynamic.Resource {
  /** The CA certificate (PEM); public. */
  declare public readonly caCert: pulumi.Output<string>;
  /** Certificates by name (PEM). */
  declare public readonly certs: pulumi.Output<Record<string, string>>;
  /** Private keys by certificate name (PEM); secret. */
  declare public readonly keys: pulumi.Output<Record<string, string>>;
  /** Random keys by name (base64); secret. */
  declare public readonly randomKeys: pulumi.Output<Record<string, string>>;

  constructor(name: string, spec: TlsBundleSpec, opts?: pulumi.CustomResourceOptions) {
    super(
      tlsBundleProvider,
      name,
      {
        spec,
        caCert: undefined,
        certs: undefined,
        keys: undefined,
        randomKeys: undefined,
        notAfter: undefined,
      },
      { ...opts, additionalSecretOutputs: ["keys", "randomKeys"] },
    );
  }
}
