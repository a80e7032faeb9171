// Generates Gatekeeper ConstraintTemplates from the same Kubernetes Rego the
// pack runs as wasm, so one policy source serves both `pulumi preview` and the
// cluster's admission controller. Gatekeeper only lets a template import
// libraries under `lib.`, so the generator moves every `cairn.` package to
// `lib.cairn.`; the template's own package just re-exports each `deny`
// finding as Gatekeeper's `violation` (its message, and its field as details). Run by scripts/build-policies into
// policies/dist/gatekeeper/. (Only builtins and yaml are imported here, so
// Node can run this file directly with type stripping.)
import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments, stringify } from "yaml";

/** Policies whose Rego reads only input.review and input.parameters, as Gatekeeper provides. */
export const GATEKEEPER_POLICIES = [
  "kubernetes.images",
  "kubernetes.namespace",
  "kubernetes.pod_security_baseline",
  "kubernetes.pod_security_restricted",
  "kubernetes.rbac",
  "kubernetes.resources",
  "kubernetes.service_account_token",
  "kubernetes.service_exposure",
  "platform.canary",
  "platform.gateway_tls",
  "platform.mesh_mtls",
  "platform.prometheus",
] as const;

const LIBS = ["lib/util.rego", "lib/kubernetes.rego", "lib/helm.rego"];

/** kubernetes.pod_security_baseline -> CairnPodSecurityBaseline */
export function constraintKind(policyId: string): string {
  const words = policyId.split(".")[1].split("_");
  return `Cairn${words.map((w) => w[0].toUpperCase() + w.slice(1)).join("")}`;
}

/** Moves Cairn's packages under `lib.` (Gatekeeper's rule for template libraries). */
export function toGatekeeperLib(rego: string): string {
  return rego
    .replace(/^package cairn\./m, "package lib.cairn.")
    .replace(/\bdata\.cairn\./g, "data.lib.cairn.");
}

/**
 * The message a template's violation carries: the pack's message prefixed with Cairn's policy id, so a
 * denial by the API server names the same policy as the pack at preview (Gatekeeper itself prefixes
 * only the constraint's name, e.g. `[cairnimages]`).
 */
export function admissionMessage(policyId: string, message: string): string {
  return `${policyId}: ${message}`;
}

/** The Rego of the template's own package: Gatekeeper reads `violation`. */
export function templateRego(policyId: string): string {
  return [
    `package ${constraintKind(policyId).toLowerCase()}`,
    "",
    `import data.lib.cairn.${policyId} as policy`,
    "",
    "violation contains v if {",
    "\tsome f in policy.deny",
    `\tv := {"msg": concat("", [${JSON.stringify(policyId + ": ")}, f.message]), "details": {"policy": ${JSON.stringify(policyId)}, "field": concat(".", f.field)}}`,
    "}",
    "",
  ].join("\n");
}

interface PolicyMeta {
  readonly title?: string;
  readonly description?: string;
  readonly severity?: string;
  readonly parameters?: Record<string, unknown>;
}

/** The ConstraintTemplate for one policy, as a plain object. */
export function constraintTemplate(policiesDir: string, policyId: string, meta: PolicyMeta = {}): object {
  const [domain, name] = policyId.split(".");
  const read = (file: string) => fs.readFileSync(path.join(policiesDir, file), "utf8");
  const kind = constraintKind(policyId);
  return {
    apiVersion: "templates.gatekeeper.sh/v1",
    kind: "ConstraintTemplate",
    metadata: {
      name: kind.toLowerCase(),
      annotations: {
        "metadata.gatekeeper.sh/title": meta.title ?? policyId,
        description: meta.description ?? "",
        "cairn.dev/policy": policyId,
        "cairn.dev/severity": meta.severity ?? "",
        "cairn.dev/generated-by": "scripts/build-policies from policies/" + `${domain}/${name}/policy.rego`,
      },
    },
    spec: {
      crd: {
        spec: {
          names: { kind },
          validation: { openAPIV3Schema: { type: "object", properties: meta.parameters ?? {} } },
        },
      },
      targets: [
        {
          target: "admission.k8s.gatekeeper.sh",
          code: [
            {
              engine: "Rego",
              source: {
                version: "v1",
                rego: templateRego(policyId),
                libs: [...LIBS.map(read), read(`${domain}/${name}/policy.rego`)].map(toGatekeeperLib),
              },
            },
          ],
        },
      ],
    },
  };
}

/** Writes one <kind>.yaml per Gatekeeper-compatible policy; returns the file paths. */
export function writeConstraintTemplates(
  policiesDir: string,
  outDir: string,
  metadata: Record<string, PolicyMeta>,
): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  return GATEKEEPER_POLICIES.map((id) => {
    const file = path.join(outDir, `${constraintKind(id).toLowerCase()}.yaml`);
    fs.writeFileSync(file, stringify(constraintTemplate(policiesDir, id, metadata[id]), { lineWidth: 0 }));
    return file;
  });
}

/** The Constraint that turns a policy's template on, cluster-wide (the webhook's namespaceSelector scopes it). */
export function constraint(policyId: string): object {
  const kind = constraintKind(policyId);
  return {
    apiVersion: "constraints.gatekeeper.sh/v1beta1",
    kind,
    metadata: { name: kind.toLowerCase(), annotations: { "cairn.dev/policy": policyId } },
    spec: { enforcementAction: "deny" },
  };
}

/** A sample as Gatekeeper sees it: the Kubernetes object, or undefined for a non-object (a Helm release, a stack). */
export function sampleObject(doc: unknown): Record<string, unknown> | undefined {
  if (typeof doc !== "object" || doc === null) return undefined;
  const d = doc as Record<string, unknown>;
  if (typeof d.apiVersion === "string" && typeof d.kind === "string") return d;
  const m = typeof d.type === "string" ? /^kubernetes:([^/:]+)\/([^/:]+):([A-Za-z0-9]+)$/.exec(d.type) : null;
  if (!m || m[1].endsWith(".sh") || m[3] === "ConfigGroup" || m[3] === "ConfigFile") return undefined;
  const apiVersion = m[1] === "core" ? m[2] : `${m[1]}/${m[2]}`;
  return { apiVersion, kind: m[3], ...((d.props ?? {}) as Record<string, unknown>) };
}

export interface GatorCase {
  readonly file: string;
  readonly verdict: "allowed" | "denied";
  readonly object: Record<string, unknown>;
}

/** The policy's own allowed/denied samples that are Kubernetes objects (policies/<domain>/<name>/samples/). */
export function gatorCases(policiesDir: string, policyId: string): GatorCase[] {
  const [domain, name] = policyId.split(".");
  const cases: GatorCase[] = [];
  for (const verdict of ["allowed", "denied"] as const) {
    const dir = path.join(policiesDir, domain, name, "samples", verdict);
    if (!fs.existsSync(dir)) continue;
    for (const f of fs
      .readdirSync(dir)
      .filter((x) => x.endsWith(".yaml"))
      .sort()) {
      const docs = parseAllDocuments(fs.readFileSync(path.join(dir, f), "utf8")).map(
        (d) => d.toJS() as unknown,
      );
      const object = docs.length === 1 ? sampleObject(docs[0]) : undefined;
      if (object) cases.push({ file: `${domain}/${name}/samples/${verdict}/${f}`, verdict, object });
    }
  }
  return cases;
}

/** The `gator verify` suite of one policy: file name -> YAML text (suite.yaml, template, constraint, samples). */
export function gatorSuite(
  policiesDir: string,
  policyId: string,
  meta: PolicyMeta = {},
): Record<string, string> {
  const cases = gatorCases(policiesDir, policyId);
  const verdicts = new Set(cases.map((c) => c.verdict));
  if (!verdicts.has("allowed") || !verdicts.has("denied")) {
    throw new Error(
      `${policyId} has a Gatekeeper template but no gator suite: policies/${policyId.replace(".", "/")}/samples/ ` +
        `needs at least one allowed and one denied Kubernetes object (found ${cases.length}); add them, ` +
        `or remove ${policyId} from GATEKEEPER_POLICIES in policies/gatekeeper.ts`,
    );
  }
  // YAML 1.1 output quotes "yes"/"no"/"on", which Gatekeeper's YAML 1.1 reader would take as booleans.
  const yaml = (o: unknown) => stringify(o, { lineWidth: 0, version: "1.1" });
  const files: Record<string, string> = {
    "template.yaml": yaml(constraintTemplate(policiesDir, policyId, meta)),
    "constraint.yaml": yaml(constraint(policyId)),
  };
  const suiteCases = cases.map((c, i) => {
    const sample = `samples/${String(i).padStart(2, "0")}-${c.verdict}-${path.basename(c.file)}`;
    files[sample] = yaml(c.object);
    return {
      name: c.file,
      object: sample,
      // A denied case must also carry Cairn's policy id in its message (admissionMessage).
      assertions: [
        c.verdict === "denied"
          ? { violations: "yes", message: `^${policyId.replace(".", "\\.")}: ` }
          : { violations: "no" },
      ],
    };
  });
  files["suite.yaml"] = yaml({
    kind: "Suite",
    apiVersion: "test.gatekeeper.sh/v1alpha1",
    metadata: { name: policyId },
    tests: [{ name: policyId, template: "template.yaml", constraint: "constraint.yaml", cases: suiteCases }],
  });
  return files;
}

/** Writes <outDir>/<kind>/ with one gator suite per Gatekeeper policy; returns the suite directories. */
export function writeGatorSuites(
  policiesDir: string,
  outDir: string,
  metadata: Record<string, PolicyMeta>,
): string[] {
  fs.rmSync(outDir, { recursive: true, force: true });
  return GATEKEEPER_POLICIES.map((id) => {
    const dir = path.join(outDir, constraintKind(id).toLowerCase());
    for (const [file, text] of Object.entries(gatorSuite(policiesDir, id, metadata[id]))) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
  });
}

/** Why a policy or a whole domain stays preview-only (Gatekeeper sees one Kubernetes object per admission). */
export const PREVIEW_ONLY: Readonly<Record<string, string>> = {
  stack:
    "stack-level: it reads every resource of the stack at once (cross-resource), which one admission request never shows",
  aws: "cloud resources: not Kubernetes objects, so they never reach the API server",
  alicloud: "cloud resources: not Kubernetes objects, so they never reach the API server",
  "platform.consul": "reads the cairn:consul:Consul component's Helm values, not a Kubernetes object",
};

/** Every finding a template cannot reproduce, whatever the policy (said by the build, listed in docs/gatekeeper.md). */
export const PREVIEW_ONLY_FINDINGS =
  "`deferred` findings (values unknown at preview) and samples that are Helm releases or component inputs";

/** The reason each policy without a template is preview-only; throws for a policy that has neither. */
export function previewOnlyPolicies(policyIds: readonly string[]): Record<string, string> {
  const templated = new Set<string>(GATEKEEPER_POLICIES);
  const out: Record<string, string> = {};
  for (const id of [...policyIds].sort()) {
    if (templated.has(id)) continue;
    const reason = PREVIEW_ONLY[id] ?? PREVIEW_ONLY[id.split(".")[0]];
    if (!reason) {
      throw new Error(
        `${id} has no Gatekeeper template and no preview-only reason: add it to GATEKEEPER_POLICIES ` +
          `(with allowed/denied samples) or give the reason in PREVIEW_ONLY in policies/gatekeeper.ts`,
      );
    }
    out[id] = reason;
  }
  return out;
}
