import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { DIST_DIR } from "../paths";

// What scripts/build-policies transpiles into policies/dist/pack, the code the engine runs.
const PACK_DIR = path.join(DIST_DIR, "pack");

/** The pack's modules reachable from the entry (start.js, package.json "main") through relative requires. */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const js = fs.readFileSync(path.join(PACK_DIR, file), "utf8");
    for (const m of js.matchAll(/require\("\.\/([^"]+)"\)/g)) visit(`${m[1]}.js`);
  };
  visit(entry);
  return seen;
}

describe("the compiled pack (policies/dist/pack)", () => {
  it("holds only what start.js (package.json main) needs at run time: no test material", () => {
    const main = (
      JSON.parse(fs.readFileSync(path.join(DIST_DIR, "..", "package.json"), "utf8")) as { main: string }
    ).main;
    expect(main).toBe("dist/pack/start.js");
    const files = fs.readdirSync(PACK_DIR).sort();
    expect(files).toContain("index.js");
    expect(files.filter((f) => /samples|opa-cli|\.test\./.test(f))).toEqual([]);
    const unused = files.filter((f) => !reachable("start.js").has(f));
    expect(unused).toEqual([]);
  });
});
