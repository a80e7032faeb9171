/**
 * Writes policies/dist/metadata.json, every policy's `# METADATA` (title, description,
 * severity, remediation, related resources, parameters) keyed by policy id, from the
 * `opa inspect -a --format json` output of the wasm bundle. Run by scripts/build-policies
 * from policies/: `node policies/build/metadata.ts <inspect.json> <metadata.json>`.
 */
import * as fs from "node:fs";

/** The part of one `opa inspect -a` annotation this file reads. */
interface InspectAnnotation {
  readonly path: readonly { readonly value: string }[];
  readonly annotations: {
    readonly scope?: string;
    readonly title?: string;
    readonly description?: string;
    readonly related_resources?: readonly { readonly ref: string }[];
    readonly custom?: {
      readonly severity?: string;
      readonly remediation?: string;
      readonly parameters?: unknown;
    };
  };
}

export interface PolicyMetadata {
  readonly title?: string;
  readonly description?: string;
  readonly severity?: string;
  readonly remediation?: string;
  readonly related: readonly string[];
  readonly parameters: unknown;
}

/** Policy domains: the first segment of a policy id (`kubernetes.images`). */
const POLICY_ID = /^(kubernetes|platform|stack|aws|alicloud)\./;

/** Package-scoped annotations of Cairn's policies, by id (`data.cairn.kubernetes.images` -> `kubernetes.images`). */
export function policyMetadata(inspect: {
  readonly annotations?: readonly InspectAnnotation[];
}): Record<string, PolicyMetadata> {
  const out: Record<string, PolicyMetadata> = {};
  for (const a of inspect.annotations ?? []) {
    if (a.annotations.scope !== "package") continue;
    const id = a.path
      .map((p) => p.value)
      .slice(2)
      .join(".");
    if (!POLICY_ID.test(id)) continue;
    const m = a.annotations;
    out[id] = {
      title: m.title,
      description: m.description,
      severity: m.custom?.severity,
      remediation: m.custom?.remediation,
      related: (m.related_resources ?? []).map((r) => r.ref),
      parameters: m.custom?.parameters ?? {},
    };
  }
  return out;
}

// Only when run as a program (scripts/build-policies), not when imported by tests.
if (process.argv[1]?.endsWith("metadata.ts")) {
  const [input = "dist/inspect.json", output = "dist/metadata.json"] = process.argv.slice(2);
  const out = policyMetadata(JSON.parse(fs.readFileSync(input, "utf8")));
  fs.writeFileSync(output, JSON.stringify(out, null, 2) + "\n");
  console.error(`build-policies: ${Object.keys(out).length} policies -> policies/dist/policy.wasm`);
}
