// Every invalid input Cairn's components and stack config reject, in one
// table: the cluster components' own case tables, the stack config's, and the
// workload components' cases listed here. Each case constructs the real
// component under mocks (with explicit providers where it needs them) and
// asserts a CairnInputError naming the argument, the value and the fix, with
// nothing registered but those providers.
import * as path from "node:path";
import * as alicloud from "@pulumi/alicloud";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { AckCluster } from "../../components/ack";
import { ackBadInputs } from "../cases/ack.cases";
import { BadInputCase, errorOf } from "../helpers/bad-input";
import { Consul, ConsulArgs } from "../../components/consul";
import { CrossplaneCluster } from "../../components/crossplane";
import { CROSSPLANE_BASE_ARGS, crossplaneBadInputs } from "../cases/crossplane.cases";
import { EksCluster } from "../../components/eks";
import { eksBadInputs } from "../cases/eks.cases";
import { ExistingCluster } from "../../components/existing-cluster";
import { existingClusterBadInputs } from "../cases/existing-cluster.cases";
import { Gateway, GatewayArgs } from "../../components/gateway";
import { ServiceMesh, ServiceMeshArgs } from "../../components/mesh";
import { NamespaceBaseline, NamespaceBaselineArgs } from "../../components/namespace";
import { Platform, platformArgsFromConfig } from "../../components/platform";
import {
  platformConfigBadInputs,
  TEST_KUBECONFIG,
  testConfigSources,
} from "../../components/platform/config.cases";
import { Prometheus, PrometheusArgs } from "../../components/prometheus";
import { CairnInputError } from "../../components/shared/errors";
import { ResourceRecorder } from "../helpers/mocks";

const FIXTURES = path.resolve(__dirname, "../fixtures/charts");
const JWT = [{ issuer: "https://id.example.com", jwksUri: "https://id.example.com/.well-known/jwks.json" }];
const ROUTE = { name: "checkout", service: { name: "checkout", namespace: "shop", port: 8080 } };

/** One catalogue entry: a bad input, the component that must reject it, and what may be registered. */
interface CatalogueCase extends BadInputCase<unknown> {
  readonly component: string;
  /** Constructs the component (and its explicit providers) with the recorder's options. */
  readonly create: (recorder: ResourceRecorder) => unknown;
  /** Type tokens of the explicit providers the case creates: the only resources allowed. */
  readonly providers: readonly string[];
}

const k8sProvider = (r: ResourceRecorder) => new k8s.Provider("cluster", { kubeconfig: "{}" }, r.opts);
const K8S = ["pulumi:providers:kubernetes"];

/** Cases for a workload component taking a Kubernetes provider: `args` merged over `base`. */
function workload<A>(
  component: string,
  construct: (args: A, opts: pulumi.ComponentResourceOptions) => unknown,
  base: A,
  cases: readonly BadInputCase<Record<string, unknown>>[],
): CatalogueCase[] {
  return cases.map((c) => ({
    ...c,
    component,
    create: (r) => construct({ ...base, ...c.args } as A, { ...r.opts, provider: k8sProvider(r) }),
    providers: K8S,
  }));
}

const clusterCases: CatalogueCase[] = [
  ...eksBadInputs.map((c) => ({
    ...c,
    component: "EksCluster",
    create: (r: ResourceRecorder) =>
      new EksCluster("prod", c.args, {
        ...r.opts,
        provider: new aws.Provider("aws", { region: "eu-west-1" }, r.opts),
      }),
    providers: ["pulumi:providers:aws"],
  })),
  ...ackBadInputs.map((c) => ({
    ...c,
    component: "AckCluster",
    create: (r: ResourceRecorder) =>
      new AckCluster("prod", c.args, {
        ...r.opts,
        providers: { alicloud: new alicloud.Provider("alicloud", { region: "cn-hangzhou" }, r.opts) },
      }),
    providers: ["pulumi:providers:alicloud"],
  })),
  ...crossplaneBadInputs.map((c) => ({
    ...c,
    component: "CrossplaneCluster",
    create: (r: ResourceRecorder) =>
      new CrossplaneCluster(
        "prod",
        { ...CROSSPLANE_BASE_ARGS, ...c.args },
        { ...r.opts, provider: k8sProvider(r) },
      ),
    providers: K8S,
  })),
  ...existingClusterBadInputs.map((c) => ({
    ...c,
    component: "ExistingCluster",
    create: (r: ResourceRecorder) =>
      new ExistingCluster("local", { kubeconfig: pulumi.secret(TEST_KUBECONFIG), ...c.args }, r.opts),
    providers: [],
  })),
];

const meshCases = workload<ServiceMeshArgs>(
  "ServiceMesh",
  (args, opts) => new ServiceMesh("mesh", args, opts),
  { chartMirror: FIXTURES },
  [
    {
      title: "a root namespace that is not a DNS label",
      args: { namespace: "Istio_System" },
      argument: "namespace",
      value: '"Istio_System"',
      fix: "DNS-1123 label",
    },
    {
      title: "mTLS switched off",
      args: { mtlsMode: "DISABLE" },
      argument: "mtlsMode",
      value: '"DISABLE"',
      fix: '"STRICT" or "PERMISSIVE"',
    },
    {
      title: "an allow rule without a source",
      args: { allow: [{ namespace: "shop" }] },
      argument: "allow.0",
      value: '{"namespace":"shop"}',
      fix: "exactly one of fromNamespaces or fromPrincipals",
    },
    {
      title: "an allow rule on a port out of range",
      args: { allow: [{ namespace: "shop", fromNamespaces: ["web"], ports: [70000] }] },
      argument: "allow.0.ports.0",
      value: "70000",
      fix: "1-65535",
    },
    {
      title: "an enrolled namespace that is not a DNS label",
      args: { injectNamespaces: ["Shop"] },
      argument: "injectNamespaces.0",
      value: '"Shop"',
      fix: "DNS-1123 label",
    },
    {
      title: "a canary that is not an Istio version",
      args: { canary: { version: "1.31" } },
      argument: "canary.version",
      value: '"1.31"',
      fix: "Istio version such as 1.31.0",
    },
    {
      title: "an empty chart version",
      args: { charts: { istiod: { version: "" } } },
      argument: "charts.istiod.version",
      value: '""',
      fix: "non-empty chart version",
    },
    {
      title: "a chart mirror that lacks the charts",
      args: { chartMirror: "/no/such/mirror" },
      argument: "chartMirror",
      value: '"/no/such/mirror"',
      fix: "helm pull base",
    },
    {
      title: "a chart version the mirror does not hold",
      args: { charts: { istiod: { version: "1.31.0" } } },
      argument: "chartMirror",
      value: FIXTURES,
      fix: "expected istiod 1.31.0",
    },
    {
      title: "a chart source directory that does not exist",
      args: { charts: { gateway: { source: "/no/such/gateway" } } },
      argument: "charts.gateway.source",
      value: '"/no/such/gateway"',
      fix: "set charts.gateway.source",
    },
    {
      title: "a misspelt argument",
      args: { mtls: "STRICT" },
      argument: "args",
      value: '"mtls":"STRICT"',
      fix: "mtls",
    },
  ],
);

const consulCases = workload<ConsulArgs>(
  "Consul",
  (args, opts) => new Consul("consul", args, opts),
  { chartMirror: FIXTURES },
  [
    {
      title: "no servers",
      args: { replicas: 0 },
      argument: "replicas",
      value: "0",
      fix: "3 or 5 for production",
    },
    {
      title: "a storage size that is not a quantity",
      args: { storage: "ten gigs" },
      argument: "storage",
      value: '"ten gigs"',
      fix: "Kubernetes quantity",
    },
    {
      title: "a datacenter name that is not a DNS label",
      args: { datacenter: "DC_1" },
      argument: "datacenter",
      value: '"DC_1"',
      fix: "DNS-1123 label",
    },
    {
      title: "a client namespace that is not a DNS label",
      args: { clientNamespaces: ["Apps"] },
      argument: "clientNamespaces.0",
      value: '"Apps"',
      fix: "DNS-1123 label",
    },
    {
      title: "a chart version the mirror does not hold",
      args: { chart: { version: "1.0.0" } },
      argument: "chartMirror",
      value: FIXTURES,
      fix: "expected consul 1.0.0",
    },
    {
      title: "an unknown chart override key",
      args: { chart: { vals: {} } },
      argument: "chart",
      value: '{"vals":{}}',
      fix: "Unknown key(s) vals",
    },
    {
      title: "a misspelt argument",
      args: { replica: 3 },
      argument: "args",
      value: '"replica":3',
      fix: "replica",
    },
  ],
);

const prometheusCases = workload<PrometheusArgs>(
  "Prometheus",
  (args, opts) => new Prometheus("prom", args, opts),
  { chartMirror: FIXTURES },
  [
    {
      title: "no replicas",
      args: { replicas: 0 },
      argument: "replicas",
      value: "0",
      fix: "positive integer",
    },
    {
      title: "a retention that is not a duration",
      args: { retention: "two weeks" },
      argument: "retention",
      value: '"two weeks"',
      fix: "Prometheus duration",
    },
    {
      title: "a retention size without a unit Prometheus reads",
      args: { retentionSize: "45G" },
      argument: "retentionSize",
      value: '"45G"',
      fix: 'a size such as "45GiB"',
    },
    {
      title: "a storage size that is not a quantity",
      args: { storageSize: "big" },
      argument: "storageSize",
      value: '"big"',
      fix: "Kubernetes quantity",
    },
    {
      title: "remote write over FTP",
      args: { remoteWrite: [{ url: "ftp://metrics.example.com" }] },
      argument: "remoteWrite.0.url",
      value: '"ftp://metrics.example.com"',
      fix: "http(s) URL",
    },
    {
      title: "an availability objective over 100%",
      args: { slos: [{ service: "web", availability: 120 }] },
      argument: "slos.0.availability",
      value: "120",
      fix: "between 0 and 100",
    },
    {
      title: "a latency threshold that is no histogram bucket",
      args: { slos: [{ service: "web", latency: { objective: 99, thresholdMs: 300 } }] },
      argument: "slos.0.latency.thresholdMs",
      value: "300",
      fix: "Istio histogram bucket",
    },
    {
      title: "an SLO without an objective",
      args: { slos: [{ service: "web" }] },
      argument: "slos.0",
      value: '{"service":"web"}',
      fix: "availability, latency or both",
    },
    {
      title: "a scrape target that did not come from a component",
      args: { targets: [{ url: "http://web:9090" }] },
      argument: "targets.0",
      value: '{"url":"http://web:9090"}',
      fix: "scrapeTargets from ServiceMesh, Consul or Gateway",
    },
    {
      title: "a query namespace that is not a DNS label",
      args: { allowQueryFrom: ["Gateway"] },
      argument: "allowQueryFrom.0",
      value: '"Gateway"',
      fix: "DNS-1123 label",
    },
  ],
);

const gatewayCases = workload<GatewayArgs>(
  "Gateway",
  (args, opts) => new Gateway("gw", args, opts),
  { chartMirror: FIXTURES },
  [
    {
      title: "TLS 1.1",
      args: { minTlsVersion: "1.1" },
      argument: "minTlsVersion",
      value: '"1.1"',
      fix: '"1.2" or "1.3"',
    },
    {
      title: "a JWKS fetched over plain HTTP",
      args: { jwt: [{ issuer: "x", jwksUri: "http://id.example.com/jwks" }] },
      argument: "jwt.0.jwksUri",
      value: '"http://id.example.com/jwks"',
      fix: "https:// URL",
    },
    {
      title: "a route that skips authentication implicitly",
      args: { routes: [ROUTE] },
      argument: "routes.0.public",
      value: "undefined",
      fix: "add a jwt provider, or set public: true",
    },
    {
      title: "two routes with one name",
      args: { jwt: JWT, routes: [ROUTE, ROUTE] },
      argument: "routes",
      value: '[{"name":"checkout"',
      fix: '"checkout" repeats',
    },
    {
      title: "a path prefix without a leading slash",
      args: { jwt: JWT, routes: [{ ...ROUTE, pathPrefix: "api" }] },
      argument: "routes.0.pathPrefix",
      value: '"api"',
      fix: "must start with /",
    },
    {
      title: "a backend port out of range",
      args: { jwt: JWT, routes: [{ ...ROUTE, service: { ...ROUTE.service, port: 0 } }] },
      argument: "routes.0.service.port",
      value: "0",
      fix: "1-65535",
    },
    {
      title: "a rate limit of no requests",
      args: { rateLimit: { requests: 0, unit: "Second" } },
      argument: "rateLimit.requests",
      value: "0",
      fix: "positive integer",
    },
    {
      title: "a rate limit per day",
      args: { rateLimit: { requests: 10, unit: "Day" } },
      argument: "rateLimit.unit",
      value: '"Day"',
      fix: '"Second", "Minute" or "Hour"',
    },
    {
      title: "a gateway name that is not a DNS label",
      args: { gatewayName: "Cairn" },
      argument: "gatewayName",
      value: '"Cairn"',
      fix: "DNS-1123 label",
    },
  ],
);

const namespaceCases = workload<NamespaceBaselineArgs>(
  "NamespaceBaseline",
  (args, opts) => new NamespaceBaseline("team-a", args, opts),
  {},
  [
    {
      title: "a namespace that is not a DNS label",
      args: { namespace: "Team_A" },
      argument: "namespace",
      value: '"Team_A"',
      fix: "DNS-1123 label",
    },
    {
      title: "a Pod Security level that does not exist",
      args: { podSecurity: "open" },
      argument: "podSecurity",
      value: '"open"',
      fix: '"restricted", "baseline" or "privileged"',
    },
    {
      title: "a memory quota that is not a quantity",
      args: { quota: { limitsMemory: "lots" } },
      argument: "quota.limitsMemory",
      value: '"lots"',
      fix: "Kubernetes quantity",
    },
    {
      title: "a quota of no pods",
      args: { quota: { pods: 0 } },
      argument: "quota.pods",
      value: "0",
      fix: "positive integer",
    },
    {
      title: "an egress CIDR with host bits set",
      args: { allowEgressTo: [{ cidr: "10.0.0.1/16" }] },
      argument: "allowEgressTo.0.cidr",
      value: '"10.0.0.1/16"',
      fix: "no host bits",
    },
    {
      title: "an egress rule naming a namespace and a CIDR",
      args: { allowEgressTo: [{ namespace: "a", cidr: "10.0.0.0/8" }] },
      argument: "allowEgressTo.0",
      value: '"cidr":"10.0.0.0/8"',
      fix: "exactly one of namespace or cidr",
    },
    {
      title: "an egress port out of range",
      args: { allowEgressTo: [{ cidr: "10.0.0.0/8", ports: [70000] }] },
      argument: "allowEgressTo.0.ports.0",
      value: "70000",
      fix: "1-65535",
    },
    {
      title: "a misspelt argument",
      args: { podSecurty: "baseline" },
      argument: "args",
      value: '"podSecurty":"baseline"',
      fix: "podSecurty",
    },
  ],
);

const configCases: CatalogueCase[] = platformConfigBadInputs.map((c) => ({
  ...c,
  component: "stack config",
  // What index.ts does: read the config, then build the Platform from it.
  create: (r: ResourceRecorder) =>
    new Platform("platform", platformArgsFromConfig(c.args, testConfigSources), r.opts),
  providers: [],
}));

const catalogue: readonly CatalogueCase[] = [
  ...clusterCases,
  ...meshCases,
  ...consulCases,
  ...prometheusCases,
  ...gatewayCases,
  ...namespaceCases,
  ...configCases,
];

describe("bad input catalogue", () => {
  it("covers every component and the stack config with at least 40 cases", () => {
    const components = new Set(catalogue.map((c) => c.component));
    expect([...components].sort()).toEqual([
      "AckCluster",
      "Consul",
      "CrossplaneCluster",
      "EksCluster",
      "ExistingCluster",
      "Gateway",
      "NamespaceBaseline",
      "Prometheus",
      "ServiceMesh",
      "stack config",
    ]);
    expect(catalogue.length).toBeGreaterThanOrEqual(40);
  });

  it.each(catalogue.map((c) => [`${c.component}: ${c.title}`, c] as const))(
    "%s is rejected with the argument, the value and the fix, registering nothing",
    async (_name, c) => {
      const recorder = new ResourceRecorder();
      const error = errorOf(() => c.create(recorder));
      expect(error).toBeInstanceOf(CairnInputError);
      expect(error.message).toContain(`invalid ${c.argument} = `);
      expect(error.message).toContain(c.value);
      expect(error.message).toContain(c.fix);
      await recorder.settled();
      expect(recorder.resources.map((r) => r.type)).toEqual(c.providers);
    },
  );
});
