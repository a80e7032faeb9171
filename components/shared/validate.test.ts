import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CairnInputError } from "./errors";
import { joinPath, parseArgs, renderPath, underPath, valueAt } from "./validate";

describe("argument paths", () => {
  it("writes list indexes in brackets, as config keys are written", () => {
    expect(renderPath(["clusters", 1, "eks", "nodeGroups", "0", "maxSize"])).toBe(
      "clusters[1].eks.nodeGroups[0].maxSize",
    );
  });

  it("joins a nested path under a prefix without a dot before an index", () => {
    expect(joinPath("cairn:clusters[1].eks", "nodeGroups[0].x")).toBe(
      "cairn:clusters[1].eks.nodeGroups[0].x",
    );
    expect(joinPath("cairn:clusters[1].namespaces", "[0]")).toBe("cairn:clusters[1].namespaces[0]");
    expect(joinPath("", "quota.pods")).toBe("quota.pods");
    expect(joinPath("cairn:clusters[0].eks", "")).toBe("cairn:clusters[0].eks");
  });

  it("reads a value at a dotted or listed path, undefined when absent", () => {
    const data = { a: { b: [{ c: 3 }] } };
    expect(valueAt(data, ["a", "b", 0, "c"])).toBe(3);
    expect(valueAt({ a: { b: 2 } }, "a.b")).toBe(2);
    expect(valueAt(data, ["a", "x", "y"])).toBeUndefined();
  });
});

describe("parseArgs and underPath", () => {
  const schema = z.strictObject({
    groups: z.array(z.strictObject({ max: z.number().max(5, "max is at most 5") })),
  });

  it("names the argument in the one path format, with the value and the fix", () => {
    const parse = () => parseArgs(schema, { groups: [{ max: 1 }, { max: 9 }] }, 'cairn:test:T "t"');
    expect(parse).toThrow(CairnInputError);
    expect(parse).toThrow('cairn:test:T "t": invalid groups[1].max = 9. max is at most 5.');
  });

  it("re-raises a nested error under its prefix and names the checker", () => {
    const nested = () =>
      underPath("stack config", "cairn:clusters[2].x", () =>
        parseArgs(schema, { groups: [{ max: 7 }] }, "T"),
      );
    expect(nested).toThrow(
      "stack config: invalid cairn:clusters[2].x.groups[0].max = 7. max is at most 5. (checked by T)",
    );
  });
});
