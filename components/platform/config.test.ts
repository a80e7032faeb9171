import { describe, expect, it } from "vitest";
import { errorOf } from "../../test/helpers/bad-input";
import { CairnInputError } from "../shared/errors";
import { isSecret, unwrap } from "../../test/helpers/mocks";
import { platformArgsFromConfig, renderPath } from ".";
import { platformConfigBadInputs, TEST_KUBECONFIG, testConfigSources } from "./config.cases";
import * as pulumi from "@pulumi/pulumi";

const local = {
  name: "local",
  existing: { kubeconfigEnv: "KUBECONFIG_CAIRN", kubernetesVersion: "1.36" },
  namespaces: ["apps"],
  workloads: { mesh: { ingressServiceType: "ClusterIP" } },
};

describe("platformArgsFromConfig", () => {
  it.each(platformConfigBadInputs.map((c) => [c.title, c] as const))(
    "rejects %s, naming the config key, the value and the fix",
    (_title, c) => {
      const error = errorOf(() => platformArgsFromConfig(c.args, testConfigSources));
      expect(error).toBeInstanceOf(CairnInputError);
      expect((error as CairnInputError).argument).toBe(c.argument);
      expect(error.message).toContain(`stack config: invalid ${c.argument} = `);
      expect(error.message).toContain(c.value);
      expect(error.message).toContain(c.fix);
    },
  );

  it("reads the local stack: kubeconfig from the file named by KUBECONFIG_CAIRN, charts from the mirror", async () => {
    const args = platformArgsFromConfig(
      { clusters: [local], chartMirror: "test/fixtures/charts" },
      testConfigSources,
    );
    expect(args.chartMirror).toBe("test/fixtures/charts");
    expect(args.clusters[0].name).toBe("local");
    expect(await unwrap(args.clusters[0].existing!.kubeconfig)).toBe(TEST_KUBECONFIG);
    expect(args.clusters[0].existing).not.toHaveProperty("kubeconfigEnv");
  });

  it("keeps a kubeconfig read from a secret config key secret", async () => {
    const args = platformArgsFromConfig(
      {
        clusters: [{ name: "prod", existing: { kubeconfigSecret: "prodKubeconfig" } }],
        prodKubeconfig: "(not shown)",
      },
      testConfigSources,
    );
    const kubeconfig = args.clusters[0].existing!.kubeconfig as pulumi.Output<string>;
    expect(await isSecret(kubeconfig)).toBe(true);
    expect(await unwrap(kubeconfig)).toBe(TEST_KUBECONFIG);
  });

  it("passes EKS args through untouched for the component", () => {
    const eks = { kubernetesVersion: "1.34", nodeGroups: [{ name: "system", scaling: { maxSize: 9 } }] };
    const args = platformArgsFromConfig(
      { clusters: [{ name: "staging", region: "eu-west-1", eks }] },
      testConfigSources,
    );
    expect(args.clusters[0].eks).toEqual(eks);
  });

  it("checks every cluster before returning, so a bad second cluster stops the whole stack", () => {
    const bad = { ...local, name: "second", namespaces: [{ name: "apps", podSecurity: "open" }] };
    expect(() => platformArgsFromConfig({ clusters: [local, bad] }, testConfigSources)).toThrow(
      /invalid cairn:clusters\[1\]\.namespaces\[0\]\.podSecurity = "open"/,
    );
  });
});

describe("renderPath", () => {
  it("writes list indexes in brackets, as config keys are written", () => {
    expect(renderPath(["clusters", 1, "eks", "nodeGroups", "0", "maxSize"])).toBe(
      "clusters[1].eks.nodeGroups[0].maxSize",
    );
  });
});
