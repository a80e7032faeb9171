import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { ResourceRecorder } from "../../test/helpers/mocks";
import { manifestChildName, registerManifests } from "./manifests";

describe("registerManifests", () => {
  it("makes namespaced objects wait for the namespaces and for the caller's dependencies", async () => {
    const recorder = new ResourceRecorder();
    const seen = new Map<string, unknown[]>();
    const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
    const crds = new k8s.core.v1.ConfigMap("crds", { metadata: { name: "crds" } }, { provider });
    const parent = new pulumi.ComponentResource(
      "test:index:Parent",
      "p",
      {},
      {
        transformations: [
          (args) => {
            seen.set(args.name, [(args.opts as pulumi.CustomResourceOptions).dependsOn].flat());
            return undefined;
          },
        ],
      },
    );
    const [ns, policy] = registerManifests(
      "team",
      [
        { apiVersion: "v1", kind: "Namespace", metadata: { name: "team" } },
        {
          apiVersion: "networking.k8s.io/v1",
          kind: "NetworkPolicy",
          metadata: { name: "deny", namespace: "team" },
        },
      ],
      { parent, provider, dependsOn: [crds] },
    );
    expect(seen.get("team-networkpolicy-deny")).toEqual([crds, ns]);
    expect(seen.get("team-namespace")).toEqual([crds]);
    expect(policy).toBeInstanceOf(k8s.networking.v1.NetworkPolicy);
    await recorder.settled();
  });

  it("names children after their kind and object name", () => {
    expect(manifestChildName("team", { apiVersion: "v1", kind: "Namespace", metadata: { name: "x" } })).toBe(
      "team-namespace",
    );
    expect(
      manifestChildName("team", { apiVersion: "v1", kind: "ResourceQuota", metadata: { name: "baseline" } }),
    ).toBe("team-resourcequota-baseline");
  });
});
