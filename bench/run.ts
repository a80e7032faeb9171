// `npm run bench`: runs every benchmark module, prints one table and writes JSON to bench-results/.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type BenchModule, type BenchResult } from "./types";

const MODULES = ["policy", "program", "engine", "pack-rpc", "gatekeeper"];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const results: BenchResult[] = [];
  for (const name of MODULES.filter((m) => only.length === 0 || only.includes(m))) {
    const file = path.join(__dirname, `${name}.js`);
    if (!fs.existsSync(file)) {
      console.error(`bench: ${name}: module not built (${file})`);
      process.exitCode = 1;
      continue;
    }
    console.error(`bench: running ${name}`);
    const mod = (await import(file)) as BenchModule;
    results.push(...(await mod.run()));
  }
  for (const r of results) {
    console.log(`\n${r.name}`);
    for (const [metric, value] of Object.entries(r.metrics)) {
      const target = r.targets?.[metric] ? `  (target ${r.targets[metric]})` : "";
      console.log(`  ${metric.padEnd(34)} ${format(value).padStart(14)}${target}`);
    }
  }
  printSummary(results);
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
  const outDir = path.join(__dirname, "../../bench-results");
  fs.mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, `bench-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(out, JSON.stringify({ machine, results }, null, 2));
  console.log(`\nwrote ${out}`);
}

/** Whether `value` meets a target such as ">= 20000", "< 50" or "= 1" (any words after the number are a note). */
function meets(value: number, target: string): boolean | undefined {
  const m = /^\s*(>=|<=|>|<|=)\s*(-?[\d.]+)/.exec(target);
  if (!m) return undefined;
  const bound = Number(m[2]);
  const checks: Record<string, boolean> = {
    ">=": value >= bound,
    "<=": value <= bound,
    ">": value > bound,
    "<": value < bound,
    "=": value === bound,
  };
  return checks[m[1]];
}

/** Every figure that has a target or an anchor: value, anchor and ratio, target and whether it is met. */
function printSummary(results: readonly BenchResult[]): void {
  const rows: string[][] = [["figure", "value", "anchor (same run)", "ratio", "target", "met"]];
  for (const r of results) {
    const metrics = new Set([...Object.keys(r.targets ?? {}), ...Object.keys(r.anchors ?? {})]);
    for (const metric of metrics) {
      const value = r.metrics[metric];
      if (value === undefined) continue;
      const anchor = r.anchors?.[metric];
      const target = r.targets?.[metric];
      const met = target === undefined ? undefined : meets(value, target);
      rows.push([
        `${r.name.split(" (")[0].slice(0, 48)}: ${metric}`,
        format(value),
        anchor ? `${anchor.name} ${format(anchor.value)}` : "",
        anchor && anchor.value ? `${(value / anchor.value).toFixed(2)}x` : "",
        target ?? "",
        met === undefined ? "" : met ? "yes" : "NO",
      ]);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  console.log("\nsummary: each figure beside its anchor and target");
  for (const row of rows) console.log("  " + row.map((c, i) => c.padEnd(widths[i])).join("  "));
}

function format(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toFixed(3);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
