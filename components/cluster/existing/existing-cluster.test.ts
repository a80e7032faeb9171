import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { isSecret, ResourceRecorder, unwrap } from "../../../test/helpers/mocks";
import { errorOf, expectRejection } from "../../../test/helpers/bad-input";
import { existingClusterBadInputs } from "../../../test/cases/existing-cluster.cases";
import { ExistingCluster, resolveExistingCluster, UNKNOWN_POSTURE } from ".";
import { endpointOf } from "./build";
import { createExistingCluster } from "./existing-cluster";

const KUBECONFIG = stringify({
  apiVersion: "v1",
  kind: "Config",
  "current-context": "local",
  clusters: [
    { name: "local", cluster: { server: "https://127.0.0.1:6443" } },
    { name: "other", cluster: { server: "https://10.0.0.1:6443" } },
  ],
  contexts: [
    { name: "local", context: { cluster: "local" } },
    { name: "second", context: { cluster: "other" } },
  ],
});

describe("resolveExistingCluster", () => {
  it("assumes the least safe posture until told otherwise", () => {
    expect(resolveExistingCluster("local", { kubeconfig: KUBECONFIG })).toEqual({
      kubeconfig: KUBECONFIG,
      kubernetesVersion: "unknown",
      posture: UNKNOWN_POSTURE,
    });
  });

  it("merges what the user knows of the posture", () => {
    const r = resolveExistingCluster("local", {
      kubeconfig: KUBECONFIG,
      kubernetesVersion: "1.34",
      posture: { endpointPublic: false, publicAccessCidrs: [] },
    });
    expect(r.posture).toEqual({ ...UNKNOWN_POSTURE, endpointPublic: false, publicAccessCidrs: [] });
  });
});

describe("endpointOf", () => {
  it("reads the server of the current context, or of the context asked for", () => {
    expect(endpointOf("w", KUBECONFIG)).toBe("https://127.0.0.1:6443");
    expect(endpointOf("w", KUBECONFIG, "second")).toBe("https://10.0.0.1:6443");
  });

  it("names the context when it has no server, and never prints the kubeconfig", () => {
    expect(() => endpointOf("w", KUBECONFIG, "missing")).toThrow(
      /invalid context = "missing".*No cluster server found for context "missing"/,
    );
    expect(() => endpointOf("w", "a: [b")).toThrow(/invalid kubeconfig = "\(secret\)".*not valid YAML/);
  });
});

describe("ExistingCluster component", () => {
  let recorder: ResourceRecorder;
  let created: ExistingCluster | undefined;
  beforeEach(() => {
    recorder = new ResourceRecorder();
    created = undefined;
  });
  afterEach(async () => {
    if (!created) return;
    await unwrap(pulumi.all([created.kubeconfig, created.endpoint, created.posture]));
    await recorder.settled();
  });

  it("creates only a Kubernetes provider, a child of the component, from the secret kubeconfig", async () => {
    created = new ExistingCluster(
      "local",
      { kubeconfig: KUBECONFIG, kubernetesVersion: "1.34" },
      recorder.opts,
    );
    const resources = await recorder.settled();
    expect(resources.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      "cairn:cluster:ExistingCluster local",
      "pulumi:providers:kubernetes local-provider",
    ]);
    const provider = recorder.one("pulumi:providers:kubernetes");
    expect(provider.parent).toBe("cairn:cluster:ExistingCluster::local");
    expect(provider.inputs).toMatchObject({ enableServerSideApply: "true", deleteUnreachable: "false" });
  });

  it("satisfies the cluster contract", async () => {
    created = new ExistingCluster(
      "local",
      { kubeconfig: KUBECONFIG, context: "second", kubernetesVersion: "1.34" },
      recorder.opts,
    );
    expect(created.cloud).toBe("existing");
    expect(await isSecret(created.kubeconfig)).toBe(true);
    expect(await unwrap(created.endpoint)).toBe("https://10.0.0.1:6443");
    expect(await unwrap(created.clusterName)).toBe("local");
    expect(await unwrap(created.kubernetesVersion)).toBe("1.34");
    expect(await unwrap(created.oidcIssuer)).toBeUndefined();
    expect(await unwrap(created.posture)).toEqual(UNKNOWN_POSTURE);
  });

  it.each(existingClusterBadInputs)(
    "rejects $title, naming the argument, the value and the fix, registering nothing",
    async (c) => {
      // A secret kubeconfig, as stacks pass it: the error shows it as "(output)".
      const kubeconfig = pulumi.secret(KUBECONFIG);
      const error = errorOf(() => new ExistingCluster("local", { kubeconfig, ...c.args }, recorder.opts));
      expectRejection(error, c);
      expect(error.message).toContain('cairn:cluster:ExistingCluster "local"');
      await recorder.settled();
      expect(recorder.resources).toEqual([]);
    },
  );

  it("registers the same resources from args resolved beforehand, with no second parse", async () => {
    const args = { kubeconfig: KUBECONFIG, context: "second", kubernetesVersion: "1.34" };
    created = createExistingCluster("local", resolveExistingCluster("local", args), recorder.opts);
    expect(await unwrap(created.endpoint)).toBe("https://10.0.0.1:6443");
    const resources = await recorder.settled();
    expect(resources.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      "cairn:cluster:ExistingCluster local",
      "pulumi:providers:kubernetes local-provider",
    ]);
    expect(recorder.one("pulumi:providers:kubernetes").inputs).toMatchObject({ context: "second" });
  });
});
