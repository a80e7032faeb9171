import * as ipaddr from "ipaddr.js";
import { z } from "zod";

/** A parsed CIDR block. */
export interface Cidr {
  readonly kind: "ipv4" | "ipv6";
  readonly address: string;
  readonly prefix: number;
}

/** Parses a CIDR; returns undefined when malformed or when host bits are set (e.g. `10.0.0.1/16`). */
export function parseCidr(value: string): Cidr | undefined {
  if (!ipaddr.isValidCIDR(value)) return undefined;
  const [addr, prefix] = ipaddr.parseCIDR(value);
  const kind = addr.kind();
  // ipaddr.js also accepts short IPv4 forms such as "10.0.0/16"; CIDRs must be dotted quads.
  if (kind === "ipv4" && !ipaddr.IPv4.isValidFourPartDecimal(value.split("/")[0])) return undefined;
  const network =
    kind === "ipv4"
      ? ipaddr.IPv4.networkAddressFromCIDR(value).toString()
      : ipaddr.IPv6.networkAddressFromCIDR(value).toString();
  if (network !== addr.toString()) return undefined;
  return { kind, address: network, prefix };
}

/** Whether two CIDR blocks of the same family share any address. */
export function cidrsOverlap(a: string, b: string): boolean {
  const [addrA, bitsA] = ipaddr.parseCIDR(a);
  const [addrB, bitsB] = ipaddr.parseCIDR(b);
  if (addrA.kind() !== addrB.kind()) return false;
  // The shorter prefix contains the other block iff they overlap.
  return bitsA <= bitsB ? matches(addrB, addrA, bitsA) : matches(addrA, addrB, bitsB);
}

/** Whether `inner` lies entirely inside `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
  const [o, ob] = ipaddr.parseCIDR(outer);
  const [i, ib] = ipaddr.parseCIDR(inner);
  return o.kind() === i.kind() && ob <= ib && matches(i, o, ob);
}

function matches(addr: ipaddr.IPv4 | ipaddr.IPv6, net: ipaddr.IPv4 | ipaddr.IPv6, bits: number): boolean {
  return (addr as ipaddr.IPv4).match(net as ipaddr.IPv4, bits);
}

/** zod schema for a CIDR string with no host bits set. */
export const cidrString = (what: string) =>
  z.string().refine((v) => parseCidr(v) !== undefined, {
    error: `${what} must be a CIDR block with no host bits set, such as "10.0.0.0/16" (not "10.0.0.1/16")`,
  });

/** Number of IPv4 addresses in a prefix length. */
function blockSize(prefix: number): number {
  return 2 ** (32 - prefix);
}

function toInt(address: string): number {
  return ipaddr.IPv4.parse(address)
    .toByteArray()
    .reduce((acc, byte) => acc * 256 + byte, 0);
}

function toAddress(value: number): string {
  const bytes = [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256);
  return new ipaddr.IPv4(bytes).toString();
}

/**
 * Carves IPv4 subnets of the given prefix lengths out of `parent`, in order,
 * each aligned on its own size right after the previous one. Returns
 * undefined when they do not all fit. The results never overlap and always
 * lie inside `parent` (see the property-based tests).
 */
export function carveSubnets(parent: string, prefixes: readonly number[]): string[] | undefined {
  const parsed = parseCidr(parent);
  if (!parsed || parsed.kind !== "ipv4") return undefined;
  const start = toInt(parsed.address);
  const end = start + blockSize(parsed.prefix);
  let next = start;
  const out: string[] = [];
  for (const prefix of prefixes) {
    if (!Number.isInteger(prefix) || prefix < parsed.prefix || prefix > 32) return undefined;
    const size = blockSize(prefix);
    const aligned = Math.ceil(next / size) * size;
    if (aligned + size > end) return undefined;
    out.push(`${toAddress(aligned)}/${prefix}`);
    next = aligned + size;
  }
  return out;
}

/** The first pair of overlapping blocks in a list, if any. */
export function firstOverlap(cidrs: readonly string[]): [string, string] | undefined {
  for (let i = 0; i < cidrs.length; i++) {
    for (let j = i + 1; j < cidrs.length; j++) {
      if (cidrsOverlap(cidrs[i], cidrs[j])) return [cidrs[i], cidrs[j]];
    }
  }
  return undefined;
}

/** The RFC 1918 private IPv4 ranges. */
export const RFC1918 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] as const;

/** Whether a block lies inside one of the RFC 1918 private ranges. */
export function isPrivateIpv4(cidr: string): boolean {
  return RFC1918.some((range) => cidrContains(range, cidr));
}
