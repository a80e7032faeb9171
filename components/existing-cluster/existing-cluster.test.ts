import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { isSecret, ResourceRecorder, unwrap } from "../../test/helpers/mocks";
import { errorOf } from "../../test/helpers/bad-input";
import { CairnInputError } from "../shared/errors";
import { ExistingCluster, resolveExistingCluster, UNKNOWN_POSTURE } from ".";
import { endpointOf } from "./build";

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

  it.each([
    [{ kubernetesVersion: "v1.34" }, "kubernetesVersion", '"v1.34"', "major.minor"],
    [{ context: "" }, "context", '""', "non-empty context name"],
    [{ posture: { zones: 0 } }, "posture.zones", "0", "at least 1"],
    [{ posture: { workloadIdentity: "keys" } }, "posture.workloadIdentity", '"keys"', ""],
    [{ contxt: "local" }, "args", "", "contxt"],
  ])("rejects %j naming the argument, the value and the fix", (args, argument, value, fix) => {
    const error = errorOf(() => resolveExistingCluster("local", { kubeconfig: KUBECONFIG, ...args }));
    expect(error).toBeInstanceOf(CairnInputError);
    expect(error.message).toContain(`cairn:cluster:ExistingCluster "local": invalid ${argument} =`);
    expect(error.message).toContain(value);
    expect(error.message).toContain(fix);
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
    await new Promise((resolve) => setTimeout(resolve, 20));
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

  it("registers nothing when an argument is bad", async () => {
    expect(
      () =>
        new ExistingCluster("local", { kubeconfig: KUBECONFIG, kubernetesVersion: "latest" }, recorder.opts),
    ).toThrow(CairnInputError);
    await recorder.settled();
    expect(recorder.resources).toEqual([]);
  });
});
