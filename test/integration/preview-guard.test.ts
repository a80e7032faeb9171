import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubeconfigPath, TestStack } from "../helpers/engine";
import { guardPreview } from "../../scripts/preview/guard";
import { parsePreview } from "../../scripts/preview/preview";
import { summarize } from "../../scripts/preview/summary";

// The replacement guard and the preview summary on a live preview: deploy the fixture
// program, then preview the risky variant (renamed StatefulSet, removed namespace,
// unpinned image) with the policy pack, as the pull-request workflow does.
describe("preview guard and summary on a real preview of the embedded cluster", () => {
  const pack = path.resolve(__dirname, "../../policies");
  let stack: TestStack;

  beforeAll(async () => {
    // The program lives with the recordings it produces (test/fixtures/previews/program).
    stack = await TestStack.create("../../fixtures/previews/program", {
      CAIRN_TEST_KUBECONFIG: kubeconfigPath(),
      CAIRN_TEST_NAMESPACE: `it-guard-${process.pid}`,
    });
    await stack.up();
    stack.env.CAIRN_PREVIEW_VARIANT = "1";
  });
  afterAll(async () => {
    if (stack) stack.env.CAIRN_PREVIEW_VARIANT = "0";
    await stack?.dispose();
  });

  it("fails the guard on the StatefulSet replacement, and passes it once allowed", async () => {
    const result = await stack.pulumi("preview", "--json", "--policy-pack", pack);
    const preview = parsePreview(result.stdout);
    const verdict = guardPreview(preview);
    expect(verdict.ok).toBe(false);
    expect(verdict.findings.map((f) => `${f.change.op} ${f.change.type} ${f.change.name}`)).toEqual([
      "replace kubernetes:apps/v1:StatefulSet db",
    ]);
    expect(guardPreview(preview, [{ pattern: "*StatefulSet::db", reason: "renamed in this test" }]).ok).toBe(
      true,
    );
  });

  it("summarises the live preview with the policy violations from the event stream", async () => {
    stack.env.PULUMI_ENABLE_STREAMING_JSON_PREVIEW = "true";
    try {
      const result = await stack.pulumi("preview", "--json", "--policy-pack", pack);
      expect(result.code).not.toBe(0); // the unpinned image violates a mandatory policy
      const md = summarize(parsePreview(result.stdout), { stack: stack.name });
      expect(md).toMatch(
        /\*\*replace\*\* `db` \(kubernetes:apps\/v1:StatefulSet\) :rotating_light: stateful workload/,
      );
      expect(md).toMatch(/\*\*kubernetes-images\*\* \(mandatory\) on `api`/);
      expect(md).not.toContain("client-key-data");
    } finally {
      delete stack.env.PULUMI_ENABLE_STREAMING_JSON_PREVIEW;
    }
  });
});
