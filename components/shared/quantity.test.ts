import { describe, expect, it } from "vitest";
import { parseQuantity } from "./quantity";

describe("parseQuantity", () => {
  it.each([
    ["2", 2],
    ["500m", 0.5],
    ["100m", 0.1],
    ["1.5", 1.5],
    ["0.25", 0.25],
    ["1k", 1000],
    ["1Ki", 1024],
    ["128Mi", 128 * 2 ** 20],
    ["1.5Gi", 1.5 * 2 ** 30],
    ["4Gi", 4 * 2 ** 30],
    ["1M", 1e6],
    ["2G", 2e9],
    ["1T", 1e12],
    ["1Ti", 2 ** 40],
  ])("reads %s as %d base units", (text, expected) => {
    expect(parseQuantity(text)).toBe(expected);
  });

  it("gives equal numbers for equal quantities written differently", () => {
    expect(parseQuantity("300m")).toBe(parseQuantity("0.3"));
    expect(parseQuantity("1Gi")).toBe(parseQuantity("1024Mi"));
    expect(parseQuantity("1G")).toBe(parseQuantity("1000M"));
    expect(parseQuantity("1.5k")).toBe(parseQuantity("1500"));
  });

  it("orders decimal and binary suffixes by their value", () => {
    expect(parseQuantity("1G")!).toBeLessThan(parseQuantity("1Gi")!);
    expect(parseQuantity("999Mi")!).toBeLessThan(parseQuantity("1Gi")!);
    expect(parseQuantity("1001m")!).toBeGreaterThan(parseQuantity("1")!);
  });

  it.each(["", "lots", "-1", "1e3", "1.", ".5", "1gi", "1 Gi", "1Gb"])(
    "does not read %j as a quantity",
    (text) => {
      expect(parseQuantity(text)).toBeUndefined();
    },
  );
});
