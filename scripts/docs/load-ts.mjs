// Lets Node's built-in TypeScript support load the components' modules (written as
// ES modules with extensionless imports, compiled to CommonJS by tsc) for the docs
// generator: extensionless relative imports resolve to `.ts`, and every `.ts` file
// loads as a TypeScript ES module.
import { registerHooks } from "node:module";

registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (error) {
      if (specifier.startsWith(".") && !specifier.endsWith(".ts")) return next(`${specifier}.ts`, context);
      throw error;
    }
  },
  load(url, context, next) {
    const loaded = next(url, context);
    return url.endsWith(".ts") ? { ...loaded, format: "module-typescript" } : loaded;
  },
});
