import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CONSUL_CHART } from "../../components/consul";
import { ARGO_ROLLOUTS_CHART } from "../../components/delivery/controller";
import { ENVOY_GATEWAY_CHART } from "../../components/gateway";
import { ISTIO_CHARTS } from "../../components/mesh";
import { KUBE_PROMETHEUS_STACK_CHART } from "../../components/observability";
import { chartFailures, type ChartReport, type MirrorReport } from "../../scripts/charts-check/check";
import {
  chartObjects,
  chartResource,
  imageRegistry,
  objectImages,
  pulumiType,
} from "../../scripts/charts-check/objects";
import { CHECKED_COMPONENTS, mirrorChartFiles, PINNED_CHARTS } from "../../scripts/charts-check/pinned";
import { type PulumiResource } from "../../policies/mapping";
import {
  imageVerdict,
  INJECTOR_PLACEHOLDER,
  PackRunner,
  placeholderAccepted,
} from "../../scripts/charts-check/policy";
import { parseRendered } from "../../scripts/charts-check/render";
import { exitCode, formatReport, jsonReport, table } from "../../scripts/charts-check/report";
import { chartValueKeys, valueKeyPaths } from "../../scripts/charts-check/values-keys";

// The pure parts of `cairn charts check` (scripts/charts-check): no helm here; the
// end-to-end runs on the fixture mirror and the real gateway-helm are in
// test/integration/charts-check.test.ts.
const FIXTURES = path.resolve(__dirname, "../fixtures/charts");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-charts-unit-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const PARENT = {
  componentType: "cairn:gateway:Gateway",
  chartResource: "check-gateway-chart",
  namespace: "gw",
};

describe("the charts the check knows", () => {
  it("covers every chart a component pins, each once", () => {
    const pinned = [
      ...Object.values(ISTIO_CHARTS),
      CONSUL_CHART,
      KUBE_PROMETHEUS_STACK_CHART,
      ENVOY_GATEWAY_CHART,
      ARGO_ROLLOUTS_CHART,
    ];
    expect(PINNED_CHARTS.map((p) => p.chart).sort()).toEqual(pinned.map((p) => p.chart).sort());
    expect(new Set(PINNED_CHARTS.map((p) => p.chart)).size).toBe(PINNED_CHARTS.length);
  });

  it("resolves each component with its default args, installing every one of its charts from the mirror", () => {
    for (const component of CHECKED_COMPONENTS) {
      const installs = component.resolve(FIXTURES, {}, mirrorChartFiles(FIXTURES));
      for (const c of component.charts) {
        expect(installs[c.pinned.chart]?.install.source.chart, c.pinned.chart).toBe(
          path.join(FIXTURES, c.pinned.chart),
        );
      }
    }
  });

  it("names the v4 Chart children as the components do", () => {
    const names = CHECKED_COMPONENTS.flatMap((c) => c.charts.map((x) => x.resource));
    expect(names).toEqual([
      "check-mesh-base",
      "check-mesh-istiod",
      "check-mesh-gateway",
      "check-consul-chart",
      "check-prometheus-chart",
      "check-gateway-chart",
      "check-rollouts-chart",
    ]);
  });

  it("resolves a version found in the mirror, not only the pinned one (an upgrade candidate)", () => {
    const mesh = CHECKED_COMPONENTS.find((c) => c.name === "check-mesh")!;
    const files = { chartYaml: (dir: string) => ({ name: path.basename(dir), version: "1.31.0" }) };
    const installs = mesh.resolve("/mirror", { base: "1.31.0", istiod: "1.31.0", gateway: "1.31.0" }, files);
    expect(installs.istiod.install.release).toBe("istiod-1-31-0");
    expect(installs.base.install.values).toMatchObject({ defaultRevision: "1-31-0" });
  });

  it("stands in the pinned name and version for a pinned chart missing from the mirror, and nothing else", () => {
    const files = mirrorChartFiles(tmp);
    expect(files.chartYaml(path.join(tmp, "istiod"))).toEqual({ name: "istiod", version: "1.30.3" });
    expect(files.chartYaml(path.join(tmp, "unknown"))).toBeUndefined();
    expect(files.chartYaml(path.join(FIXTURES, "consul"))).toEqual({ name: "consul", version: "1.9.11" });
  });
});

describe("chart value keys", () => {
  it("lists every object key path, not array items, and Istio's internal defaults unprefixed", () => {
    const keys = valueKeyPaths({
      a: { b: 1, list: [{ c: 1 }] },
      _internal_defaults_do_not_set: { revision: "", global: { hub: "x" } },
    });
    expect([...keys].sort()).toEqual(["a", "a.b", "a.list", "global", "global.hub", "revision"]);
  });

  it("adds subchart keys under their alias, their conditions, and globals as the parent's", () => {
    const chart = path.join(tmp, "parent");
    fs.mkdirSync(path.join(chart, "charts", "crds"), { recursive: true });
    fs.writeFileSync(
      path.join(chart, "Chart.yaml"),
      "apiVersion: v2\nname: parent\nversion: 1.0.0\ndependencies:\n" +
        "  - name: crds\n    version: 0.0.0\n    condition: crds.enabled\n" +
        "  - name: absent\n    alias: other\n    version: 1.0.0\n",
    );
    fs.writeFileSync(path.join(chart, "values.yaml"), "replicas: 1\n");
    fs.writeFileSync(
      path.join(chart, "charts", "crds", "Chart.yaml"),
      "apiVersion: v2\nname: crds\nversion: 0.0.0\n",
    );
    fs.writeFileSync(
      path.join(chart, "charts", "crds", "values.yaml"),
      "gatewayAPI:\n  enabled: true\nglobal:\n  x: 1\n",
    );
    expect([...chartValueKeys(chart)].sort()).toEqual([
      "crds",
      "crds.enabled",
      "crds.gatewayAPI",
      "crds.gatewayAPI.enabled",
      "global",
      "global.x",
      "other",
      "replicas",
    ]);
  });
});

describe("rendered objects", () => {
  const rendered = parseRendered(
    [
      "---",
      "# Source: gw/templates/sa.yaml",
      "apiVersion: v1",
      "kind: ServiceAccount",
      "metadata:",
      "  name: ctl",
      "---",
      "# Source: gw/templates/empty.yaml",
      "---",
      "# Source: gw/templates/rbac.yaml",
      "apiVersion: rbac.authorization.k8s.io/v1",
      "kind: ClusterRole",
      "metadata: { name: ctl }",
      "---",
      "apiVersion: v1",
      "kind: List",
      "items:",
      "  - { apiVersion: v1, kind: ConfigMap, metadata: { name: a, namespace: elsewhere } }",
      "---",
      "# Source: gw/crds/crd.yaml",
      "apiVersion: apiextensions.k8s.io/v1",
      "kind: CustomResourceDefinition",
      "metadata: { name: things.example.com }",
      "spec: { group: example.com, scope: Cluster, names: { kind: Thing } }",
      "---",
      "apiVersion: example.com/v1",
      "kind: Thing",
      "metadata: { name: t }",
      "---",
      "# Source: gw/templates/certgen.yaml",
      "apiVersion: batch/v1",
      "kind: Job",
      "metadata:",
      "  name: certgen",
      "  annotations: { helm.sh/hook: 'pre-install, pre-upgrade' }",
      "spec: { template: { spec: { containers: [{ name: c, image: 'ghcr.io/x/certgen:1' }] } } }",
      "",
    ].join("\n"),
  );
  const objects = chartObjects(rendered, PARENT);

  it("keeps each document's template, drops empty documents and expands Lists", () => {
    expect(rendered.map((r) => `${r.source} ${String(r.object.kind)}`)).toEqual([
      "gw/templates/sa.yaml ServiceAccount",
      "gw/templates/rbac.yaml ClusterRole",
      "gw/templates/rbac.yaml ConfigMap",
      "gw/crds/crd.yaml CustomResourceDefinition",
      "gw/crds/crd.yaml Thing",
      "gw/templates/certgen.yaml Job",
    ]);
  });

  it("puts namespaced objects without a namespace in the release namespace, as the v4 Chart does", () => {
    expect(objects.map((o) => `${o.kind} ${o.namespace || "-"}`)).toEqual([
      "ServiceAccount gw",
      "ClusterRole -",
      "ConfigMap elsewhere",
      "CustomResourceDefinition -",
      "Thing -",
      "Job gw",
    ]);
    expect((objects[0].resource.props.metadata as { namespace?: string }).namespace).toBe("gw");
    expect((objects[1].resource.props.metadata as { namespace?: string }).namespace).toBeUndefined();
  });

  it("gives each object the v4 Chart's type token, child name and URN", () => {
    expect(objects[0].resource).toMatchObject({
      type: "kubernetes:core/v1:ServiceAccount",
      name: "check-gateway-chart:gw/ctl",
      urn: "urn:pulumi:charts-check::cairn::cairn:gateway:Gateway$kubernetes:helm.sh/v4:Chart$kubernetes:core/v1:ServiceAccount::check-gateway-chart:gw/ctl",
    });
    expect(objects[1].resource.name).toBe("check-gateway-chart:ctl");
    expect(pulumiType("rbac.authorization.k8s.io/v1", "ClusterRole")).toBe(
      "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole",
    );
  });

  it("marks hooks by the helm.sh/hook annotation, with their events", () => {
    expect(objects.filter((o) => o.hookEvents).map((o) => [o.kind, o.name, o.hookEvents])).toEqual([
      ["Job", "certgen", ["pre-install", "pre-upgrade"]],
    ]);
  });

  it("registers the chart itself with Cairn's values for the chart-level policies", () => {
    const install = { source: { chart: "/m/consul" }, release: "consul", values: { a: 1 } };
    expect(chartResource(PARENT, install)).toMatchObject({
      type: "kubernetes:helm.sh/v4:Chart",
      name: "check-gateway-chart",
      props: { chart: "/m/consul", name: "consul", namespace: "gw", values: { a: 1 } },
    });
  });
});

describe("images", () => {
  it("finds pod containers of every workload shape, and images named elsewhere", () => {
    const cron = {
      kind: "CronJob",
      spec: {
        jobTemplate: {
          spec: {
            template: { spec: { initContainers: [{ image: "a:1" }], containers: [{ image: "b:1" }] } },
          },
        },
      },
    };
    expect(objectImages(cron)).toEqual([
      { image: "b:1", where: "containers[0]", container: true },
      { image: "a:1", where: "initContainers[0]", container: true },
    ]);
    expect(objectImages({ kind: "Prometheus", spec: { image: "quay.io/prometheus/prometheus:v3" } })).toEqual(
      [{ image: "quay.io/prometheus/prometheus:v3", where: "spec.image", container: false }],
    );
  });

  it("names the registry as the images policy normalises it", () => {
    expect(imageRegistry("nginx")).toBe("docker.io");
    expect(imageRegistry("hashicorp/consul:1.22.7")).toBe("docker.io");
    expect(imageRegistry("quay.io/argoproj/argo-rollouts:v1.10.1")).toBe("quay.io");
    expect(imageRegistry("localhost/x:1")).toBe("localhost");
    expect(imageRegistry("registry:5000/x:1")).toBe("registry:5000");
  });

  it("asks the images policy whether the allowlist lets a registry in, apart from pinning", () => {
    expect(imageVerdict("docker.io/envoyproxy/gateway:v1.9.0")).toEqual({ allowed: true, pinned: true });
    expect(imageVerdict("hashicorp/consul:latest")).toEqual({ allowed: true, pinned: false });
    expect(imageVerdict("quay.io/argoproj/argo-rollouts:v1.10.1")).toEqual({ allowed: true, pinned: true });
    expect(imageVerdict("quay.io/someone/else:v1")).toEqual({ allowed: false, pinned: true });
    expect(imageVerdict("auto")).toEqual({ allowed: false, pinned: false });
    expect(imageVerdict(`registry.k8s.io/pause@sha256:${"0".repeat(64)}`)).toEqual({
      allowed: true,
      pinned: true,
    });
  });

  it("accepts the injector's placeholder only in a pod that Istio's injector rewrites", () => {
    const gateway = (
      labels: Record<string, string>,
      annotations: Record<string, string>,
    ): PulumiResource => ({
      type: "kubernetes:apps/v1:Deployment",
      urn: "urn:pulumi:charts-check::cairn::kubernetes:apps/v1:Deployment::gw",
      name: "gw",
      props: {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "gw", namespace: "istio-ingress" },
        spec: {
          template: {
            metadata: { labels, annotations },
            spec: { containers: [{ name: "istio-proxy", image: INJECTOR_PLACEHOLDER }] },
          },
        },
      },
    });
    expect(
      placeholderAccepted(
        gateway({ "sidecar.istio.io/inject": "true" }, { "inject.istio.io/templates": "gateway" }),
      ),
    ).toBe(true);
    expect(placeholderAccepted(gateway({}, { "inject.istio.io/templates": "gateway" }))).toBe(false);
    expect(placeholderAccepted(gateway({ "sidecar.istio.io/inject": "true" }, {}))).toBe(false);
  });
});

describe("the policy pack on chart objects", () => {
  const service = {
    type: "kubernetes:core/v1:Service",
    urn: "urn:pulumi:charts-check::cairn::kubernetes:core/v1:Service::lb",
    name: "lb",
    props: {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "lb", namespace: "gw" },
      spec: { type: "LoadBalancer", ports: [{ port: 443 }] },
    },
  };

  it("reports denials at the level the pack enforces them in the profile", () => {
    const prod = new PackRunner("production").evaluate([{ resource: service, label: "Service gw/lb" }]);
    expect(prod.denials).toEqual([
      expect.objectContaining({
        policy: "kubernetes.service_exposure",
        level: "mandatory",
        object: "Service gw/lb",
      }),
    ]);
    // The dev profile enforces high and critical policies and advises on the rest (policies/config.ts).
    const dev = new PackRunner("dev");
    expect(dev.level("kubernetes.service_exposure")).toBe("mandatory");
    expect(dev.level("kubernetes.service_account_token")).toBe("advisory");
    expect(new PackRunner("production").level("kubernetes.service_account_token")).toBe("mandatory");
  });

  it("reports nothing for an object every policy allows", () => {
    const ok = {
      ...service,
      props: { ...service.props, spec: { type: "ClusterIP", ports: [{ port: 443 }] } },
    };
    expect(new PackRunner("production").evaluate([{ resource: ok, label: "Service gw/lb" }])).toEqual({
      denials: [],
      exempted: [],
    });
  });
});

const chart = (over: Partial<ChartReport> = {}): ChartReport => ({
  chart: "gateway-helm",
  version: "v1.9.0",
  pinnedVersion: "v1.9.0",
  dir: "/m/gateway-helm",
  component: "cairn:gateway:Gateway",
  release: "envoy-gateway",
  namespace: "envoy-gateway-system",
  schemaValidated: false,
  objects: 3,
  registered: 2,
  unknownKeys: [],
  weakenings: [],
  denials: [],
  exempted: [],
  hooks: [{ kind: "Job", name: "certgen", events: ["pre-install"], handling: "replaced" }],
  images: [
    {
      image: "docker.io/envoyproxy/gateway:v1.9.0",
      registry: "docker.io",
      allowed: true,
      pinned: true,
      usedBy: ["x"],
    },
  ],
  ...over,
});
const mirror = (charts: ChartReport[]): MirrorReport => ({
  dir: "/m",
  profile: "production",
  kubeVersion: "1.35.0",
  helmVersion: "v3.18.6",
  charts,
  absent: ["consul"],
  ignored: ["other"],
});

describe("the report", () => {
  it("passes a chart with handled hooks, advisory denials and disallowed images only", () => {
    const c = chart({
      denials: [
        { policy: "kubernetes.resources", level: "advisory", object: "Deployment a/b", message: "m" },
      ],
      images: [{ image: "quay.io/x:1", registry: "quay.io", allowed: false, pinned: true, usedBy: ["y"] }],
    });
    expect(chartFailures(c)).toEqual([]);
    expect(exitCode(mirror([c]))).toBe(0);
  });

  it.each([
    [
      "a mandatory denial",
      { denials: [{ policy: "p", level: "mandatory" as const, object: "o", message: "m" }] },
      "1 mandatory denial(s)",
    ],
    ["an unknown value key", { unknownKeys: ["global.tls.verfy"] }, "1 unknown value key(s)"],
    [
      "an unhandled hook",
      { hooks: [{ kind: "Job", name: "surprise", events: ["post-install"] }] },
      "1 unhandled hook(s)",
    ],
    ["an error", { error: "helm template failed" }, "could not be checked"],
  ])("fails a chart with %s", (_what, over, why) => {
    expect(chartFailures(chart(over))).toEqual([why]);
    expect(exitCode(mirror([chart(), chart(over)]))).toBe(1);
  });

  it("shows each chart's findings and a summary as tables", () => {
    const text = formatReport(
      mirror([
        chart({ unknownKeys: ["a.b"], hooks: [{ kind: "Job", name: "surprise", events: ["post-install"] }] }),
      ]),
    );
    expect(text).toContain("gateway-helm v1.9.0: FAIL (1 unknown value key(s), 1 unhandled hook(s))");
    expect(text).toContain("not in the mirror (not checked): consul");
    expect(text).toContain("not pinned by Cairn (ignored): other");
    expect(text).toMatch(/Job +surprise +post-install +UNHANDLED/);
    expect(text).toMatch(/gateway-helm +v1\.9\.0 +1 +0 +0 +1 +0 +FAIL/);
  });

  it("gives machines the same findings with each chart's failures and the verdict", () => {
    const json = JSON.parse(jsonReport(mirror([chart({ unknownKeys: ["a.b"] })]))) as {
      ok: boolean;
      charts: { failures: string[]; unknownKeys: string[] }[];
    };
    expect(json.ok).toBe(false);
    expect(json.charts[0]).toMatchObject({ unknownKeys: ["a.b"], failures: ["1 unknown value key(s)"] });
  });

  it("pads every column but the last", () => {
    expect(table(["A", "BB"], [["aaa", "b"]])).toEqual(["A    BB", "aaa  b"]);
  });
});
