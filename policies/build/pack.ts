/**
 * Transpiles the policy pack to CommonJS in policies/dist/pack/, which policies/package.json
 * names as "main": the engine then starts the pack without compiling TypeScript on every preview
 * and up. Only start.ts (the entry: compile cache, lazy loading) and the modules it reaches go there (the pack's runtime); the Gatekeeper
 * generator, used by the build alone, goes to policies/dist/build/. Types are checked by
 * `npm run typecheck`, not here. Run by scripts/build-policies from policies/:
 * `node policies/build/pack.ts`.
 */
import * as fs from "node:fs";
import ts from "typescript";

function transpile(file: string, out: string): string {
  const source = fs.readFileSync(file, "utf8");
  const js = ts.transpileModule(source, {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  }).outputText;
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(`${out}/${file.replace(/\.ts$/, ".js")}`, js);
  return js;
}

/** The entry and every sibling module it reaches through relative `require("./x")`. */
function transpileReachable(entry: string, out: string): void {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const js = transpile(file, out);
    for (const m of js.matchAll(/require\("\.\/([^"/]+)"\)/g)) visit(`${m[1]}.ts`);
  };
  visit(entry);
}

fs.rmSync("dist/pack", { recursive: true, force: true });
transpileReachable("start.ts", "dist/pack");
transpile("gatekeeper.ts", "dist/build");
console.error("build-policies: pack -> policies/dist/pack/start.js");
