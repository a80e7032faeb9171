import { z } from "zod";
import { CairnInputError } from "./errors";

/**
 * Parses component args with a zod schema and turns the first problem into a
 * {@link CairnInputError} naming the argument, the value and the fix. Schemas
 * put the fix in each rule's message.
 */
export function parseArgs<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const argument = issue.path.map(String).join(".") || "args";
  throw new CairnInputError(where, argument, valueAt(input, issue.path), fixFor(issue));
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function fixFor(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") {
    return `Unknown key(s) ${issue.keys.join(", ")}: remove them or check the spelling against the args documentation.`;
  }
  return issue.message.endsWith(".") ? issue.message : `${issue.message}.`;
}

/** `where` string used in every error: component type token and logical name. */
export function describe(typeToken: string, name: string): string {
  return `${typeToken} "${name}"`;
}

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
    .regex(
      /^([0-9]+(\.[0-9]+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/,
      `${what} must be a Kubernetes quantity such as "500m", "2", "512Mi" or "4Gi"`,
    );
