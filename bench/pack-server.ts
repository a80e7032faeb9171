// The policy pack's server for bench/pack-rpc.ts, started as the engine starts
// it (policies/dist/pack/start.js in its own process, the port on stdout).
// `node pack-server.js published` then puts back @pulumi/policy's own decode
// functions, which decode a request once per policy: the pack without decode-once.
import * as path from "path";
import { ROOT } from "../test/helpers/engine";

/* eslint-disable @typescript-eslint/no-require-imports */
const fromRoot = (m: string) => require(require.resolve(m, { paths: [ROOT] }));
const deserialize = fromRoot("@pulumi/policy/deserialize");
const proxy = fromRoot("@pulumi/policy/proxy");
const published = [deserialize.deserializeProperties, proxy.unknownCheckingProxy];
process.chdir(path.join(ROOT, "policies"));
require(path.join(ROOT, "policies/dist/pack/start.js"));
if (process.argv[2] === "published") {
  [deserialize.deserializeProperties, proxy.unknownCheckingProxy] = published;
}
