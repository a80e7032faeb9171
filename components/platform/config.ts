import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { type ChartFiles } from "../shared/chart";
import { CairnInputError } from "../shared/errors";
import { preResolved, type Resolved } from "../shared/resolved";
import { renderPath } from "../shared/validate";
import { type PlatformArgs, type PlatformClusterArgs } from "./args";
import { resolvePlatform } from "./build";
import { type ResolvedPlatform } from "./resolved";

/** Config namespace of every Cairn stack key (`cairn:clusters`, `cairn:chartMirror`). */
export const CONFIG_NAMESPACE = "cairn";
/** `where` of every stack config error. */
export const STACK_CONFIG = "stack config";
/** The keys Cairn reads; any other `cairn:` key is a typo unless it is a secret a cluster references. */
export const KNOWN_KEYS = ["clusters", "chartMirror", "policyProfile"] as const;

/** How the config reader reaches the outside world; injected so parsing stays testable. */
export interface ConfigSources {
  /** Reads a file (a kubeconfig path); throws when it cannot. */
  readFile(path: string): string;
  /** An environment variable. */
  env(name: string): string | undefined;
  /** A secret stack config key (`pulumi config set --secret <key>`), undefined when unset. */
  secret(key: string): pulumi.Output<string> | undefined;
}

const kubeconfigSource = z.strictObject({
  kubeconfigPath: z.string().min(1, "kubeconfigPath must be a file path").optional(),
  kubeconfigEnv: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "kubeconfigEnv must be an environment variable name")
    .optional(),
  kubeconfigSecret: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "kubeconfigSecret must be a config key name such as prodKubeconfig")
    .optional(),
});

/**
 * Turns the raw `cairn:` stack config into {@link PlatformArgs}: checks the
 * stack-config keys and reads kubeconfigs and secrets (from a file, an
 * environment variable or a secret config key, never from plain config). The
 * platform itself is validated by {@link resolveStackConfig}, once.
 */
export function platformArgsFromConfig(
  raw: Readonly<Record<string, unknown>>,
  sources: ConfigSources,
): PlatformArgs {
  const clusters = raw.clusters;
  if (!Array.isArray(clusters)) {
    throw new CairnInputError(
      STACK_CONFIG,
      `${CONFIG_NAMESPACE}:clusters`,
      clusters,
      "Set cairn:clusters to a list of clusters in stacks/Pulumi.<stack>.yaml (see docs/stacks.md).",
    );
  }
  clusters.forEach((c, i) => {
    if (c === null || typeof c !== "object" || Array.isArray(c)) {
      throw new CairnInputError(
        STACK_CONFIG,
        `${CONFIG_NAMESPACE}:clusters[${i}]`,
        c,
        "Each cluster is a mapping with a name and one kind (existing, eks, ack or crossplane): see docs/stacks.md.",
      );
    }
  });
  checkUnknownKeys(raw, clusters);
  return {
    clusters: clusters.map((c, i) => withGossipKey(withKubeconfig(c, i, sources), i, sources)),
    ...(raw.chartMirror !== undefined ? { chartMirror: raw.chartMirror as string } : {}),
  };
}

/**
 * Reads and resolves the whole platform from stack config, before any resource
 * is registered. Every error names the config key
 * (`cairn:clusters[1].eks.nodeGroups[0].scaling.maxSize`), the value and the
 * fix. The result goes straight to `new Platform(name, resolved)`.
 */
export function resolveStackConfig(
  raw: Readonly<Record<string, unknown>>,
  sources: ConfigSources,
  charts: ChartFiles,
): Resolved<ResolvedPlatform> {
  const args = platformArgsFromConfig(raw, sources);
  return preResolved(resolvePlatform(STACK_CONFIG, args, { charts, prefix: `${CONFIG_NAMESPACE}:` }), {});
}

interface SecretRefs {
  existing?: { kubeconfigSecret?: unknown };
  workloads?: { consul?: { gossipKeySecret?: unknown } };
}

/** Secret config keys the clusters reference (their values are read with `getSecret`). */
export function referencedSecrets(clusters: readonly unknown[]): string[] {
  return clusters.flatMap((c) => {
    const refs = (c ?? {}) as SecretRefs;
    return [refs.existing?.kubeconfigSecret, refs.workloads?.consul?.gossipKeySecret].filter(
      (k): k is string => typeof k === "string",
    );
  });
}

function checkUnknownKeys(raw: Readonly<Record<string, unknown>>, clusters: readonly unknown[]): void {
  const allowed = new Set<string>([...KNOWN_KEYS, ...referencedSecrets(clusters)]);
  const unknown = Object.keys(raw).find((k) => !allowed.has(k));
  if (unknown) {
    throw new CairnInputError(
      STACK_CONFIG,
      `${CONFIG_NAMESPACE}:${unknown}`,
      raw[unknown],
      `Cairn reads only ${KNOWN_KEYS.map((k) => `${CONFIG_NAMESPACE}:${k}`).join(" and ")} (plus the secret keys clusters reference): remove it or fix its spelling.`,
    );
  }
}

function withKubeconfig(c: unknown, i: number, sources: ConfigSources): PlatformClusterArgs {
  const cluster = c as PlatformClusterArgs;
  const existing = (c as { existing?: unknown } | null)?.existing;
  if (existing === null || typeof existing !== "object") return cluster;
  const key = `${CONFIG_NAMESPACE}:clusters[${i}].existing`;
  const e = existing as Record<string, unknown>;
  if (e.kubeconfig !== undefined) {
    throw new CairnInputError(
      STACK_CONFIG,
      `${key}.kubeconfig`,
      "(hidden)",
      "Never put a kubeconfig in plain config: store it with `pulumi config set --secret <key> < kubeconfig` and set kubeconfigSecret: <key> (or kubeconfigPath / kubeconfigEnv).",
    );
  }
  const { kubeconfigPath, kubeconfigEnv, kubeconfigSecret, ...rest } = e;
  const source = kubeconfigSource.safeParse({ kubeconfigPath, kubeconfigEnv, kubeconfigSecret });
  if (!source.success) {
    const issue = source.error.issues[0];
    throw new CairnInputError(
      STACK_CONFIG,
      `${key}.${renderPath(issue.path)}`,
      e[String(issue.path[0])],
      `${issue.message}.`,
    );
  }
  const given = Object.entries(source.data).filter(([, v]) => v !== undefined);
  if (given.length !== 1) {
    throw new CairnInputError(
      STACK_CONFIG,
      key,
      given.map(([k]) => k),
      "Set exactly one of kubeconfigPath (a file), kubeconfigEnv (an environment variable holding the file path) or kubeconfigSecret (a secret config key holding the kubeconfig).",
    );
  }
  const [field, value] = given[0] as [string, string];
  return {
    ...cluster,
    existing: { ...rest, kubeconfig: readKubeconfig(`${key}.${field}`, field, value, sources) },
  };
}

/** `workloads.consul.gossipKeySecret: <key>` becomes the secret `gossipKey` the Consul component takes. */
function withGossipKey(c: PlatformClusterArgs, i: number, sources: ConfigSources): PlatformClusterArgs {
  const consul = c.workloads?.consul as (Record<string, unknown> & { gossipKeySecret?: unknown }) | undefined;
  if (!consul || typeof consul !== "object") return c;
  const key = `${CONFIG_NAMESPACE}:clusters[${i}].workloads.consul`;
  if (consul.gossipKey !== undefined) {
    throw new CairnInputError(
      STACK_CONFIG,
      `${key}.gossipKey`,
      "(hidden)",
      "Never put the gossip key in plain config: store it with `pulumi config set --secret <key>` and set gossipKeySecret: <key>, or omit both to generate one.",
    );
  }
  const { gossipKeySecret, ...rest } = consul;
  if (gossipKeySecret === undefined) return c;
  const secret = typeof gossipKeySecret === "string" ? sources.secret(gossipKeySecret) : undefined;
  if (!secret) {
    throw new CairnInputError(
      STACK_CONFIG,
      `${key}.gossipKeySecret`,
      gossipKeySecret,
      `Set it to a secret config key holding 32 random bytes in base64: \`openssl rand -base64 32 | pulumi config set --secret ${typeof gossipKeySecret === "string" ? gossipKeySecret : "consulGossipKey"}\`.`,
    );
  }
  return { ...c, workloads: { ...c.workloads, consul: { ...rest, gossipKey: secret } } };
}

function readKubeconfig(
  key: string,
  field: string,
  value: string,
  sources: ConfigSources,
): pulumi.Input<string> {
  if (field === "kubeconfigSecret") {
    const secret = sources.secret(value);
    if (!secret) {
      throw new CairnInputError(
        STACK_CONFIG,
        key,
        value,
        `Config key ${CONFIG_NAMESPACE}:${value} is not set: run \`pulumi config set --secret ${value} < kubeconfig\`.`,
      );
    }
    return secret;
  }
  const path = field === "kubeconfigEnv" ? sources.env(value) : value;
  if (!path) {
    throw new CairnInputError(
      STACK_CONFIG,
      key,
      value,
      `Environment variable ${value} is not set: export it (./cairn sets KUBECONFIG_CAIRN through scripts/env.sh), or use kubeconfigPath.`,
    );
  }
  try {
    return sources.readFile(path);
  } catch (err) {
    throw new CairnInputError(
      STACK_CONFIG,
      key,
      path,
      `The kubeconfig cannot be read (${(err as Error).message}): for the local stack run ./cairn cluster start, otherwise fix the path.`,
    );
  }
}
