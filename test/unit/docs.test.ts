import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ARGS_START, formattedReadmes, formattedReference } from "../../scripts/docs/reference";

const ROOT = path.resolve(__dirname, "../..");
const DOCS = path.join(ROOT, "docs");
const docs = fs.readdirSync(DOCS).filter((f) => f.endsWith(".md"));
const text = (f: string) => fs.readFileSync(path.join(DOCS, f), "utf8");

/** Repository paths quoted in backticks, without placeholders or globs. */
function quotedPaths(markdown: string): string[] {
  const roots = /^(components|scripts|stacks|policies|test|examples|docs|\.github)\//;
  return [...markdown.matchAll(/`([^`\s]+)`/g)]
    .map(([, p]) => p.replace(/[.,:;)]+$/, ""))
    .filter((p) => roots.test(p) && !/[<*{]/.test(p));
}

describe("docs/", () => {
  it("has a component reference generated from the current code", async () => {
    expect(fs.readFileSync(path.join(DOCS, "reference.md"), "utf8")).toBe(await formattedReference(ROOT));
  });

  it("has every component README's args table generated from its schema", async () => {
    const readmes = await formattedReadmes(ROOT);
    expect(readmes.length).toBeGreaterThanOrEqual(9);
    for (const { file, text } of readmes) {
      const rel = path.relative(ROOT, file);
      expect(text, `${rel} has no generated args section`).toContain(ARGS_START);
      expect(fs.readFileSync(file, "utf8"), `${rel} is stale: run scripts/docs/run`).toBe(text);
    }
  });

  it.each(docs)("%s quotes only paths that exist", (file) => {
    for (const p of quotedPaths(text(file)))
      expect(fs.existsSync(path.join(ROOT, p)), `${file}: ${p}`).toBe(true);
  });

  it.each(docs)("%s links only to files that exist", (file) => {
    for (const [, link] of text(file).matchAll(/\]\(([^)#]+\.md)(#[^)]*)?\)/g)) {
      expect(fs.existsSync(path.join(DOCS, link)), `${file}: ${link}`).toBe(true);
    }
  });

  it("covers architecture, stacks, the reference, CI, components, policies, upgrades and offline use", () => {
    expect(docs).toEqual(
      expect.arrayContaining([
        "architecture.md",
        "stacks.md",
        "reference.md",
        "ci.md",
        "adding-a-component.md",
        "adding-a-policy.md",
        "upgrading.md",
        "offline.md",
      ]),
    );
  });
});
