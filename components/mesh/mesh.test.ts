import * as path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import * as k8s from "@pulumi/kubernetes";
import { type ChartFiles, unknownValueKeys } from "../shared/chart";
import { upstreamKeys } from "../../test/helpers/upstream-keys";
import { ResourceRecorder, unwrap } from "../../test/helpers/mocks";
import { chartDependencies } from "../../test/helpers/chart-dependencies";
import { errorOf, expectRejection } from "../../test/helpers/bad-input";
import { MESH_BASE_ARGS, meshBadInputs } from "../../test/cases/mesh.cases";
import { type ObjectPatch } from "../shared/chart-objects";
import { CairnInputError } from "../shared/errors";
import { principalProblem, type ServiceMeshArgs } from "./args";
import { createServiceMesh } from "./service-mesh";
import {
  buildMeshNetworkPolicies,
  ISTIO_CHARTS,
  buildMeshPolicies,
  exposureReason,
  meshQuotas,
  meshWeakenings,
  resolveServiceMesh as resolveWith,
  ServiceMesh,
} from ".";

const FIXTURES = path.resolve(__dirname, "../../test/fixtures/charts");
const CHART = "kubernetes:helm.sh/v4:Chart";
/** No local charts at all: upstream and remote mirrors never read one. */
const noCharts: ChartFiles = { chartYaml: () => undefined };
const resolveServiceMesh = (name: string, args: ServiceMeshArgs = {}) => resolveWith(name, args, noCharts);

describe("resolveServiceMesh", () => {
  it("pins istio 1.30.3 charts from the upstream repository and names the revision after it", () => {
    const r = resolveServiceMesh("mesh");
    expect(r.revision).toBe("1-30-3");
    expect(r.istiod.source).toMatchObject({
      chart: "istiod",
      version: "1.30.3",
      repositoryOpts: { repo: "https://istio-release.storage.googleapis.com/charts" },
    });
    expect(r.istiod.release).toBe("istiod-1-30-3");
    expect(r.base.values).toEqual({ defaultRevision: "1-30-3", global: { istioNamespace: "istio-system" } });
  });

  it("rewrites probes so STRICT mTLS does not break kubelet health checks", () => {
    const v = resolveServiceMesh("mesh").istiod.values;
    expect(v).toMatchObject({
      revision: "1-30-3",
      sidecarInjectorWebhook: { rewriteAppHTTPProbe: true },
      seccompProfile: { type: "RuntimeDefault" },
      global: { proxy: { privileged: false } },
    });
    expect(meshWeakenings(resolveServiceMesh("mesh"))).toEqual([]);
  });

  it("deep-merges overrides and reports turning probe rewriting off", () => {
    const r = resolveServiceMesh("mesh", {
      charts: {
        istiod: { values: { sidecarInjectorWebhook: { rewriteAppHTTPProbe: false }, autoscaleMin: 3 } },
      },
    });
    expect(r.istiod.values).toMatchObject({ autoscaleMin: 3, meshConfig: { enablePrometheusMerge: true } });
    expect(meshWeakenings(r)).toEqual([
      "istiod: sidecarInjectorWebhook.rewriteAppHTTPProbe = false instead of true (kubelet probes fail under STRICT mTLS)",
    ]);
  });

  it("reports PERMISSIVE mTLS and a missing default deny", () => {
    const r = resolveServiceMesh("mesh", { mtlsMode: "PERMISSIVE", defaultDeny: false });
    expect(meshWeakenings(r)).toEqual([
      "mesh: mTLS mode PERMISSIVE instead of STRICT",
      "mesh: no default-deny AuthorizationPolicy",
    ]);
  });

  it("keeps the ingress gateway inside the cluster unless exposure is asked for, then annotates and reports it", () => {
    expect(resolveServiceMesh("mesh").gateway?.values.service).toEqual({ type: "ClusterIP" });
    const exposed = resolveServiceMesh("mesh", { ingressServiceType: "LoadBalancer" });
    expect(exposed.gateway?.values.service).toEqual({
      type: "LoadBalancer",
      annotations: { "cairn.dev/expose": exposureReason("LoadBalancer") },
    });
    expect(meshWeakenings(exposed)).toEqual([
      "mesh: ingress gateway Service is LoadBalancer, reachable from outside the cluster",
    ]);
    expect(
      meshWeakenings(resolveServiceMesh("mesh", { ingressServiceType: "NodePort", ingressGateway: false })),
    ).toEqual([]);
  });

  it("gives istiod limits at its 2Gi request, so the namespace's 512Mi default limit never applies", () => {
    const r = resolveServiceMesh("mesh");
    expect(r.istiod.values.resources).toEqual({
      requests: { cpu: "500m", memory: "2Gi" },
      limits: { cpu: "2", memory: "2Gi" },
    });
    expect(r.istiod.values.env).toEqual({ PILOT_ENABLE_GATEWAY_API_DEPLOYMENT_CONTROLLER: "false" });
    // Only the token reasons: the injector keeps its failure policy.
    expect(r.istiod.patches?.map((p) => [p.kind, p.name])).toEqual([
      ["ServiceAccount", "istiod-1-30-3"],
      ["Deployment", "istiod-1-30-3"],
    ]);
  });

  it("sizes the mesh namespaces' quotas for every istiod revision and the gateway at their ceilings", () => {
    // 5 + 1 surging istiod pods of 2Gi; with a canary twice that.
    expect(meshQuotas(resolveServiceMesh("mesh")).system).toMatchObject({
      requestsMemory: "12288Mi",
      limitsCpu: "12000m",
    });
    const canary = resolveServiceMesh("mesh", { canary: { version: "1.31.0" } });
    expect(meshQuotas(canary).system).toEqual({
      requestsCpu: "6000m",
      requestsMemory: "24576Mi",
      limitsCpu: "24000m",
      limitsMemory: "24576Mi",
    });
    // 5 + 1 gateway pods of 2 CPUs exceed the default 8-CPU limits quota; the rest stays at the defaults.
    expect(meshQuotas(canary).ingress).toEqual({
      requestsCpu: "4",
      requestsMemory: "8Gi",
      limitsCpu: "12000m",
      limitsMemory: "16Gi",
    });
  });

  it("relaxes only the sidecar injector's webhooks when asked, and reports it", () => {
    const r = resolveServiceMesh("mesh", { injectorFailurePolicy: "Ignore", canary: { version: "1.31.0" } });
    const injector = {
      metadata: { name: "istio-sidecar-injector-1-30-3" },
      webhooks: [{ name: "a", failurePolicy: "Fail" }],
    };
    const webhooks = (patches: readonly ObjectPatch[] = []) =>
      patches.filter((p) => p.kind === "MutatingWebhookConfiguration");
    expect(webhooks(r.istiod.patches).map((p) => [p.kind, p.name, p.apply(injector).webhooks])).toEqual([
      [
        "MutatingWebhookConfiguration",
        "istio-sidecar-injector-1-30-3",
        [{ name: "a", failurePolicy: "Ignore" }],
      ],
    ]);
    expect(webhooks(r.canaryIstiod?.patches).map((p) => p.name)).toEqual(["istio-sidecar-injector-1-31-0"]);
    expect(meshWeakenings(r)).toEqual([
      "mesh: injectorFailurePolicy Ignore: pods start without a proxy (outside the mesh) while istiod is down",
    ]);
  });

  it("rejects an allow rule without a source, naming the entry", () => {
    expect(() => resolveServiceMesh("mesh", { allow: [{ namespace: "shop" }] })).toThrow(
      /invalid allow\[0\].*exactly one of fromNamespaces or fromPrincipals/,
    );
  });

  it("fails at preview when a mirrored chart is missing", () => {
    expect(() => resolveServiceMesh("mesh", { chartMirror: "/nonexistent/mirror" })).toThrow(CairnInputError);
    expect(() => resolveServiceMesh("mesh", { chartMirror: "/nonexistent/mirror" })).toThrow(
      /chart "base" version 1\.30\.3/,
    );
  });

  it("reads a local mirror through the chart files it is given", () => {
    const mirror = path.resolve("/mirror");
    const files: ChartFiles = {
      chartYaml: (dir) =>
        dir.startsWith(`${mirror}${path.sep}`) ? { name: path.basename(dir), version: "1.30.3" } : undefined,
    };
    const r = resolveWith("mesh", { chartMirror: mirror }, files);
    expect([r.base.source.chart, r.istiod.source.chart, r.gateway?.source.chart]).toEqual(
      ["base", "istiod", "gateway"].map((c) => path.join(mirror, c)),
    );
  });

  it("checks the canary istiod chart in the mirror and blames the istiod chart settings", () => {
    const mirror = path.resolve("/mirror");
    const files: ChartFiles = { chartYaml: (dir) => ({ name: path.basename(dir), version: "1.30.3" }) };
    const error = errorOf(() =>
      resolveWith("mesh", { chartMirror: mirror, canary: { version: "1.31.0" } }, files),
    );
    expectRejection(error, { argument: "chartMirror", value: '"/mirror"', fix: "expected istiod 1.31.0" });
    expect(error.message).toContain("set charts.istiod.source");
  });
});

describe("buildMeshPolicies", () => {
  it("enforces STRICT mTLS mesh-wide and denies everything not explicitly allowed", () => {
    const r = resolveServiceMesh("mesh", {
      allow: [{ namespace: "shop", fromNamespaces: ["web"], ports: [8080] }],
    });
    const [peer, deny, gateway, allow] = buildMeshPolicies(r);
    expect(peer).toMatchObject({
      kind: "PeerAuthentication",
      metadata: { namespace: "istio-system" },
      spec: { mtls: { mode: "STRICT" } },
    });
    expect(deny).toMatchObject({
      kind: "AuthorizationPolicy",
      metadata: { name: "allow-nothing", namespace: "istio-system" },
      spec: {},
    });
    expect(gateway.spec).toMatchObject({
      selector: { matchLabels: { istio: "ingressgateway" } },
      action: "ALLOW",
    });
    expect(allow).toMatchObject({
      metadata: { namespace: "shop" },
      spec: {
        action: "ALLOW",
        rules: [{ from: [{ source: { namespaces: ["web"] } }], to: [{ operation: { ports: ["8080"] } }] }],
      },
    });
  });
});

describe("buildMeshNetworkPolicies", () => {
  it("lets enrolled namespaces reach istiod and clients reach the ingress gateway", () => {
    const policies = buildMeshNetworkPolicies(resolveServiceMesh("mesh", { injectNamespaces: ["shop"] }));
    expect(policies.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)).toEqual([
      "istio-system/allow-istiod",
      "istio-ingress/allow-ingress-gateway",
      "shop/allow-mesh-control-plane",
    ]);
    expect(policies[2].spec).toMatchObject({
      policyTypes: ["Egress"],
      egress: [
        {
          to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "istio-system" } } }],
          ports: [
            { protocol: "TCP", port: 15012 },
            { protocol: "TCP", port: 15017 },
          ],
        },
      ],
    });
  });
});

describe("ServiceMesh component", () => {
  let recorder: ResourceRecorder;
  const provider = () => new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
  beforeEach(() => {
    recorder = new ResourceRecorder();
  });

  it("installs base, istiod and the gateway from a local mirror with Cairn's values", async () => {
    const mesh = new ServiceMesh(
      "mesh",
      { chartMirror: FIXTURES, injectNamespaces: ["shop"] },
      { ...recorder.opts, provider: provider() },
    );
    expect(await unwrap(mesh.revision)).toBe("1-30-3");
    await recorder.settled();
    const istiod = recorder.one(CHART, "mesh-istiod");
    expect(istiod.inputs).toMatchObject({
      chart: path.join(FIXTURES, "istiod"),
      name: "istiod-1-30-3",
      namespace: "istio-system",
      values: { revision: "1-30-3", sidecarInjectorWebhook: { rewriteAppHTTPProbe: true } },
    });
    expect(recorder.one(CHART, "mesh-gateway").inputs).toMatchObject({
      namespace: "istio-ingress",
      values: { revision: "1-30-3" },
    });
    expect(recorder.one("kubernetes:security.istio.io/v1:PeerAuthentication").inputs).toMatchObject({
      spec: { mtls: { mode: "STRICT" } },
    });
    expect(recorder.one("kubernetes:core/v1:NamespacePatch").inputs).toMatchObject({
      metadata: { name: "shop", labels: { "istio.io/rev": "1-30-3" } },
    });
    const namespaces = recorder.ofType("kubernetes:core/v1:Namespace").map((r) => r.inputs.metadata);
    expect(namespaces).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: "istio-system",
          labels: expect.objectContaining({ "pod-security.kubernetes.io/enforce": "restricted" }),
        }),
        expect.objectContaining({ name: "istio-ingress" }),
      ]),
    );
    expect(
      recorder.resources
        .filter((r) => r.custom)
        .every(
          (r) =>
            r.type === "pulumi:providers:kubernetes" || r.provider === "pulumi:providers:kubernetes::cluster",
        ),
    ).toBe(true);
    expect(mesh.scrapeTargets.map((t) => t.name)).toEqual(["istiod", "istio-proxies"]);
  });

  it("labels canary namespaces with the canary revision and installs a second istiod", async () => {
    new ServiceMesh(
      "mesh",
      { injectNamespaces: ["shop", "web"], canary: { version: "1.31.0", namespaces: ["web"] } },
      { ...recorder.opts, provider: provider() },
    );
    await recorder.settled();
    expect(recorder.one(CHART, "mesh-istiod-canary").inputs).toMatchObject({
      name: "istiod-1-31-0",
      version: "1.31.0",
      values: { revision: "1-31-0" },
    });
    const labels = recorder.ofType("kubernetes:core/v1:NamespacePatch").map((r) => r.inputs.metadata);
    expect(labels).toEqual([
      { name: "shop", labels: { "istio.io/rev": "1-30-3" } },
      { name: "web", labels: { "istio.io/rev": "1-31-0" } },
    ]);
  });

  it("registers Istio policies only after the base chart that installs their CRDs", async () => {
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    const deps = chartDependencies();
    new ServiceMesh(
      "mesh",
      {},
      { transformations: [...(recorder.opts.transformations ?? []), deps.transformation], provider },
    );
    await recorder.settled();
    expect(deps.seen.get("kubernetes:security.istio.io/v1:PeerAuthentication")).toBe(true);
    expect(deps.seen.get("kubernetes:security.istio.io/v1:AuthorizationPolicy")).toBe(true);
  });
});

describe("ServiceMesh bad input", () => {
  it.each(meshBadInputs)("rejects $title before registering anything", async (c) => {
    const recorder = new ResourceRecorder();
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    const error = errorOf(
      () =>
        new ServiceMesh("mesh", { ...MESH_BASE_ARGS, ...c.args } as ServiceMeshArgs, {
          ...recorder.opts,
          provider,
        }),
    );
    expectRejection(error, c);
    await recorder.settled();
    expect(recorder.resources.map((r) => r.type)).toEqual(["pulumi:providers:kubernetes"]);
  });
});

describe("createServiceMesh", () => {
  it("uses resolved args as they are and records the inputs as written", async () => {
    const recorder = new ResourceRecorder();
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    // Resolved against an in-memory mirror: a second parse would read the disk and fail.
    const mirror = path.resolve("/in-memory-mirror");
    const inputs = { chartMirror: mirror, injectNamespaces: ["shop"] };
    const files: ChartFiles = { chartYaml: (dir) => ({ name: path.basename(dir), version: "1.30.3" }) };
    const resolved = resolveWith("mesh", inputs, files);
    createServiceMesh("mesh", resolved, inputs, { ...recorder.opts, provider });
    await recorder.settled();
    expect(recorder.one("cairn:mesh:ServiceMesh").inputs).toEqual(inputs);
    expect(recorder.one(CHART, "mesh-istiod").inputs.chart).toBe(path.join(mirror, "istiod"));
  });
});

describe("chart value keys", () => {
  it("sets only keys that exist in the upstream 1.30.3 values.yaml files", () => {
    const r = resolveServiceMesh("mesh");
    expect(unknownValueKeys(r.base.values, upstreamKeys("base"))).toEqual([]);
    expect(unknownValueKeys(r.istiod.values, upstreamKeys("istiod"), ISTIO_CHARTS.istiod.freeForm)).toEqual(
      [],
    );
    expect(
      unknownValueKeys(r.gateway?.values ?? {}, upstreamKeys("gateway"), ISTIO_CHARTS.gateway.freeForm),
    ).toEqual([]);
  });
});

describe("principalProblem", () => {
  it.each([
    "cluster.local/ns/shop/sa/web",
    "td-1.example.com/ns/shop/sa/web.v2",
    "cluster.local/ns/shop/sa/*",
    "*/ns/shop/sa/web",
  ])("accepts the Istio principal %s", (p) => {
    expect(principalProblem(p)).toBeUndefined();
  });

  it.each([
    "spiffe://cluster.local/ns/shop/sa/web",
    "*",
    "web",
    "cluster.local/ns/shop",
    "cluster.local/ns/shop/sa/",
    "cluster.local/ns/Shop/sa/web",
    "cluster.local/ns/shop/sa/web/extra",
    "*/ns/shop/sa/*",
    "cluster.local/ns/*/sa/web",
    "Cluster.Local/ns/shop/sa/web",
  ])("rejects %s", (p) => {
    expect(principalProblem(p)).toBeDefined();
  });
});
