import { type z } from "zod";
import { resolveAckCluster } from "../cluster/ack/build";
import { consulArgs } from "../consul/args";
import { CONSUL_TYPE, resolveConsul, consulScrapeTargets } from "../consul/build";
import { resolveCrossplaneCluster } from "../cluster/crossplane/build";
import { resolveEksCluster } from "../cluster/eks/build";
import { type ExistingClusterArgs } from "../cluster/existing/args";
import { resolveExistingCluster } from "../cluster/existing/build";
import { gatewayArgs } from "../gateway/args";
import { GATEWAY_TYPE, gatewayScrapeTargets, resolveGateway } from "../gateway/build";
import { serviceMeshArgs } from "../mesh/args";
import { resolveServiceMesh, SERVICE_MESH_TYPE } from "../mesh/build";
import { meshScrapeTargets } from "../mesh/network";
import { resolveNamespaceBaseline } from "../k8s/build";
import { prometheusArgs } from "../observability/args";
import { PROMETHEUS_TYPE, resolvePrometheus } from "../observability/build";
import { rolloutsControllerArgs } from "../delivery/controller/args";
import {
  ROLLOUTS_CONTROLLER_TYPE,
  resolveRolloutsController,
  rolloutsScrapeTargets,
} from "../delivery/controller/build";
import { resolveReleases } from "./releases";
import { type ChartFiles } from "../shared/chart";
import { CairnInputError } from "../shared/errors";
import { type ScrapeTarget } from "../shared/monitoring";
import { resolveEnforcement } from "./enforcement";
import { checkNamespaceReferences, checkZonesInRegion, namespaceReferences } from "./references";
import { describe, parseArgs, underPath } from "../shared/validate";
import {
  type ClusterKind,
  type PlatformArgs,
  platformArgs,
  type PlatformCrossplaneArgs,
  type PlatformNamespaceArgs,
} from "./args";

export const PLATFORM_TYPE = "cairn:platform:Platform";

import type {
  PlatformContext,
  PlatformNamespace,
  ResolvedClusterKind,
  ResolvedPlatform,
  ResolvedPlatformCluster,
  ResolvedPlatformWorkloads,
} from "./resolved";

/**
 * Validates and resolves a whole platform before anything is registered: the
 * platform's own structure once (its schema), then every cluster, namespace and
 * workload once with the components' own resolvers. Errors name the argument as
 * `${prefix}clusters[i]...` (the prefix is `cairn:` for stack config), the value
 * and the fix.
 */
export function resolvePlatform(where: string, args: PlatformArgs, ctx: PlatformContext): ResolvedPlatform {
  const prefix = ctx.prefix ?? "";
  const parsed = parsePlatform(where, prefix, args);
  const clusters = parsed.clusters.map((c, i) =>
    resolveCluster(where, `${prefix}clusters[${i}]`, c, parsed.chartMirror, ctx.charts),
  );
  return { clusters };
}

type ParsedCluster = z.output<typeof platformArgs>["clusters"][number];

/** The platform's own structure; a stack-config path has no separator after `cairn:`. */
function parsePlatform(where: string, prefix: string, args: PlatformArgs): z.output<typeof platformArgs> {
  try {
    return parseArgs(platformArgs, args, where);
  } catch (e) {
    if (!(e instanceof CairnInputError)) throw e;
    const argument = e.argument === "args" ? "(platform)" : e.argument;
    const fix = e.fix.replace("against the args documentation", "against docs/stacks.md");
    throw new CairnInputError(where, `${prefix}${argument}`, e.value, fix);
  }
}

function resolveCluster(
  where: string,
  key: string,
  c: ParsedCluster,
  mirror: string | undefined,
  charts: ChartFiles,
): ResolvedPlatformCluster {
  const namespaces = c.namespaces.map((spec, j): PlatformNamespace => {
    const { name, mesh, ...rest } =
      typeof spec === "string" ? { name: spec } : (spec as PlatformNamespaceArgs);
    const inputs = { ...rest, namespace: name };
    const resolved = underPath(where, `${key}.namespaces[${j}]`, () =>
      namedAsListed(typeof spec === "string" ? "args" : "name", () =>
        resolveNamespaceBaseline(`${c.name}-${name}`, inputs),
      ),
    );
    return { name, mesh: mesh ?? c.workloads.mesh !== undefined, resolved, inputs };
  });
  const workloads = resolveWorkloads(where, `${key}.workloads`, c, namespaces, mirror, charts);
  const releases = resolveReleases(where, key, c.name, c.releases, workloads, namespaces);
  const names = namespaces.map((n) => n.name);
  const gatekeeper = resolveEnforcement(where, key, c.name, c.policyEnforcement, names);
  return {
    ...resolveClusterKind(where, key, c),
    name: c.name,
    namespaces,
    workloads,
    releases,
    ...(gatekeeper ? { gatekeeper } : {}),
  };
}

/**
 * Runs a NamespaceBaseline resolver and reports a bad `namespace` under the key
 * the platform user wrote it as: the entry itself, or its `name`.
 */
function namedAsListed<T>(argument: string, resolve: () => T): T {
  try {
    return resolve();
  } catch (e) {
    if (e instanceof CairnInputError && e.argument === "namespace") {
      throw new CairnInputError(e.where, argument, e.value, e.fix);
    }
    throw e;
  }
}

function resolveClusterKind(where: string, key: string, c: ParsedCluster): ResolvedClusterKind {
  // The schema guarantees exactly one kind, and a region for cloud kinds.
  const kind: ClusterKind = c.eks ? "eks" : c.ack ? "ack" : c.crossplane ? "crossplane" : "existing";
  const region = c.region ?? "";
  switch (kind) {
    case "eks": {
      // The component validates the zone list's shape first; then the zones must be the region's.
      const eks = underPath(where, `${key}.eks`, () => resolveEksCluster(c.name, c.eks ?? {}));
      checkZonesInRegion(where, `${key}.eks.availabilityZones`, c.eks?.availabilityZones, region, "aws");
      return { kind, region, eks };
    }
    case "ack": {
      const ack = underPath(where, `${key}.ack`, () => resolveAckCluster(c.name, c.ack ?? {}));
      checkZonesInRegion(where, `${key}.ack.zoneIds`, c.ack?.zoneIds, region, "alibaba");
      return { kind, region, ack };
    }
    case "crossplane": {
      const { managementCluster, ...xp } = c.crossplane as PlatformCrossplaneArgs;
      const crossplane = underPath(where, `${key}.crossplane`, () =>
        resolveCrossplaneCluster(c.name, { ...xp, region }),
      );
      return { kind, region, managementCluster, crossplane };
    }
    case "existing":
      return {
        kind,
        existing: underPath(where, `${key}.existing`, () =>
          resolveExistingCluster(c.name, c.existing as ExistingClusterArgs),
        ),
      };
  }
}

/**
 * The cluster's workloads with the platform's wiring: namespaces enrolled in the
 * mesh, the stack-wide chart mirror, and every other workload's scrape targets
 * added to Prometheus.
 */
function resolveWorkloads(
  where: string,
  key: string,
  c: ParsedCluster,
  namespaces: readonly PlatformNamespace[],
  mirror: string | undefined,
  charts: ChartFiles,
): ResolvedPlatformWorkloads {
  const given = c.workloads;
  const withMirror = <A extends { chartMirror?: unknown }>(a: A): A => ({
    ...a,
    chartMirror: a.chartMirror ?? mirror,
  });
  // Each workload's args as written are parsed by its own schema before any is wired, so the
  // wiring reads typed values and a bad value is reported under the key the user wrote.
  const parse = <S extends z.ZodType>(role: string, type: string, schema: S, raw: unknown): z.output<S> =>
    underPath(where, `${key}.${role}`, () => parseArgs(schema, raw, describe(type, `${c.name}-${role}`)));
  const typed = {
    mesh: given.mesh && parse("mesh", SERVICE_MESH_TYPE, serviceMeshArgs, given.mesh),
    consul: given.consul && parse("consul", CONSUL_TYPE, consulArgs, given.consul),
    gateway: given.gateway && parse("gateway", GATEWAY_TYPE, gatewayArgs, given.gateway),
    rollouts:
      given.rollouts && parse("rollouts", ROLLOUTS_CONTROLLER_TYPE, rolloutsControllerArgs, given.rollouts),
    prometheus: given.prometheus && parse("prometheus", PROMETHEUS_TYPE, prometheusArgs, given.prometheus),
  };
  const targets: ScrapeTarget[] = [];
  const reserved: string[] = [];
  const out: { -readonly [K in keyof ResolvedPlatformWorkloads]: ResolvedPlatformWorkloads[K] } = {};

  if (given.mesh && typed.mesh) {
    const enrolled = namespaces.filter((n) => n.mesh).map((n) => n.name);
    const own = typed.mesh.injectNamespaces;
    const inputs = { ...withMirror(given.mesh), injectNamespaces: [...new Set([...own, ...enrolled])] };
    const resolved = underPath(where, `${key}.mesh`, () =>
      resolveServiceMesh(`${c.name}-mesh`, inputs, charts),
    );
    reserved.push(resolved.namespace, ...(resolved.ingressGateway ? [resolved.ingressNamespace] : []));
    targets.push(...meshScrapeTargets(resolved));
    out.mesh = { inputs, resolved };
  }
  if (given.consul) {
    // The Envoy Gateway's chart owns the Gateway API CRDs; Consul's older bundle would clash.
    const crds = given.consul.gatewayApiCrds ?? !typed.gateway;
    const inputs = { ...withMirror(given.consul), gatewayApiCrds: crds };
    const resolved = underPath(where, `${key}.consul`, () =>
      resolveConsul(`${c.name}-consul`, inputs, charts),
    );
    reserved.push(resolved.namespace);
    targets.push(...consulScrapeTargets(resolved));
    out.consul = { inputs, resolved };
  }
  if (given.gateway) {
    const inputs = withMirror(given.gateway);
    const resolved = underPath(where, `${key}.gateway`, () =>
      resolveGateway(`${c.name}-gateway`, inputs, charts),
    );
    reserved.push(resolved.namespace);
    targets.push(...gatewayScrapeTargets(resolved));
    out.gateway = { inputs, resolved };
  }
  if (given.rollouts) {
    const prometheusNamespace = given.rollouts.prometheusNamespace ?? given.prometheus?.namespace;
    const inputs = { ...withMirror(given.rollouts), ...(prometheusNamespace ? { prometheusNamespace } : {}) };
    const resolved = underPath(where, `${key}.rollouts`, () =>
      resolveRolloutsController(`${c.name}-rollouts`, inputs, charts),
    );
    reserved.push(resolved.namespace);
    targets.push(...rolloutsScrapeTargets(resolved));
    out.rollouts = { inputs, resolved };
  }
  if (given.prometheus && typed.prometheus) {
    const own = typed.prometheus.targets;
    // The rollouts controller queries Prometheus for its analyses.
    const queriers = [...typed.prometheus.allowQueryFrom];
    if (out.rollouts && !queriers.includes(out.rollouts.resolved.namespace))
      queriers.push(out.rollouts.resolved.namespace);
    const inputs = {
      ...withMirror(given.prometheus),
      targets: [...own, ...targets],
      ...(queriers.length > 0 ? { allowQueryFrom: queriers } : {}),
    };
    const resolved = underPath(where, `${key}.prometheus`, () =>
      resolvePrometheus(`${c.name}-prometheus`, inputs, charts),
    );
    reserved.push(resolved.namespace);
    out.prometheus = { inputs, resolved };
  }
  const known = new Set([
    ...namespaces.map((n) => n.name),
    ...reserved,
    ...(out.mesh?.resolved.injectNamespaces ?? []),
    ...(out.mesh?.resolved.canary?.namespaces ?? []),
  ]);
  const ownTargets = typed.prometheus?.targets.length ?? 0;
  checkNamespaceReferences(where, namespaceReferences(key, out, ownTargets), known);
  const clash = namespaces.find((n) => reserved.includes(n.name));
  if (clash) {
    throw new CairnInputError(
      where,
      `${key.replace(/\.workloads$/, "")}.namespaces`,
      clash.name,
      `A workload creates namespace ${clash.name} itself: remove it from namespaces.`,
    );
  }
  return out;
}
