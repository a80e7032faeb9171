// Loads a dependency of a dependency only when its exports are first used.
// Narrow on purpose: one module name, required from files matching one
// pattern, and the real module is loaded (with its real errors) on first use.

interface ModuleInternals {
  _load(request: string, parent: { filename?: string } | undefined, isMain: boolean): unknown;
}

/**
 * Makes `require(name)` from a file matching `from` return a stand-in that
 * loads the real module on first property access. The stand-in says it is an
 * ES module (`__esModule`), so TypeScript's `__importStar` hands it over as is
 * instead of copying (and so loading) every export at import time.
 */
export function lazyModule(name: string, from: RegExp): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Module = require("module") as unknown as ModuleInternals;
  const load = Module._load.bind(Module);
  Module._load = (request, parent, isMain) => {
    if (request !== name || !parent?.filename || !from.test(parent.filename))
      return load(request, parent, isMain);
    let real: Record<PropertyKey, unknown> | undefined;
    const get = () => (real ??= load(request, parent, isMain) as Record<PropertyKey, unknown>);
    return new Proxy(
      {},
      {
        get: (_, prop) => (prop === "__esModule" ? true : get()[prop]),
        has: (_, prop) => prop in get(),
        ownKeys: () => Reflect.ownKeys(get()),
        getOwnPropertyDescriptor: (_, prop) => {
          const d = Reflect.getOwnPropertyDescriptor(get(), prop);
          return d && { ...d, configurable: true };
        },
      },
    );
  };
}
