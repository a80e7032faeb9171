import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cidrContains, firstOverlap, parseCidr } from "../shared/cidr";
import { CairnInputError } from "../shared/errors";
import { planZones, resolveNetworkCidrs, zoneInRegion } from "./network-plan";

const AWS = { min: 16, max: 28 };
const plan = (vpcCidr: string, zones: number) =>
  resolveNetworkCidrs("test", {
    vpcCidr,
    zones,
    vpcPrefixRange: AWS,
    subnetPrefixRange: AWS,
    tiers: [
      { argument: "privateSubnetCidrs", extraBits: 1 },
      { argument: "publicSubnetCidrs", extraBits: 4 },
    ],
  });

describe("resolveNetworkCidrs", () => {
  it("property: carved tiers never overlap, lie inside the VPC and respect the cloud's sizes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 16, max: 28 }),
        fc.integer({ min: 2, max: 6 }),
        (octet, prefix, zones) => {
          const sized = `10.${octet}.0.0/${prefix}`;
          let tiers: string[][];
          try {
            tiers = plan(sized, zones);
          } catch (e) {
            // Only "too small" is an acceptable refusal for a well-formed VPC.
            expect(e).toBeInstanceOf(CairnInputError);
            expect((e as Error).message).toContain("too small");
            return;
          }
          const all = tiers.flat();
          expect(tiers.map((t) => t.length)).toEqual([zones, zones]);
          expect(all.every((c) => cidrContains(sized, c))).toBe(true);
          expect(all.every((c) => parseCidr(c)!.prefix >= AWS.min && parseCidr(c)!.prefix <= AWS.max)).toBe(
            true,
          );
          expect(firstOverlap(all)).toBeUndefined();
        },
      ),
    );
  });

  it("property: a /16 always fits up to 6 zones", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), (zones) => {
        expect(plan("10.0.0.0/16", zones).flat()).toHaveLength(2 * zones);
      }),
    );
  });
});

describe("planZones", () => {
  it("defaults to 3 zones and keeps given names", () => {
    expect(planZones("test", undefined, undefined)).toEqual({ count: 3 });
    expect(planZones("test", ["a-1a", "a-1b"], undefined)).toEqual({ names: ["a-1a", "a-1b"], count: 2 });
  });

  it("rejects a zone count that disagrees with the names", () => {
    expect(() => planZones("test", ["a-1a", "a-1b"], 3)).toThrow(
      /invalid zoneCount = 3.*disagrees with availabilityZones/,
    );
  });
});

describe("zoneInRegion", () => {
  it.each([
    ["eu-west-1a", "eu-west-1", "aws", true],
    ["us-east-1f", "us-east-1", "aws", true],
    ["eu-west-1", "eu-west-1", "aws", false],
    ["eu-west-1-a", "eu-west-1", "aws", false],
    ["eu-west-1az", "eu-west-1", "aws", false],
    ["eu-west-2a", "eu-west-1", "aws", false],
    ["cn-hangzhou-j", "cn-hangzhou", "alibaba", true],
    ["ap-southeast-1a", "ap-southeast-1", "alibaba", true],
    ["cn-hangzhouj", "cn-hangzhou", "alibaba", false],
    ["ap-southeast-1-a", "ap-southeast-1", "alibaba", false],
    ["cn-shanghai-b", "cn-hangzhou", "alibaba", false],
  ] as const)("%s in %s (%s): %s", (zone, region, cloud, expected) => {
    expect(zoneInRegion(zone, region, cloud)).toBe(expected);
  });
});
