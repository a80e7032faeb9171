import { describe, expect, it } from "vitest";
import type * as pulumi from "@pulumi/pulumi";
import { isSecret, unwrap } from "../../test/helpers/mocks";
import { TEST_KUBECONFIG, testConfigSources } from "../../test/cases/stack-config.cases";
import { diskChartFiles } from "../shared/chart-files";
import { platformArgsFromConfig, resolveStackConfig } from ".";

const local = {
  name: "local",
  existing: { kubeconfigEnv: "KUBECONFIG_CAIRN", kubernetesVersion: "1.36" },
  namespaces: ["apps"],
  workloads: { mesh: { ingressServiceType: "ClusterIP" } },
};

// The bad stack configs (test/cases/stack-config.cases.ts) run through the Platform in
// test/unit/bad-input-catalogue.test.ts.
describe("platformArgsFromConfig", () => {
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

  it("resolves every cluster before returning, so a bad second cluster stops the whole stack", () => {
    const bad = { ...local, name: "second", namespaces: [{ name: "apps", podSecurity: "open" }] };
    expect(() => resolveStackConfig({ clusters: [local, bad] }, testConfigSources, diskChartFiles)).toThrow(
      /invalid cairn:clusters\[1\]\.namespaces\[0\]\.podSecurity = "open"/,
    );
  });
});
