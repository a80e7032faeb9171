import { describe, expect, it } from "vitest";
import { fixChartObject, isAwaited, webhookFailurePolicy } from "./chart-objects";
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
    expect(run("kubernetes:apps/v1:StatefulSet", {}, { customTimeouts: { create: "1m" } })).toBeUndefined();
    // How the engine hands a chart's children over: every timeout empty.
    const unset = { customTimeouts: { create: "", update: "", delete: "", read: "" } };
    expect(run("kubernetes:apps/v1:Deployment", {}, unset)?.opts.customTimeouts).toEqual({
      create: "5m",
      update: "5m",
    });
    expect(isAwaited("kubernetes:core/v1:PersistentVolumeClaim")).toBe(true);
  });

  it("leaves the Chart itself and unawaited, unpatched objects alone", () => {
    expect(run("kubernetes:helm.sh/v4:Chart", { values: {} })).toBeUndefined();
    expect(run("kubernetes:core/v1:ConfigMap", { metadata: { name: "c", namespace: "n" } })).toBeUndefined();
  });
});
