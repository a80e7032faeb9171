import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isSecret, ResourceRecorder, unwrap } from "../../test/helpers/mocks";
import { Platform, type PlatformArgs, resolvePlatform } from ".";
import { diskChartFiles } from "../shared/chart-files";
import { TEST_KUBECONFIG } from "../../test/cases/stack-config.cases";

const FIXTURES = path.resolve(__dirname, "../../test/fixtures/charts");
const PLATFORM = "cairn:platform:Platform::platform";

const local = (extra: Partial<PlatformArgs["clusters"][number]> = {}) => ({
  name: "local",
  existing: { kubeconfig: pulumi.secret(TEST_KUBECONFIG), kubernetesVersion: "1.36" },
  namespaces: ["apps"],
  ...extra,
});

describe("Platform component", () => {
  let recorder: ResourceRecorder;
  let created: Platform | undefined;
  const create = (args: PlatformArgs) => (created = new Platform("platform", args, recorder.opts));
  beforeEach(() => {
    recorder = new ResourceRecorder();
    created = undefined;
  });
  afterEach(async () => {
    // Let the component's registerOutputs reach this test's mock engine before the next test replaces it.
    if (created)
      await Promise.all([unwrap(created.clusters), unwrap(created.kubeconfigs), recorder.settled()]);
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  });

  it("builds the local platform: the adopted cluster, baselined namespaces and the mesh enrolling them", async () => {
    const platform = create({
      chartMirror: FIXTURES,
      clusters: [local({ workloads: { mesh: { ingressServiceType: "ClusterIP" } } })],
    });
    const outputs = await unwrap(platform.clusters);
    await recorder.settled();
    expect(recorder.one("cairn:cluster:ExistingCluster", "local").parent).toBe(PLATFORM);
    expect(recorder.one("cairn:k8s:NamespaceBaseline", "local-apps").provider).toBe(
      "pulumi:providers:kubernetes::local-provider",
    );
    expect(recorder.one("cairn:mesh:ServiceMesh", "local-mesh").provider).toBe(
      "pulumi:providers:kubernetes::local-provider",
    );
    expect(recorder.one("kubernetes:core/v1:NamespacePatch").inputs).toMatchObject({
      metadata: { name: "apps", labels: { "istio.io/rev": "1-30-3" } },
    });
    expect(outputs.local).toMatchObject({
      cloud: "existing",
      endpoint: "https://127.0.0.1:16443",
      kubernetesVersion: "1.36",
      namespaces: ["apps"],
      meshNamespace: "istio-system",
      ingressNamespace: "istio-ingress",
    });
    expect(outputs.local.weakenings).toContain("deletion protection off for the cluster and its key");
  });

  it("releases a service through a Canary gated by the cluster's own Prometheus SLO", async () => {
    const platform = create({
      chartMirror: FIXTURES,
      clusters: [
        local({
          workloads: {
            mesh: { ingressServiceType: "ClusterIP" },
            rollouts: {},
            prometheus: { replicas: 1, slos: [{ service: "web", availability: 99 }] },
          },
          releases: [{ service: "web", namespace: "apps", image: "ghcr.io/cairn-platform/web:2.0.0" }],
        }),
      ],
    });
    await unwrap(platform.clusters);
    await recorder.settled();
    expect(recorder.one("cairn:delivery:RolloutsController", "local-rollouts").parent).toBe(PLATFORM);
    expect(recorder.one("cairn:delivery:Canary", "local-web").parent).toBe(PLATFORM);
    const template = recorder.one("kubernetes:argoproj.io/v1alpha1:AnalysisTemplate").inputs as {
      spec: { metrics: { provider: { prometheus: { address: string } } }[] };
    };
    expect(template.spec.metrics[0].provider.prometheus.address).toBe(
      "http://kube-prometheus-stack-prometheus.monitoring.svc:9090",
    );
    // The breaker follows the SLO (14 % for 99 %), and sits in the mesh's root namespace.
    const breaker = recorder
      .ofType("kubernetes:networking.istio.io/v1alpha3:EnvoyFilter")
      .find((r) => r.name.endsWith("canary-breaker"));
    expect(JSON.stringify(breaker?.inputs)).toContain('"failure_percentage_threshold":14,');
    expect((breaker?.inputs as { metadata: { namespace: string } }).metadata.namespace).toBe("istio-system");
    // Prometheus scrapes the controller and lets it query.
    expect(recorder.one("cairn:observability:Prometheus").inputs).toMatchObject({
      allowQueryFrom: ["argo-rollouts"],
      targets: expect.arrayContaining([expect.objectContaining({ name: "argo-rollouts" })]),
    });
  });

  it("hands the mesh's scrape targets to Prometheus and publishes its query URL", async () => {
    const platform = create({
      chartMirror: FIXTURES,
      clusters: [
        local({ workloads: { mesh: { ingressServiceType: "ClusterIP" }, prometheus: { replicas: 1 } } }),
      ],
    });
    const outputs = await unwrap(platform.clusters);
    await recorder.settled();
    const prometheus = recorder.one("cairn:observability:Prometheus", "local-prometheus");
    expect(prometheus.provider).toBe("pulumi:providers:kubernetes::local-provider");
    const monitors = recorder
      .ofType("kubernetes:monitoring.coreos.com/v1:ServiceMonitor")
      .concat(recorder.ofType("kubernetes:monitoring.coreos.com/v1:PodMonitor"))
      .map((r) => (r.inputs.metadata as { name: string }).name);
    expect(monitors.sort()).toEqual(["cairn-istio-proxies", "cairn-istiod"]);
    expect(outputs.local.prometheusUrl).toMatch(/^http:\/\/.+\.monitoring\.svc/);
  });

  it("wires Consul and the gateway: their scrape targets to Prometheus, routes into baselined namespaces", async () => {
    const platform = create({
      chartMirror: FIXTURES,
      clusters: [
        local({
          workloads: {
            consul: { gossipKey: pulumi.secret("c2l4dGVlbi1ieXRlcy1vZi1rZXktbWF0ZXJpYWwhISE=") },
            gateway: {
              serviceType: "ClusterIP",
              routes: [
                { name: "web", public: true, service: { name: "web", namespace: "apps", port: 8080 } },
              ],
            },
            prometheus: {},
          },
        }),
      ],
    });
    const outputs = await unwrap(platform.clusters);
    await recorder.settled();
    expect(recorder.one("cairn:consul:Consul", "local-consul").provider).toBe(
      "pulumi:providers:kubernetes::local-provider",
    );
    const allow = recorder
      .ofType("kubernetes:networking.k8s.io/v1:NetworkPolicy")
      .map((r) => r.inputs.metadata as { name: string; namespace: string })
      .filter((m) => m.name === "allow-from-gateway");
    expect(allow).toEqual([{ name: "allow-from-gateway", namespace: "apps" }]);
    const monitors = recorder
      .ofType("kubernetes:monitoring.coreos.com/v1:ServiceMonitor")
      .concat(recorder.ofType("kubernetes:monitoring.coreos.com/v1:PodMonitor"))
      .map((r) => (r.inputs.metadata as { name: string }).name);
    expect(monitors.sort()).toEqual(["cairn-consul-connect", "cairn-envoy-gateway", "cairn-envoy-proxies"]);
    expect(outputs.local).toMatchObject({
      consulAddress: "https://consul-server.consul.svc:8501",
      gateway: "envoy-gateway-system/cairn",
    });
    expect(outputs.local.weakenings).toContain("gateway: route web is public (no JWT)");
  });

  it("exposes every cluster's kubeconfig only as a secret", async () => {
    const platform = create({ clusters: [local()] });
    expect(await isSecret(platform.kubeconfigs)).toBe(true);
    expect(await unwrap(platform.kubeconfigs)).toEqual({ local: TEST_KUBECONFIG });
    expect(JSON.stringify(await unwrap(platform.clusters))).not.toContain("token: test");
    expect(await isSecret(platform.clusters)).toBe(false);
    await recorder.settled();
  });

  it("creates an EKS cluster with its own AWS provider for the configured region", async () => {
    const platform = create({
      clusters: [local(), { name: "staging", region: "eu-central-1", eks: {}, namespaces: ["apps"] }],
    });
    await unwrap(platform.clusters);
    await recorder.settled();
    expect(recorder.one("pulumi:providers:aws", "staging-aws").inputs).toMatchObject({
      region: "eu-central-1",
    });
    expect(recorder.one("cairn:cluster:EksCluster", "staging").provider).toBe(
      "pulumi:providers:aws::staging-aws",
    );
    const namespaces = recorder.ofType("cairn:k8s:NamespaceBaseline").map((r) => `${r.name} ${r.provider}`);
    expect(namespaces.sort()).toEqual([
      "local-apps pulumi:providers:kubernetes::local-provider",
      "staging-apps pulumi:providers:kubernetes::staging-provider",
    ]);
  });

  it("creates an ACK cluster with its own Alibaba Cloud provider", async () => {
    const platform = create({ clusters: [{ name: "prod", region: "cn-hangzhou", ack: {} }] });
    await unwrap(platform.clusters);
    await recorder.settled();
    expect(recorder.one("pulumi:providers:alicloud", "prod-alicloud").inputs).toMatchObject({
      region: "cn-hangzhou",
    });
    expect(recorder.one("cairn:cluster:AckCluster", "prod").provider).toBe(
      "pulumi:providers:alicloud::prod-alicloud",
    );
  });

  it("claims a Crossplane cluster on the management cluster and installs namespaces on the new one", async () => {
    const platform = create({
      clusters: [
        local(),
        {
          name: "batch",
          region: "eu-west-1",
          crossplane: {
            managementCluster: "local",
            cloud: "aws",
            zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
          },
          namespaces: ["batch"],
        },
      ],
    });
    await unwrap(platform.clusters);
    await recorder.settled();
    expect(recorder.one("cairn:cluster:CrossplaneCluster", "batch").provider).toBe(
      "pulumi:providers:kubernetes::local-provider",
    );
    expect(recorder.one("cairn:k8s:NamespaceBaseline", "batch-batch").provider).toBe(
      "pulumi:providers:kubernetes::batch-provider",
    );
  });

  it("names the existing cluster's missing kubeconfig with the component's own rule", () => {
    expect(
      () =>
        new Platform("platform", { clusters: [{ name: "adopted", existing: {} as never }] }, recorder.opts),
    ).toThrow(
      /cairn:platform:Platform "platform": invalid clusters\[0\]\.existing\.kubeconfig = undefined\. kubeconfig must be a non-empty kubeconfig/,
    );
    expect(recorder.constructed()).toEqual([]);
  });

  it("registers nothing when any cluster is invalid, even after a valid one", async () => {
    expect(
      () =>
        new Platform(
          "platform",
          {
            clusters: [
              local(),
              local({ name: "second", namespaces: [{ name: "apps", podSecurity: "open" as never }] }),
            ],
          },
          recorder.opts,
        ),
    ).toThrow(
      /cairn:platform:Platform "platform": invalid clusters\[1\]\.namespaces\[0\]\.podSecurity = "open"/,
    );
    expect(recorder.constructed()).toEqual([]);
    expect(await recorder.settled()).toEqual([]);
  });
});

describe("resolvePlatform cross-references", () => {
  it("accepts references to the cluster's namespaces, workloads' namespaces, enrolled ones and other trust domains", () => {
    const resolved = resolvePlatform(
      "test",
      {
        chartMirror: FIXTURES,
        clusters: [
          local({
            workloads: {
              mesh: {
                injectNamespaces: ["legacy"],
                allow: [
                  { namespace: "apps", fromNamespaces: ["istio-ingress", "monitoring", "legacy"] },
                  { namespace: "legacy", fromPrincipals: ["cluster.local/ns/apps/sa/*"] },
                  // Another trust domain is another mesh: its namespaces are not this stack's.
                  { namespace: "apps", fromPrincipals: ["partner.example/ns/billing/sa/api"] },
                ],
              },
              consul: { injectNamespaces: ["apps", "legacy"], clientNamespaces: ["monitoring"] },
              prometheus: { slos: [{ service: "web", namespace: "apps", availability: 99.9 }] },
            },
          }),
        ],
      },
      { charts: diskChartFiles },
    );
    expect(resolved.clusters[0].workloads.mesh?.resolved.allow).toHaveLength(3);
    expect(resolved.clusters[0].workloads.consul?.resolved.clientNamespaces).toEqual(["monitoring"]);
  });

  it("leaves the Gateway API CRDs to the Envoy Gateway's chart when the cluster has both", () => {
    const crdsOf = (workloads: object) =>
      resolvePlatform(
        "test",
        { chartMirror: FIXTURES, clusters: [local({ workloads })] },
        { charts: diskChartFiles },
      ).clusters[0].workloads.consul?.resolved.install.values.connectInject;
    expect(crdsOf({ consul: {}, gateway: {} })).toMatchObject({ apiGateway: { manageExternalCRDs: false } });
    expect(crdsOf({ consul: {} })).toMatchObject({ apiGateway: { manageExternalCRDs: true } });
  });
});
