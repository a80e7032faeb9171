import * as path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import * as k8s from "@pulumi/kubernetes";
import { type ChartFiles, unknownValueKeys } from "../shared/chart";
import { upstreamKeys } from "../../test/helpers/upstream-keys";
import { ResourceRecorder, unwrap } from "../../test/helpers/mocks";
import { chartDependencies } from "../../test/helpers/chart-dependencies";
import { errorOf, expectRejection } from "../../test/helpers/bad-input";
import { GATEWAY_BASE_ARGS, gatewayBadInputs } from "../../test/cases/gateway.cases";
import { buildMonitors, resolvePrometheus } from "../observability";
import { type GatewayArgs } from "./args";
import { createGateway } from "./gateway";
import {
  ENVOY_GATEWAY_CHART,
  buildGatewayObjects,
  buildRouteObjects,
  Gateway,
  gatewayScrapeTargets,
  gatewayWeakenings,
  resolveGateway as resolveWith,
} from ".";

const FIXTURES = path.resolve(__dirname, "../../test/fixtures/charts");
/** No local charts at all: the upstream OCI registry is never read from disk. */
const noCharts: ChartFiles = { chartYaml: () => undefined };
const resolveGateway = (name: string, args: GatewayArgs = {}) => resolveWith(name, args, noCharts);
const JWT = [{ issuer: "https://id.example.com", jwksUri: "https://id.example.com/.well-known/jwks.json" }];
const ROUTE = { name: "checkout", service: { name: "checkout", namespace: "shop", port: 8080 } };

describe("resolveGateway", () => {
  it("pins the Envoy Gateway OCI chart v1.9.0 with a locked-down controller", () => {
    const r = resolveGateway("gw");
    expect(r.install.source).toMatchObject({
      chart: "oci://docker.io/envoyproxy/gateway-helm",
      version: "v1.9.0",
    });
    expect(r.install.values).toMatchObject({
      deployment: {
        replicas: 2,
        envoyGateway: { securityContext: { readOnlyRootFilesystem: true, runAsNonRoot: true } },
      },
    });
    expect(gatewayWeakenings(r)).toEqual([]);
  });

  it("marks Gateway API's safe-upgrades policy as the release's own, so the chart's lookup keeps rendering it", () => {
    const patches = resolveGateway("gw", { namespace: "eg" }).install.patches ?? [];
    expect(patches.map((p) => [p.kind, p.name])).toEqual([
      ["ValidatingAdmissionPolicy", "safe-upgrades.gateway.networking.k8s.io"],
      ["ValidatingAdmissionPolicyBinding", "safe-upgrades.gateway.networking.k8s.io"],
    ]);
    expect(patches[0].apply({ metadata: { name: "safe-upgrades.gateway.networking.k8s.io" } })).toMatchObject(
      {
        metadata: {
          labels: { "app.kubernetes.io/managed-by": "Helm" },
          annotations: {
            "meta.helm.sh/release-name": "envoy-gateway",
            "meta.helm.sh/release-namespace": "eg",
          },
        },
      },
    );
  });

  it("refuses a route without authentication unless it is explicitly public", () => {
    expect(() => resolveGateway("gw", { routes: [ROUTE] })).toThrow(
      /invalid routes\[0\]\.public.*route "checkout" needs authentication: add a jwt provider, or set public: true/,
    );
    const r = resolveGateway("gw", { routes: [{ ...ROUTE, public: true }] });
    expect(gatewayWeakenings(r)).toEqual(["gateway: route checkout is public (no JWT)"]);
  });

  it("reports dropping the HTTPS redirect and the access logs", () => {
    const r = resolveGateway("gw", { httpRedirect: false, accessLogs: false });
    expect(gatewayWeakenings(r)).toEqual([
      "gateway: no HTTP-to-HTTPS redirect listener (plain-HTTP clients get no answer)",
      "gateway: access logs off",
    ]);
    const gateway = buildGatewayObjects(r).find((o) => o.kind === "Gateway");
    expect((gateway?.spec as { listeners: { name: string }[] }).listeners.map((l) => l.name)).toEqual([
      "https",
    ]);
  });
});

describe("gateway objects", () => {
  it("terminates TLS 1.2+ on 443 and only redirects on 80", () => {
    const objects = buildGatewayObjects(resolveGateway("gw", { hostname: "*.example.com" }));
    const gateway = objects.find((o) => o.kind === "Gateway");
    expect(gateway?.spec).toMatchObject({
      gatewayClassName: "cairn",
      listeners: [
        {
          name: "https",
          port: 443,
          protocol: "HTTPS",
          hostname: "*.example.com",
          tls: { mode: "Terminate", certificateRefs: [{ name: "cairn-gateway-tls" }] },
        },
        { name: "http", port: 80, protocol: "HTTP", allowedRoutes: { namespaces: { from: "Same" } } },
      ],
    });
    expect(objects.find((o) => o.kind === "ClientTrafficPolicy")?.spec).toMatchObject({
      tls: { minVersion: "1.2" },
    });
    expect(objects.find((o) => o.kind === "HTTPRoute")?.spec).toMatchObject({
      parentRefs: [{ sectionName: "http" }],
      rules: [
        { filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] },
      ],
    });
  });

  it("turns on JSON access logs and Prometheus metrics on the proxies", () => {
    const proxy = buildGatewayObjects(resolveGateway("gw")).find((o) => o.kind === "EnvoyProxy");
    expect(proxy?.spec).toMatchObject({
      telemetry: {
        accessLog: {
          settings: [{ format: { type: "JSON" }, sinks: [{ type: "File", file: { path: "/dev/stdout" } }] }],
        },
        metrics: { prometheus: { disable: false } },
      },
    });
  });

  it("routes to the Service behind JWT authentication and a rate limit", () => {
    const objects = buildRouteObjects(
      resolveGateway("gw", { jwt: JWT, routes: [{ ...ROUTE, rateLimit: { requests: 5, unit: "Minute" } }] }),
    );
    expect(objects.map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      "HTTPRoute shop/checkout",
      "BackendTrafficPolicy shop/checkout-rate-limit",
      "SecurityPolicy shop/checkout-jwt",
    ]);
    expect(objects[0].spec).toMatchObject({
      parentRefs: [{ name: "cairn", namespace: "envoy-gateway-system", sectionName: "https" }],
      rules: [{ backendRefs: [{ name: "checkout", port: 8080 }] }],
    });
    expect(objects[1].spec).toMatchObject({
      rateLimit: { type: "Local", local: { rules: [{ limit: { requests: 5, unit: "Minute" } }] } },
    });
    expect(objects[2].spec).toMatchObject({
      targetRefs: [{ kind: "HTTPRoute", name: "checkout" }],
      jwt: {
        providers: [
          {
            issuer: "https://id.example.com",
            remoteJWKS: { uri: "https://id.example.com/.well-known/jwks.json" },
          },
        ],
      },
    });
  });

  it("is scraped by Prometheus through the targets it publishes", () => {
    const monitors = buildMonitors(
      resolvePrometheus("prom", { targets: gatewayScrapeTargets(resolveGateway("gw")) }, noCharts),
    );
    expect(
      monitors.map((m) => [m.kind, (m.spec as { namespaceSelector: unknown }).namespaceSelector]),
    ).toEqual([
      ["ServiceMonitor", { matchNames: ["envoy-gateway-system"] }],
      ["PodMonitor", { matchNames: ["envoy-gateway-system"] }],
    ]);
  });
});

describe("Gateway component", () => {
  let recorder: ResourceRecorder;
  beforeEach(() => {
    recorder = new ResourceRecorder();
  });

  it("installs Envoy Gateway from a local mirror and registers the Gateway API objects", async () => {
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    const gw = new Gateway(
      "gw",
      { chartMirror: FIXTURES, jwt: JWT, routes: [ROUTE] },
      { ...recorder.opts, provider },
    );
    expect(await unwrap(gw.gatewayName)).toBe("cairn");
    await recorder.settled();
    expect(recorder.one("kubernetes:helm.sh/v4:Chart").inputs).toMatchObject({
      chart: path.join(FIXTURES, "gateway-helm"),
      name: "envoy-gateway",
      namespace: "envoy-gateway-system",
    });
    for (const type of [
      "kubernetes:gateway.networking.k8s.io/v1:GatewayClass",
      "kubernetes:gateway.networking.k8s.io/v1:Gateway",
      "kubernetes:gateway.envoyproxy.io/v1alpha1:EnvoyProxy",
      "kubernetes:gateway.envoyproxy.io/v1alpha1:ClientTrafficPolicy",
      "kubernetes:gateway.envoyproxy.io/v1alpha1:SecurityPolicy",
      "kubernetes:gateway.envoyproxy.io/v1alpha1:BackendTrafficPolicy",
    ]) {
      expect(recorder.ofType(type), type).toHaveLength(1);
    }
    expect(
      recorder
        .ofType("kubernetes:gateway.networking.k8s.io/v1:HTTPRoute")
        .map((r) => r.name)
        .sort(),
    ).toEqual(["gw-httproute-envoy-gateway-system-cairn-https-redirect", "gw-httproute-shop-checkout"]);
    expect(
      recorder.one(
        "kubernetes:networking.k8s.io/v1:NetworkPolicy",
        "gw-networkpolicy-shop-allow-from-gateway",
      ).inputs,
    ).toMatchObject({
      spec: {
        ingress: [
          {
            from: [
              {
                namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "envoy-gateway-system" } },
              },
            ],
          },
        ],
      },
    });
  });

  it("registers Gateway API objects and policies only after the chart that installs their CRDs", async () => {
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    const deps = chartDependencies();
    new Gateway(
      "gw",
      { jwt: JWT, routes: [ROUTE] },
      { transformations: [...(recorder.opts.transformations ?? []), deps.transformation], provider },
    );
    await recorder.settled();
    for (const kind of [
      "gateway.networking.k8s.io/v1:Gateway",
      "gateway.networking.k8s.io/v1:HTTPRoute",
      "gateway.envoyproxy.io/v1alpha1:SecurityPolicy",
      "gateway.envoyproxy.io/v1alpha1:ClientTrafficPolicy",
    ]) {
      expect(deps.seen.get(`kubernetes:${kind}`), kind).toBe(true);
    }
  });
});

describe("Gateway bad input", () => {
  it.each(gatewayBadInputs)("rejects $title before registering anything", async (c) => {
    const recorder = new ResourceRecorder();
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    const error = errorOf(
      () =>
        new Gateway("gw", { ...GATEWAY_BASE_ARGS, ...c.args } as GatewayArgs, { ...recorder.opts, provider }),
    );
    expectRejection(error, c);
    await recorder.settled();
    expect(recorder.resources.map((r) => r.type)).toEqual(["pulumi:providers:kubernetes"]);
  });
});

describe("createGateway", () => {
  it("uses resolved args as they are and records the inputs as written", async () => {
    const recorder = new ResourceRecorder();
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    // Resolved against an in-memory mirror: a second parse would read the disk and fail.
    const mirror = path.resolve("/in-memory-mirror");
    const inputs = { chartMirror: mirror, gatewayName: "edge" };
    const resolved = resolveWith("gw", inputs, {
      chartYaml: () => ({ name: "gateway-helm", version: "v1.9.0" }),
    });
    const gw = createGateway("gw", resolved, inputs, { ...recorder.opts, provider });
    expect(await unwrap(gw.gatewayName)).toBe("edge");
    await recorder.settled();
    expect(recorder.one("cairn:gateway:Gateway").inputs).toEqual(inputs);
    expect(recorder.one("kubernetes:helm.sh/v4:Chart").inputs.chart).toBe(path.join(mirror, "gateway-helm"));
  });
});

describe("chart value keys", () => {
  it("sets only keys that exist in the upstream gateway-helm v1.9.0 values", () => {
    expect(
      unknownValueKeys(
        resolveGateway("gw").install.values,
        upstreamKeys("gateway-helm"),
        ENVOY_GATEWAY_CHART.freeForm,
      ),
    ).toEqual([]);
  });
});
