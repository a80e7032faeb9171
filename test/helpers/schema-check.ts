import { type OpenApiSchema } from "../../components/cluster/crossplane/xrd";

/**
 * A small structural-schema checker for the OpenAPI subset Cairn's XRD uses
 * (types, required, enum, pattern, bounds, item counts, unknown fields). The
 * API server checks the rest (CEL rules) when the lead's integration test
 * applies the manifests. Returns one message per problem, with its path.
 */
export function validateAgainstSchema(value: unknown, schema: OpenApiSchema, path = ""): string[] {
  const at = path || "(root)";
  if (value === undefined || value === null) return [];
  const errors: string[] = [];
  const typeOk =
    schema.type === undefined ||
    (schema.type === "object" && typeof value === "object" && !Array.isArray(value)) ||
    (schema.type === "array" && Array.isArray(value)) ||
    (schema.type === "string" && typeof value === "string") ||
    (schema.type === "boolean" && typeof value === "boolean") ||
    (schema.type === "integer" && Number.isInteger(value)) ||
    (schema.type === "number" && typeof value === "number");
  if (!typeOk) return [`${at}: expected ${schema.type}, got ${JSON.stringify(value)}`];
  if (schema.enum && !schema.enum.includes(value))
    errors.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeof value === "string") {
    if (schema.pattern && !new RegExp(schema.pattern).test(value))
      errors.push(`${at}: "${value}" does not match ${schema.pattern}`);
    if (schema.minLength !== undefined && value.length < schema.minLength)
      errors.push(`${at}: shorter than ${schema.minLength}`);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum)
      errors.push(`${at}: ${value} < ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum)
      errors.push(`${at}: ${value} > ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems)
      errors.push(`${at}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems)
      errors.push(`${at}: more than ${schema.maxItems} items`);
    if (schema.items)
      value.forEach((item, i) => errors.push(...validateAgainstSchema(item, schema.items!, `${path}[${i}]`)));
  }
  if (schema.type === "object" && typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? [])
      if (obj[key] === undefined) errors.push(`${at}: missing required field "${key}"`);
    if (schema.properties) {
      for (const [key, child] of Object.entries(obj)) {
        const sub = schema.properties[key];
        const childPath = path ? `${path}.${key}` : key;
        if (!sub) errors.push(`${childPath}: unknown field (the API server would prune it)`);
        else errors.push(...validateAgainstSchema(child, sub, childPath));
      }
    }
  }
  return errors;
}

/** The schema node at a Crossplane field path such as `spec.parameters.network.zones[0]`; undefined when absent. */
export function schemaAt(root: OpenApiSchema, fieldPath: string): OpenApiSchema | undefined {
  let node: OpenApiSchema | undefined = root;
  for (const part of fieldPath.split(".")) {
    const match = /^([^[\]]+)((\[\d+\])*)$/.exec(part);
    if (!match || !node) return undefined;
    node = node.properties?.[match[1]];
    const indexes = match[2] ? match[2].split("]").length - 1 : 0;
    for (let i = 0; i < indexes && node; i++) node = node.items;
  }
  return node;
}
