import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { resolveConsul } from "../../components/consul/build";
import { resolveServiceMesh } from "../../components/mesh/build";
import { diskChartFiles } from "../../components/shared/chart-files";
import { TOKEN_REASON_ANNOTATION } from "../../components/shared/chart-objects";
import { type ChartInstall } from "../../components/shared/workload";
import { checkMirror, type ChartReport, type MirrorReport } from "../../scripts/charts-check/check";
import { type ChartObject, chartObjects, objectLabel } from "../../scripts/charts-check/objects";
import { CHECKED_COMPONENTS, mirrorChartFiles } from "../../scripts/charts-check/pinned";
import { PackRunner } from "../../scripts/charts-check/policy";
import { helmTemplate, helmVersion } from "../../scripts/charts-check/render";
import { cairnEnv, ROOT, run } from "../helpers/engine";

// `cairn charts check` end to end with the helm Cairn builds (tools/helm/build, minutes on a cold
// Go build cache): on the fixture mirror, on a copy changed to carry a hook Cairn does not know and
// a privileged container, through the CLI for its exit codes, and on the real upstream gateway-helm
// v1.9.0 read from the Go module cache and released the way Envoy Gateway's release does.
const FIXTURES = path.join(ROOT, "test/fixtures/charts");
const env = cairnEnv();
let helm = "";
let version = "";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-charts-it-"));

beforeAll(() => {
  execFileSync(path.join(ROOT, "scripts/build-policies"), {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  helm = execFileSync(path.join(ROOT, "tools/helm/build"), { cwd: ROOT, env, encoding: "utf8" }).trim();
  version = helmVersion(helm);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const byChart = (r: MirrorReport) => Object.fromEntries(r.charts.map((c) => [c.chart, c]));
const denialsOf = (c: ChartReport) => c.denials.map((d) => `${d.level} ${d.policy} ${d.object}`);

describe("cairn charts check on the fixture mirror", () => {
  let report: MirrorReport;
  beforeAll(() => {
    report = checkMirror(FIXTURES, { helm, helmVersion: version });
  });

  it("checks every pinned chart with the pinned helm and Kubernetes version", () => {
    expect(report.charts.map((c) => c.chart)).toEqual([
      "base",
      "istiod",
      "gateway",
      "consul",
      "kube-prometheus-stack",
      "gateway-helm",
      "argo-rollouts",
    ]);
    expect(report).toMatchObject({ absent: [], kubeVersion: "1.35.0", helmVersion: "v3.18.6" });
    for (const c of report.charts) {
      expect(c.error, c.chart).toBeUndefined();
      expect(c.registered, c.chart).toBeGreaterThan(0);
    }
  });

  it("renders with the components' release names and namespaces", () => {
    const c = byChart(report);
    expect([c.istiod.release, c.istiod.namespace]).toEqual(["istiod-1-30-3", "istio-system"]);
    expect([c.gateway.release, c.gateway.namespace]).toEqual(["istio-ingressgateway", "istio-ingress"]);
    expect([c["gateway-helm"].release, c["gateway-helm"].namespace]).toEqual([
      "envoy-gateway",
      "envoy-gateway-system",
    ]);
  });

  it("finds nothing to report on the fixtures: every key Cairn sets is in their values.yaml, and the pack passes", () => {
    const c = byChart(report);
    expect(Object.fromEntries(report.charts.map((x) => [x.chart, x.unknownKeys]))).toEqual({
      base: [],
      istiod: [],
      gateway: [],
      consul: [],
      "kube-prometheus-stack": [],
      "gateway-helm": [],
      "argo-rollouts": [],
    });
    expect(report.charts.flatMap(denialsOf)).toEqual([]);
    expect(report.charts.flatMap((x) => x.weakenings)).toEqual([]);
    // Upstream's hooks, each known to the chart's table.
    expect(report.charts.flatMap((x) => x.hooks.filter((h) => !h.handling))).toEqual([]);
    expect(
      Object.fromEntries(
        report.charts.map((x) => [x.chart, x.hooks.map((h) => `${h.kind} ${h.name}`).sort()]),
      ),
    ).toEqual({
      base: [],
      istiod: [],
      gateway: [],
      consul: [
        "Job consul-gateway-cleanup",
        "Job consul-gateway-resources",
        "Job consul-server-acl-init-cleanup",
        "Pod consul-test",
      ],
      "kube-prometheus-stack": [],
      "gateway-helm": [
        "Job envoy-gateway-gateway-helm-certgen",
        "Role envoy-gateway-gateway-helm-certgen",
        "RoleBinding envoy-gateway-gateway-helm-certgen",
        "ServiceAccount envoy-gateway-gateway-helm-certgen",
      ],
      "argo-rollouts": [],
    });
    expect(c.consul.images.map((i) => [i.image, i.allowed, i.pinned])).toEqual([
      ["registry.k8s.io/pause:3.10", true, true],
    ]);
    expect(c.consul.images[0].usedBy.filter((u) => !u.endsWith("(hook)"))).toEqual([
      "StatefulSet consul/consul-server containers[0]",
      "StatefulSet consul/consul-server initContainers[0]",
      "Job consul/consul-server-acl-init containers[0]",
    ]);
    expect(c.gateway.images.map((i) => [i.image, i.registry, i.allowed])).toEqual([
      ["auto", "(Istio injector placeholder)", true],
    ]);
    expect(c["argo-rollouts"].images.map((i) => [i.image, i.registry, i.allowed, i.pinned])).toEqual([
      ["quay.io/argoproj/argo-rollouts:v1.10.1", "quay.io", true, true],
    ]);
  });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test-only access into rendered objects
type Props = Record<string, any>;

/** The objects the v4 Chart registers for an install of a fixture chart, with the install's patches applied. */
function registered(install: ChartInstall, chartResource: string): ChartObject[] {
  return chartObjects(helmTemplate(helm, install), {
    componentType: "check",
    chartResource,
    namespace: install.namespace,
    patches: install.patches,
  }).filter((o) => !o.hookEvents);
}

/** The props of the registered object of `kind` named `name`. */
function propsOf(objects: readonly ChartObject[], kind: string, name: string): Props {
  const found = objects.find((o) => o.kind === kind && o.name === name);
  if (!found)
    throw new Error(`no ${kind} ${name} among ${objects.map((o) => `${o.kind} ${o.name}`).join(", ")}`);
  return found.resource.props as Props;
}

/** The installs of a checked component with its default args, from the fixture mirror. */
function defaultInstalls(type: string): Record<string, ChartInstall> {
  const component = CHECKED_COMPONENTS.find((c) => c.type === type)!;
  const resolved = component.resolve(FIXTURES, {}, mirrorChartFiles(FIXTURES));
  return Object.fromEntries(Object.entries(resolved).map(([chart, r]) => [chart, r.install]));
}

const reasonOf = (props: Props) => props.metadata?.annotations?.[TOKEN_REASON_ANNOTATION];

// The fixtures render the upstream properties Cairn's patches and policies depend on
// (read from the real charts): each patch reaches the object it targets, as on the real chart.
describe("the fixture charts reproduce what Cairn's patches and policies meet upstream", () => {
  it("istiod: the ClusterRole's wildcard rules, resources from values, the sidecar injector webhook", () => {
    const mesh = (policy: "Fail" | "Ignore") =>
      resolveServiceMesh("check", { chartMirror: FIXTURES, injectorFailurePolicy: policy }, diskChartFiles);
    const objects = registered(mesh("Fail").istiod, "check-mesh-istiod");
    const role = propsOf(objects, "ClusterRole", "istiod-clusterrole-1-30-3-istio-system");
    const rules = role.rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[];
    expect(rules).toContainEqual(
      expect.objectContaining({
        apiGroups: expect.arrayContaining(["networking.istio.io"]),
        resources: ["*"],
      }),
    );
    expect(rules).toContainEqual(expect.objectContaining({ resources: ["ingresses/status"], verbs: ["*"] }));
    const deployment = propsOf(objects, "Deployment", "istiod-1-30-3");
    // Upstream requests 2048Mi without limits; Cairn's values set its requests and limits.
    expect(deployment.spec.template.spec.containers[0].resources).toEqual({
      requests: { cpu: "500m", memory: "2Gi" },
      limits: { cpu: "2", memory: "2Gi" },
    });
    expect(reasonOf(deployment)).toMatch(/istiod watches/);
    expect(reasonOf(propsOf(objects, "ServiceAccount", "istiod-1-30-3"))).toMatch(/istiod watches/);
    const injector = (policy: "Fail" | "Ignore") =>
      propsOf(
        registered(mesh(policy).istiod, "check-mesh-istiod"),
        "MutatingWebhookConfiguration",
        "istio-sidecar-injector-1-30-3",
      ).webhooks.map((w: { failurePolicy: string }) => w.failurePolicy);
    expect(injector("Fail")).toEqual(["Fail"]);
    expect(injector("Ignore")).toEqual(["Ignore"]);
  });

  it("gateway: the proxy container is image auto, injected with the gateway template", () => {
    const objects = registered(defaultInstalls("cairn:mesh:ServiceMesh").gateway, "check-mesh-gateway");
    const pod = propsOf(objects, "Deployment", "istio-ingressgateway").spec.template;
    expect(pod.spec.containers.map((c: { image: string }) => c.image)).toEqual(["auto"]);
    expect(pod.metadata.labels).toMatchObject({
      "sidecar.istio.io/inject": "true",
      "istio.io/rev": "1-30-3",
    });
    expect(pod.metadata.annotations).toMatchObject({
      "sidecar.istio.io/inject": "true",
      "inject.istio.io/templates": "gateway",
    });
    expect(reasonOf(propsOf(objects, "ServiceAccount", "istio-ingressgateway"))).toMatch(/istio-agent/);
  });

  it("consul: the server's claim template and locality-init, the namespaced webhook, ACL objects", () => {
    const consul = resolveConsul(
      "check",
      { chartMirror: FIXTURES, storageClass: "fast", injectorFailurePolicy: "Ignore" },
      diskChartFiles,
    );
    const objects = registered(consul.install, "check-consul-chart");
    const server = propsOf(objects, "StatefulSet", "consul-server");
    expect(server.spec.volumeClaimTemplates).toEqual([
      {
        metadata: { name: "data-consul" },
        spec: {
          accessModes: ["ReadWriteOnce"],
          resources: { requests: { storage: "10Gi" } },
          storageClassName: "fast",
        },
      },
    ]);
    const init = server.spec.template.spec.initContainers;
    expect(init.map((c: { name: string }) => c.name)).toEqual(["locality-init"]);
    expect(init[0].resources).toEqual({
      requests: { cpu: "10m", memory: "32Mi" },
      limits: { memory: "128Mi" },
    });
    expect(reasonOf(server)).toMatch(/locality-init/);
    // Upstream renders the cluster-scoped webhook with a namespace; Cairn drops it.
    const webhook = propsOf(objects, "MutatingWebhookConfiguration", "consul-connect-injector");
    expect(webhook.metadata.namespace).toBeUndefined();
    expect(webhook.webhooks.map((w: { failurePolicy: string }) => w.failurePolicy)).toEqual([
      "Fail",
      "Ignore",
    ]);
    expect(propsOf(objects, "ServiceAccount", "consul-auth-method").automountServiceAccountToken).toBe(false);
    const token = propsOf(objects, "Secret", "consul-auth-method");
    expect(token.type).toBe("kubernetes.io/service-account-token");
    expect(token.metadata.annotations["pulumi.com/skipAwait"]).toBe("true");
    expect(reasonOf(propsOf(objects, "Job", "consul-server-acl-init"))).toMatch(/acl-init/);
    for (const hook of [
      "consul-gateway-cleanup",
      "consul-gateway-resources",
      "consul-server-acl-init-cleanup",
    ])
      expect(propsOf(objects, "ServiceAccount", hook).automountServiceAccountToken, hook).toBe(false);
  });

  it("kube-prometheus-stack: the token patches reach the operator's and kube-state-metrics' Deployments", () => {
    const install = defaultInstalls("cairn:observability:Prometheus")["kube-prometheus-stack"];
    const objects = registered(install, "check-prometheus-chart");
    for (const name of ["kube-prometheus-stack-operator", "kube-prometheus-stack-kube-state-metrics"]) {
      const deployment = propsOf(objects, "Deployment", name);
      expect(reasonOf(deployment), name).toBeTruthy();
      expect(reasonOf(propsOf(objects, "ServiceAccount", name)), name).toBe(reasonOf(deployment));
      expect(deployment.spec.template.spec.containers[0].resources, name).toEqual({
        requests: { cpu: "50m", memory: "128Mi" },
        limits: { memory: "512Mi" },
      });
    }
    const operator = propsOf(objects, "Deployment", "kube-prometheus-stack-operator").spec.template.spec;
    expect(operator.volumes).toContainEqual({
      name: "tls-secret",
      secret: { defaultMode: 420, secretName: "kube-prometheus-stack-admission" },
    });
  });

  // On the real charts the same, plus consul's connect-injector and webhook-cert-manager (not in the fixture).
  it("without Cairn's object patches, the pack denies what it denies on the real charts", () => {
    const pack = new PackRunner("production");
    const unpatched = Object.fromEntries(
      CHECKED_COMPONENTS.flatMap((component) => {
        const installs = component.resolve(FIXTURES, {}, mirrorChartFiles(FIXTURES));
        return component.charts.map((c) => {
          const objects = registered({ ...installs[c.pinned.chart].install, patches: [] }, c.resource);
          const result = pack.evaluate(objects.map((o) => ({ resource: o.resource, label: objectLabel(o) })));
          return [c.pinned.chart, [...new Set(result.denials.map((d) => `${d.policy} ${d.object}`))].sort()];
        });
      }),
    );
    const token = "kubernetes.service_account_token";
    expect(unpatched).toEqual({
      base: [`${token} ServiceAccount istio-system/istio-reader-service-account`],
      istiod: [
        `${token} Deployment istio-system/istiod-1-30-3`,
        `${token} ServiceAccount istio-system/istiod-1-30-3`,
      ],
      gateway: [
        `${token} Deployment istio-ingress/istio-ingressgateway`,
        `${token} ServiceAccount istio-ingress/istio-ingressgateway`,
      ],
      consul: [
        "kubernetes.resources StatefulSet consul/consul-server",
        `${token} Job consul/consul-server-acl-init`,
        `${token} ServiceAccount consul/consul-auth-method`,
        `${token} ServiceAccount consul/consul-gateway-cleanup`,
        `${token} ServiceAccount consul/consul-gateway-resources`,
        `${token} ServiceAccount consul/consul-server`,
        `${token} ServiceAccount consul/consul-server-acl-init`,
        `${token} ServiceAccount consul/consul-server-acl-init-cleanup`,
        `${token} StatefulSet consul/consul-server`,
      ],
      "kube-prometheus-stack": [
        `${token} Deployment monitoring/kube-prometheus-stack-kube-state-metrics`,
        `${token} Deployment monitoring/kube-prometheus-stack-operator`,
        `${token} ServiceAccount monitoring/kube-prometheus-stack-kube-state-metrics`,
        `${token} ServiceAccount monitoring/kube-prometheus-stack-operator`,
        `${token} ServiceAccount monitoring/kube-prometheus-stack-prometheus`,
      ],
      // Cairn sets these two charts' token reasons through their values.
      "gateway-helm": [],
      "argo-rollouts": [],
    });
  });

  it("gateway-helm: the controller mounts the certgen Secret envoy-gateway", () => {
    const install = defaultInstalls("cairn:gateway:Gateway")["gateway-helm"];
    const pod = propsOf(registered(install, "check-gateway-chart"), "Deployment", "envoy-gateway").spec
      .template;
    expect(pod.spec.volumes).toContainEqual({ name: "certs", secret: { secretName: "envoy-gateway" } });
    expect(pod.metadata.annotations[TOKEN_REASON_ANNOTATION]).toBeTruthy();
  });
});

/** A mirror holding copies of some fixture charts. */
function mirrorOf(name: string, charts: readonly string[]): string {
  const dir = path.join(tmp, name);
  for (const c of charts) fs.cpSync(path.join(FIXTURES, c), path.join(dir, c), { recursive: true });
  return dir;
}

describe("cairn charts check on a changed chart", () => {
  let dir: string;
  let c: ChartReport;
  beforeAll(() => {
    dir = mirrorOf("changed", ["gateway-helm", "argo-rollouts"]);
    // A chart version that dropped a key Cairn sets.
    const values = path.join(dir, "gateway-helm/values.yaml");
    fs.writeFileSync(
      values,
      fs.readFileSync(values, "utf8").replace(/^topologyInjector:\n  enabled: true\n/m, ""),
    );
    const hook = (name: string, kind: string, image?: string) =>
      [
        "---",
        `apiVersion: ${kind === "Job" ? "batch/v1" : "v1"}`,
        `kind: ${kind}`,
        "metadata:",
        `  name: ${name}`,
        "  annotations:",
        '    "helm.sh/hook": pre-install,pre-upgrade',
        ...(image
          ? ["spec:", "  template:", "    spec:", `      containers: [{ name: c, image: "${image}" }]`]
          : []),
      ].join("\n");
    // The fixture has upstream's certgen hooks; this version adds one Cairn does not know.
    fs.writeFileSync(
      path.join(dir, "gateway-helm/templates/hooks.yaml"),
      [hook("{{ .Release.Name }}-surprise", "Job", "quay.io/someone/migrate:latest"), ""].join("\n"),
    );
    fs.writeFileSync(
      path.join(dir, "gateway-helm/templates/debug.yaml"),
      [
        "apiVersion: v1",
        "kind: Pod",
        "metadata: { name: debug }",
        "spec:",
        "  containers:",
        '    - { name: shell, image: "ghcr.io/someone/debug:1.0", securityContext: { privileged: true } }',
        "",
      ].join("\n"),
    );
    c = byChart(checkMirror(dir, { helm, helmVersion: version }))["gateway-helm"];
  });

  it("lists hooks in helm's install order with what Cairn does instead, and a hook missing from the chart's table as unhandled", () => {
    expect(c.hooks.map((h) => [h.kind, h.name, h.events.join(","), h.handling?.split(":")[0]])).toEqual([
      ["ServiceAccount", "envoy-gateway-gateway-helm-certgen", "pre-install,pre-upgrade", "replaced"],
      ["Role", "envoy-gateway-gateway-helm-certgen", "pre-install,pre-upgrade", "replaced"],
      ["RoleBinding", "envoy-gateway-gateway-helm-certgen", "pre-install,pre-upgrade", "replaced"],
      ["Job", "envoy-gateway-gateway-helm-certgen", "pre-install,pre-upgrade", "replaced"],
      ["Job", "envoy-gateway-surprise", "pre-install,pre-upgrade", undefined],
    ]);
  });

  it("runs the pack only on what the v4 Chart registers (no hooks), at its mandatory level", () => {
    const debug = c.denials.filter((d) => d.object === "Pod envoy-gateway-system/debug");
    expect(debug.map((d) => `${d.level} ${d.policy}`)).toContain(
      "mandatory kubernetes.pod_security_baseline",
    );
    expect(debug.map((d) => d.policy)).toContain("kubernetes.images");
    expect(c.denials.filter((d) => d.object.includes("surprise"))).toEqual([]);
    expect(c.registered).toBe(c.objects - 5);
  });

  it("lists every image with its registry and the allowlist's verdict, hooks' images too", () => {
    expect(c.images.map((i) => [i.image, i.registry, i.allowed, i.pinned])).toEqual([
      ["ghcr.io/someone/debug:1.0", "ghcr.io", false, true],
      ["quay.io/someone/migrate:latest", "quay.io", false, false],
      ["registry.k8s.io/pause:3.10", "registry.k8s.io", true, true],
    ]);
    expect(c.images[1].usedBy).toEqual([
      "Job envoy-gateway-system/envoy-gateway-surprise containers[0] (hook)",
    ]);
    expect(c.images[2].usedBy).toContain(
      "Job envoy-gateway-system/envoy-gateway-gateway-helm-certgen containers[0] (hook)",
    );
  });

  it("exits 1 from the CLI, with the failures in --json", async () => {
    const r = await run(path.join(ROOT, "scripts/charts"), ["check", dir, "--json"], { cwd: ROOT, env });
    expect(r.code, r.stderr).toBe(1);
    const json = JSON.parse(r.stdout) as { ok: boolean; charts: { chart: string; failures: string[] }[] };
    expect(json.ok).toBe(false);
    expect(json.charts.find((x) => x.chart === "gateway-helm")?.failures).toEqual([
      expect.stringMatching(/mandatory denial/),
      "1 unknown value key(s)",
      "1 unhandled hook(s)",
    ]);
  });

  it("exits 0 from the CLI when every chart passes, printing tables", async () => {
    const r = await run(
      path.join(ROOT, "cairn"),
      ["charts", "check", mirrorOf("clean", ["argo-rollouts", "base"])],
      {
        cwd: ROOT,
        env,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^argo-rollouts 2\.41\.0: ok$/m);
    expect(r.stdout).toMatch(/not in the mirror \(not checked\): istiod, gateway, consul/);
    expect(r.stdout).toMatch(/ok: 2 chart\(s\) pass/);
  });

  it.each([
    ["is missing", () => path.join(tmp, "nowhere")],
    ["holds no chart Cairn pins", () => fs.mkdtempSync(path.join(tmp, "empty-"))],
  ])("exits 2 naming the directory and the charts Cairn expects when DIR %s", async (_what, dirOf) => {
    const missing = dirOf();
    const r = await run(path.join(ROOT, "scripts/charts"), ["check", missing], { cwd: ROOT, env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(missing);
    expect(r.stderr).toContain("consul 1.9.11");
    expect(r.stderr).toContain("gateway-helm v1.9.0");
  });
});

/** envsubst(1): every `$NAME` and `${NAME}` replaced by its value, or by nothing when unset. */
function envsubst(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(
    /\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g,
    (_m, a?: string, b?: string) => vars[a ?? b ?? ""] ?? "",
  );
}

/**
 * The released gateway-helm chart, made from the module's source as Envoy Gateway's release
 * does (tools/make/helm.mk, release.yaml): `helm-generate` writes values.yaml from values.tmpl.yaml
 * with envsubst (GatewayImage=docker.io/envoyproxy/gateway:<tag>, GatewayImagePullPolicy=IfNotPresent),
 * and `helm package --version <tag> --app-version <tag>` sets Chart.yaml's version and appVersion
 * and leaves out `*.tmpl.*` (.helmignore).
 */
function releasedGatewayHelm(moduleDir: string, mirror: string, tag: string): void {
  const chart = path.join(mirror, "gateway-helm");
  fs.cpSync(path.join(moduleDir, "charts/gateway-helm"), chart, { recursive: true });
  execFileSync("chmod", ["-R", "u+w", chart]); // the module cache is read-only
  const chartYaml = parseDocument(fs.readFileSync(path.join(chart, "Chart.yaml"), "utf8"));
  chartYaml.set("version", tag);
  chartYaml.set("appVersion", tag);
  fs.writeFileSync(path.join(chart, "Chart.yaml"), chartYaml.toString());
  const template = path.join(chart, "values.tmpl.yaml");
  fs.writeFileSync(
    path.join(chart, "values.yaml"),
    envsubst(fs.readFileSync(template, "utf8"), {
      GatewayImage: `docker.io/envoyproxy/gateway:${tag}`,
      GatewayImagePullPolicy: "IfNotPresent",
    }),
  );
  fs.rmSync(template);
}

describe("cairn charts check on the real gateway-helm v1.9.0", () => {
  let c: ChartReport;
  beforeAll(() => {
    const goEnv: NodeJS.ProcessEnv = { ...process.env, GOTOOLCHAIN: "local" };
    delete goEnv.GOFLAGS;
    const out = execFileSync("go", ["mod", "download", "-json", "github.com/envoyproxy/gateway@v1.9.0"], {
      cwd: tmp,
      env: goEnv,
      encoding: "utf8",
    });
    const mod = JSON.parse(out) as { Dir?: string; Error?: string };
    if (!mod.Dir)
      throw new Error(`go mod download github.com/envoyproxy/gateway@v1.9.0: ${mod.Error ?? out}`);
    const mirror = path.join(tmp, "upstream");
    releasedGatewayHelm(mod.Dir, mirror, "v1.9.0");
    const report = checkMirror(mirror, { helm, helmVersion: version });
    expect(report.charts.map((x) => x.chart)).toEqual(["gateway-helm"]);
    c = report.charts[0];
  });

  it("renders the release with Cairn's values and every key Cairn sets known to the chart", () => {
    expect(c.error).toBeUndefined();
    expect([c.version, c.pinnedVersion]).toEqual(["v1.9.0", "v1.9.0"]);
    expect(c.unknownKeys).toEqual([]);
    expect(c.weakenings).toEqual([]);
    // The crds subchart's Gateway API and Envoy Gateway CRDs are registered with the controller.
    expect(c.registered).toBeGreaterThan(30);
  });

  it("lists the certgen hooks, each with what Cairn does instead", () => {
    expect(c.hooks.map((h) => `${h.kind} ${h.name}`).sort()).toEqual([
      "Job envoy-gateway-gateway-helm-certgen",
      "Role envoy-gateway-gateway-helm-certgen",
      "RoleBinding envoy-gateway-gateway-helm-certgen",
      "ServiceAccount envoy-gateway-gateway-helm-certgen",
    ]);
    for (const h of c.hooks) {
      expect(h.events).toEqual(["pre-install", "pre-upgrade"]);
      expect(h.handling).toMatch(/^replaced: Cairn issues Secrets envoy-gateway/);
    }
  });

  it("lists the controller image, from an allowed registry and pinned, also used by the certgen hook", () => {
    expect(c.images).toEqual([
      {
        image: "docker.io/envoyproxy/gateway:v1.9.0",
        registry: "docker.io",
        allowed: true,
        pinned: true,
        usedBy: [
          "Deployment envoy-gateway-system/envoy-gateway containers[0]",
          "Job envoy-gateway-system/envoy-gateway-gateway-helm-certgen containers[0] (hook)",
        ],
      },
    ]);
  });

  it("runs the pack on the controller's objects: restricted pod security holds, images pass", () => {
    const policies = new Set(c.denials.map((d) => d.policy));
    for (const p of [
      "kubernetes.pod_security_baseline",
      "kubernetes.pod_security_restricted",
      "kubernetes.images",
    ])
      expect(policies.has(p), p).toBe(false);
    for (const d of c.denials) expect(d.object).toMatch(/^(Chart check-gateway-chart|\w+ [\w-]+\/[\w.:-]+)$/);
  });
});
