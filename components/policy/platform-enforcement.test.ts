import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ResourceRecorder, unwrap } from "../../test/helpers/mocks";
import { TEST_KUBECONFIG } from "../../test/cases/stack-config.cases";
import { Platform, type PlatformArgs, resolvePlatform } from "../platform";
import { diskChartFiles } from "../shared/chart-files";
import { GATEKEEPER_POLICIES } from "../../policies/gatekeeper";

// A cluster's policyEnforcement key (components/platform/enforcement.ts) wires GatekeeperPolicies in.
const cluster = (extra: Partial<PlatformArgs["clusters"][number]> = {}) => ({
  name: "local",
  existing: { kubeconfig: pulumi.secret(TEST_KUBECONFIG), kubernetesVersion: "1.36" },
  namespaces: ["apps", "shop"],
  ...extra,
});
const resolve = (c: PlatformArgs["clusters"][number]) =>
  resolvePlatform("p", { clusters: [c] }, { charts: diskChartFiles, prefix: "cairn:" });

describe("policyEnforcement in a platform cluster", () => {
  let recorder: ResourceRecorder;
  let created: Platform | undefined;
  beforeEach(() => {
    recorder = new ResourceRecorder();
    created = undefined;
  });
  afterEach(async () => {
    if (created) await Promise.all([unwrap(created.clusters), recorder.settled()]);
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  });

  it('defaults to "preview": nothing is installed in the cluster', () => {
    expect(resolve(cluster()).clusters[0].gatekeeper).toBeUndefined();
  });

  it('"gatekeeper" scopes every templated policy to the cluster\'s application namespaces', () => {
    const gk = resolve(cluster({ policyEnforcement: "gatekeeper" })).clusters[0].gatekeeper;
    expect(gk?.resolved.namespaces).toEqual(["apps", "shop"]);
    expect(gk?.resolved.policies).toEqual([...GATEKEEPER_POLICIES]);
  });

  it("creates GatekeeperPolicies on the cluster's provider, after its namespaces", async () => {
    created = new Platform(
      "platform",
      { clusters: [cluster({ policyEnforcement: "gatekeeper" })] },
      recorder.opts,
    );
    expect(created.parts.local.gatekeeper).toBeDefined();
    await unwrap(created.clusters);
    await recorder.settled();
    const gk = recorder.one("cairn:policy:GatekeeperPolicies", "local-gatekeeper");
    expect(gk.parent).toBe("cairn:platform:Platform::platform");
    expect(gk.provider).toBe("pulumi:providers:kubernetes::local-provider");
    expect(recorder.one("kubernetes:constraints.gatekeeper.sh/v1beta1:CairnImages").inputs).toMatchObject({
      spec: { enforcementAction: "deny", match: { namespaces: ["apps", "shop"] } },
    });
  });

  it.each([
    [{ policyEnforcement: "opa" }, "cairn:clusters[0].policyEnforcement", /"preview".*or "gatekeeper"/],
    [
      { policyEnforcement: "gatekeeper", namespaces: [] },
      "cairn:clusters[0].policyEnforcement",
      /list at least one in namespaces, or set policyEnforcement: "preview"/,
    ],
  ])("rejects %j at %s", (extra, argument, fix) => {
    try {
      resolve(cluster(extra as Partial<PlatformArgs["clusters"][number]>));
      expect.unreachable("expected a CairnInputError");
    } catch (e) {
      expect((e as { argument: string }).argument).toBe(argument);
      expect((e as Error).message).toMatch(fix);
    }
  });
});
