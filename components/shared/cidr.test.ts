import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { carveSubnets, cidrContains, cidrsOverlap, firstOverlap, isPrivateIpv4, parseCidr } from "./cidr";

const ipv4Network = fc
  .tuple(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 8, max: 28 }))
  .map(([address, prefix]) => {
    const size = 2 ** (32 - prefix);
    const network = Math.floor(address / size) * size;
    const octets = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
    return `${octets.join(".")}/${prefix}`;
  });

describe("parseCidr", () => {
  it("accepts a network address and rejects host bits, bad prefixes and junk", () => {
    expect(parseCidr("10.0.0.0/16")).toEqual({ kind: "ipv4", address: "10.0.0.0", prefix: 16 });
    expect(parseCidr("10.0.0.1/16")).toBeUndefined();
    expect(parseCidr("10.0.0.0/33")).toBeUndefined();
    expect(parseCidr("ten/8")).toBeUndefined();
    expect(parseCidr("10.0.0/16")).toBeUndefined();
  });
});

describe("carveSubnets", () => {
  it("carves aligned blocks in order", () => {
    expect(carveSubnets("10.0.0.0/16", [19, 19, 22])).toEqual([
      "10.0.0.0/19",
      "10.0.32.0/19",
      "10.0.64.0/22",
    ]);
  });

  it("aligns a larger block after a smaller one", () => {
    expect(carveSubnets("10.0.0.0/16", [24, 20])).toEqual(["10.0.0.0/24", "10.0.16.0/20"]);
  });

  it("returns undefined when the blocks do not fit", () => {
    expect(carveSubnets("10.0.0.0/24", [25, 25, 25])).toBeUndefined();
    expect(carveSubnets("10.0.0.0/24", [23])).toBeUndefined();
  });

  it("property: carved subnets never overlap and always lie inside the VPC", () => {
    // Each block is at most half the VPC and, with alignment padding (less than
    // the block itself), they take at most twice their sizes: so they always fit.
    const fitting = fc
      .tuple(ipv4Network, fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 12 }))
      .map(([vpc, extra]) => {
        const vpcPrefix = parseCidr(vpc)!.prefix;
        const kept: number[] = [];
        let share = 0;
        for (const e of extra) {
          const prefix = Math.min(32, vpcPrefix + e);
          const next = share + 2 * 2 ** (vpcPrefix - prefix);
          if (next > 1) break;
          share = next;
          kept.push(prefix);
        }
        return { vpc, prefixes: kept };
      });
    fc.assert(
      fc.property(fitting, ({ vpc, prefixes }) => {
        const carved = carveSubnets(vpc, prefixes);
        expect(carved, `${vpc} ${prefixes.join(",")}`).toBeDefined();
        expect(carved!.map((c) => parseCidr(c)?.prefix)).toEqual(prefixes);
        expect(carved!.every((c) => cidrContains(vpc, c))).toBe(true);
        expect(firstOverlap(carved!)).toBeUndefined();
      }),
    );
  });

  it("property: blocks that fill the VPC exactly always fit", () => {
    fc.assert(
      fc.property(ipv4Network, fc.integer({ min: 0, max: 4 }), (vpc, bits) => {
        // ipv4Network prefixes are at most /28, so prefix stays <= 32.
        const prefix = parseCidr(vpc)!.prefix + bits;
        const carved = carveSubnets(vpc, Array<number>(2 ** bits).fill(prefix));
        expect(carved).toHaveLength(2 ** bits);
      }),
    );
  });
});

describe("cidrsOverlap", () => {
  it("property: overlap is symmetric", () => {
    fc.assert(
      fc.property(ipv4Network, ipv4Network, (a, b) => {
        expect(cidrsOverlap(a, b)).toBe(cidrsOverlap(b, a));
      }),
    );
  });

  it("property: a block carved inside another overlaps it and is contained by it", () => {
    fc.assert(
      fc.property(ipv4Network, fc.integer({ min: 0, max: 4 }), fc.nat(), (outer, bits, pick) => {
        const prefix = parseCidr(outer)!.prefix + bits;
        const inner = carveSubnets(outer, Array<number>(2 ** bits).fill(prefix))![pick % 2 ** bits];
        expect(cidrContains(outer, inner)).toBe(true);
        expect(cidrsOverlap(outer, inner)).toBe(true);
        expect(cidrsOverlap(inner, outer)).toBe(true);
      }),
    );
  });
});

describe("isPrivateIpv4", () => {
  it("recognises the RFC 1918 ranges only", () => {
    expect(isPrivateIpv4("172.20.0.0/16")).toBe(true);
    expect(isPrivateIpv4("172.32.0.0/16")).toBe(false);
    expect(isPrivateIpv4("192.168.0.0/15")).toBe(false);
  });
});
