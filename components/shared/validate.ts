import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { CairnInputError } from "./errors";
import { QUANTITY_PATTERN } from "./quantity";

/**
 * Renders an argument path the way users write config keys, the one format of
 * every Cairn error: `nodeGroups[0].scaling.maxSize`.
 */
export function renderPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) =>
      typeof p === "number" || /^\d+$/.test(String(p)) ? `[${String(p)}]` : `${i ? "." : ""}${String(p)}`,
    )
    .join("");
}

/** Joins an argument path under a prefix: `clusters[0].eks` + `nodeGroups[1]`. */
export function joinPath(prefix: string, argument: string): string {
  if (!prefix) return argument;
  if (!argument) return prefix;
  return argument.startsWith("[") ? `${prefix}${argument}` : `${prefix}.${argument}`;
}

/** The value at a path in plain data (a dotted string or a list of keys); undefined when absent. */
export function valueAt(input: unknown, path: string | readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of typeof path === "string" ? path.split(".") : path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Parses component args with a zod schema and turns the first problem into a
 * {@link CairnInputError} naming the argument, the value and the fix. Schemas
 * put the fix in each rule's message (refinements included).
 */
export function parseArgs<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new CairnInputError(
    where,
    renderPath(issue.path) || "args",
    valueAt(input, issue.path),
    fixFor(issue),
  );
}

function fixFor(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    return `Unknown key(s) ${issue.keys.join(", ")}: remove them or check the spelling against the args documentation.`;
  }
  return issue.message.endsWith(".") ? issue.message : `${issue.message}.`;
}

/**
 * Runs a resolver whose errors name arguments relative to a nested position and
 * re-raises them under `prefix` (e.g. a cluster's `nodeGroups[0].x` becomes
 * `cairn:clusters[1].eks.nodeGroups[0].x`), keeping the value and the fix.
 */
export function underPath<T>(where: string, prefix: string, resolve: () => T): T {
  try {
    return resolve();
  } catch (e) {
    if (!(e instanceof CairnInputError)) throw e;
    const argument = joinPath(prefix, e.argument === "args" ? "" : e.argument);
    throw new CairnInputError(
      where,
      argument,
      e.value,
      e.where === where ? e.fix : `${e.fix} (checked by ${e.where})`,
    );
  }
}

/** `where` string used in every error: component type token and logical name. */
export function describe(typeToken: string, name: string): string {
  return `${typeToken} "${name}"`;
}

/**
 * Documents an argument in its schema, the one source of the TypeScript type
 * (`z.input`), the generated reference and the README tables. The default shown
 * is the schema's own `.default()`; `defaultText` describes a computed default
 * (`- the component's logical name`) where there is no literal one.
 */
export function documented<S extends z.ZodType>(schema: S, description: string, defaultText?: string): S {
  return schema.meta({ description, ...(defaultText !== undefined ? { defaultText } : {}) });
}

/**
 * A non-empty string, or an Output/Promise that will hold one (a resource id, a
 * config secret): checked now when it is a plain value, when it resolves otherwise.
 * `error` is the whole message, naming the argument and what it must be.
 */
export const stringInput = (error: string) =>
  z.custom<pulumi.Input<string>>(
    (v) => (typeof v === "string" && v.length > 0) || pulumi.Output.isInstance(v) || v instanceof Promise,
    { error },
  );

/** RFC 1123 label: Kubernetes namespace and most object names. */
export const dnsLabel = (what: string) =>
  z
    .string()
    .regex(
      /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
      `${what} must be a DNS-1123 label: 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit`,
    );

/** Kubernetes resource quantity, e.g. `500m`, `2`, `4Gi`. */
export const quantity = (what: string) =>
  z
    .string()
    .regex(QUANTITY_PATTERN, `${what} must be a Kubernetes quantity such as "500m", "2", "512Mi" or "4Gi"`);

/**
 * An admission webhook's failure policy, `Fail` by default. `what` completes
 * "What the API server does with ..." and `ignored` says what `Ignore` lets through.
 */
export const failurePolicyArg = (argument: string, what: string, refuse: string, ignored: string) =>
  documented(
    z.enum(["Fail", "Ignore"], { error: `${argument} must be "Fail" or "Ignore"` }).default("Fail"),
    `What the API server does with ${what}: ${refuse} (\`Fail\`), or ${ignored} (\`Ignore\`, reported as a ` +
      "weakening; for clusters whose pods never run, such as the embedded one).",
  );
