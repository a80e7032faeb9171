/**
 * Arguments a caller has already validated and resolved (the Platform resolves a
 * whole stack once). A component constructor given one skips its own parse; the
 * brand is not exported from Cairn's public API, so only Cairn's `create<Thing>`
 * functions can make one.
 */
const brand = Symbol("cairn.resolved");

export interface Resolved<T> {
  readonly [brand]: { readonly value: T; readonly inputs: object };
}

/**
 * Wraps resolved args for a component constructor. `inputs` are the args as the
 * caller wrote them: what the component records as its inputs in the state, so
 * resolving earlier changes nothing in a deployed stack.
 */
export function preResolved<T>(value: T, inputs: object): Resolved<T> {
  return { [brand]: { value, inputs } };
}

/**
 * The resolved args and the inputs to record: pre-resolved ones as they are,
 * raw ones through `resolve` (validate and apply defaults) and recorded as given.
 */
export function resolvedOr<A extends object, T>(
  args: A | Resolved<T>,
  resolve: (raw: A) => T,
): { readonly value: T; readonly inputs: object } {
  if (brand in args) return (args as Resolved<T>)[brand];
  return { value: resolve(args as A), inputs: args };
}
