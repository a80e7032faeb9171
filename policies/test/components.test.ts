import * as fs from "fs";
import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { Consul } from "../../components/consul";
import { CrossplaneCluster } from "../../components/cluster/crossplane";
import { CROSSPLANE_BASE_ARGS } from "../../test/cases/crossplane.cases";
import { Gateway } from "../../components/gateway";
import { ServiceMesh } from "../../components/mesh";
import { NamespaceBaseline } from "../../components/k8s";
import { Platform, platformArgsFromConfig } from "../../components/platform";
import { TEST_KUBECONFIG } from "../../test/cases/stack-config.cases";
import { Prometheus } from "../../components/observability";
import { parse } from "yaml";
import { type RecordedResource, ResourceRecorder, unwrap } from "../../test/helpers/mocks";
import { type PulumiResource, toResourceInput, toStackInput } from "../mapping";
import { evaluateResource, evaluateStack, type Finding } from "../wasm";

// The workload components with their defaults, recorded with mocks and run
// through the pack's mapping and the wasm bundle (the cluster components have
// their own check in components/cluster/policy-compliance.test.ts).
const FIXTURES = path.resolve(__dirname, "../../test/fixtures/charts");

const asPolicyResource = (r: RecordedResource): PulumiResource => ({
  type: r.type,
  urn: `urn:pulumi:test::cairn::${r.type}::${r.name}`,
  name: r.name,
  props: r.inputs,
});

const show = (f: Finding) => `${f.policy}: ${f.message}`;

describe("workload components with their defaults", () => {
  let resources: PulumiResource[] = [];

  beforeAll(async () => {
    const recorder = new ResourceRecorder();
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    const opts = { ...recorder.opts, provider };
    const outputs: pulumi.Output<unknown>[] = [];
    new NamespaceBaseline("shop", {}, opts);
    const mesh = new ServiceMesh("mesh", { chartMirror: FIXTURES, injectNamespaces: ["shop"] }, opts);
    const consul = new Consul("consul", { chartMirror: FIXTURES }, opts);
    const prom = new Prometheus("prom", { chartMirror: FIXTURES }, opts);
    const gw = new Gateway(
      "gw",
      {
        chartMirror: FIXTURES,
        jwt: [{ issuer: "https://id.example.com", jwksUri: "https://id.example.com/.well-known/jwks.json" }],
        routes: [{ name: "checkout", service: { name: "checkout", namespace: "shop", port: 8080 } }],
      },
      opts,
    );
    outputs.push(mesh.revision, consul.gossipKey, prom.queryUrl, gw.gatewayName);
    await unwrap(pulumi.all(outputs));
    resources = (await recorder.settled())
      .filter((r) => r.custom || r.type.startsWith("kubernetes:helm.sh/"))
      .map(asPolicyResource);
  });

  it("records charts and objects to check", () => {
    const types = new Set(resources.map((r) => r.type));
    expect(types).toContain("kubernetes:helm.sh/v4:Chart");
    expect(types).toContain("kubernetes:networking.k8s.io/v1:NetworkPolicy");
    expect(types).toContain("kubernetes:security.istio.io/v1:PeerAuthentication");
  });

  it("pass every resource policy", () => {
    const denials = resources.flatMap((r) =>
      evaluateResource(toResourceInput(r))
        .filter((f) => f.kind === "deny")
        .map((f) => `${r.name}: ${show(f)}`),
    );
    expect(denials).toEqual([]);
  });

  it("pass every stack policy together, mesh-wide STRICT and default-deny included", () => {
    expect(evaluateStack(toStackInput(resources)).map(show)).toEqual([]);
  });
});

describe("the Crossplane cluster component with its defaults", () => {
  it("passes every resource and stack policy (AWS composition)", async () => {
    const recorder = new ResourceRecorder();
    const provider = new k8s.Provider("management", { kubeconfig: "{}" }, recorder.opts);
    const cluster = new CrossplaneCluster("prod", CROSSPLANE_BASE_ARGS, { ...recorder.opts, provider });
    await unwrap(cluster.kubeconfig);
    const resources = (await recorder.settled()).filter((r) => r.custom).map(asPolicyResource);
    expect(resources.length).toBeGreaterThan(0);
    const denials = resources.flatMap((r) =>
      evaluateResource(toResourceInput(r))
        .filter((f) => f.kind === "deny")
        .map(show),
    );
    expect(denials).toEqual([]);
    expect(evaluateStack(toStackInput(resources)).map(show)).toEqual([]);
  });
});

const STACKS_DIR = path.resolve(__dirname, "../../stacks");
const stackFiles = fs.readdirSync(STACKS_DIR).filter((f) => /^Pulumi\..+\.yaml$/.test(f));

/** What the Platform component registers for one stack file, with secrets and kubeconfigs stubbed. */
async function stackResources(file: string): Promise<PulumiResource[]> {
  const config = (
    parse(fs.readFileSync(path.join(STACKS_DIR, file), "utf8")) as { config: Record<string, unknown> }
  ).config;
  const raw = Object.fromEntries(
    Object.entries(config)
      .filter(([key]) => key.startsWith("cairn:"))
      .map(([key, value]) => [key.slice("cairn:".length), value]),
  );
  const args = platformArgsFromConfig(raw, {
    readFile: () => TEST_KUBECONFIG,
    env: (name) => (name === "KUBECONFIG_CAIRN" ? "/kube/local" : undefined),
    secret: (key) =>
      pulumi.secret(
        key.toLowerCase().includes("kubeconfig")
          ? TEST_KUBECONFIG
          : "c2VjcmV0LWtleS0zMi1ieXRlcy1sb25nLWVub3VnaCE=",
      ),
  });
  const recorder = new ResourceRecorder();
  const platform = new Platform("platform", { ...args, chartMirror: FIXTURES }, recorder.opts);
  await unwrap(pulumi.all([platform.clusters, platform.kubeconfigs]));
  return (await recorder.settled())
    .filter((r) => r.custom || r.type.startsWith("kubernetes:helm.sh/"))
    .map(asPolicyResource);
}

describe.each(stackFiles)("the stack %s, as the Platform component builds it", (file) => {
  it("passes every resource and stack policy", async () => {
    const resources = await stackResources(file);
    expect(resources.length).toBeGreaterThan(10);
    const denials = resources.flatMap((r) =>
      evaluateResource(toResourceInput(r))
        .filter((f) => f.kind === "deny")
        .map((f) => `${r.name}: ${show(f)}`),
    );
    expect(denials).toEqual([]);
    expect(evaluateStack(toStackInput(resources)).map(show)).toEqual([]);
  });
});

describe("the multicloud-prod stack", () => {
  it("puts an EKS and an ACK cluster side by side, so cluster parity is checked", async () => {
    const types = (await stackResources("Pulumi.multicloud-prod.yaml")).map((r) => r.type);
    expect(types).toContain("aws:eks/cluster:Cluster");
    expect(types).toContain("alicloud:cs/managedKubernetes:ManagedKubernetes");
  });
});
