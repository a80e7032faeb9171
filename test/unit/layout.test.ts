import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

// The rule: `cairn:<module>:<Type>` lives in components/<module>/, or in
// components/<module>/<kind>/ when a module has several components (the clusters).
// Tokens are a public contract and never change to fit a folder; folders follow them.
const COMPONENTS = path.resolve(__dirname, "../../components");
const folders = fs
  .readdirSync(COMPONENTS, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && e.name === "args.ts")
  .map((e) => path.relative(COMPONENTS, e.parentPath))
  .sort();

describe("component layout", () => {
  it("finds every component folder", () => {
    expect(folders.length).toBeGreaterThanOrEqual(10);
  });

  it.each(folders)("components/%s holds a token of its module", (folder) => {
    const build = fs.readFileSync(path.join(COMPONENTS, folder, "build.ts"), "utf8");
    const tokens = [...build.matchAll(/"cairn:([\w-]+):([\w-]+)"/g)].map(([, module]) => module);
    expect(tokens.length, `${folder}/build.ts declares no type token`).toBeGreaterThan(0);
    for (const module of tokens) expect(folder.split("/")[0], folder).toBe(module);
  });

  it.each(folders)("components/%s exports no test material from its index.ts", (folder) => {
    const index = fs.readFileSync(path.join(COMPONENTS, folder, "index.ts"), "utf8");
    expect(index).not.toMatch(/cases|schema-check|bad-input|fixture|test\//);
    expect(index, "create<Thing> is for the Platform, not the public API").not.toMatch(/\bcreate[A-Z]/);
  });
});
