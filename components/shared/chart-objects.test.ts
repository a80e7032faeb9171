import { describe, expect, it } from "vitest";
import { toResourceInput } from "../../policies/mapping";
import { evaluateResource } from "../../policies/wasm";
import {
  fixChartObject,
  helmOwned,
  initContainerResources,
  isAwaited,
  tokenPatches,
  webhookFailurePolicy,
  workloadTokens,
} from "./chart-objects";
import { chartObjectTransform } from "./workload";

const MWC = "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration";
const injector = {
  apiVersion: "admissionregistration.k8s.io/v1",
  kind: "MutatingWebhookConfiguration",
  // consul-k8s renders its cluster-scoped webhook with the release namespace.
  metadata: { name: "consul-connect-injector", namespace: "consul", labels: { app: "consul" } },
  webhooks: [{ name: "a", failurePolicy: "Fail" }, { name: "b" }],
};

describe("fixChartObject", () => {
  it("drops the namespace of a cluster-scoped object and keeps the rest", () => {
    expect(fixChartObject(MWC, injector, [])).toEqual({
      ...injector,
      metadata: { name: "consul-connect-injector", labels: { app: "consul" } },
    });
    expect(injector.metadata.namespace).toBe("consul");
  });

  it("leaves namespaced objects and already cluster-scoped ones unchanged", () => {
    const deployment = { kind: "Deployment", metadata: { name: "d", namespace: "n" } };
    expect(fixChartObject("kubernetes:apps/v1:Deployment", deployment, [])).toBeUndefined();
    expect(
      fixChartObject("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", { metadata: { name: "r" } }, []),
    ).toBeUndefined();
  });

  it("does not await a legacy service-account token Secret, and awaits other Secrets as they are", () => {
    const token = {
      metadata: {
        name: "consul-auth-method",
        namespace: "consul",
        annotations: { "kubernetes.io/service-account.name": "a" },
      },
      type: "kubernetes.io/service-account-token",
    };
    expect(fixChartObject("kubernetes:core/v1:Secret", token, [])).toEqual({
      ...token,
      metadata: {
        ...token.metadata,
        annotations: { "kubernetes.io/service-account.name": "a", "pulumi.com/skipAwait": "true" },
      },
    });
    expect(fixChartObject("kubernetes:core/v1:Secret", { ...token, type: "Opaque" }, [])).toBeUndefined();
  });

  it("applies a patch only to the object of its kind and name", () => {
    const relax = webhookFailurePolicy("MutatingWebhookConfiguration", "consul-connect-injector", "Ignore");
    const fixed = fixChartObject(MWC, injector, [relax]);
    expect(fixed?.webhooks).toEqual([
      { name: "a", failurePolicy: "Ignore" },
      { name: "b", failurePolicy: "Ignore" },
    ]);
    const other = { ...injector, metadata: { name: "other" } };
    expect(fixChartObject(MWC, other, [relax])).toBeUndefined();
    expect(
      fixChartObject("kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration", injector, [
        relax,
      ])?.webhooks,
    ).toEqual(injector.webhooks);
  });
});

describe("chartObjectTransform", () => {
  const transform = chartObjectTransform([]);
  const run = (type: string, props: object, opts = {}) =>
    transform({ type, name: "x", custom: true, props, opts } as never) as
      { props: object; opts: { customTimeouts?: object } } | undefined;

  it("gives awaited kinds Cairn's ready timeout, unless the caller set one", () => {
    expect(run("kubernetes:apps/v1:StatefulSet", { metadata: { name: "s" } })?.opts.customTimeouts).toEqual({
      create: "5m",
      update: "5m",
    });
    expect(run("kubernetes:apps/v1:StatefulSet", {}, { customTimeouts: { create: "1m" } })?.opts).toEqual({
      customTimeouts: { create: "1m" },
      deleteBeforeReplace: true,
    });
    // How the engine hands a chart's children over: every timeout empty.
    const unset = { customTimeouts: { create: "", update: "", delete: "", read: "" } };
    expect(run("kubernetes:apps/v1:Deployment", {}, unset)?.opts.customTimeouts).toEqual({
      create: "5m",
      update: "5m",
    });
    expect(isAwaited("kubernetes:core/v1:PersistentVolumeClaim")).toBe(true);
  });

  it("leaves the Chart itself alone, and replaces every named object by deleting it first", () => {
    expect(run("kubernetes:helm.sh/v4:Chart", { values: {} })).toBeUndefined();
    expect(run("random:index/randomPassword:RandomPassword", {})).toBeUndefined();
    const configMap = { metadata: { name: "c", namespace: "n" } };
    expect(run("kubernetes:core/v1:ConfigMap", configMap)).toEqual({
      props: configMap,
      opts: { deleteBeforeReplace: true },
    });
  });
});

describe("tokenPatches and initContainerResources", () => {
  const policies = (type: string, props: Record<string, unknown>) =>
    evaluateResource(toResourceInput({ type, urn: `urn:pulumi:s::p::${type}::x`, name: "x", props }))
      .filter((f) => f.kind === "deny")
      .map((f) => f.policy);
  const deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "op", namespace: "monitoring" },
    spec: {
      template: {
        spec: {
          initContainers: [{ name: "init", image: "registry.k8s.io/pause:3.10" }],
          containers: [{ name: "op", image: "registry.k8s.io/pause:3.10" }],
        },
      },
    },
  };
  const serviceAccount = {
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: "op", namespace: "monitoring" },
  };

  it("gives the service-account-token policy the reason, or turns the token off, on the named objects only", () => {
    const [saPatch, deployPatch, unusedPatch] = tokenPatches([
      ...workloadTokens("Deployment", "op", "reconciles objects"),
      ["ServiceAccount", "hook-only", false],
    ]);
    expect(policies("kubernetes:core/v1:ServiceAccount", serviceAccount)).toContain(
      "kubernetes.service_account_token",
    );
    expect(policies("kubernetes:core/v1:ServiceAccount", saPatch.apply(serviceAccount))).not.toContain(
      "kubernetes.service_account_token",
    );
    expect(policies("kubernetes:apps/v1:Deployment", deployment)).toContain(
      "kubernetes.service_account_token",
    );
    expect(policies("kubernetes:apps/v1:Deployment", deployPatch.apply(deployment))).not.toContain(
      "kubernetes.service_account_token",
    );
    expect(unusedPatch.apply(serviceAccount)).toMatchObject({ automountServiceAccountToken: false });
    expect([deployPatch.kind, deployPatch.name, unusedPatch.name]).toEqual(["Deployment", "op", "hook-only"]);
  });

  it("sets one init container's resources, so the resources policy passes it", () => {
    const resources = { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "128Mi" } };
    const patched = initContainerResources("Deployment", "op", "init", resources).apply(deployment);
    expect(patched).toMatchObject({
      spec: { template: { spec: { initContainers: [{ name: "init", resources }] } } },
    });
    const resourceDenials = (o: Record<string, unknown>) =>
      evaluateResource(
        toResourceInput({
          type: "kubernetes:apps/v1:Deployment",
          urn: "urn:pulumi:s::p::d::x",
          name: "x",
          props: o,
        }),
      )
        .filter((f) => f.kind === "deny" && f.policy === "kubernetes.resources")
        .map((f) => f.message);
    expect(resourceDenials(deployment).some((m) => m.includes('"init"'))).toBe(true);
    expect(resourceDenials(patched).some((m) => m.includes('"init"'))).toBe(false);
    expect(deployment.spec.template.spec.initContainers[0]).not.toHaveProperty("resources");
  });
});

describe("stable renders", () => {
  it("drops a Role's empty rules, which the API server does not store, and keeps real ones", () => {
    const role = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "r" },
      rules: [],
    };
    expect(fixChartObject("kubernetes:rbac.authorization.k8s.io/v1:Role", role, [])).toEqual({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "r" },
    });
    const real = { ...role, rules: [{ apiGroups: [""], resources: ["pods"], verbs: ["get"] }] };
    expect(fixChartObject("kubernetes:rbac.authorization.k8s.io/v1:Role", real, [])).toBeUndefined();
  });

  it("marks an object as the release's own, as helm install does, for templates that look it up", () => {
    const vap = { kind: "ValidatingAdmissionPolicy", metadata: { name: "p", annotations: { a: "1" } } };
    expect(helmOwned("ValidatingAdmissionPolicy", "p", "rel", "ns").apply(vap)).toEqual({
      kind: "ValidatingAdmissionPolicy",
      metadata: {
        name: "p",
        labels: { "app.kubernetes.io/managed-by": "Helm" },
        annotations: { a: "1", "meta.helm.sh/release-name": "rel", "meta.helm.sh/release-namespace": "ns" },
      },
    });
  });
});
