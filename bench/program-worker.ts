// Child process of bench/program.ts (Pulumi mocks are global to a process, so
// each measurement gets a fresh one). Two modes:
//   program <clusters> [dump.json]  evaluate the Platform from stack config under mocks
//   pack <dump.json>                run the policy pack over a dumped program's resources
// Each sends one WorkerReport to the parent and exits.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { Platform, platformArgsFromConfig } from "../components/platform";
import { type ConfigSources } from "../components/platform/config";
import { TEST_KUBECONFIG } from "../test/cases/stack-config.cases";
import { type PulumiResource } from "../policies/mapping";
import { Evaluator } from "../policies/pack";
import { policyBundle } from "../policies/wasm";
import { ResourceRecorder, unwrap } from "../test/helpers/mocks";

/** What a worker measured. */
export interface WorkerReport {
  readonly resources: number;
  /** Wall time of the measured part (config parsing to the last registration; or the pack run). */
  readonly seconds: number;
  /** Wall time of the synchronous part: config parsing and the component constructors. */
  readonly constructSeconds?: number;
  /** Peak resident set size of the whole process. */
  readonly maxRssMiB: number;
  /** Resident set size before the measured part (modules and inputs loaded). */
  readonly baselineRssMiB: number;
  readonly findings?: number;
}

const FIXTURE_CHARTS = path.resolve(__dirname, "../../test/fixtures/charts");
const GOSSIP_KEY = "c2l4dGVlbi1ieXRlcy1vZi1rZXktbWF0ZXJpYWwhISE=";

const sources: ConfigSources = {
  readFile: (file) => fs.readFileSync(file, "utf8"),
  env: (name) => process.env[name],
  secret: (key) =>
    key === "clusterKubeconfig"
      ? pulumi.secret(TEST_KUBECONFIG)
      : key === "consulGossipKey"
        ? pulumi.secret(GOSSIP_KEY)
        : undefined,
};

/** Every workload, wired as a production stack would: mesh, Consul, a JWT-protected gateway, Prometheus with an SLO. */
const workloads = {
  mesh: {},
  consul: { gossipKeySecret: "consulGossipKey" },
  gateway: {
    jwt: [{ issuer: "https://id.example.com", jwksUri: "https://id.example.com/.well-known/jwks.json" }],
    routes: [{ name: "web", service: { name: "web", namespace: "apps", port: 8080 } }],
  },
  prometheus: { slos: [{ service: "web", namespace: "apps", availability: 99.9 }] },
};

/** The raw `cairn:` stack config of a multi-cloud platform: EKS, ACK and existing clusters in turn. */
function platformConfig(clusters: number): Record<string, unknown> {
  const kinds = [
    { region: "eu-west-1", eks: {} },
    { region: "cn-hangzhou", ack: {} },
    { existing: { kubeconfigSecret: "clusterKubeconfig", kubernetesVersion: "1.34" } },
  ];
  return {
    chartMirror: FIXTURE_CHARTS,
    clusters: Array.from({ length: clusters }, (_, i) => ({
      name: `c${i}`,
      ...kinds[i % kinds.length],
      namespaces: ["apps"],
      workloads,
    })),
  };
}

const rssMiB = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const maxRssMiB = () => rssMiB(process.resourceUsage().maxRSS * 1024);
const seconds = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e9;

async function program(clusters: number, dump?: string): Promise<WorkerReport> {
  const recorder = new ResourceRecorder();
  const raw = platformConfig(clusters);
  const baselineRssMiB = rssMiB(process.memoryUsage().rss);
  const start = process.hrtime.bigint();
  const platform = new Platform("platform", platformArgsFromConfig(raw, sources), recorder.opts);
  const constructSeconds = seconds(start);
  await unwrap(pulumi.all([platform.clusters, platform.kubeconfigs]));
  const resources = await recorder.settled(600_000);
  const elapsed = seconds(start);
  if (dump) {
    const policyResources: PulumiResource[] = resources
      .filter((r) => r.custom || r.type.startsWith("kubernetes:helm.sh/"))
      .map((r) => ({
        type: r.type,
        urn: `urn:pulumi:bench::cairn::${r.type}::${r.name}`,
        name: r.name,
        props: r.inputs,
      }));
    fs.writeFileSync(dump, JSON.stringify(policyResources));
  }
  return {
    resources: resources.length,
    seconds: elapsed,
    constructSeconds,
    maxRssMiB: maxRssMiB(),
    baselineRssMiB,
  };
}

/** The pack as the analyzer runs it: every resource mapped and evaluated once, then the stack policies. */
function pack(dump: string): WorkerReport {
  policyBundle();
  const resources = JSON.parse(fs.readFileSync(dump, "utf8")) as PulumiResource[];
  const baselineRssMiB = rssMiB(process.memoryUsage().rss);
  const start = process.hrtime.bigint();
  const evaluator = new Evaluator([], () => false);
  let findings = 0;
  for (const r of resources) findings += evaluator.resourceFindings(r).length;
  findings += evaluator.stackFindings(resources).length;
  return {
    resources: resources.length,
    seconds: seconds(start),
    maxRssMiB: maxRssMiB(),
    baselineRssMiB,
    findings,
  };
}

async function main(): Promise<void> {
  const [mode, arg, dump] = process.argv.slice(2);
  const report = mode === "pack" ? pack(arg) : await program(Number(arg), dump);
  await new Promise<void>((resolve, reject) =>
    process.send ? process.send(report, (e: Error | null) => (e ? reject(e) : resolve())) : resolve(),
  );
  if (!process.send) console.log(JSON.stringify(report));
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
