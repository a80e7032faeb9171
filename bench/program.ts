// Program evaluation under mocks: the real Platform component, from stack
// config, with 1, 5, 20, 50 and 100 clusters (EKS, ACK and existing clusters in
// turn, each with the mesh, Consul, the gateway and Prometheus). Each size runs
// in a fresh process (bench/program-worker.ts), since Pulumi mocks are global;
// time runs from parsing the config until every resource has reached the mock
// engine. Then the policy pack runs over the largest program's resources, in
// its own process, so each peak RSS belongs to one of them.
import { fork } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { WorkerReport } from "./program-worker";
import type { BenchResult } from "./types";

const SIZES = [1, 5, 20, 50, 100] as const;
const WORKER = path.join(__dirname, "program-worker.js");
const WORKER_TIMEOUT_MS = 600_000;

function runWorker(args: readonly string[]): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = fork(WORKER, args, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    let report: WorkerReport | undefined;
    const timer = setTimeout(() => child.kill("SIGKILL"), WORKER_TIMEOUT_MS);
    child.on("message", (m) => (report = m as WorkerReport));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (report && code === 0) resolve(report);
      else reject(new Error(`bench: program worker ${args.join(" ")} failed (exit ${code ?? signal})`));
    });
  });
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;
const perResource = (r: WorkerReport) => r.seconds / r.resources;

export async function run(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-bench-program-"));
  const dump = path.join(dir, "resources.json");
  const reports = new Map<number, WorkerReport>();
  try {
    for (const n of SIZES) {
      const report = await runWorker(["program", String(n), ...(n === SIZES.at(-1) ? [dump] : [])]);
      console.error(
        `bench: program: ${n} clusters, ${report.resources} resources, ${round(report.seconds)} s`,
      );
      reports.set(n, report);
    }
    const pack = await runWorker(["pack", dump]);
    return [
      ...SIZES.map((n) => sizeResult(n, reports.get(n)!)),
      {
        name: "program: growth with size",
        metrics: {
          "20-cluster seconds": round(reports.get(20)!.seconds),
          s_per_resource_ratio_50_vs_1: round(perResource(reports.get(50)!) / perResource(reports.get(1)!)),
          s_per_resource_ratio_50_vs_5: round(perResource(reports.get(50)!) / perResource(reports.get(5)!)),
          s_per_resource_ratio_100_vs_5: round(perResource(reports.get(100)!) / perResource(reports.get(5)!)),
          resources_per_cluster_at_100: Math.round(reports.get(100)!.resources / 100),
          peak_rss_mib_per_1000_resources_at_100: Math.round(
            (reports.get(100)!.maxRssMiB / reports.get(100)!.resources) * 1000,
          ),
        },
        // Linear growth keeps the time per resource flat (ratio 1); 1.5 allows for GC on a larger heap.
        targets: {
          "20-cluster seconds": "< 10",
          s_per_resource_ratio_50_vs_5: "<= 1.5",
          s_per_resource_ratio_100_vs_5: "<= 1.5",
        },
      },
      {
        name: `policy pack over the ${SIZES.at(-1)}-cluster program (mapping + wasm per resource, then the stack)`,
        metrics: {
          resources: pack.resources,
          seconds: round(pack.seconds),
          resources_per_s: Math.round(pack.resources / pack.seconds),
          findings: pack.findings ?? 0,
          peak_rss_mib: pack.maxRssMiB,
          rss_before_evaluation_mib: pack.baselineRssMiB,
        },
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function sizeResult(clusters: number, r: WorkerReport): BenchResult {
  return {
    name: `program: Platform of ${clusters} cluster${clusters > 1 ? "s" : ""} (EKS, ACK, existing; all workloads), mocks`,
    metrics: {
      resources: r.resources,
      seconds: round(r.seconds),
      construct_seconds: round(r.constructSeconds ?? 0),
      resources_per_s: Math.round(r.resources / r.seconds),
      peak_rss_mib: r.maxRssMiB,
      rss_before_program_mib: r.baselineRssMiB,
    },
  };
}
