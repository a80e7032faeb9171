/**
 * One bad input a component must reject before registering anything. Each
 * component exports an array of these from `<component>.cases.ts`, so the
 * same table drives its unit tests and a cross-component catalogue.
 */
export interface BadInputCase<Args> {
  /** What is wrong, as a test name: "rejects a CIDR with host bits set". */
  readonly title: string;
  /** The args to pass (merged over the component's minimal valid args). */
  readonly args: Args;
  /** The argument path the error must name, e.g. `vpcCidr` or `nodeGroups.0.scaling.minSize`. */
  readonly argument: string;
  /** A fragment of the rendered bad value the error must show. */
  readonly value: string;
  /** A fragment of the fix the error must give. */
  readonly fix: string;
}

/** Runs `fn` and returns the error it throws; fails when it throws nothing. */
export function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error, but none was thrown");
}
