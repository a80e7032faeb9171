import * as fs from "fs";
import * as path from "path";
import type * as k8s from "@kubernetes/client-node";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { constraintKind, GATEKEEPER_POLICIES } from "../../policies/gatekeeper";
import { Evaluator } from "../../policies/pack";
import { loadSamples, toPulumiResource } from "../../policies/test/samples";
import { cairnEnv, kubeconfigPath, ROOT, run, TestStack } from "../helpers/engine";
import {
  type Admission,
  admit,
  ADMISSION_SCOPE,
  API_SERVER_REJECTS,
  deleteAll,
  deniedBy,
  ensureSampleCrds,
  gatekeeper,
  kubeObjects,
  MANAGED,
  type PlacedCase,
  placedCases,
  POLICIES,
  policyNamespace,
} from "../helpers/gatekeeper";

// Gatekeeper v3.23 (scripts/gatekeeper: a local process, the embedded API server's validating webhook,
// failurePolicy Fail) enforcing the templates and constraints Cairn's GatekeeperPolicies component installs
// with the real Pulumi engine (one component per policy, each scoped to its own namespace). Every
// Kubernetes-object sample of every templated policy is sent to the API server (server-side dry run):
// three verdicts per sample (the pack, gator, the live admission) must agree.
const prefix = `gk${process.pid % 100000}`;
const cases = placedCases(prefix);
const namespaces = GATEKEEPER_POLICIES.map((p) => policyNamespace(prefix, p));
const api = kubeObjects();
const pack = new Evaluator([], () => false);

/** The pack's verdict (at up: every value known) for one policy on one manifest. */
const packDenies = (policy: string, object: Record<string, unknown>) =>
  pack.resourceVerdict(policy, toPulumiResource(object)).violations.length > 0;

/** A Service that breaks kubernetes.service_exposure (NodePort), written before the constraints exist. */
const preExisting = {
  apiVersion: "v1",
  kind: "Service",
  metadata: { name: "old-node-port", namespace: policyNamespace(prefix, "kubernetes.service_exposure") },
  spec: { type: "NodePort", selector: { app: "old" }, ports: [{ port: 80 }] },
};

describe("Cairn's policies enforced by a live Gatekeeper at admission", () => {
  let stack: TestStack | undefined;
  let createdCrds: string[] = [];
  const live = new Map<string, Admission>();

  beforeAll(async () => {
    // The gator suites and the pack's wasm (scripts/build-policies).
    const built = await run(path.join(ROOT, "scripts", "build-policies"), [], { cwd: ROOT, env: cairnEnv() });
    expect(built.code, built.stderr).toBe(0);
    // The samples' CRDs exist before Gatekeeper starts, as on a cluster whose CRDs come with its workloads.
    createdCrds = await ensureSampleCrds(api, cases);
    await gatekeeper("start");
    for (const name of namespaces) {
      await api.create({
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name, labels: { [MANAGED]: "true" } },
      });
    }
    await api.create(preExisting);
    stack = await TestStack.create("gatekeeper", {
      CAIRN_TEST_KUBECONFIG: kubeconfigPath(),
      CAIRN_TEST_SCOPES: JSON.stringify(
        Object.fromEntries(GATEKEEPER_POLICIES.map((p) => [p, policyNamespace(prefix, p)])),
      ),
    });
    await stack.up();
  });

  afterAll(async () => {
    try {
      await stack?.dispose();
      await deleteAll(api, [
        ...namespaces.map((name) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } })),
        ...createdCrds.map((name) => ({
          apiVersion: "apiextensions.k8s.io/v1",
          kind: "CustomResourceDefinition",
          metadata: { name },
        })),
      ]);
    } finally {
      await gatekeeper("stop");
    }
  });

  it("installed one template and one deny constraint per policy through GatekeeperPolicies", async () => {
    for (const policy of GATEKEEPER_POLICIES) {
      const kind = constraintKind(policy);
      const c = (await api.read({
        apiVersion: "constraints.gatekeeper.sh/v1beta1",
        kind,
        metadata: { name: kind.toLowerCase() },
      })) as k8s.KubernetesObject & { spec: Record<string, unknown> };
      expect(c.spec, policy).toEqual({
        enforcementAction: "deny",
        match: { namespaces: [policyNamespace(prefix, policy)] },
      });
    }
  });

  it.each(
    cases
      .filter(
        (c) => c.verdict === "denied" && !(c.file in ADMISSION_SCOPE) && !(c.file in API_SERVER_REJECTS),
      )
      .map((c) => [c.file, c] as const),
  )("rejects denied sample %s with its policy id in the message", async (_file, c: PlacedCase) => {
    const a = await admit(api, c.placed);
    live.set(c.file, a);
    expect(a.admitted, `${c.file} was admitted`).toBe(false);
    expect(deniedBy(a, c.policy), a.message).toBe(true);
  });

  it.each(cases.filter((c) => c.verdict === "allowed").map((c) => [c.file, c] as const))(
    "admits allowed sample %s",
    async (_file, c: PlacedCase) => {
      const a = await admit(api, c.placed);
      live.set(c.file, a);
      expect(a, c.file).toEqual({ admitted: true, message: "" });
    },
  );

  it.each(Object.entries(ADMISSION_SCOPE))("admits %s, which only the pack can deny: %s", async (file) => {
    const c = cases.find((x) => x.file === file)!;
    const a = await admit(api, c.placed);
    live.set(c.file, a);
    expect(a.admitted, a.message).toBe(true);
  });

  it.each(Object.entries(API_SERVER_REJECTS))(
    "has %s rejected by the API server before Gatekeeper: %s",
    async (file) => {
      const c = cases.find((x) => x.file === file)!;
      const a = await admit(api, c.placed);
      live.set(c.file, a);
      expect(a.by, a.message).toBe("api-server");
    },
  );

  it("rejects an UPDATE that makes an admitted object non-compliant", async () => {
    const namespace = policyNamespace(prefix, "kubernetes.service_exposure");
    const service = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "web", namespace },
      spec: { type: "ClusterIP", selector: { app: "web" }, ports: [{ port: 80 }] },
    };
    expect(await admit(api, service, { dryRun: false })).toEqual({ admitted: true, message: "" });
    try {
      const current = (await api.read(service)) as typeof service;
      const update = { ...current, spec: { ...current.spec, type: "NodePort" } };
      const a = await admit(api, update, { update: true, dryRun: false });
      expect(deniedBy(a, "kubernetes.service_exposure"), a.message).toBe(true);
      expect(a.message).toMatch(/NodePort/);
      expect(((await api.read(service)) as typeof service).spec.type).toBe("ClusterIP");
    } finally {
      await deleteAll(api, [service]);
    }
  });

  it("audit reports the violating object that existed before the constraints", async () => {
    const kind = constraintKind("kubernetes.service_exposure");
    let violations: { name: string; namespace: string; message: string }[] = [];
    for (let i = 0; i < 120 && !violations.some((v) => v.name === preExisting.metadata.name); i++) {
      const c = (await api.read({
        apiVersion: "constraints.gatekeeper.sh/v1beta1",
        kind,
        metadata: { name: kind.toLowerCase() },
      })) as { status?: { violations?: typeof violations } };
      violations = c.status?.violations ?? [];
      if (!violations.length) await new Promise((r) => setTimeout(r, 1000));
    }
    const found = violations.find((v) => v.name === preExisting.metadata.name);
    expect(found, JSON.stringify(violations)).toBeDefined();
    expect(found!.namespace).toBe(preExisting.metadata.namespace);
    expect(found!.message).toMatch(/^kubernetes\.service_exposure: .*NodePort/);
  });

  it("gives the same verdict per sample from the pack, gator and the live admission", async () => {
    const env = cairnEnv();
    const gator = new Map<string, boolean>();
    for (const policy of GATEKEEPER_POLICIES) {
      const dir = path.join(POLICIES, "dist", "gatekeeper-suites", constraintKind(policy).toLowerCase());
      const r = await run("gator", ["verify", "-v", dir], { cwd: dir, env });
      const suite = parse(fs.readFileSync(path.join(dir, "suite.yaml"), "utf8")) as {
        tests: { cases: { name: string; assertions: { violations: string }[] }[] }[];
      };
      for (const c of suite.tests[0].cases) {
        const asserted = c.assertions[0].violations === "yes";
        const passed = r.stdout.includes(`--- PASS: ${c.name}\t`);
        const failed = r.stdout.includes(`--- FAIL: ${c.name}\t`);
        expect(passed !== failed, `${c.name}: no gator result in\n${r.stdout}`).toBe(true);
        gator.set(c.name, passed ? asserted : !asserted);
      }
    }
    const rows = cases.map((c) => {
      const sample = loadSamples(c.policy).find((s) => s.file === c.file)!;
      const packOnSample = pack.resourceVerdict(c.policy, sample.resources[0]).violations.length > 0;
      // Sending it (another namespace, a webhook label) must not change the pack's own verdict.
      if (!(c.file in ADMISSION_SCOPE)) expect(packDenies(c.policy, c.placed), c.file).toBe(packOnSample);
      const a = live.get(c.file);
      expect(a, `${c.file} was not admitted or rejected above`).toBeDefined();
      // Live: rejected by Gatekeeper for this policy, or (API_SERVER_REJECTS) by the API server itself.
      const rejected = deniedBy(a!, c.policy) || (c.file in API_SERVER_REJECTS && a!.by === "api-server");
      return { file: c.file, pack: packOnSample, gator: gator.get(c.file), live: rejected };
    });
    const compared = rows.filter((r) => !(r.file in ADMISSION_SCOPE));
    const disagreements = compared.filter((r) => r.pack !== r.gator || r.pack !== r.live);
    console.log(
      `gatekeeper parity: ${compared.length} samples compared (pack, gator, live admission) over ` +
        `${GATEKEEPER_POLICIES.length} policies, ${disagreements.length} disagreements ` +
        `(${Object.keys(API_SERVER_REJECTS).length} rejected by the API server before Gatekeeper); ` +
        `${rows.length - compared.length} preview-only at admission (${Object.keys(ADMISSION_SCOPE).join(", ")})`,
    );
    expect(disagreements).toEqual([]);
    expect(compared.length).toBe(cases.length - Object.keys(ADMISSION_SCOPE).length);
    // The admission-scope exceptions: the pack and gator deny them, the cluster (rightly) cannot.
    for (const r of rows.filter((x) => x.file in ADMISSION_SCOPE)) {
      expect([r.pack, r.gator, r.live], r.file).toEqual([true, true, false]);
    }
  });
});
