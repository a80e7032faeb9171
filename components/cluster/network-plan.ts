import { carveSubnets, cidrContains, firstOverlap, parseCidr } from "../shared/cidr";
import { CairnInputError } from "../shared/errors";

/** Fewest zones a Cairn cluster may span. */
export const MIN_ZONES = 2;
/** Zones used when none are given. */
export const DEFAULT_ZONES = 3;

/** The most zones any region of a cloud offers, and where that figure comes from. */
export interface ZoneLimit {
  readonly max: number;
  readonly source: string;
}

/** AWS: us-east-1 has the most Availability Zones of any region (6, use1-az1 to use1-az6; AWS "Regions and Zones"). */
export const AWS_ZONE_LIMIT: ZoneLimit = { max: 6, source: "us-east-1, the AWS region with the most zones" };

/**
 * Alibaba Cloud: a zone id is its region id and one letter; the largest region in the @pulumi/alicloud
 * 3.108 docs, cn-beijing, has zone ids cn-beijing-a to cn-beijing-l (12 letters).
 */
export const ALIBABA_ZONE_LIMIT: ZoneLimit = {
  max: 12,
  source: "cn-beijing, whose zone ids run from cn-beijing-a to cn-beijing-l",
};

/** Clouds whose zone names Cairn checks against the region. */
export type ZoneCloud = "aws" | "alibaba";

/**
 * Zone names carry their region: on AWS the region and a letter (`eu-west-1a`); on Alibaba Cloud
 * the region, a dash when it ends in a letter, and a letter (`cn-hangzhou-j`, `ap-southeast-1a`).
 */
export function zoneInRegion(zone: string, region: string, cloud: ZoneCloud): boolean {
  const prefix = exampleZone(region, cloud).slice(0, -1);
  return zone.startsWith(prefix) && /^[a-z]$/.test(zone.slice(prefix.length));
}

/** The region's zone `a`, as the cloud spells it. */
export function exampleZone(region: string, cloud: ZoneCloud): string {
  return `${region}${cloud === "alibaba" && /[a-z]$/.test(region) ? "-" : ""}a`;
}

/** How a cloud names its zone list argument, and the most zones any of its regions offers. */
export interface ZoneRules {
  /** The argument that lists zones by name. */
  readonly namesArgument?: string;
  readonly limit?: ZoneLimit;
}

/** Zone names (if given) and count, checked against the minimum and, when given, the cloud's maximum. */
export function planZones(
  where: string,
  names: readonly string[] | undefined,
  count: number | undefined,
  { namesArgument = "availabilityZones", limit }: ZoneRules = {},
): { names?: readonly string[]; count: number } {
  if (names && count !== undefined && names.length !== count) {
    throw new CairnInputError(
      where,
      "zoneCount",
      count,
      `It disagrees with ${namesArgument} (${names.length} zones): set only one of them.`,
    );
  }
  const resolved = names?.length ?? count ?? DEFAULT_ZONES;
  const argument = names ? namesArgument : "zoneCount";
  const value = names ?? count;
  if (resolved < MIN_ZONES) {
    throw new CairnInputError(
      where,
      argument,
      value,
      `A cluster needs at least ${MIN_ZONES} zones (${DEFAULT_ZONES} recommended) to survive a zone outage: add zones.`,
    );
  }
  if (limit && resolved > limit.max) {
    throw new CairnInputError(
      where,
      argument,
      value,
      `No region offers more than ${limit.max} zones (${limit.source}): use at most ${limit.max} (${DEFAULT_ZONES} recommended).`,
    );
  }
  if (names && new Set(names).size !== names.length) {
    throw new CairnInputError(where, namesArgument, names, "Zones must be distinct: list each zone once.");
  }
  return { ...(names ? { names } : {}), count: resolved };
}

/** One tier of per-zone subnets (e.g. private, public, pods). */
export interface SubnetTier {
  /** Argument that may give the CIDRs explicitly, e.g. `privateSubnetCidrs`. */
  readonly argument: string;
  /** CIDRs given by the user, one per zone. */
  readonly given?: readonly string[];
  /** When carved: bits added to the per-zone share of the VPC (1 = half of the VPC for this tier). */
  readonly extraBits: number;
}

interface Range {
  readonly min: number;
  readonly max: number;
}

/**
 * Per-zone subnet CIDRs for each tier: the user's (checked: sizes, inside the
 * VPC, no overlaps) or carved from the VPC. Either every tier is given or none.
 */
export function resolveNetworkCidrs(
  where: string,
  p: {
    vpcCidr: string;
    zones: number;
    vpcPrefixRange: Range;
    subnetPrefixRange: Range;
    tiers: readonly SubnetTier[];
  },
): string[][] {
  const vpcPrefix = parseCidr(p.vpcCidr)?.prefix ?? -1;
  if (vpcPrefix < p.vpcPrefixRange.min || vpcPrefix > p.vpcPrefixRange.max) {
    throw new CairnInputError(
      where,
      "vpcCidr",
      p.vpcCidr,
      `The cloud allows VPC sizes from /${p.vpcPrefixRange.min} to /${p.vpcPrefixRange.max}: pick a block in that range, such as "10.0.0.0/16".`,
    );
  }
  const given = p.tiers.filter((t) => t.given !== undefined);
  if (given.length > 0 && given.length < p.tiers.length) {
    const missing = p.tiers.find((t) => t.given === undefined)!;
    throw new CairnInputError(
      where,
      missing.argument,
      undefined,
      `Set ${p.tiers.map((t) => t.argument).join(" and ")} together, or none of them to carve all from vpcCidr.`,
    );
  }
  const cidrs = given.length > 0 ? checkGiven(where, p) : carve(where, p, vpcPrefix);
  return cidrs;
}

function checkGiven(
  where: string,
  p: { vpcCidr: string; zones: number; subnetPrefixRange: Range; tiers: readonly SubnetTier[] },
): string[][] {
  const all: string[] = [];
  for (const tier of p.tiers) {
    const list = tier.given ?? [];
    if (list.length !== p.zones) {
      throw new CairnInputError(where, tier.argument, list, `Give exactly one CIDR per zone (${p.zones}).`);
    }
    list.forEach((cidr, i) => {
      const prefix = parseCidr(cidr)?.prefix ?? -1;
      const at = `${tier.argument}[${i}]`;
      if (prefix < p.subnetPrefixRange.min || prefix > p.subnetPrefixRange.max) {
        throw new CairnInputError(
          where,
          at,
          cidr,
          `Subnet sizes must be /${p.subnetPrefixRange.min} to /${p.subnetPrefixRange.max}.`,
        );
      }
      if (!cidrContains(p.vpcCidr, cidr)) {
        throw new CairnInputError(
          where,
          at,
          cidr,
          `It lies outside the VPC ${p.vpcCidr}: pick a block inside it.`,
        );
      }
      const clash = all.find((other) => firstOverlap([other, cidr]));
      if (clash) {
        throw new CairnInputError(where, at, cidr, `It overlaps ${clash}: subnets must not overlap.`);
      }
      all.push(cidr);
    });
  }
  return p.tiers.map((t) => [...(t.given ?? [])]);
}

function carve(
  where: string,
  p: { vpcCidr: string; zones: number; subnetPrefixRange: Range; tiers: readonly SubnetTier[] },
  vpcPrefix: number,
): string[][] {
  const base = vpcPrefix + Math.ceil(Math.log2(p.zones));
  const prefixes = p.tiers.map((t) =>
    Math.max(p.subnetPrefixRange.min, Math.min(base + t.extraBits, p.subnetPrefixRange.max)),
  );
  const flat = carveSubnets(
    p.vpcCidr,
    prefixes.flatMap((prefix) => Array<number>(p.zones).fill(prefix)),
  );
  if (!flat || base + Math.min(...p.tiers.map((t) => t.extraBits)) > p.subnetPrefixRange.max) {
    throw new CairnInputError(
      where,
      "vpcCidr",
      p.vpcCidr,
      `It is too small for ${p.tiers.length} subnet tiers in ${p.zones} zones: use a larger block (e.g. a /16), fewer zones, or give the subnet CIDRs explicitly.`,
    );
  }
  return p.tiers.map((_, i) => flat.slice(i * p.zones, (i + 1) * p.zones));
}
