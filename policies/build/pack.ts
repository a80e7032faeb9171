/**
 * Transpiles the policy pack (every top-level policies/*.ts) to CommonJS in policies/dist/pack/,
 * which policies/package.json names as "main": the engine then starts the pack without compiling
 * TypeScript on every preview and up. Types are checked by `npm run typecheck`, not here.
 * Run by scripts/build-policies from policies/: `node policies/build/pack.ts`.
 */
import * as fs from "node:fs";
import ts from "typescript";

const out = "dist/pack";
fs.mkdirSync(out, { recursive: true });
for (const f of fs.readdirSync(".").filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))) {
  const js = ts.transpileModule(fs.readFileSync(f, "utf8"), {
    fileName: f,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  }).outputText;
  fs.writeFileSync(`${out}/${f.replace(/\.ts$/, ".js")}`, js);
}
console.error(`build-policies: pack -> policies/${out}/index.js`);
