import { exampleZone, type ZoneCloud, zoneInRegion } from "../cluster/network-plan";
import { CairnInputError } from "../shared/errors";
import { type ResolvedPlatformWorkloads } from "./resolved";

/** Istio's default trust domain, which Cairn's mesh keeps: principals in it name this cluster's namespaces. */
export const MESH_TRUST_DOMAIN = "cluster.local";

/** A namespace a workload's config entry names, and what an unknown one would do at apply time. */
interface NamespaceReference {
  readonly argument: string;
  /** The value as written (a principal names its namespace inside). */
  readonly value: string;
  readonly namespace: string;
  readonly effect: string;
}

const FAILS = "its object would go into a missing namespace and the update would fail halfway";
const NOTHING = "it would match no workload and silently do nothing";

/**
 * Every namespace that the cluster's workload args name, with its argument path
 * under `key` (`...workloads`). Only the caller's own entries: targets and
 * namespaces the platform adds itself are known to exist.
 */
export function namespaceReferences(
  key: string,
  w: ResolvedPlatformWorkloads,
  ownTargets: number,
): NamespaceReference[] {
  const refs: NamespaceReference[] = [];
  const add = (argument: string, namespace: string, effect: string, value = namespace) =>
    refs.push({ argument: `${key}.${argument}`, value, namespace, effect });
  w.mesh?.resolved.allow.forEach((a, j) => {
    add(`mesh.allow[${j}].namespace`, a.namespace, FAILS);
    a.fromNamespaces?.forEach((n, k) => add(`mesh.allow[${j}].fromNamespaces[${k}]`, n, NOTHING));
    a.fromPrincipals?.forEach((p, k) => {
      const [domain, , namespace] = p.split("/");
      if (domain === MESH_TRUST_DOMAIN) add(`mesh.allow[${j}].fromPrincipals[${k}]`, namespace, NOTHING, p);
    });
  });
  const consul = w.consul?.resolved;
  consul?.injectNamespaces.forEach((n, j) => {
    if (n !== "*") add(`consul.injectNamespaces[${j}]`, n, NOTHING);
  });
  consul?.clientNamespaces.forEach((n, j) => add(`consul.clientNamespaces[${j}]`, n, NOTHING));
  w.gateway?.resolved.routes.forEach((r, j) =>
    add(`gateway.routes[${j}].service.namespace`, r.service.namespace, FAILS),
  );
  const prometheus = w.prometheus?.resolved;
  prometheus?.targets.slice(0, ownTargets).forEach((t, j) => {
    if (!t.allNamespaces) add(`prometheus.targets[${j}].namespace`, t.namespace, FAILS);
  });
  prometheus?.slos.forEach((s, j) => {
    if (s.namespace !== undefined) add(`prometheus.slos[${j}].namespace`, s.namespace, NOTHING);
  });
  return refs;
}

/**
 * Fails on the first reference to a namespace the stack does not have: one of
 * the cluster's `namespaces`, one a workload creates, or one the mesh is told
 * exists (`injectNamespaces`, `canary.namespaces`).
 */
export function checkNamespaceReferences(
  where: string,
  refs: readonly NamespaceReference[],
  known: ReadonlySet<string>,
): void {
  const bad = refs.find((r) => !known.has(r.namespace));
  if (!bad) return;
  throw new CairnInputError(
    where,
    bad.argument,
    bad.value,
    `Namespace ${bad.namespace} is not on this cluster (${[...known].sort().join(", ")}), so ${bad.effect}: ` +
      "add it to the cluster's namespaces (which also gives it Cairn's baseline), or correct the name.",
  );
}

/** Fails on the first zone that is not in the cluster's region (it would fail at the first subnet). */
export function checkZonesInRegion(
  where: string,
  argument: string,
  zones: readonly string[] | undefined,
  region: string,
  cloud: ZoneCloud,
): void {
  const j = (zones ?? []).findIndex((z) => !zoneInRegion(z, region, cloud));
  if (j < 0 || !zones) return;
  throw new CairnInputError(
    where,
    `${argument}[${j}]`,
    zones[j],
    `Zone ${zones[j]} is not in the cluster's region ${region}: use ${region}'s zones ` +
      `(e.g. ${exampleZone(region, cloud)}), or change region.`,
  );
}
