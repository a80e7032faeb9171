import { describe, expect, it } from "vitest";
import { type PolicyDecoding, decodeOncePerRequest } from "../decode-once";

// The real decode functions of the @pulumi/policy the pack's server uses.
/* eslint-disable @typescript-eslint/no-require-imports */
const realDeserialize = require("@pulumi/policy/deserialize") as Pick<
  PolicyDecoding,
  "deserializeProperties"
>;
const realProxy = require("@pulumi/policy/proxy") as Pick<PolicyDecoding, "unknownCheckingProxy"> & {
  unknownStringValue: string;
};
const { Struct } = require("google-protobuf/google/protobuf/struct_pb") as {
  Struct: { fromJavaScript(value: Record<string, unknown>): object };
};
/* eslint-enable @typescript-eslint/no-require-imports */

/** Fresh copies of the two functions, counting real decodes, with decodeOncePerRequest applied. */
function patched() {
  let decodes = 0;
  const deserialize = {
    deserializeProperties: (struct: object, secrets: boolean) => {
      decodes++;
      return realDeserialize.deserializeProperties(struct, secrets);
    },
  };
  const proxy = { unknownCheckingProxy: realProxy.unknownCheckingProxy };
  decodeOncePerRequest(deserialize, proxy);
  return { deserialize, proxy, decodes: () => decodes };
}

describe("decodeOncePerRequest", () => {
  const props = { metadata: { name: "web" }, spec: { replicas: 2 } };

  it("decodes one request's properties once for all policies, and hands each the same object", () => {
    const { deserialize, decodes } = patched();
    const struct = Struct.fromJavaScript(props);
    const first = deserialize.deserializeProperties(struct, false);
    for (let i = 0; i < 26; i++) expect(deserialize.deserializeProperties(struct, false)).toBe(first);
    expect(decodes()).toBe(1);
    expect(first).toEqual(props);
  });

  it("decodes another request, or the same one with secrets proxied (remediation), separately", () => {
    const { deserialize, decodes } = patched();
    const struct = Struct.fromJavaScript(props);
    const plain = deserialize.deserializeProperties(struct, false);
    const forRemediation = deserialize.deserializeProperties(struct, true);
    const other = deserialize.deserializeProperties(Struct.fromJavaScript(props), false);
    expect(decodes()).toBe(3);
    expect(forRemediation).not.toBe(plain);
    expect(other).not.toBe(plain);
    expect(other).toEqual(plain);
  });

  it("proxies each object once and the proxy still stops at an unknown value", () => {
    const { proxy } = patched();
    const target = { spec: { image: realProxy.unknownStringValue } };
    const wrapped = proxy.unknownCheckingProxy(target);
    // Identity only: expect() would read the proxies' fields to describe them.
    expect(proxy.unknownCheckingProxy(target) === wrapped).toBe(true);
    expect(proxy.unknownCheckingProxy({ ...target }) === wrapped).toBe(false);
    expect(() => wrapped.spec.image).toThrow(/can't be known during preview/);
  });
});
