/**
 * Renders a component's args table from its zod schema, the one source of each
 * argument's type, default and description (`documented()` in
 * components/shared/validate.ts). Nested objects become dotted rows.
 */
import { z } from "zod";

interface JsonSchema {
  readonly type?: string | string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly items?: JsonSchema;
  readonly properties?: Record<string, JsonSchema>;
  readonly additionalProperties?: JsonSchema | boolean;
  readonly required?: readonly string[];
  readonly default?: unknown;
  readonly description?: string;
  readonly defaultText?: string;
}

/** One documented argument. */
export interface ArgRow {
  readonly path: string;
  readonly type: string;
  /** Markdown: a literal default in backticks, a computed one in italics, "required" or "". */
  readonly default: string;
  readonly description: string;
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" \\| ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  const union = s.anyOf ?? s.oneOf;
  if (union) return [...new Set(union.map(typeOf))].join(" \\| ");
  if (s.type === "array") return `${s.items ? typeOf(s.items) : "unknown"}[]`;
  if (s.type === "object" && !s.properties) {
    const values = typeof s.additionalProperties === "object" ? typeOf(s.additionalProperties) : "unknown";
    return `map of ${values}`;
  }
  if (s.type === "integer") return "integer";
  if (Array.isArray(s.type)) return s.type.join(" \\| ");
  return s.type ?? "any";
}

function defaultOf(s: JsonSchema, required: boolean): string {
  if (s.defaultText !== undefined)
    return s.defaultText.startsWith("- ") ? `_${s.defaultText.slice(2)}_` : s.defaultText;
  if (s.default !== undefined) return `\`${JSON.stringify(s.default)}\``;
  return required ? "required" : "";
}

/** Every argument of a schema, nested objects flattened to dotted paths (`quota.pods`). */
export function argRows(schema: z.ZodType): ArgRow[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const rows: ArgRow[] = [];
  const walk = (node: JsonSchema, prefix: string) => {
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      const required = node.required?.includes(key) ?? false;
      if (child.properties && child.type === "object") {
        rows.push({
          path,
          type: "object",
          default: defaultOf(child, required),
          description: child.description ?? "",
        });
        walk(child, path);
      } else {
        rows.push({
          path,
          type: typeOf(child),
          default: defaultOf(child, required),
          description: child.description ?? "",
        });
        // A list of objects documents its entries' fields as `path[].field`.
        if (child.type === "array" && child.items?.properties) walk(child.items, `${path}[]`);
      }
    }
  };
  walk(json, "");
  return rows;
}

const cell = (s: string) => s.replace(/\n/g, " ");

/** The Markdown table of a schema's arguments. */
export function argsTable(schema: z.ZodType): string {
  const lines = ["| arg | type | default | description |", "| --- | --- | --- | --- |"];
  for (const r of argRows(schema)) {
    lines.push(`| \`${r.path}\` | \`${r.type}\` | ${cell(r.default)} | ${cell(r.description)} |`);
  }
  return lines.join("\n");
}
