import { beforeEach, describe, expect, it } from "vitest";
import * as k8s from "@pulumi/kubernetes";
import { ResourceRecorder, unwrap } from "../../test/helpers/mocks";
import { buildNamespaceBaseline, NamespaceBaseline, resolveNamespaceBaseline } from ".";
import { createNamespaceBaseline } from "./namespace";
import { CairnInputError } from "../shared/errors";
import { namespaceBadInputs } from "../../test/cases/namespace.cases";
import { errorOf, expectRejection } from "../../test/helpers/bad-input";

describe("resolveNamespaceBaseline", () => {
  it("defaults to restricted Pod Security, default deny, DNS and same-namespace allows", () => {
    const r = resolveNamespaceBaseline("team-a");
    expect(r).toMatchObject({
      namespace: "team-a",
      podSecurity: "restricted",
      defaultDeny: true,
      allowDns: true,
      allowSameNamespace: true,
      quota: { pods: 50, requestsCpu: "4" },
    });
  });

  it.each(["kube-system", "default", "kube-public", "kube-node-lease"])(
    "rejects the component name %s, used as namespace, as a system namespace",
    (name) => {
      expectRejection(
        errorOf(() => resolveNamespaceBaseline(name)),
        { argument: "namespace", value: `"${name}"`, fix: "Kubernetes system namespace" },
      );
    },
  );

  it("accepts requests equal to limits written in other units", () => {
    const r = resolveNamespaceBaseline("team-a", {
      quota: { requestsCpu: "8000m", limitsCpu: "8", requestsMemory: "16384Mi", limitsMemory: "16Gi" },
      containerDefaults: { cpuRequest: "0.5", cpuLimit: "500m", memoryRequest: "1G", memoryLimit: "1Gi" },
    });
    expect(r.quota.requestsCpu).toBe("8000m");
  });

  it("rejects a component name that cannot be a namespace", () => {
    expect(() => resolveNamespaceBaseline("Team A")).toThrow(
      /the component name, used as namespace.*DNS-1123/,
    );
  });
});

describe("buildNamespaceBaseline", () => {
  it("labels the namespace for restricted Pod Security Admission", () => {
    const [ns] = buildNamespaceBaseline(resolveNamespaceBaseline("team-a"));
    expect(ns.metadata.labels).toMatchObject({
      "pod-security.kubernetes.io/enforce": "restricted",
      "pod-security.kubernetes.io/audit": "restricted",
      "pod-security.kubernetes.io/warn": "restricted",
    });
  });

  it("enrols the namespace in an Istio revision by its istio.io/rev label", () => {
    const [ns] = buildNamespaceBaseline(resolveNamespaceBaseline("shop", { meshInjection: "1-30-3" }));
    expect(ns.metadata.labels).toMatchObject({ "istio.io/rev": "1-30-3" });
    expect(ns.metadata.labels).not.toHaveProperty("istio-injection");
    expect(() => resolveNamespaceBaseline("shop", { meshInjection: true as never })).toThrow(
      /meshInjection must be the Istio revision.*"1-30-3".*istio-injection=enabled/,
    );
  });

  it("denies all ingress and egress by default and allows only DNS and the namespace itself", () => {
    const policies = buildNamespaceBaseline(resolveNamespaceBaseline("team-a")).filter(
      (m) => m.kind === "NetworkPolicy",
    );
    expect(policies.map((p) => p.metadata.name)).toEqual([
      "default-deny",
      "allow-dns",
      "allow-same-namespace",
    ]);
    expect(policies[0].spec).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
  });

  it("keeps Cairn's Pod Security labels even when extra labels try to override them", () => {
    const [ns] = buildNamespaceBaseline(
      resolveNamespaceBaseline("team-a", { labels: { "pod-security.kubernetes.io/enforce": "privileged" } }),
    );
    expect(ns.metadata.labels?.["pod-security.kubernetes.io/enforce"]).toBe("restricted");
  });

  it("adds explicit ingress and egress allows", () => {
    const manifests = buildNamespaceBaseline(
      resolveNamespaceBaseline("team-a", {
        allowIngressFrom: ["gateway"],
        allowEgressTo: [{ cidr: "10.0.0.0/8", ports: [443] }, { namespace: "monitoring" }],
      }),
    );
    const egress = manifests.find((m) => m.metadata.name === "allow-egress-to");
    expect(egress?.spec).toMatchObject({
      egress: [
        { to: [{ ipBlock: { cidr: "10.0.0.0/8" } }], ports: [{ protocol: "TCP", port: 443 }] },
        { to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }] },
      ],
    });
    expect(manifests.find((m) => m.metadata.name === "allow-ingress-from")).toBeDefined();
  });
});

describe("NamespaceBaseline component", () => {
  let recorder: ResourceRecorder;
  const provider = () => new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
  beforeEach(() => {
    recorder = new ResourceRecorder();
  });

  it.each(namespaceBadInputs.map((c) => [c.title, c] as const))(
    "rejects %s with the argument, the value and the fix, registering only the provider",
    async (_title, c) => {
      const p = provider();
      expectRejection(
        errorOf(() => new NamespaceBaseline("team-a", c.args, { ...recorder.opts, provider: p })),
        c,
      );
      expect((await recorder.settled()).map((r) => r.type)).toEqual(["pulumi:providers:kubernetes"]);
    },
  );

  it("creates from resolved args without parsing them again", async () => {
    const resolved = resolveNamespaceBaseline("team-a", { podSecurity: "baseline" });
    const ns = createNamespaceBaseline(
      "team-a",
      resolved,
      { podSecurity: "baseline" },
      {
        ...recorder.opts,
        provider: provider(),
      },
    );
    expect(await unwrap(ns.weakenings)).toEqual([
      'namespace team-a: Pod Security level "baseline" instead of "restricted"',
    ]);
    const component = (await recorder.settled()).find((r) => r.type === "cairn:k8s:NamespaceBaseline");
    expect(component?.inputs).toEqual({ podSecurity: "baseline" });
  });

  it("registers the namespace and its policies as children with the explicit provider", async () => {
    const p = provider();
    const ns = new NamespaceBaseline("team-a", {}, { ...recorder.opts, provider: p });
    expect(await unwrap(ns.namespace)).toBe("team-a");
    const resources = await recorder.settled();
    const children = resources.filter((r) => r.parent === "cairn:k8s:NamespaceBaseline::team-a");
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      "kubernetes:core/v1:LimitRange team-a-limitrange-baseline",
      "kubernetes:core/v1:Namespace team-a-namespace",
      "kubernetes:core/v1:ResourceQuota team-a-resourcequota-baseline",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy team-a-networkpolicy-allow-dns",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy team-a-networkpolicy-allow-same-namespace",
      "kubernetes:networking.k8s.io/v1:NetworkPolicy team-a-networkpolicy-default-deny",
    ]);
    expect(children.every((r) => r.provider === "pulumi:providers:kubernetes::cluster")).toBe(true);
    expect(await unwrap(ns.weakenings)).toEqual([]);
  });

  it("reports a weakened Pod Security level in its outputs", async () => {
    const ns = new NamespaceBaseline(
      "legacy",
      { podSecurity: "baseline" },
      { ...recorder.opts, provider: provider() },
    );
    expect(await unwrap(ns.weakenings)).toEqual([
      'namespace legacy: Pod Security level "baseline" instead of "restricted"',
    ]);
    await recorder.settled();
  });

  it("fails before registering anything when an argument is bad", async () => {
    expect(
      () =>
        new NamespaceBaseline(
          "team-a",
          { podSecurity: "none" as never },
          { ...recorder.opts, provider: provider() },
        ),
    ).toThrow(CairnInputError);
    await recorder.settled();
    expect(recorder.resources.map((r) => r.type)).toEqual(["pulumi:providers:kubernetes"]);
  });

  it("refuses to run without an explicit Kubernetes provider", () => {
    expect(() => new NamespaceBaseline("team-a", {}, recorder.opts)).toThrow(
      /opts\.provider.*A kubernetes provider is required/,
    );
  });
});
