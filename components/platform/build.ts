import { z } from "zod";
import { resolveAckCluster } from "../ack";
import { resolveCrossplaneCluster } from "../crossplane";
import { resolveEksCluster } from "../eks";
import { resolveExistingCluster } from "../existing-cluster/build";
import { meshScrapeTargets, resolveServiceMesh } from "../mesh";
import { consulScrapeTargets, resolveConsul } from "../consul";
import { gatewayScrapeTargets, resolveGateway } from "../gateway";
import { resolvePrometheus } from "../prometheus";
import { ScrapeTarget } from "../shared/monitoring";
import { resolveNamespaceBaseline } from "../namespace/build";
import { CairnInputError } from "../shared/errors";
import { dnsLabel } from "../shared/validate";
import {
  ClusterKind,
  PlatformArgs,
  PlatformClusterArgs,
  PlatformNamespaceArgs,
  PlatformWorkloadsArgs,
} from "./args";

export const PLATFORM_TYPE = "cairn:platform:Platform";

const componentArgs = z.record(z.string(), z.unknown());
const namespaceSpec = z.union(
  [
    dnsLabel("each namespaces entry"),
    z.looseObject({ name: dnsLabel("namespaces[].name"), mesh: z.boolean().optional() }),
  ],
  { error: 'each namespaces entry must be a namespace name or { name: "apps", ...baseline args }' },
);

const cluster = z
  .strictObject({
    name: dnsLabel("name"),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z0-9]+)+$/, "region must be a cloud region such as eu-west-1 or cn-hangzhou")
      .optional(),
    existing: componentArgs.optional(),
    eks: componentArgs.optional(),
    ack: componentArgs.optional(),
    crossplane: componentArgs.optional(),
    namespaces: z.array(namespaceSpec).default([]),
    workloads: z
      .strictObject({
        mesh: componentArgs.optional(),
        prometheus: componentArgs.optional(),
        consul: componentArgs.optional(),
        gateway: componentArgs.optional(),
      })
      .default({}),
  })
  .superRefine((c, ctx) => {
    const kinds = (["existing", "eks", "ack", "crossplane"] as const).filter((k) => c[k] !== undefined);
    if (kinds.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: [],
        message: `each cluster needs exactly one of existing, eks, ack or crossplane (found ${kinds.length === 0 ? "none" : kinds.join(" and ")})`,
      });
    }
    if ((c.eks ?? c.ack ?? c.crossplane) !== undefined && c.region === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["region"],
        message:
          "an eks, ack or crossplane cluster needs its cloud region, e.g. region: eu-west-1 or cn-hangzhou",
      });
    }
  });

const schema = z
  .strictObject({
    clusters: z
      .array(cluster, { error: "clusters must be a list of clusters" })
      .min(1, "clusters must list at least one cluster, e.g. [{ name: local, existing: { ... } }]"),
    chartMirror: z.string().min(1, "chartMirror must be an oci://, https:// or local directory").optional(),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.clusters.forEach((c, i) => {
      if (seen.has(c.name)) {
        ctx.addIssue({
          code: "custom",
          path: ["clusters", i, "name"],
          message: `cluster names must be unique (they name Pulumi resources): rename the second "${c.name}"`,
        });
      }
      seen.add(c.name);
    });
  });

/** A namespace with every platform default resolved. */
export interface PlatformNamespace {
  readonly name: string;
  readonly mesh: boolean;
  /** Args for the NamespaceBaseline. */
  readonly baseline: Omit<PlatformNamespaceArgs, "name" | "mesh"> & { readonly namespace: string };
}

/** One cluster, validated, with its wiring decided. */
export interface ResolvedPlatformCluster {
  readonly name: string;
  readonly kind: ClusterKind;
  /** The cluster component's args, as given. */
  readonly args: PlatformClusterArgs;
  readonly namespaces: readonly PlatformNamespace[];
  /** Workload args with the platform's wiring applied (mesh enrolment, chart mirror). */
  readonly workloads: PlatformWorkloadsArgs;
}

export interface ResolvedPlatform {
  readonly clusters: readonly ResolvedPlatformCluster[];
}

/** Renders a path like `clusters[1].eks.nodeGroups[0].maxSize`, the way users write config keys. */
export function renderPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) =>
      typeof p === "number" || /^\d+$/.test(String(p)) ? `[${String(p)}]` : `${i ? "." : ""}${String(p)}`,
    )
    .join("");
}

/**
 * Validates a whole platform before anything is registered: the platform's own
 * structure, then every cluster, namespace and workload with the components'
 * own pure resolvers. Errors name the argument as `${prefix}clusters[i]...`
 * (the prefix is `cairn:` for stack config), the value and the fix.
 */
export function resolvePlatform(
  where: string,
  args: PlatformArgs,
  options: { prefix?: string; stackChartMirror?: string } = {},
): ResolvedPlatform {
  const prefix = options.prefix ?? "";
  const result = schema.safeParse(args ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const fix =
      issue.code === "unrecognized_keys"
        ? `Unknown key(s) ${issue.keys.join(", ")}: remove them or check the spelling against docs/stacks.md.`
        : `${issue.message.replace(/\.$/, "")}.`;
    const at = renderPath(issue.path);
    throw new CairnInputError(where, `${prefix}${at || "(platform)"}`, valueAt(args, issue.path), fix);
  }
  const mirror = result.data.chartMirror ?? options.stackChartMirror;
  const clusters = args.clusters.map((c, i) =>
    resolveCluster(
      where,
      `${prefix}clusters[${i}]`,
      c,
      result.data.clusters[i].namespaces,
      mirror,
      args.clusters.slice(0, i).map((earlier) => earlier.name),
    ),
  );
  return { clusters };
}

function resolveCluster(
  where: string,
  key: string,
  c: PlatformClusterArgs,
  specs: readonly (string | { name: string; mesh?: boolean })[],
  mirror: string | undefined,
  earlier: readonly string[],
): ResolvedPlatformCluster {
  const kind: ClusterKind = c.eks ? "eks" : c.ack ? "ack" : c.crossplane ? "crossplane" : "existing";
  if (kind === "crossplane") {
    const { managementCluster, ...xp } = c.crossplane!;
    if (!earlier.includes(managementCluster)) {
      throw new CairnInputError(
        where,
        `${key}.crossplane.managementCluster`,
        managementCluster,
        `Name the cluster running Crossplane, listed before this one (${earlier.join(", ") || "none yet"}): the claim is applied there.`,
      );
    }
    delegate(where, `${key}.crossplane`, () =>
      resolveCrossplaneCluster(c.name, { ...xp, region: c.region! }),
    );
  } else if (kind === "eks") {
    delegate(where, `${key}.eks`, () => resolveEksCluster(c.name, c.eks));
  } else if (kind === "ack") {
    delegate(where, `${key}.ack`, () => resolveAckCluster(c.name, c.ack));
  } else if (c.existing?.kubeconfig === undefined) {
    throw new CairnInputError(
      where,
      `${key}.existing.kubeconfig`,
      undefined,
      "An existing cluster needs its kubeconfig: in stack config set existing.kubeconfigPath, kubeconfigEnv or kubeconfigSecret.",
    );
  } else {
    delegate(where, `${key}.existing`, () => resolveExistingCluster(c.name, { ...c.existing }));
  }

  const hasMesh = c.workloads?.mesh !== undefined;
  const namespaces = specs.map((spec, j): PlatformNamespace => {
    const { name, mesh, ...rest } =
      typeof spec === "string" ? { name: spec } : (spec as PlatformNamespaceArgs);
    const baseline = { ...rest, namespace: name };
    delegate(where, `${key}.namespaces[${j}]`, () => resolveNamespaceBaseline(`${c.name}-${name}`, baseline));
    return { name, mesh: mesh ?? hasMesh, baseline };
  });
  checkDuplicateNamespaces(where, key, namespaces);

  const workloads: { -readonly [K in keyof PlatformWorkloadsArgs]: PlatformWorkloadsArgs[K] } = {};
  const targets: ScrapeTarget[] = [];
  const reserved: string[] = [];
  if (c.workloads?.mesh) {
    const given = c.workloads.mesh;
    const enrolled = namespaces.filter((n) => n.mesh).map((n) => n.name);
    workloads.mesh = {
      ...given,
      chartMirror: given.chartMirror ?? mirror,
      injectNamespaces: [...new Set([...(given.injectNamespaces ?? []), ...enrolled])],
    };
    const mesh = workloads.mesh;
    const r = delegate(where, `${key}.workloads.mesh`, () => resolveServiceMesh(`${c.name}-mesh`, mesh));
    reserved.push(r.namespace, ...(r.ingressGateway ? [r.ingressNamespace] : []));
    targets.push(...meshScrapeTargets(r));
  } else if (namespaces.some((n) => n.mesh)) {
    const n = namespaces.findIndex((ns) => ns.mesh);
    throw new CairnInputError(
      where,
      `${key}.namespaces[${n}].mesh`,
      true,
      "The cluster has no mesh: add workloads.mesh, or remove mesh: true.",
    );
  }
  if (c.workloads?.consul) {
    const consul = (workloads.consul = {
      ...c.workloads.consul,
      chartMirror: c.workloads.consul.chartMirror ?? mirror,
    });
    const r = delegate(where, `${key}.workloads.consul`, () => resolveConsul(`${c.name}-consul`, consul));
    reserved.push(r.namespace);
    targets.push(...consulScrapeTargets(r));
  }
  if (c.workloads?.gateway) {
    const gateway = (workloads.gateway = {
      ...c.workloads.gateway,
      chartMirror: c.workloads.gateway.chartMirror ?? mirror,
    });
    const r = delegate(where, `${key}.workloads.gateway`, () => resolveGateway(`${c.name}-gateway`, gateway));
    reserved.push(r.namespace);
    targets.push(...gatewayScrapeTargets(r));
    r.routes.forEach((route, j) => {
      if (!namespaces.some((n) => n.name === route.service.namespace)) {
        throw new CairnInputError(
          where,
          `${key}.workloads.gateway.routes[${j}].service.namespace`,
          route.service.namespace,
          `Routes must target one of the cluster's namespaces (${namespaces.map((n) => n.name).join(", ") || "none"}): add it to namespaces, which also gives it Cairn's baseline.`,
        );
      }
    });
  }
  if (c.workloads?.prometheus) {
    const given = c.workloads.prometheus;
    workloads.prometheus = {
      ...given,
      chartMirror: given.chartMirror ?? mirror,
      targets: [...(given.targets ?? []), ...targets],
    };
    const prometheus = workloads.prometheus;
    const r = delegate(where, `${key}.workloads.prometheus`, () =>
      resolvePrometheus(`${c.name}-prometheus`, prometheus),
    );
    reserved.push(r.namespace);
  }
  const clash = namespaces.find((n) => reserved.includes(n.name));
  if (clash) {
    throw new CairnInputError(
      where,
      `${key}.namespaces`,
      clash.name,
      `A workload creates namespace ${clash.name} itself: remove it from namespaces.`,
    );
  }
  return { name: c.name, kind, args: c, namespaces, workloads };
}

function checkDuplicateNamespaces(
  where: string,
  key: string,
  namespaces: readonly PlatformNamespace[],
): void {
  const seen = new Set<string>();
  namespaces.forEach((n, j) => {
    if (seen.has(n.name)) {
      throw new CairnInputError(
        where,
        `${key}.namespaces[${j}]`,
        n.name,
        "Each namespace may be listed once per cluster: remove the duplicate.",
      );
    }
    seen.add(n.name);
  });
}

/**
 * Runs a component's own resolver and re-raises its error under the platform
 * argument path, keeping the component's value and fix.
 */
function delegate<T>(where: string, key: string, resolve: () => T): T {
  try {
    return resolve();
  } catch (e) {
    if (!(e instanceof CairnInputError)) throw e;
    const sub = e.argument === "args" ? "" : `.${renderPath(e.argument.split("."))}`.replace(/\.\[/g, "[");
    throw new CairnInputError(where, `${key}${sub}`, e.value, `${e.fix} (checked by ${e.where})`);
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
