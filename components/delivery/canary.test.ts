import * as k8s from "@pulumi/kubernetes";
import { beforeEach, describe, expect, it } from "vitest";
import { ResourceRecorder } from "../../test/helpers/mocks";
import { toResourceInput } from "../../policies/mapping";
import { toPulumiResource } from "../../policies/test/samples";
import { evaluateResource } from "../../policies/wasm";
import { buildSloRules } from "../observability/slo";
import { CairnInputError } from "../shared/errors";
import { type Manifest } from "../shared/manifests";
import { type CanaryArgs } from "./args";
import {
  breakerLimit,
  buildAnalysisMetrics,
  buildCanaryManifests,
  Canary,
  controllerOwnedFields,
  HEADER_ROUTE,
  resolveCanary,
  WEIGHTED_ROUTE,
} from ".";

const BASE: CanaryArgs = {
  service: "checkout",
  namespace: "shop",
  image: "registry.example/checkout:2.0.0",
  slo: { service: "checkout", namespace: "shop", availability: 99.9 },
};
const manifests = (args: Partial<CanaryArgs> = {}) =>
  buildCanaryManifests(resolveCanary("c", { ...BASE, ...args }));
const byKind = (kind: string, args: Partial<CanaryArgs> = {}) =>
  manifests(args).filter((m) => m.kind === kind);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test-only access into built manifests
type Spec = Record<string, any>;
const spec = (m: Manifest): Spec => m.spec as Spec;

function rejection(args: unknown): CairnInputError {
  try {
    resolveCanary("c", args as CanaryArgs);
  } catch (e) {
    if (e instanceof CairnInputError) return e;
    throw e;
  }
  throw new Error("expected a CairnInputError");
}

describe("resolveCanary", () => {
  it("defaults to the team's numbers: header gray-version: beta, 200 rps, breaker at 15 % over 30 s", () => {
    const r = resolveCanary("c", { ...BASE, slo: { service: "checkout", availability: 98.9 } });
    expect(r.header).toEqual({ name: "gray-version", value: "beta" });
    expect(r.rateLimitRps).toBe(200);
    expect(r.breaker).toEqual({ failurePercent: 15, interval: "30s", minimumRequests: 20 });
    expect(r.steps).toEqual([10, 25, 50, 100]);
  });

  it.each([
    [99.9, 1],
    [99.5, 7],
    [99, 14],
    [98.9, 15],
    [90, 15],
  ])("caps the default breaker by the SLO: %s %% availability breaks at %s %%", (availability, percent) => {
    const r = resolveCanary("c", { ...BASE, slo: { service: "checkout", availability } });
    expect(r.breaker.failurePercent).toBe(percent);
  });

  it("keeps the 15 % breaker for a latency-only SLO (no error budget to stay within)", () => {
    const slo = { service: "checkout", latency: { objective: 99, thresholdMs: 250 } };
    expect(resolveCanary("c", { ...BASE, slo }).breaker.failurePercent).toBe(15);
  });

  it.each([99.99, 99.9, 99.5, 99, 98.9, 95])(
    "agrees with policy platform.canary on the loosest breaker for %s %% availability",
    (availability) => {
      const slo = { service: "checkout", availability };
      const denied = (failurePercent: number) => {
        const r = resolveCanary("c", { ...BASE, slo });
        const built = buildCanaryManifests({ ...r, breaker: { ...r.breaker, failurePercent } });
        const breaker = built.find((m) => m.metadata.name.endsWith("-breaker"))!;
        return evaluateResource(toResourceInput(toPulumiResource(breaker))).some(
          (f) => f.kind === "deny" && f.policy === "platform.canary",
        );
      };
      const limit = breakerLimit(availability);
      expect(denied(limit)).toBe(false);
      expect(denied(limit + 1)).toBe(true);
    },
  );

  it("annotates the breaker with the objective it protects, and the pack accepts the built breaker", () => {
    const [breaker] = byKind("EnvoyFilter").filter((m) => m.metadata.name.endsWith("-breaker"));
    expect(breaker.metadata.annotations).toEqual({ "cairn.dev/slo-availability": "99.9" });
    const input = toResourceInput(toPulumiResource(breaker));
    expect(evaluateResource(input).filter((f) => f.kind === "deny")).toEqual([]);
  });

  it.each([
    [{ steps: [10, 50] }, "steps", "must end with 100"],
    [{ steps: [50, 25, 100] }, "steps", "strictly increasing"],
    [{ steps: [] }, "steps", "at least one weight"],
    [{ steps: [0, 100] }, "steps[0]", "between 1 and 100"],
    [{ header: { value: "" } }, "header.value", "would match all traffic"],
    [{ header: { value: ".*" } }, "header.value", "literal token"],
    [{ slo: { service: "other", availability: 99 } }, "slo.service", "must equal service"],
    [
      { slo: { service: "checkout", namespace: "prod", availability: 99 } },
      "slo.namespace",
      "must equal namespace",
    ],
    [{ slo: { service: "checkout" } }, "slo", "availability, latency or both"],
    [{ breaker: { failurePercent: 0 } }, "breaker.failurePercent", "between 1 and 100"],
    [
      { slo: { service: "checkout", availability: 99 }, breaker: { failurePercent: 15 } },
      "breaker.failurePercent",
      "looser than the SLO's error budget: the gate aborts above 14.4 % errors (14.4 x the budget of 99 % availability over 5m), so the breaker would never act first; set at most 14",
    ],
    [{ prometheusAddress: "ftp://x" }, "prometheusAddress", "http(s) URL"],
    [{ rateLimit: 5 }, "args", "Unknown key(s) rateLimit"],
  ])("rejects %j naming %s", (extra, argument, fix) => {
    const e = rejection({ ...BASE, ...extra });
    expect(e.argument).toBe(argument);
    expect(e.message).toContain(fix);
    expect(e.message).toContain('cairn:delivery:Canary "c"');
  });
});

describe("buildAnalysisMetrics", () => {
  it("gates on the SLO's fast-burn threshold with the same error-ratio expression as the recording rules", () => {
    const [metric] = buildAnalysisMetrics(resolveCanary("c", BASE));
    // The 5m recording rule of the same spec measured on the canary Service, not a copied formula.
    const [group] = buildSloRules([{ service: "checkout-canary", namespace: "shop", availability: 99.9 }]);
    const rule5m = group.rules.find((r) => r.record === "slo:sli_error:ratio_rate5m");
    expect(metric).toMatchObject({
      name: "slo-availability",
      count: 3,
      failureLimit: 0,
      inconclusiveLimit: 0,
    });
    expect((metric.provider as { prometheus: { query: string } }).prometheus.query).toBe(rule5m?.expr);
    // 14.4 x (1 - 0.999): the page alert's threshold.
    expect(metric.failureCondition).toContain("result[0] > 0.0144");
    expect(metric.successCondition).toContain("result[0] <= 0.0144");
  });

  it("never reads an empty or NaN result as success", () => {
    for (const m of buildAnalysisMetrics(resolveCanary("c", BASE))) {
      expect(m.successCondition).toMatch(/^len\(result\) > 0 && !isNaN\(result\[0\]\) && /);
      expect(m.failureCondition).toMatch(/^len\(result\) > 0 && /);
    }
  });

  it("adds a latency metric when the SLO has one", () => {
    const names = buildAnalysisMetrics(
      resolveCanary("c", {
        ...BASE,
        slo: { service: "checkout", availability: 99, latency: { objective: 99, thresholdMs: 250 } },
      }),
    ).map((m) => m.name);
    expect(names).toEqual(["slo-availability", "slo-latency"]);
  });
});

describe("buildCanaryManifests", () => {
  it("routes the gray header first, then sets each weight, holds it and gates it before the next, ending at 100", () => {
    const [rollout] = byKind("Rollout", { steps: [20, 100], stepPause: "30s" });
    const canary = spec(rollout).strategy.canary as Record<string, unknown>;
    expect(canary.steps).toEqual([
      { setCanaryScale: { replicas: 1 } },
      {
        setHeaderRoute: {
          name: HEADER_ROUTE,
          match: [{ headerName: "gray-version", headerValue: { exact: "beta" } }],
        },
      },
      { setWeight: 20 },
      { setCanaryScale: { matchTrafficWeight: true } },
      { pause: { duration: "30s" } },
      { analysis: { templates: [{ templateName: "checkout-slo" }] } },
      { setWeight: 100 },
    ]);
    expect(canary.analysis).toBeUndefined();
    expect(canary).toMatchObject({ stableService: "checkout-stable", canaryService: "checkout-canary" });
  });

  it("declares the header route as the controller's managed route and starts the VirtualService all-stable", () => {
    const [rollout] = byKind("Rollout");
    expect(spec(rollout).strategy.canary.trafficRouting).toEqual({
      managedRoutes: [{ name: HEADER_ROUTE }],
      istio: { virtualService: { name: "checkout", routes: [WEIGHTED_ROUTE] } },
    });
    const [vs] = byKind("VirtualService");
    const http = spec(vs).http as { name: string; route: { weight: number }[] }[];
    expect(http.map((h) => h.name)).toEqual([WEIGHTED_ROUTE]);
    expect(http[0].route.map((d) => d.weight)).toEqual([100, 0]);
    expect(spec(vs).gateways).toBeUndefined();
  });

  it("binds the VirtualService to the given gateways as well as the mesh", () => {
    const [vs] = byKind("VirtualService", { gateways: ["istio-ingress/ingressgateway"] });
    expect(spec(vs).gateways).toEqual(["mesh", "istio-ingress/ingressgateway"]);
  });

  it("runs the pods restricted: non-root, read-only root filesystem, no capabilities", () => {
    const [rollout] = byKind("Rollout");
    const pod = (spec(rollout).template as { spec: { containers: { securityContext: unknown }[] } }).spec;
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
    });
  });

  it("rate-limits each version and breaks the canary on its failure percentage", () => {
    const filters = byKind("EnvoyFilter");
    expect(filters.map((f) => f.metadata.name)).toEqual([
      "checkout-stable-ratelimit",
      "checkout-canary-ratelimit",
      "checkout-shop-canary-breaker",
    ]);
    expect(JSON.stringify(filters[1])).toContain('"max_tokens":200');
    expect(JSON.stringify(filters[2])).toContain('"failure_percentage_threshold":1,');
    expect(JSON.stringify(filters[2])).toContain('"interval":"30s"');
    expect(byKind("DestinationRule")[0].spec).toMatchObject({
      host: "checkout-canary.shop.svc.cluster.local",
      trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } },
    });
  });
});

describe("Canary", () => {
  let recorder: ResourceRecorder;
  beforeEach(() => {
    recorder = new ResourceRecorder();
  });

  it("leaves only the controller's fields to it: route weights and the versioned Services' selectors", () => {
    const r = resolveCanary("c", BASE);
    const owned = buildCanaryManifests(r).map((m) => [
      m.kind,
      m.metadata.name,
      controllerOwnedFields(m, r.stableService, r.canaryService),
    ]);
    expect(owned.filter(([, , f]) => (f as string[]).length > 0)).toEqual([
      ["Service", "checkout-stable", expect.arrayContaining(["spec.selector"])],
      ["Service", "checkout-canary", expect.arrayContaining(["spec.selector"])],
      ["VirtualService", "checkout", ["spec.http"]],
    ]);
  });

  it("registers every manifest under the component with its provider", async () => {
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    new Canary("checkout", BASE, { ...recorder.opts, provider });
    const resources = await recorder.settled();
    const children = resources.filter((r) => r.parent === "cairn:delivery:Canary::checkout");
    expect(children).toHaveLength(10);
    expect(children.every((c) => c.provider?.endsWith("cluster"))).toBe(true);
    expect(recorder.one("kubernetes:argoproj.io/v1alpha1:Rollout").name).toBe("checkout-rollout-checkout");
  });

  it("registers nothing when the args are bad", () => {
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);
    const before = recorder.constructed().length;
    expect(() => new Canary("bad", { ...BASE, steps: [10] }, { ...recorder.opts, provider })).toThrow(
      CairnInputError,
    );
    expect(recorder.constructed()).toHaveLength(before);
  });
});

describe("the built canary against Cairn's policy pack", () => {
  it("passes every policy with defaults (images from an allowed registry)", () => {
    const built = buildCanaryManifests(
      resolveCanary("c", { ...BASE, image: "ghcr.io/cairn-platform/checkout:2.0.0" }),
    );
    const denials = built
      .flatMap((m) => evaluateResource(toResourceInput(toPulumiResource(m))))
      .filter((f) => f.kind === "deny");
    expect(denials).toEqual([]);
  });

  it("is denied by platform.canary when its header route would match everything", () => {
    const [rollout] = byKind("Rollout", { image: "ghcr.io/cairn-platform/checkout:2.0.0" });
    const headerStep = (spec(rollout).strategy.canary.steps as Spec[])[1];
    headerStep.setHeaderRoute.match[0].headerValue = { regex: ".*" };
    const denials = evaluateResource(toResourceInput(toPulumiResource(rollout))).filter(
      (f) => f.kind === "deny",
    );
    expect(denials.map((f) => f.policy)).toEqual(["platform.canary"]);
  });
});
