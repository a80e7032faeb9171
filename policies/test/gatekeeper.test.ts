import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import {
  admissionMessage,
  constraintKind,
  GATEKEEPER_POLICIES,
  gatorCases,
  gatorSuite,
  previewOnlyPolicies,
  sampleObject,
} from "../gatekeeper";
import { toResourceInput } from "../mapping";
import { opa } from "./opa-cli";
import { loadSamples, POLICIES_DIR } from "./samples";
import { evaluateResource } from "../wasm";

interface Template {
  metadata: { name: string };
  spec: {
    crd: { spec: { names: { kind: string } } };
    targets: {
      target: string;
      code: { engine: string; source: { rego: string; libs: string[]; version: string } }[];
    }[];
  };
}

const TEMPLATE_DIR = path.join(POLICIES_DIR, "dist", "gatekeeper");

/** Evaluates a generated template's Rego the way Gatekeeper does: input {review, parameters}, rule `violation`. */
function gatekeeperMessages(template: Template, reviews: readonly unknown[]): string[][] {
  const source = template.spec.targets[0].code[0].source;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-gk-"));
  try {
    const files = [source.rego, ...source.libs].map((rego, i) => {
      const file = path.join(dir, `m${i}.rego`);
      fs.writeFileSync(file, rego);
      return file;
    });
    const inputFile = path.join(dir, "input.json");
    fs.writeFileSync(
      inputFile,
      JSON.stringify({ items: reviews.map((review) => ({ review, parameters: {} })) }),
    );
    const pkg = template.metadata.name;
    // Each violation as "<msg> @ <details.field>", so the field is compared too.
    const query = `out := [sort([concat(" @ ", [v.msg, v.details.field]) | some v in data.${pkg}.violation with input as x]) | some x in input.items]`;
    const args = [
      "eval",
      "--v1-compatible",
      "--format",
      "json",
      "--input",
      inputFile,
      ...files.flatMap((f) => ["-d", f]),
      query,
    ];
    const result = JSON.parse(opa(args)) as { result: { bindings: { out: string[][] } }[] };
    return result.result[0].bindings.out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(GATEKEEPER_POLICIES)("Gatekeeper template for %s", (policy) => {
  const file = path.join(TEMPLATE_DIR, `${constraintKind(policy).toLowerCase()}.yaml`);
  const template = parse(fs.readFileSync(file, "utf8")) as Template;

  it("is a v1 ConstraintTemplate for the admission target, named after its kind", () => {
    expect(template.metadata.name).toBe(template.spec.crd.spec.names.kind.toLowerCase());
    expect(template.spec.targets[0].target).toBe("admission.k8s.gatekeeper.sh");
    for (const lib of template.spec.targets[0].code[0].source.libs) {
      expect(lib).toMatch(/^package lib\./m);
      expect(lib).not.toMatch(/\bdata\.cairn\./);
    }
  });

  it("gives the same verdict, messages and fields as the pack on every Kubernetes sample", () => {
    const samples = loadSamples(policy)
      .map((s) => ({ sample: s, input: toResourceInput(s.resources[0]) }))
      .filter(({ input }) => input.review);
    expect(samples.length).toBeGreaterThan(1);
    const gatekeeper = gatekeeperMessages(
      template,
      samples.map(({ input }) => input.review),
    );
    samples.forEach(({ sample, input }, i) => {
      const pack = evaluateResource(input)
        .filter((f) => f.policy === policy && f.kind === "deny")
        .map((f) => `${admissionMessage(policy, f.message)} @ ${f.field.join(".")}`)
        .sort();
      expect(gatekeeper[i], sample.file).toEqual(pack);
      expect(pack.length > 0, sample.file).toBe(sample.verdict === "denied");
    });
  });
});

describe("gator suites", () => {
  it.each(GATEKEEPER_POLICIES)(
    "%s: one case per Kubernetes-object sample, the same ones the pack is compared on",
    (policy) => {
      const fromPack = loadSamples(policy)
        .filter((s) => toResourceInput(s.resources[0]).review)
        .map((s) => s.file)
        .sort();
      expect(
        gatorCases(POLICIES_DIR, policy)
          .map((c) => c.file)
          .sort(),
      ).toEqual(fromPack);
    },
  );

  it("writes suite, template, constraint and one object per case", () => {
    const files = gatorSuite(POLICIES_DIR, "kubernetes.images");
    const suite = parse(files["suite.yaml"]) as { tests: { cases: { object: string }[] }[] };
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(["suite.yaml", "template.yaml", "constraint.yaml"]),
    );
    for (const c of suite.tests[0].cases) expect(parse(files[c.object])).toHaveProperty("kind");
    expect(parse(files["constraint.yaml"])).toMatchObject({
      kind: "CairnImages",
      spec: { enforcementAction: "deny" },
    });
  });

  it("fails the build with what to add when a policy's samples cannot make a suite", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-gk-suite-"));
    try {
      fs.cpSync(POLICIES_DIR + "/lib", path.join(dir, "lib"), { recursive: true });
      fs.mkdirSync(path.join(dir, "kubernetes/images/samples/allowed"), { recursive: true });
      fs.copyFileSync(
        path.join(POLICIES_DIR, "kubernetes/images/policy.rego"),
        path.join(dir, "kubernetes/images/policy.rego"),
      );
      expect(() => gatorSuite(dir, "kubernetes.images")).toThrow(
        /kubernetes\.images has a Gatekeeper template but no gator suite: policies\/kubernetes\/images\/samples\/ needs at least one allowed and one denied/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("sees a {type, props} Kubernetes sample as its object and a Helm release as no object", () => {
    expect(
      sampleObject({ type: "kubernetes:apps/v1:Deployment", name: "d", props: { metadata: { name: "d" } } }),
    ).toEqual({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "d" },
    });
    expect(sampleObject({ type: "kubernetes:helm.sh/v3:Release", name: "r", props: {} })).toBeUndefined();
  });
});

describe("preview-only policies", () => {
  const ids = Object.keys(
    JSON.parse(fs.readFileSync(path.join(POLICIES_DIR, "dist", "metadata.json"), "utf8")) as object,
  );
  const doc = fs.readFileSync(path.join(POLICIES_DIR, "..", "docs", "gatekeeper.md"), "utf8");

  it("every policy without a template has a reason, and docs/gatekeeper.md lists it", () => {
    const reasons = previewOnlyPolicies(ids);
    expect(Object.keys(reasons).length + GATEKEEPER_POLICIES.length).toBe(ids.length);
    for (const id of Object.keys(reasons)) {
      const listed = doc.includes(`\`${id}\``) || doc.includes(`\`${id.split(".")[0]}.*\``);
      expect(listed, `${id} in docs/gatekeeper.md`).toBe(true);
    }
  });

  it("fails for a policy with neither a template nor a reason", () => {
    expect(() => previewOnlyPolicies([...ids, "kubernetes.new_rule"])).toThrow(
      /kubernetes\.new_rule has no Gatekeeper template and no preview-only reason/,
    );
  });
});
