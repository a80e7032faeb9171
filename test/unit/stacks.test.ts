import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { platformArgsFromConfig, resolveStackConfig } from "../../components/platform";
import { diskChartFiles } from "../../components/shared/chart-files";
import { TEST_KUBECONFIG } from "../cases/stack-config.cases";

const ROOT = path.resolve(__dirname, "../..");
const stackFiles = fs.readdirSync(path.join(ROOT, "stacks")).filter((f) => /^Pulumi\..+\.yaml$/.test(f));

/** A stack file's `cairn:` keys without the namespace, as the program reads them. */
function cairnConfig(file: string): Record<string, unknown> {
  const doc = parseYaml(fs.readFileSync(path.join(ROOT, "stacks", file), "utf8")) as {
    config?: Record<string, unknown>;
  };
  return Object.fromEntries(
    Object.entries(doc.config ?? {}).map(([key, value]) => [key.replace(/^cairn:/, ""), value]),
  );
}

const sources = {
  readFile: (file: string) =>
    file === "/embedded/kubeconfig" ? TEST_KUBECONFIG : fs.readFileSync(file, "utf8"),
  env: (name: string) => (name === "KUBECONFIG_CAIRN" ? "/embedded/kubeconfig" : undefined),
  // Secret keys the stacks document (`pulumi config set --secret ...`).
  secret: (key: string) =>
    key === "onpremKubeconfig"
      ? pulumi.secret(TEST_KUBECONFIG)
      : key === "consulGossipKey"
        ? pulumi.secret("c2l4dGVlbi1ieXRlcy1vZi1rZXktbWF0ZXJpYWwhISE=")
        : undefined,
};

describe("stack configs in stacks/", () => {
  it("include the local stack and the aws-staging, alicloud-prod and multicloud-prod examples", () => {
    expect(stackFiles.sort()).toEqual(
      expect.arrayContaining([
        "Pulumi.local.yaml",
        "Pulumi.aws-staging.yaml",
        "Pulumi.alicloud-prod.yaml",
        "Pulumi.multicloud-prod.yaml",
      ]),
    );
  });

  it.each(stackFiles)("%s is a valid platform", (file) => {
    expect(() => resolveStackConfig(cairnConfig(file), sources, diskChartFiles)).not.toThrow();
  });

  it("keeps every cloud cluster's API endpoint private", () => {
    for (const file of stackFiles) {
      for (const c of platformArgsFromConfig(cairnConfig(file), sources).clusters) {
        expect(c.eks?.endpointPublicAccess ?? c.ack?.endpointPublicAccess ?? false, `${file} ${c.name}`).toBe(
          false,
        );
      }
    }
  });

  it("mixes every cluster kind the platform supports in multicloud-prod", () => {
    const args = platformArgsFromConfig(cairnConfig("Pulumi.multicloud-prod.yaml"), sources);
    const kinds = args.clusters.map((c) => ["eks", "ack", "existing", "crossplane"].find((k) => k in c));
    expect(kinds).toEqual(["eks", "ack", "existing", "crossplane"]);
  });

  it("never stores a kubeconfig or other secret in plain text", () => {
    for (const file of stackFiles) {
      const text = fs.readFileSync(path.join(ROOT, "stacks", file), "utf8");
      expect(text, file).not.toMatch(/client-key-data|token:|password:|BEGIN [A-Z ]*PRIVATE KEY/);
    }
  });

  it("runs the local stack on the embedded cluster with charts from the fixture mirror", () => {
    const args = platformArgsFromConfig(cairnConfig("Pulumi.local.yaml"), sources);
    expect(args.chartMirror).toBe("test/fixtures/charts");
    expect(args.clusters.map((c) => c.name)).toEqual(["local"]);
    expect(Object.keys(args.clusters[0].workloads ?? {})).toEqual(
      expect.arrayContaining(["mesh", "prometheus"]),
    );
  });
});
