// Reads the allowed/denied samples of every policy folder into the resource
// shape the pack's mapping takes, so tests and the benchmark feed samples
// through exactly the code path `pulumi preview` uses.
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import type { PulumiResource } from "../mapping";
import { POLICIES_DIR } from "../paths";

export { POLICIES_DIR };

export const DOMAINS = ["kubernetes", "platform", "stack", "aws", "alicloud"] as const;

/** One sample file. Stack samples hold several resources; the others exactly one. */
export interface Sample {
  /** Policy id, `<domain>.<policy>`. */
  readonly policy: string;
  readonly verdict: "allowed" | "denied";
  /** Path relative to policies/. */
  readonly file: string;
  readonly resources: PulumiResource[];
}

interface ManifestLike {
  apiVersion: string;
  kind: string;
  metadata?: { name?: string };
}

interface ResourceLike {
  type: string;
  name: string;
  props?: Record<string, unknown>;
  options?: { protect?: boolean };
  /** Stack samples only: input property -> names of the sample resources it depends on. */
  dependsOn?: Record<string, string[]>;
}

/** The Pulumi type token the Kubernetes provider gives a manifest (core group -> `core`). */
export function kubernetesType(m: ManifestLike): string {
  const [group, version] = m.apiVersion.includes("/") ? m.apiVersion.split("/") : ["core", m.apiVersion];
  return `kubernetes:${group}/${version}:${m.kind}`;
}

function urnOf(type: string, name: string): string {
  return `urn:pulumi:sample::cairn::${type}::${name}`;
}

function isManifest(doc: unknown): doc is ManifestLike {
  return typeof doc === "object" && doc !== null && "apiVersion" in doc && "kind" in doc;
}

/** Turns a manifest or a `{type, name, props}` document into a Pulumi resource. */
export function toPulumiResource(doc: unknown): PulumiResource {
  if (isManifest(doc)) {
    const type = kubernetesType(doc);
    const name = doc.metadata?.name ?? doc.kind.toLowerCase();
    return { type, name, urn: urnOf(type, name), props: doc as unknown as Record<string, unknown> };
  }
  const r = doc as ResourceLike;
  if (typeof r?.type !== "string" || typeof r.name !== "string") {
    throw new Error(`sample document is neither a manifest nor {type, name, props}: ${JSON.stringify(doc)}`);
  }
  return {
    type: r.type,
    name: r.name,
    urn: urnOf(r.type, r.name),
    props: r.props ?? {},
    opts: r.options ?? {},
  };
}

function stackResources(doc: { resources?: unknown[] }, file: string): PulumiResource[] {
  if (!Array.isArray(doc.resources)) throw new Error(`${file}: a stack sample needs resources: [...]`);
  const resources = doc.resources.map(toPulumiResource);
  const byName = new Map(resources.map((r) => [r.name, r]));
  return resources.map((r, i) => {
    const deps = (doc.resources?.[i] as ResourceLike).dependsOn;
    if (!deps) return r;
    const propertyDependencies = Object.fromEntries(
      Object.entries(deps).map(([prop, names]) => [
        prop,
        names.map((n) => {
          const dep = byName.get(n);
          if (!dep) throw new Error(`${file}: ${r.name} depends on unknown sample resource ${n}`);
          return { urn: dep.urn };
        }),
      ]),
    );
    return { ...r, propertyDependencies };
  });
}

/** Every policy folder (`<domain>/<policy>` with a policy.rego), as policy ids. */
export function policyIds(root = POLICIES_DIR): string[] {
  return DOMAINS.flatMap((domain) => {
    const dir = path.join(root, domain);
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((p) => fs.existsSync(path.join(dir, p, "policy.rego")))
      .map((p) => `${domain}.${p}`);
  }).sort();
}

/** Every sample of one policy. */
export function loadSamples(policy: string, root = POLICIES_DIR): Sample[] {
  const [domain, name] = policy.split(".");
  return (["allowed", "denied"] as const).flatMap((verdict) => {
    const dir = path.join(root, domain, name, "samples", verdict);
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort()
      .map((f) => {
        const file = path.join(domain, name, "samples", verdict, f);
        const docs = parseAllDocuments(fs.readFileSync(path.join(root, file), "utf8")).map(
          (d) => d.toJS() as unknown,
        );
        if (docs.length !== 1) throw new Error(`${file}: one document per sample file`);
        const resources =
          domain === "stack"
            ? stackResources(docs[0] as { resources?: unknown[] }, file)
            : [toPulumiResource(docs[0])];
        return { policy, verdict, file, resources };
      });
  });
}
