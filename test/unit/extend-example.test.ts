import * as k8s from "@pulumi/kubernetes";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CairnInputError } from "../../components";
import { errorOf } from "../helpers/bad-input";
import { ResourceRecorder, unwrap } from "../helpers/mocks";
import { resolveTeamSpace, TeamSpace } from "../../examples/extend/team-space";

// examples/extend: a program outside Cairn's components that builds its own component on them.
describe("extending Cairn: the TeamSpace example component", () => {
  let recorder: ResourceRecorder;
  let created: TeamSpace | undefined;
  beforeEach(() => {
    recorder = new ResourceRecorder();
    created = undefined;
  });
  afterEach(async () => {
    if (created) await unwrap(created.weakenings);
    await recorder.settled();
  });
  const provider = () => new k8s.Provider("cluster", { kubeconfig: "{}" }, recorder.opts);

  it("builds on Cairn's NamespaceBaseline with the cluster's provider", async () => {
    const p = provider();
    created = new TeamSpace(
      "shop",
      { namespace: "shop", image: "registry.k8s.io/pause:3.10", allowIngressFrom: ["envoy-gateway-system"] },
      { ...recorder.opts, provider: p },
    );
    expect(await unwrap(created.namespace)).toBe("shop");
    await recorder.settled();
    const baseline = recorder.one("cairn:k8s:NamespaceBaseline", "shop-namespace");
    expect(baseline.parent).toBe("acme:platform:TeamSpace::shop");
    expect(recorder.one("kubernetes:core/v1:Namespace").inputs).toMatchObject({
      metadata: { name: "shop", labels: { "pod-security.kubernetes.io/enforce": "restricted" } },
    });
    const deployment = recorder.one("kubernetes:apps/v1:Deployment", "shop-service");
    expect(deployment.provider).toBe("pulumi:providers:kubernetes::cluster");
    expect(deployment.inputs).toMatchObject({
      metadata: { namespace: "shop" },
      spec: { template: { spec: { securityContext: { runAsNonRoot: true } } } },
    });
    expect(await unwrap(created.weakenings)).toEqual([]);
  });

  it.each([
    [{ namespace: "shop", image: "nginx:latest" }, "image", "latest tag"],
    [{ namespace: "shop", image: "nginx" }, "image", "pinned by tag or digest"],
    [{ namespace: "Shop", image: "nginx:1.27" }, "namespace", "DNS-1123 label"],
    [{ namespace: "shop", image: "nginx:1.27", port: 80 }, "port", "non-root"],
  ])("rejects %j with Cairn's error format, before registering anything", (args, argument, fix) => {
    const error = errorOf(() => resolveTeamSpace("shop", args));
    expect(error).toBeInstanceOf(CairnInputError);
    expect(error.message).toContain(`acme:platform:TeamSpace "shop": invalid ${argument} = `);
    expect(error.message).toContain(fix);
    expect(recorder.resources).toEqual([]);
  });

  it("refuses to run without an explicit provider, like Cairn's components", () => {
    expect(() => new TeamSpace("shop", { namespace: "shop", image: "nginx:1.27" }, recorder.opts)).toThrow(
      /opts\.provider/,
    );
  });
});
