import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { CairnInputError, show } from "./errors";

describe("CairnInputError", () => {
  it("names the component, the argument, the value and the fix", () => {
    const e = new CairnInputError('cairn:x:Y "a"', "replicas", 0, "Use at least 1.");
    expect(e.message).toBe('cairn:x:Y "a": invalid replicas = 0. Use at least 1.');
  });

  it("shows Outputs inside a received value as a placeholder instead of failing to serialise", () => {
    expect(show({ gossipKey: pulumi.secret("k"), replcas: 3 })).toBe('{"gossipKey":"(output)","replcas":3}');
  });

  it("shortens long values", () => {
    expect(show("x".repeat(500))).toHaveLength(120);
  });
});
