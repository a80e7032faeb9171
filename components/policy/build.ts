import * as path from "path";
import { parse } from "yaml";
import { constraint, constraintKind, GATEKEEPER_POLICIES } from "../../policies/gatekeeper";
import { DIST_DIR } from "../../policies/paths";
import { CairnInputError } from "../shared/errors";
import { type Manifest } from "../shared/manifests";
import { describe, parseArgs } from "../shared/validate";
import { type GatekeeperPoliciesArgs, gatekeeperPoliciesArgs } from "./args";

export const GATEKEEPER_POLICIES_TYPE = "cairn:policy:GatekeeperPolicies";

/** The generated templates' directory, by default. */
export const DEFAULT_TEMPLATES_DIR = path.join(DIST_DIR, "gatekeeper");

/** A constraint Gatekeeper has loaded into its webhook and audit (its status controller reports it). */
export const ENFORCED = "jsonpath={.status.byPod[0].enforced}=true";

/** Reads a generated template file: its text, or undefined when it does not exist. */
export type TemplateFiles = (file: string) => string | undefined;

/** Resolved args: the policies to enforce and where they apply. */
export interface ResolvedGatekeeperPolicies {
  readonly namespaces: readonly string[];
  readonly policies: readonly (typeof GATEKEEPER_POLICIES)[number][];
  readonly templatesDir: string;
}

/** Validates args and resolves defaults. Pure: reads nothing, registers nothing. */
export function resolveGatekeeperPolicies(
  name: string,
  args: GatekeeperPoliciesArgs,
): ResolvedGatekeeperPolicies {
  const where = describe(GATEKEEPER_POLICIES_TYPE, name);
  const parsed = parseArgs(gatekeeperPoliciesArgs, args, where);
  const unique = (list: readonly string[], argument: string) =>
    list.forEach((v, i) => {
      if (list.indexOf(v) !== i)
        throw new CairnInputError(where, `${argument}[${i}]`, v, "Listed twice: remove the duplicate.");
    });
  unique(parsed.namespaces, "namespaces");
  if (parsed.policies) unique(parsed.policies, "policies");
  return {
    namespaces: parsed.namespaces,
    policies: parsed.policies ?? [...GATEKEEPER_POLICIES],
    templatesDir: parsed.templatesDir ?? DEFAULT_TEMPLATES_DIR,
  };
}

/** A template's Kubernetes object name: its constraint kind, lowercased (`cairnimages`). */
export const templateName = (policyId: string) => constraintKind(policyId).toLowerCase();

/**
 * The ConstraintTemplates (read through `files` from the generated `<kind>.yaml`) and, for each, a
 * Constraint with `enforcementAction: deny` scoped to the namespaces. Templates first, in policy order,
 * then constraints. Pure apart from `files`; fails on a missing or foreign template.
 */
export function buildGatekeeperManifests(
  name: string,
  r: ResolvedGatekeeperPolicies,
  files: TemplateFiles,
): { templates: Manifest[]; constraints: Manifest[] } {
  const where = describe(GATEKEEPER_POLICIES_TYPE, name);
  const templates = r.policies.map((id) => {
    const file = path.join(r.templatesDir, `${templateName(id)}.yaml`);
    const text = files(file);
    if (text === undefined) {
      throw new CairnInputError(
        where,
        "templatesDir",
        r.templatesDir,
        `No generated template ${file} for ${id}: run scripts/build-policies (./cairn setup does), or point templatesDir at its output.`,
      );
    }
    const template = parse(text) as Manifest;
    if (
      template?.kind !== "ConstraintTemplate" ||
      template.metadata?.annotations?.["cairn.dev/policy"] !== id
    ) {
      throw new CairnInputError(
        where,
        "templatesDir",
        r.templatesDir,
        `${file} is not Cairn's generated ConstraintTemplate for ${id}: rebuild it with scripts/build-policies.`,
      );
    }
    // Gatekeeper sets status.created once the constraint's CRD exists: the constraint waits for it.
    const annotations = {
      ...template.metadata.annotations,
      "pulumi.com/waitFor": "jsonpath={.status.created}=true",
    };
    return { ...template, metadata: { ...template.metadata, annotations } };
  });
  const constraints = r.policies.map((id) => {
    const c = constraint(id) as Manifest & { spec: Record<string, unknown> };
    // Gatekeeper loads a new constraint kind asynchronously: `up` ends only once it is enforced.
    const annotations = { ...c.metadata.annotations, "pulumi.com/waitFor": ENFORCED };
    return {
      ...c,
      metadata: { ...c.metadata, annotations },
      spec: { ...c.spec, match: { namespaces: [...r.namespaces] } },
    };
  });
  return { templates, constraints };
}
