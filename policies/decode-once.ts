// @pulumi/policy decodes a request's properties once for every policy it runs:
// an Analyze call decodes the resource's protobuf Struct (and its provider's)
// 27 times, an AnalyzeStack call every resource once per stack policy. Each
// decode walks the whole object (a CRD's schema is tens of kilobytes), so it
// was most of the pack's time per resource (bench/pack-rpc.ts). This memoizes
// the decode per Struct object: one request's message, so the cache lives and
// dies with the request. Every policy of a request then sees the same props
// object, which the Evaluator recognises without mapping it again.
//
// Sharing is safe because nothing in the pack writes to props: the mapping
// (policies/mapping.ts) copies what it reads.

type Props = Record<string, unknown>;

/** The two functions of @pulumi/policy that decode a request, as its server calls them. */
export interface PolicyDecoding {
  deserializeProperties(struct: object, proxySecrets: boolean): Props;
  unknownCheckingProxy<T extends object>(target: T): T;
}

/** Replaces `modules`' decode functions with ones that decode each Struct (and proxy each object) once. */
export function decodeOncePerRequest(
  deserialize: Pick<PolicyDecoding, "deserializeProperties">,
  proxy: Pick<PolicyDecoding, "unknownCheckingProxy">,
): void {
  const decode = deserialize.deserializeProperties.bind(deserialize);
  const wrap = proxy.unknownCheckingProxy.bind(proxy);
  // One cache per proxySecrets flag: remediation decodes with secrets proxied, validation without.
  const decoded = { true: new WeakMap<object, Props>(), false: new WeakMap<object, Props>() };
  const proxies = new WeakMap<object, object>();
  deserialize.deserializeProperties = (struct, proxySecrets) => {
    const cache = decoded[proxySecrets ? "true" : "false"];
    let props = cache.get(struct);
    if (!props) cache.set(struct, (props = decode(struct, proxySecrets)));
    return props;
  };
  proxy.unknownCheckingProxy = <T extends object>(target: T): T => {
    if (typeof target !== "object" || target === null) return wrap(target);
    let wrapped = proxies.get(target);
    if (!wrapped) proxies.set(target, (wrapped = wrap(target)));
    return wrapped as T;
  };
}

/** Installs decodeOncePerRequest on the @pulumi/policy the pack's server uses. */
export function decodePolicyRequestsOnce(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  decodeOncePerRequest(require("@pulumi/policy/deserialize"), require("@pulumi/policy/proxy"));
  /* eslint-enable @typescript-eslint/no-require-imports */
}
