import { describe, expect, it } from "vitest";
import { policyMetadata } from "../build/metadata";

describe("policy metadata (policies/build/metadata.ts)", () => {
  const pkg = (path: string[], annotations: Record<string, unknown>) => ({
    path: path.map((value) => ({ value })),
    annotations: { scope: "package", ...annotations },
  });

  it("keys each Cairn policy package's metadata by its id, with defaults for missing fields", () => {
    const out = policyMetadata({
      annotations: [
        pkg(["data", "cairn", "kubernetes", "images"], {
          title: "Images",
          description: "Pinned images",
          related_resources: [{ ref: "https://example.com/images" }],
          custom: { severity: "high", remediation: "Pin a digest", parameters: { registries: [] } },
        }),
        pkg(["data", "cairn", "stack", "tags"], { title: "Tags" }),
      ],
    });
    expect(out).toEqual({
      "kubernetes.images": {
        title: "Images",
        description: "Pinned images",
        severity: "high",
        remediation: "Pin a digest",
        related: ["https://example.com/images"],
        parameters: { registries: [] },
      },
      "stack.tags": { title: "Tags", related: [], parameters: {} },
    });
  });

  it("skips rule-scoped annotations and packages outside the policy domains (lib, pack)", () => {
    const out = policyMetadata({
      annotations: [
        {
          ...pkg(["data", "cairn", "kubernetes", "images"], { title: "rule" }),
          annotations: { scope: "rule" },
        },
        pkg(["data", "cairn", "lib"], { title: "Library" }),
        pkg(["data", "pack"], { title: "Entrypoints" }),
      ],
    });
    expect(out).toEqual({});
  });

  it("accepts a bundle without annotations", () => {
    expect(policyMetadata({})).toEqual({});
  });
});
