import * as path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { type ChartFiles, unknownValueKeys } from "../shared/chart";
import { upstreamKeys } from "../../test/helpers/upstream-keys";
import { isSecret, ResourceRecorder, unwrap } from "../../test/helpers/mocks";
import { errorOf, expectRejection } from "../../test/helpers/bad-input";
import { CONSUL_BASE_ARGS, consulBadInputs } from "../../test/cases/consul.cases";
import { type ConsulArgs } from "./args";
import { createConsul } from "./consul";
import {
  Consul,
  consulNetworkPolicies,
  consulWeakenings,
  gossipKeyProvider,
  resolveConsul as resolveWith,
} from ".";

const FIXTURES = path.resolve(__dirname, "../../test/fixtures/charts");
const CHART = "kubernetes:helm.sh/v4:Chart";
/** No local charts at all: the upstream repository is never read from disk. */
const noCharts: ChartFiles = { chartYaml: () => undefined };
const resolveConsul = (name: string, args: ConsulArgs = {}) => resolveWith(name, args, noCharts);

describe("resolveConsul", () => {
  it("pins consul-k8s 1.9.11 and turns on ACLs, verified TLS, gossip encryption and metrics", () => {
    const r = resolveConsul("consul");
    expect(r.install.source).toMatchObject({ chart: "consul", version: "1.9.11" });
    expect(r.install.values).toMatchObject({
      global: {
        acls: { manageSystemACLs: true },
        tls: { enabled: true, verify: true, httpsOnly: true },
        gossipEncryption: {
          autoGenerate: false,
          secretName: "consul-gossip-encryption-key",
          secretKey: "key",
        },
        metrics: { enabled: true, enableAgentMetrics: true },
      },
      server: {
        replicas: 3,
        affinity: expect.stringContaining("requiredDuringSchedulingIgnoredDuringExecution"),
      },
      connectInject: { enabled: true, metrics: { defaultEnabled: true } },
      ui: { service: { type: "ClusterIP" } },
    });
    expect(consulWeakenings(r)).toEqual([]);
  });

  it("reports turning TLS verification off and running a single server", () => {
    const r = resolveConsul("consul", {
      replicas: 1,
      chart: { values: { global: { tls: { verify: false } } } },
    });
    expect(r.install.values).toMatchObject({
      global: { tls: { enabled: true, verify: false, httpsOnly: true } },
    });
    expect(consulWeakenings(r)).toEqual([
      "consul: global.tls.verify = false instead of true (TLS peers are not verified)",
      "consul: 1 server replica(s): no quorum after one failure (use 3 or 5)",
    ]);
  });

  it("reports removing the server anti-affinity", () => {
    const r = resolveConsul("consul", { chart: { values: { server: { affinity: null } } } });
    expect(consulWeakenings(r)).toEqual([
      expect.stringMatching(
        /^consul: server\.affinity = null instead of "podAntiAffinity:.*\(servers may share a node\)$/s,
      ),
    ]);
  });

  it("rejects zero replicas naming the argument", () => {
    expect(() => resolveConsul("consul", { replicas: 0 })).toThrow(
      /invalid replicas = 0\. replicas must be a positive integer/,
    );
  });
});

describe("Consul component", () => {
  let recorder: ResourceRecorder;
  const provider = () => new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
  beforeEach(() => {
    recorder = new ResourceRecorder();
  });

  it("keeps a given gossip key secret and hands it to the chart through a Secret", async () => {
    const consul = new Consul(
      "consul",
      {
        gossipKey: "c2VjcmV0LWtleS0zMi1ieXRlcy1sb25nLWVub3VnaCE=",
        chartMirror: FIXTURES,
        injectNamespaces: ["shop"],
        clientNamespaces: ["batch"],
      },
      { ...recorder.opts, provider: provider() },
    );
    expect(await isSecret(consul.gossipKey)).toBe(true);
    await recorder.settled();
    const secret = recorder.one(
      "kubernetes:core/v1:Secret",
      "consul-secret-consul-consul-gossip-encryption-key",
    );
    expect(secret.inputs).toMatchObject({
      metadata: { name: "consul-gossip-encryption-key", namespace: "consul" },
      // The engine receives the key base64-encoded (as data) and wrapped as a secret.
      data: {
        [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig,
        value: { key: Buffer.from("c2VjcmV0LWtleS0zMi1ieXRlcy1sb25nLWVub3VnaCE=").toString("base64") },
      },
    });
    expect(recorder.one(CHART).inputs).toMatchObject({
      chart: path.join(FIXTURES, "consul"),
      namespace: "consul",
      values: { global: { gossipEncryption: { secretName: "consul-gossip-encryption-key" } } },
    });
    expect(recorder.one("kubernetes:core/v1:Namespace").inputs).toMatchObject({
      metadata: { name: "consul" },
    });
    expect(
      recorder.one(
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        "consul-networkpolicy-consul-allow-consul-clients",
      ).inputs,
    ).toMatchObject({
      spec: {
        ingress: [
          {
            from: [
              { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "shop" } } },
              { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "batch" } } },
            ],
            ports: [
              { protocol: "TCP", port: 8501 },
              { protocol: "TCP", port: 8502 },
              { protocol: "TCP", port: 8503 },
            ],
          },
        ],
      },
    });
    expect(await unwrap(consul.address)).toBe("https://consul-server.consul.svc:8501");
    expect(consul.scrapeTargets[0]).toMatchObject({ kind: "PodMonitor", portNumber: 20200 });
  });

  it("mounts its own CA and server certificate, sending the server key as a secret and no CA key", async () => {
    new Consul("consul", {}, { ...recorder.opts, provider: provider() });
    await recorder.settled();
    const ca = recorder.one("kubernetes:core/v1:Secret", "consul-secret-consul-consul-ca-cert").inputs;
    // A Secret's data goes to the engine base64-encoded and wrapped as a secret.
    const secretValue = (data: unknown) => {
      const wrapped = data as { [k: string]: unknown; value: Record<string, string> };
      expect(wrapped[pulumi.runtime.specialSigKey]).toBe(pulumi.runtime.specialSecretSig);
      return Object.fromEntries(
        Object.entries(wrapped.value).map(([k, v]) => [k, Buffer.from(v, "base64").toString()]),
      );
    };
    expect(Object.keys(secretValue(ca.data))).toEqual(["tls.crt"]);
    const server = recorder.one(
      "kubernetes:core/v1:Secret",
      "consul-secret-consul-consul-server-cert",
    ).inputs;
    expect(server.type).toBe("kubernetes.io/tls");
    expect(secretValue(server.data)).toEqual({
      "tls.crt": expect.stringContaining("BEGIN CERTIFICATE"),
      "tls.key": expect.stringContaining("BEGIN RSA PRIVATE KEY"),
    });
    expect(recorder.one(CHART).inputs).toMatchObject({
      values: {
        global: { tls: { caCert: { secretName: "consul-ca-cert", secretKey: "tls.crt" } } },
        server: { serverCert: { secretName: "consul-server-cert" } },
      },
    });
  });

  it("generates a gossip key in a dynamic resource and exposes it only as a secret", async () => {
    const consul = new Consul("consul", {}, { ...recorder.opts, provider: provider() });
    expect(await isSecret(consul.gossipKey)).toBe(true);
    await recorder.settled();
    expect(recorder.one("pulumi-nodejs:dynamic:Resource", "consul-gossip-key").custom).toBe(true);
    expect(pulumi.Output.isInstance(consul.gossipKey)).toBe(true);
  });
});

describe("Consul bad input", () => {
  it.each(consulBadInputs)("rejects $title before registering anything", async (c) => {
    const recorder = new ResourceRecorder();
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    const error = errorOf(
      () =>
        new Consul("consul", { ...CONSUL_BASE_ARGS, ...c.args } as ConsulArgs, {
          ...recorder.opts,
          provider,
        }),
    );
    expectRejection(error, c);
    await recorder.settled();
    expect(recorder.resources.map((r) => r.type)).toEqual(["pulumi:providers:kubernetes"]);
  });

  it("accepts a gossip key from a secret config value", () => {
    const r = resolveConsul("consul", { gossipKey: pulumi.secret("a2V5") });
    expect(pulumi.Output.isInstance(r.gossipKey)).toBe(true);
  });
});

describe("createConsul", () => {
  it("uses resolved args as they are and records the inputs as written", async () => {
    const recorder = new ResourceRecorder();
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    // Resolved against an in-memory mirror: a second parse would read the disk and fail.
    const mirror = path.resolve("/in-memory-mirror");
    const inputs = { chartMirror: mirror, gossipKey: "a2V5" };
    const resolved = resolveWith("consul", inputs, {
      chartYaml: () => ({ name: "consul", version: "1.9.11" }),
    });
    const consul = createConsul("consul", resolved, inputs, { ...recorder.opts, provider });
    expect(await unwrap(consul.gossipKey)).toBe("a2V5");
    await recorder.settled();
    expect(recorder.one("cairn:consul:Consul").inputs).toEqual(inputs);
    expect(recorder.one(CHART).inputs.chart).toBe(path.join(mirror, "consul"));
  });
});

describe("gossipKeyProvider", () => {
  it("creates a fresh 32-byte base64 key each time a stack first needs one", async () => {
    const first = await gossipKeyProvider.create({});
    const second = await gossipKeyProvider.create({});
    expect(Buffer.from(first.outs?.key as string, "base64")).toHaveLength(32);
    expect(first.outs?.key).not.toEqual(second.outs?.key);
    expect(first.id).not.toContain(first.outs?.key as string);
  });
});

describe("consulNetworkPolicies", () => {
  it("lets injected pods in every namespace reach the servers when injection is cluster-wide", () => {
    const policy = consulNetworkPolicies(resolveConsul("consul")).find(
      (p) => p.metadata.name === "allow-consul-clients",
    );
    expect(policy?.spec).toMatchObject({ ingress: [{ from: [{ namespaceSelector: {} }] }] });
  });
});

describe("chart value keys", () => {
  it("sets only keys that exist in the upstream consul-k8s 1.9.11 values.yaml", () => {
    const values = resolveConsul("consul", { storageClass: "gp3" }).install.values;
    expect(unknownValueKeys(values, upstreamKeys("consul"), ["server.securityContext"])).toEqual([]);
  });
});
