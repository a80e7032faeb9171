/**
 * Every value key path a chart knows: its values.yaml, its subcharts' values under
 * their name (or alias), and their `condition` paths, as Helm merges them.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";

/**
 * Istio's charts keep their defaults under this key and merge it over `.Values`
 * (templates/zzz_profile.yaml), so users set `foo`, never `_internal_defaults_do_not_set.foo`.
 */
const ISTIO_DEFAULTS = "_internal_defaults_do_not_set";

/** Every dotted key path of a values document (objects only: array items are not descended into). */
export function valueKeyPaths(doc: unknown, prefix = "", out = new Set<string>()): Set<string> {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) return out;
  for (const [key, child] of Object.entries(doc)) {
    const dotted = prefix ? `${prefix}.${key}` : key;
    if (!prefix && key === ISTIO_DEFAULTS) {
      valueKeyPaths(child, "", out);
      continue;
    }
    out.add(dotted);
    valueKeyPaths(child, dotted, out);
  }
  return out;
}

interface Dependency {
  readonly name?: unknown;
  readonly alias?: unknown;
  readonly condition?: unknown;
}

/** The values.yaml text of a subchart: an unpacked directory, or a packaged `<name>-<version>.tgz`. */
function subchartValues(chartDir: string, name: string): { text: string; dir?: string } | undefined {
  const charts = path.join(chartDir, "charts");
  if (!fs.existsSync(charts)) return undefined;
  const dir = path.join(charts, name);
  if (fs.existsSync(path.join(dir, "Chart.yaml"))) {
    const file = path.join(dir, "values.yaml");
    return { text: fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "", dir };
  }
  const tgz = fs.readdirSync(charts).find((f) => f.startsWith(`${name}-`) && f.endsWith(".tgz"));
  if (!tgz) return undefined;
  try {
    return {
      text: execFileSync("tar", ["-xzOf", path.join(charts, tgz), `${name}/values.yaml`], {
        encoding: "utf8",
      }),
    };
  } catch {
    // A packaged subchart without a values.yaml has no keys of its own.
    return { text: "" };
  }
}

/** Every key path of the chart in `dir`: values.yaml, subcharts (under their name or alias) and conditions. */
export function chartValueKeys(dir: string): Set<string> {
  const file = path.join(dir, "values.yaml");
  const keys = valueKeyPaths(fs.existsSync(file) ? parseYaml(fs.readFileSync(file, "utf8")) : {});
  const chart = (parseYaml(fs.readFileSync(path.join(dir, "Chart.yaml"), "utf8")) ?? {}) as {
    dependencies?: Dependency[];
  };
  for (const dep of chart.dependencies ?? []) {
    if (typeof dep.name !== "string") continue;
    const at = typeof dep.alias === "string" ? dep.alias : dep.name;
    if (typeof dep.condition === "string") {
      for (const c of dep.condition.split(",")) if (c.trim()) keys.add(c.trim());
    }
    keys.add(at);
    const sub = subchartValues(dir, dep.name);
    if (!sub) continue;
    const subKeys = sub.dir ? chartValueKeys(sub.dir) : valueKeyPaths(parseYaml(sub.text));
    // A subchart sees its own keys under its name, and `global` as the parent's global.
    for (const k of subKeys) keys.add(k === "global" || k.startsWith("global.") ? k : `${at}.${k}`);
  }
  // A key path's parents are keys too (a condition `crds.enabled` implies `crds`).
  for (const k of [...keys]) {
    const parts = k.split(".");
    for (let i = 1; i < parts.length; i++) keys.add(parts.slice(0, i).join("."));
  }
  return keys;
}
