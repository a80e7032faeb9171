// Lets plain `node` run this folder's TypeScript and what it imports (components/, policies/) as
// CommonJS, the way tsc compiles the repository: each `.ts` file is transpiled on load with the
// TypeScript compiler (types are checked by `npm run typecheck`, not here), and extensionless
// relative imports find it. Node's own type stripping cannot do this: the repository's `.ts`
// files use ES import syntax in a CommonJS package and read __dirname.
// Usage: node --require scripts/charts-check/load-ts.js scripts/charts-check/cli.ts
"use strict";
const fs = require("node:fs");
const Module = require("node:module");
const ts = require("typescript");

const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
Module._extensions[".ts"] = (module, filename) => {
  const source = fs.readFileSync(filename, "utf8");
  module._compile(
    ts.transpileModule(source, { fileName: filename, compilerOptions: options }).outputText,
    filename,
  );
};
