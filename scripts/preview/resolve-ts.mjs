// Lets Node's built-in TypeScript support load this folder's modules by their
// extensionless names (`./preview`), the way the rest of the codebase imports.
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
});
