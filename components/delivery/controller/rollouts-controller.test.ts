import * as path from "node:path";
import * as k8s from "@pulumi/kubernetes";
import { beforeEach, describe, expect, it } from "vitest";
import { toResourceInput } from "../../../policies/mapping";
import { toPulumiResource } from "../../../policies/test/samples";
import { evaluateResource } from "../../../policies/wasm";
import { errorOf } from "../../../test/helpers/bad-input";
import { ResourceRecorder } from "../../../test/helpers/mocks";
import { upstreamKeys } from "../../../test/helpers/upstream-keys";
import { buildMonitors, resolvePrometheus } from "../../observability";
import { type ChartFiles, unknownValueKeys } from "../../shared/chart";
import { CairnInputError } from "../../shared/errors";
import { type RolloutsControllerArgs } from "./args";
import {
  ARGO_ROLLOUTS_CHART,
  buildControllerNetworkPolicies,
  buildControllerRbac,
  controllerClusterRules,
  resolveRolloutsController as resolveWith,
  RolloutsController,
  rolloutsControllerWeakenings,
  rolloutsScrapeTargets,
} from ".";

const FIXTURES = path.resolve(__dirname, "../../../test/fixtures/charts");
const noCharts: ChartFiles = { chartYaml: () => undefined };
const resolve = (args: RolloutsControllerArgs = {}) => resolveWith("ar", args, noCharts);

describe("resolveRolloutsController", () => {
  it("pins argo-rollouts 2.41.0 running the controller Cairn tests, locked down, with no weakening", () => {
    const r = resolve();
    expect(r.install.source).toMatchObject({
      chart: "argo-rollouts",
      version: "2.41.0",
      repositoryOpts: { repo: "https://argoproj.github.io/argo-helm" },
    });
    expect(r.install.values).toMatchObject({
      clusterInstall: true,
      createClusterAggregateRoles: false,
      providerRBAC: { enabled: false },
      dashboard: { enabled: false },
      controller: {
        replicas: 2,
        createClusterRole: false,
        image: { tag: "v1.10.1" },
        metrics: { enabled: true },
        pdb: { enabled: true, minAvailable: 1 },
      },
      containerSecurityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    });
    expect(r.install.namespace).toBe("argo-rollouts");
    expect(rolloutsControllerWeakenings(r)).toEqual([]);
  });

  it("reports turning the chart's own RBAC, the dashboard or the standby replica back on", () => {
    const r = resolve({
      replicas: 1,
      chart: { values: { controller: { createClusterRole: true }, dashboard: { enabled: true } } },
    });
    expect(rolloutsControllerWeakenings(r)).toEqual([
      "argo-rollouts: controller.createClusterRole = true instead of false (the chart's ClusterRole reads every Secret and manages Ingresses and Jobs in every namespace)",
      "argo-rollouts: dashboard.enabled = true instead of false (an unauthenticated dashboard that can promote and abort)",
      "argo-rollouts: one controller replica (no standby leader)",
    ]);
  });

  it.each([
    [{ namespace: "Argo" }, "namespace", "DNS-1123"],
    [{ replicas: 0 }, "replicas", "positive integer"],
    [{ chart: { values: [] } }, "chart.values", "record"],
    [{ dashboard: true }, "args", "Unknown key(s) dashboard"],
  ])("rejects %j naming %s", (args, argument, fix) => {
    const error = errorOf(() => resolve(args as RolloutsControllerArgs));
    expect(error).toBeInstanceOf(CairnInputError);
    expect((error as CairnInputError).argument).toBe(argument);
    expect((error as CairnInputError).message).toContain(fix);
  });

  it("sets only keys that exist in the upstream argo-rollouts 2.41.0 values", () => {
    // podSecurityContext is passed through whole (toYaml) by the chart's Deployment.
    const keys = upstreamKeys("argo-rollouts");
    expect(unknownValueKeys(resolve().install.values, keys, ARGO_ROLLOUTS_CHART.freeForm)).toEqual([]);
  });
});

describe("the controller's RBAC", () => {
  const rules = controllerClusterRules();
  const grants = (resource: string) => rules.filter((r) => r.resources.includes(resource));

  it("has no wildcard, reads no Secrets or ConfigMaps outside its namespace, and writes no Ingresses or Jobs", () => {
    expect(JSON.stringify(rules)).not.toContain("*");
    expect(grants("secrets")).toEqual([]);
    expect(grants("configmaps")).toEqual([]);
    // Read only: the controller watches them at start; it never writes them for Istio canaries.
    expect(grants("ingresses").map((r) => r.verbs)).toEqual([["get", "list", "watch"]]);
    expect(grants("jobs").map((r) => r.verbs)).toEqual([["get", "list", "watch"]]);
  });

  it("can move an Istio canary: Rollouts, ReplicaSets, Services and VirtualServices", () => {
    expect(grants("virtualservices")[0].verbs).toEqual(expect.arrayContaining(["get", "update", "patch"]));
    expect(grants("replicasets")[0].verbs).toEqual(expect.arrayContaining(["create", "delete"]));
    expect(grants("services")[0].verbs).toContain("patch");
    expect(grants("rollouts/status")[0].verbs).toContain("update");
  });

  it("binds the chart's ServiceAccount, and passes Cairn's policy pack (no cluster-admin)", () => {
    const rbac = buildControllerRbac(resolve());
    expect(rbac.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([
      "ClusterRole/cairn-argo-rollouts-argo-rollouts",
      "ClusterRoleBinding/cairn-argo-rollouts-argo-rollouts",
      "Role/argo-rollouts",
      "RoleBinding/argo-rollouts",
    ]);
    expect(rbac[1].subjects).toEqual([
      { kind: "ServiceAccount", name: "argo-rollouts", namespace: "argo-rollouts" },
    ]);
    const denials = rbac
      .flatMap((m) => evaluateResource(toResourceInput(toPulumiResource(m))))
      .filter((f) => f.kind === "deny");
    expect(denials).toEqual([]);
  });

  it("lets the controller reach the API server and Prometheus's query port through the default deny", () => {
    const [np] = buildControllerNetworkPolicies(resolve({ prometheusNamespace: "obs" }));
    expect(np.metadata).toEqual({ name: "allow-rollouts-controller", namespace: "argo-rollouts" });
    expect((np.spec as { egress: unknown[] }).egress).toEqual([
      {
        ports: [
          { protocol: "TCP", port: 443 },
          { protocol: "TCP", port: 6443 },
        ],
      },
      {
        to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "obs" } } }],
        ports: [{ protocol: "TCP", port: 9090 }],
      },
    ]);
  });

  it("is scraped by Prometheus through the target it publishes", () => {
    const monitors = buildMonitors(
      resolvePrometheus("prom", { targets: rolloutsScrapeTargets(resolve()) }, noCharts),
    );
    expect(
      monitors.map((m) => [m.kind, (m.spec as { namespaceSelector: unknown }).namespaceSelector]),
    ).toEqual([["ServiceMonitor", { matchNames: ["argo-rollouts"] }]]);
  });
});

describe("RolloutsController component", () => {
  let recorder: ResourceRecorder;
  beforeEach(() => {
    recorder = new ResourceRecorder();
  });

  it("installs the chart from a local mirror after its namespace and Cairn's RBAC", async () => {
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    new RolloutsController("ar", { chartMirror: FIXTURES }, { ...recorder.opts, provider });
    const resources = await recorder.settled();
    const chart = recorder.one("kubernetes:helm.sh/v4:Chart");
    expect(chart.inputs).toMatchObject({
      chart: path.join(FIXTURES, "argo-rollouts"),
      name: "argo-rollouts",
      namespace: "argo-rollouts",
    });
    expect(recorder.ofType("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole")).toHaveLength(1);
    const children = resources.filter((r) => r.parent === "cairn:delivery:RolloutsController::ar");
    expect(children.length).toBeGreaterThan(4);
    expect(children.every((c) => c.provider?.endsWith("cluster"))).toBe(true);
  });

  it("registers nothing when the args are bad", () => {
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    const before = recorder.constructed().length;
    expect(() => new RolloutsController("bad", { replicas: 0 }, { ...recorder.opts, provider })).toThrow(
      CairnInputError,
    );
    expect(recorder.constructed()).toHaveLength(before);
  });
});
