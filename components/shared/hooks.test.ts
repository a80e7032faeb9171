import { describe, expect, it } from "vitest";
import { type HookHandling, hookHandling } from "./hooks";

const HOOKS: readonly HookHandling[] = [
  { name: "x-certgen", kinds: ["Job", "Role"], handling: "replaced" },
  { name: "x-certgen:{namespace}", kinds: ["ClusterRole"], handling: "not needed" },
];

describe("hookHandling", () => {
  it("finds a hook by kind and name, with the release namespace in the name", () => {
    expect(hookHandling(HOOKS, { kind: "Role", name: "x-certgen", namespace: "gw" })?.handling).toBe(
      "replaced",
    );
    expect(
      hookHandling(HOOKS, { kind: "ClusterRole", name: "x-certgen:gw", namespace: "gw" })?.handling,
    ).toBe("not needed");
  });
  it("knows nothing of another kind, name or namespace", () => {
    expect(hookHandling(HOOKS, { kind: "Pod", name: "x-certgen", namespace: "gw" })).toBeUndefined();
    expect(
      hookHandling(HOOKS, { kind: "ClusterRole", name: "x-certgen:other", namespace: "gw" }),
    ).toBeUndefined();
    expect(hookHandling(undefined, { kind: "Job", name: "x-certgen", namespace: "gw" })).toBeUndefined();
  });
});
