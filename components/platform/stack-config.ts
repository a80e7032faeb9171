import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { diskChartFiles } from "../shared/chart-files";
import { type Resolved } from "../shared/resolved";
import { type ResolvedPlatform } from "./resolved";
import { CONFIG_NAMESPACE, KNOWN_KEYS, resolveStackConfig } from "./config";

/**
 * Reads the current stack's `cairn:` config and resolves the platform from it, once.
 * Throws a CairnInputError naming the config key before anything is registered.
 * The only place Cairn reads stack config: components get everything as args.
 */
export function loadPlatformConfig(): Resolved<ResolvedPlatform> {
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  const prefix = `${CONFIG_NAMESPACE}:`;
  const raw: Record<string, unknown> = {};
  for (const [fullKey, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (!fullKey.startsWith(prefix)) continue;
    const key = fullKey.slice(prefix.length);
    // Other keys are only named in errors, never shown: they may be secrets.
    raw[key] = (KNOWN_KEYS as readonly string[]).includes(key) ? parseValue(value) : "(not shown)";
  }
  const sources = {
    readFile: (path: string) => fs.readFileSync(path, "utf8"),
    env: (name: string) => process.env[name],
    secret: (key: string) => config.getSecret(key),
  };
  return resolveStackConfig(raw, sources, diskChartFiles);
}

/** Structured config arrives as JSON text; plain strings stay strings. */
function parseValue(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
