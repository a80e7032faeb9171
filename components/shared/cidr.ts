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
