import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { type ChartFiles } from "./chart";

/** Reads local charts from the disk: what components use at registration time. */
export const diskChartFiles: ChartFiles = {
  chartYaml(dir) {
    const file = path.join(dir, "Chart.yaml");
    if (!fs.existsSync(file)) return undefined;
    const doc = parseYaml(fs.readFileSync(file, "utf8")) as { name?: unknown; version?: unknown } | null;
    return { name: String(doc?.name ?? ""), version: String(doc?.version ?? "") };
  },
};
