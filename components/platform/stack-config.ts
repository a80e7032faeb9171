import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { PlatformArgs } from "./args";
import { CONFIG_NAMESPACE, KNOWN_KEYS, platformArgsFromConfig } from "./config";

/**
 * Reads the current stack's `cairn:` config into validated {@link PlatformArgs}.
 * Throws a CairnInputError naming the config key before anything is registered.
 */
export function loadPlatformConfig(): PlatformArgs {
  const config = new pulumi.Config(CONFIG_NAMESPACE);
  const prefix = `${CONFIG_NAMESPACE}:`;
  const raw: Record<string, unknown> = {};
  for (const [fullKey, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (!fullKey.startsWith(prefix)) continue;
    const key = fullKey.slice(prefix.length);
    // Other keys are only named in errors, never shown: they may be secrets.
    raw[key] = (KNOWN_KEYS as readonly string[]).includes(key) ? parseValue(value) : "(not shown)";
  }
  return platformArgsFromConfig(raw, {
    readFile: (path) => fs.readFileSync(path, "utf8"),
    env: (name) => process.env[name],
    secret: (key) => config.getSecret(key),
  });
}

/** Structured config arrives as JSON text; plain strings stay strings. */
function parseValue(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
