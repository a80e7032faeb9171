import * as fs from "node:fs";
import * as path from "node:path";

/** Directory with one `<chart>.txt` per pinned chart: every key path of its upstream values.yaml. */
export const UPSTREAM_KEYS_DIR = path.resolve(__dirname, "../fixtures/charts/.upstream-keys");

/** Test aid: the key paths of a pinned chart's upstream values.yaml. */
export function upstreamKeys(chart: string): Set<string> {
  const text = fs.readFileSync(path.join(UPSTREAM_KEYS_DIR, `${chart}.txt`), "utf8");
  return new Set(text.split("\n").filter((line) => line && !line.startsWith("#")));
}
