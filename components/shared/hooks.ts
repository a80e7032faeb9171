/**
 * Helm hooks of the pinned charts. `kubernetes.helm.v4.Chart` renders a chart
 * without its hooks (it drops every object annotated `helm.sh/hook`), so each
 * hook a pinned chart renders with Cairn's values is listed with what Cairn does
 * instead: creates what the hook would have made, or why it is not needed.
 * `./cairn charts check` reports any hook that is not listed.
 */
export interface HookHandling {
  /**
   * The hook objects' name as rendered with Cairn's release name, e.g. `consul-tls-init`;
   * `{namespace}` stands for the release namespace.
   */
  readonly name: string;
  /** Kinds of the hook objects of that name, e.g. `["Job", "ServiceAccount", "Role", "RoleBinding"]`. */
  readonly kinds: readonly string[];
  /** What Cairn does instead of running it. */
  readonly handling: string;
}

/** The handling of a hook object rendered in `namespace`, or undefined when Cairn does not know the hook. */
export function hookHandling(
  hooks: readonly HookHandling[] | undefined,
  object: { readonly kind: string; readonly name: string; readonly namespace: string },
): HookHandling | undefined {
  return hooks?.find(
    (h) =>
      h.name.replaceAll("{namespace}", object.namespace) === object.name && h.kinds.includes(object.kind),
  );
}
