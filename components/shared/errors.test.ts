import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { CairnError, CairnInputError, show } from "./errors";

describe("CairnInputError", () => {
  it("names the component, the argument, the value and the fix", () => {
    const e = new CairnInputError('cairn:x:Y "a"', "replicas", 0, "Use at least 1.");
    expect(e.message).toBe('cairn:x:Y "a": invalid replicas = 0. Use at least 1.');
  });

  it("is a pulumi.RunError, so the engine prints the message and no stack trace", () => {
    expect(pulumi.RunError.isInstance(new CairnInputError("w", "a", 1, "fix"))).toBe(true);
    expect(pulumi.RunError.isInstance(new CairnError("the region has 2 zones"))).toBe(true);
    expect(new CairnInputError("w", "a", 1, "fix")).toBeInstanceOf(Error);
  });

  it("shows Outputs inside a received value as a placeholder instead of failing to serialise", () => {
    expect(show({ gossipKey: pulumi.secret("k"), replcas: 3 })).toBe('{"gossipKey":"(output)","replcas":3}');
  });

  it("shortens long values", () => {
    expect(show("x".repeat(500))).toHaveLength(120);
  });
});
