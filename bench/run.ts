// `npm run bench`: runs every benchmark module, prints one table and writes JSON to bench-results/.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type BenchModule, type BenchResult } from "./types";

const MODULES = ["policy", "program", "engine", "gatekeeper"];

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

function format(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString("en-US") : value.toFixed(3);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
