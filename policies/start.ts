// The pack's entry (policies/package.json "main" is its transpiled form): makes
// start-up cheaper before anything heavy loads, then starts the pack
// (index.ts). The engine starts the pack once per preview and twice per up,
// and nearly all of its start-up was loading @pulumi/policy (bench/engine.ts):
//  - Node's module compile cache: the code of @pulumi/pulumi, gRPC and the
//    pack is compiled once and reused from $CAIRN_CACHE/node-compile-cache
//    (or NODE_COMPILE_CACHE) by every later start (about 2.0 s -> 0.6 s);
//  - each request's properties are decoded once, not once per policy
//    (decode-once.ts);
//  - @npmcli/arborist, which @pulumi/pulumi loads for closure serialisation
//    (about 500 of the 770 modules the pack loaded), is loaded only if used; a
//    policy pack never serialises closures.
import * as nodeModule from "module";
import * as os from "os";
import * as path from "path";
import { decodePolicyRequestsOnce } from "./decode-once";
import { lazyModule } from "./lazy";

function compileCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NODE_COMPILE_CACHE) return env.NODE_COMPILE_CACHE;
  return path.join(env.CAIRN_CACHE ?? path.join(os.homedir(), ".cache", "cairn"), "node-compile-cache");
}

// A cache that cannot be written only costs speed: enableCompileCache reports it and never throws for it.
nodeModule.enableCompileCache?.(compileCacheDir());
lazyModule("@npmcli/arborist", /[\\/]@pulumi[\\/]pulumi[\\/]runtime[\\/]closure[\\/]codePaths\.js$/);
decodePolicyRequestsOnce();

// eslint-disable-next-line @typescript-eslint/no-require-imports
require("./index");
