// Every invalid input Cairn's components and stack config reject, in one
// table: the cluster components' own case tables, the stack config's, and the
// workload components' cases listed here. Each case constructs the real
// component under mocks (with explicit providers where it needs them) and
// asserts a CairnInputError naming the argument, the value and the fix, with
// nothing registered but those providers.
import * as alicloud from "@pulumi/alicloud";
import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { AckCluster } from "../../components/cluster/ack";
import { ackBadInputs } from "../cases/ack.cases";
import { type BadInputCase, errorOf } from "../helpers/bad-input";
import { Consul, type ConsulArgs } from "../../components/consul";
import { CrossplaneCluster } from "../../components/cluster/crossplane";
import { CROSSPLANE_BASE_ARGS, crossplaneBadInputs } from "../cases/crossplane.cases";
import { EksCluster } from "../../components/cluster/eks";
import { eksBadInputs } from "../cases/eks.cases";
import { ExistingCluster } from "../../components/cluster/existing";
import { existingClusterBadInputs } from "../cases/existing-cluster.cases";
import { Gateway, type GatewayArgs } from "../../components/gateway";
import { ServiceMesh, type ServiceMeshArgs } from "../../components/mesh";
import { NamespaceBaseline, type NamespaceBaselineArgs } from "../../components/k8s";
import { namespaceBadInputs } from "../cases/namespace.cases";
import { Platform, resolveStackConfig } from "../../components/platform";
import { diskChartFiles } from "../../components/shared/chart-files";
import { platformConfigBadInputs, TEST_KUBECONFIG, testConfigSources } from "../cases/stack-config.cases";
import { Prometheus, type PrometheusArgs } from "../../components/observability";
import { CairnInputError } from "../../components/shared/errors";
import { ResourceRecorder } from "../helpers/mocks";
import { CONSUL_BASE_ARGS, consulBadInputs } from "../cases/consul.cases";
import { GATEWAY_BASE_ARGS, gatewayBadInputs } from "../cases/gateway.cases";
import { MESH_BASE_ARGS, meshBadInputs } from "../cases/mesh.cases";
import { PROMETHEUS_BASE_ARGS, prometheusBadInputs } from "../cases/prometheus.cases";

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
  MESH_BASE_ARGS,
  meshBadInputs,
);

const consulCases = workload<ConsulArgs>(
  "Consul",
  (args, opts) => new Consul("consul", args, opts),
  CONSUL_BASE_ARGS,
  consulBadInputs,
);

const prometheusCases = workload<PrometheusArgs>(
  "Prometheus",
  (args, opts) => new Prometheus("prom", args, opts),
  PROMETHEUS_BASE_ARGS,
  prometheusBadInputs,
);

const gatewayCases = workload<GatewayArgs>(
  "Gateway",
  (args, opts) => new Gateway("gw", args, opts),
  GATEWAY_BASE_ARGS,
  gatewayBadInputs,
);

const namespaceCases = workload<NamespaceBaselineArgs>(
  "NamespaceBaseline",
  (args, opts) => new NamespaceBaseline("team-a", args, opts),
  {},
  namespaceBadInputs,
);

const configCases: CatalogueCase[] = platformConfigBadInputs.map((c) => ({
  ...c,
  component: "stack config",
  // What index.ts does: read the config, then build the Platform from it.
  create: (r: ResourceRecorder) =>
    new Platform("platform", resolveStackConfig(c.args, testConfigSources, diskChartFiles), r.opts),
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
