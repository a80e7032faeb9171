import { expect } from "vitest";
import { CairnInputError, show } from "../../components/shared/errors";

/**
 * One bad input a component must reject before registering anything. Each
 * component's table lives in `test/cases/<component>.cases.ts`; the same table
 * drives the component's test and the cross-component catalogue.
 */
export interface BadInputCase<Args> {
  /** What is wrong, as a test name: "rejects a CIDR with host bits set". */
  readonly title: string;
  /** The args to pass (merged over the component's minimal valid args). */
  readonly args: Args;
  /** The exact argument path the error must name, e.g. `vpcCidr` or `nodeGroups[0].scaling.minSize`. */
  readonly argument: string;
  /** A non-empty fragment of the rendered bad value (`show(error.value)`) the error must report. */
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

/**
 * Asserts that `error` is the CairnInputError a case expects: the exact argument,
 * the value as reported (never an empty fragment, which every message contains)
 * and the fix.
 */
export function expectRejection(error: Error, c: Omit<BadInputCase<unknown>, "args" | "title">): void {
  expect(error, error.stack).toBeInstanceOf(CairnInputError);
  const e = error as CairnInputError;
  expect(c.value, "a case must name a non-empty fragment of the bad value").not.toBe("");
  expect(e.argument).toBe(c.argument);
  expect(show(e.value)).toContain(c.value);
  expect(e.message).toContain(`invalid ${c.argument} = ${show(e.value)}`);
  expect(e.fix).toContain(c.fix);
}
