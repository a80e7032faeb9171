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
import { stringify } from "yaml";

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

/** The Rego of the template's own package: Gatekeeper reads `violation`. */
export function templateRego(policyId: string): string {
  return [
    `package ${constraintKind(policyId).toLowerCase()}`,
    "",
    `import data.lib.cairn.${policyId} as policy`,
    "",
    'violation contains {"msg": f.message, "details": {"field": concat(".", f.field)}} if some f in policy.deny',
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
