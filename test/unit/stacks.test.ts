import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { platformArgsFromConfig, resolveStackConfig } from "../../components/platform";
import { diskChartFiles } from "../../components/shared/chart-files";
import { cairnConfig, stackSources } from "../helpers/stack-files";

const ROOT = path.resolve(__dirname, "../..");
const stackFiles = fs.readdirSync(path.join(ROOT, "stacks")).filter((f) => /^Pulumi\..+\.yaml$/.test(f));

const sources = stackSources;

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
