// The policy pack as the engine calls it: the `local` stack's resources (its
// last deployed state, `pulumi stack export`) sent through the pack's own
// @pulumi/policy gRPC server, in this process, as the step generator does for
// each resource (Remediate, then Analyze), then one AnalyzeStack. Measured with
// decode-once (policies/decode-once.ts, as the pack ships) and without it
// (@pulumi/policy as published), in interleaved rounds, same requests. Rounds
// after the first answer findings from the pack's evaluation cache, so this
// measures what surrounds the evaluation: gRPC, decoding and mapping.
import { type ChildProcess, execFileSync, spawn } from "child_process";
import * as path from "path";
import { cairnEnv, ROOT } from "../test/helpers/engine";
import { median } from "./stats";
import { type BenchResult } from "./types";

const ROUNDS = 6;
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const fromRoot = (m: string) => require(require.resolve(m, { paths: [ROOT] }));

interface StateResource {
  urn: string;
  type: string;
  parent?: string;
  provider?: string;
  dependencies?: string[];
  inputs?: Record<string, unknown>;
}

/** State secrets are ciphertext; the engine sends plaintext, so they become a placeholder of the same shape. */
function withPlainSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withPlainSecrets);
  if (!v || typeof v !== "object") return v;
  const o = v as Record<string, unknown>;
  if (o[SECRET_SIG] && "ciphertext" in o) return { [SECRET_SIG]: o[SECRET_SIG], value: "secret" };
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, withPlainSecrets(x)]));
}

function localState(): StateResource[] {
  const out = execFileSync("pulumi", ["stack", "export", "--stack", "local"], {
    cwd: ROOT,
    env: cairnEnv(),
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  const resources = (JSON.parse(out).deployment.resources ?? []) as StateResource[];
  if (resources.length < 10) throw new Error("the local stack has no resources: run ./cairn up first");
  return resources.filter((r) => r.type !== "pulumi:providers:pulumi");
}

/** Starts a pack server process (bench/pack-server.ts) and resolves its port. */
function startPack(mode: "once" | "published"): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(__dirname, "pack-server.js"), mode], {
    env: cairnEnv(),
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve({ port: Number(String(d).trim()), child }));
    child.once("exit", (code) => reject(new Error(`pack server (${mode}) exited ${code}`)));
  });
}

export async function run(): Promise<BenchResult[]> {
  const resources = localState();
  const servers = { once: await startPack("once"), each: await startPack("published") };
  const grpc = fromRoot("@grpc/grpc-js");
  const pb = fromRoot("@pulumi/pulumi/proto/analyzer_pb.js");
  const { AnalyzerClient } = fromRoot("@pulumi/pulumi/proto/analyzer_grpc_pb.js");
  const { Struct } = fromRoot("google-protobuf/google/protobuf/struct_pb.js");
  const clients = {
    once: new AnalyzerClient(`127.0.0.1:${servers.once.port}`, grpc.credentials.createInsecure()),
    each: new AnalyzerClient(`127.0.0.1:${servers.each.port}`, grpc.credentials.createInsecure()),
  };

  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const fill = (msg: any, r: StateResource) => {
    msg.setType(r.type);
    msg.setUrn(r.urn);
    msg.setName(r.urn.slice(r.urn.lastIndexOf("::") + 2));
    msg.setProperties(Struct.fromJavaScript(withPlainSecrets(r.inputs ?? {})));
    const opts = new pb.AnalyzerResourceOptions();
    if (r.parent) opts.setParent(r.parent);
    msg.setOptions(opts);
    const provider = r.provider && byUrn.get(r.provider.slice(0, r.provider.lastIndexOf("::")));
    if (provider) {
      const p = new pb.AnalyzerProviderResource();
      p.setType(provider.type);
      p.setUrn(provider.urn);
      p.setName(provider.urn.slice(provider.urn.lastIndexOf("::") + 2));
      p.setProperties(Struct.fromJavaScript(withPlainSecrets(provider.inputs ?? {})));
      msg.setProvider(p);
    }
    return msg;
  };
  const requests = resources.map((r) => fill(new pb.AnalyzeRequest(), r));
  const stackRequest = new pb.AnalyzeStackRequest();
  stackRequest.setResourcesList(
    resources.map((r) => {
      const m = fill(new pb.AnalyzerResource(), r);
      if (r.parent) m.setParent(r.parent);
      m.setDependenciesList(r.dependencies ?? []);
      return m;
    }),
  );

  const round = async (mode: "once" | "each") => {
    const call = (method: string, req: unknown) =>
      new Promise<any>((ok, fail) =>
        clients[mode][method](req, (e: Error | null, v: unknown) => (e ? fail(e) : ok(v))),
      );
    let start = process.hrtime.bigint();
    for (const req of requests) {
      await call("remediate", req);
      await call("analyze", req);
    }
    const perResourceMs = Number(process.hrtime.bigint() - start) / 1e6 / requests.length;
    start = process.hrtime.bigint();
    const diagnostics = (await call("analyzeStack", stackRequest)).getDiagnosticsList().length;
    return { perResourceMs, stackMs: Number(process.hrtime.bigint() - start) / 1e6, diagnostics };
  };
  const results = {
    once: [] as Awaited<ReturnType<typeof round>>[],
    each: [] as Awaited<ReturnType<typeof round>>[],
  };
  try {
    await round("once"); // warm-up: wasm, JIT, gRPC connections
    await round("each");
    for (let i = 0; i < ROUNDS; i++) {
      results.each.push(await round("each"));
      results.once.push(await round("once"));
    }
  } finally {
    for (const mode of ["once", "each"] as const) {
      clients[mode].close();
      servers[mode].child.kill();
    }
  }
  const m = (k: "once" | "each", f: "perResourceMs" | "stackMs") =>
    Math.round(median(results[k].map((r) => r[f])) * 100) / 100;
  return [
    {
      name: `policy pack over gRPC: the local stack's ${resources.length} resources, Remediate + Analyze each, then AnalyzeStack (median of ${ROUNDS} interleaved rounds)`,
      metrics: {
        resources: resources.length,
        ms_per_resource: m("once", "perResourceMs"),
        ms_per_resource_decoding_per_policy: m("each", "perResourceMs"),
        analyze_stack_ms: m("once", "stackMs"),
        analyze_stack_ms_decoding_per_policy: m("each", "stackMs"),
        same_stack_findings: Number(
          results.once.every((r, i) => r.diagnostics === results.each[i].diagnostics),
        ),
      },
      anchors: {
        ms_per_resource: { name: "@pulumi/policy as published", value: m("each", "perResourceMs") },
        analyze_stack_ms: { name: "@pulumi/policy as published", value: m("each", "stackMs") },
      },
      targets: { same_stack_findings: "= 1" },
    },
  ];
}
