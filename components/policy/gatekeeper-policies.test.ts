import * as fs from "fs";
import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import { parse } from "yaml";
import { beforeEach, describe, expect, it } from "vitest";
import { ResourceRecorder } from "../../test/helpers/mocks";
import { GATEKEEPER_POLICIES } from "../../policies/gatekeeper";
import { CairnInputError } from "../shared/errors";
import {
  buildGatekeeperManifests,
  DEFAULT_TEMPLATES_DIR,
  ENFORCED,
  GatekeeperPolicies,
  type GatekeeperPoliciesArgs,
  resolveGatekeeperPolicies,
  type TemplateFiles,
} from ".";

// The generated templates (scripts/build-policies runs in the unit project's global setup).
const disk: TemplateFiles = (f) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8") : undefined);
const build = (args: GatekeeperPoliciesArgs, files: TemplateFiles = disk) =>
  buildGatekeeperManifests("gk", resolveGatekeeperPolicies("gk", args), files);

function rejection(args: unknown): CairnInputError {
  try {
    resolveGatekeeperPolicies("gk", args as GatekeeperPoliciesArgs);
  } catch (e) {
    if (e instanceof CairnInputError) return e;
    throw e;
  }
  throw new Error("expected a CairnInputError");
}

describe("resolveGatekeeperPolicies", () => {
  it("defaults to every templated policy and the generated templates", () => {
    const r = resolveGatekeeperPolicies("gk", { namespaces: ["apps"] });
    expect(r.policies).toEqual([...GATEKEEPER_POLICIES]);
    expect(r.templatesDir).toBe(DEFAULT_TEMPLATES_DIR);
  });

  it.each([
    [{}, "namespaces", /namespaces must be a list/],
    [{ namespaces: [] }, "namespaces", /at least one of Cairn's namespaces/],
    [{ namespaces: ["Apps"] }, "namespaces[0]", /DNS-1123 label/],
    [{ namespaces: ["apps", "apps"] }, "namespaces[1]", /Listed twice/],
    [{ namespaces: ["apps"], policies: ["stack.network_policy"] }, "policies[0]", /templated Cairn policies/],
    [{ namespaces: ["apps"], policies: [] }, "policies", /leave it out/],
    [{ namespaces: ["apps"], enforcementAction: "warn" }, "args", /Unknown key\(s\) enforcementAction/],
  ])("rejects %j naming %s", (args, argument, fix) => {
    const e = rejection(args);
    expect(e.argument).toBe(argument);
    expect(e.message).toMatch(fix);
    expect(e.message).toContain('cairn:policy:GatekeeperPolicies "gk"');
  });
});

describe("buildGatekeeperManifests", () => {
  it("builds one generated template and one deny constraint per policy, scoped to the namespaces", () => {
    const { templates, constraints } = build({ namespaces: ["apps", "shop"] });
    expect(templates.map((t) => t.metadata.annotations?.["cairn.dev/policy"])).toEqual([
      ...GATEKEEPER_POLICIES,
    ]);
    for (const [i, c] of constraints.entries()) {
      const t = templates[i] as unknown as { spec: { crd: { spec: { names: { kind: string } } } } };
      expect(c.kind).toBe(t.spec.crd.spec.names.kind);
      expect(c.apiVersion).toBe("constraints.gatekeeper.sh/v1beta1");
      expect(c.spec).toEqual({ enforcementAction: "deny", match: { namespaces: ["apps", "shop"] } });
      expect(c.metadata.annotations?.["cairn.dev/policy"]).toBe(GATEKEEPER_POLICIES[i]);
      // `up` ends only once Gatekeeper enforces the constraint (it loads new kinds asynchronously).
      expect(c.metadata.annotations?.["pulumi.com/waitFor"]).toBe(ENFORCED);
    }
  });

  it("keeps the generated Rego as it is and waits for Gatekeeper to create the constraint's CRD", () => {
    const [t] = build({ namespaces: ["apps"], policies: ["kubernetes.images"] }).templates;
    const generated = fs.readFileSync(path.join(DEFAULT_TEMPLATES_DIR, "cairnimages.yaml"), "utf8");
    expect(t.spec).toEqual((parse(generated) as { spec: unknown }).spec);
    expect(t.metadata.annotations?.["pulumi.com/waitFor"]).toBe("jsonpath={.status.created}=true");
  });

  it("fails with the command to run when a template was not generated", () => {
    expect(() => build({ namespaces: ["apps"], templatesDir: "/nowhere" }, disk)).toThrow(
      /No generated template \/nowhere\/cairnimages.yaml for kubernetes.images: run scripts\/build-policies/,
    );
  });

  it("refuses a file that is not the policy's generated template", () => {
    const other = disk(path.join(DEFAULT_TEMPLATES_DIR, "cairnrbac.yaml"));
    expect(() => build({ namespaces: ["apps"], policies: ["kubernetes.images"] }, () => other)).toThrow(
      /is not Cairn's generated ConstraintTemplate for kubernetes.images/,
    );
  });
});

describe("GatekeeperPolicies", () => {
  let recorder: ResourceRecorder;
  beforeEach(() => {
    recorder = new ResourceRecorder();
  });

  it("registers templates and constraints under the component with its provider, each constraint after its template", async () => {
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    const gk = new GatekeeperPolicies(
      "gk",
      { namespaces: ["apps"], policies: ["kubernetes.images", "kubernetes.rbac"] },
      { ...recorder.opts, provider },
    );
    const resources = await recorder.settled();
    const children = resources.filter((r) => r.parent === "cairn:policy:GatekeeperPolicies::gk");
    expect(children.map((c) => c.name).sort()).toEqual([
      "gk-constraint-cairnimages",
      "gk-constraint-cairnrbac",
      "gk-template-cairnimages",
      "gk-template-cairnrbac",
    ]);
    expect(children.every((c) => c.provider?.endsWith("cluster"))).toBe(true);
    expect(recorder.one("kubernetes:constraints.gatekeeper.sh/v1beta1:CairnImages").inputs).toMatchObject({
      spec: { enforcementAction: "deny", match: { namespaces: ["apps"] } },
    });
    expect(recorder.ofType("kubernetes:templates.gatekeeper.sh/v1:ConstraintTemplate")).toHaveLength(2);
    await new Promise<void>((resolve) =>
      gk.constraintKinds.apply((k) => {
        expect(k).toEqual(["CairnImages", "CairnRbac"]);
        resolve();
      }),
    );
  });

  it("registers nothing when the args are bad", () => {
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    const before = recorder.constructed().length;
    expect(() => new GatekeeperPolicies("bad", { namespaces: [] }, { ...recorder.opts, provider })).toThrow(
      CairnInputError,
    );
    expect(recorder.constructed()).toHaveLength(before);
  });

  it("requires an explicit Kubernetes provider", () => {
    expect(() => new GatekeeperPolicies("gk", { namespaces: ["apps"] }, recorder.opts)).toThrow(
      /opts.provider/,
    );
  });
});
