// Per-admission latency of the live Gatekeeper (scripts/gatekeeper: a local process, the embedded API
// server's validating webhook) over every templated policy's Kubernetes-object samples, each a
// server-side dry-run create; the same requests with no webhook, for Gatekeeper's share; and, beside
// it, the pack's per-resource time on the same samples (the wasm evaluation `pulumi preview` runs).
// Starts Gatekeeper itself and installs the templates and constraints with server-side apply of
// GatekeeperPolicies' own manifests (buildGatekeeperManifests), not through the Pulumi engine: this
// measures admission, not `up`. Needs the toolchain's gatekeeper and a running embedded cluster;
// without them it says why and reports nothing.
import { buildGatekeeperManifests, diskTemplateFiles, resolveGatekeeperPolicies } from "../components/policy";
import { type Manifest } from "../components/shared/manifests";
import { GATEKEEPER_POLICIES } from "../policies/gatekeeper";
import { Evaluator } from "../policies/pack";
import { toPulumiResource } from "../policies/test/samples";
import { kubectl } from "../test/helpers/kube";
import {
  admit,
  deleteAll,
  ensureSampleCrds,
  gatekeeper,
  gatekeeperAvailable,
  kubeObjects,
  MANAGED,
  placedCases,
  policyNamespace,
} from "../test/helpers/gatekeeper";
import { percentile } from "./stats";
import { type BenchResult } from "./types";

const ROUNDS = 20;
const PACK_ROUNDS = 200;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Server-side applies `manifests` as one List. */
function kubectlApply(manifests: readonly Manifest[]): Promise<void> {
  return kubectl(
    ["apply", "--server-side", "--field-manager=cairn-bench", "-f", "-"],
    JSON.stringify({ apiVersion: "v1", kind: "List", items: manifests }),
  );
}

async function waitFor(what: string, check: () => Promise<boolean>, seconds = 120): Promise<void> {
  for (let i = 0; i < seconds * 4; i++) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`bench gatekeeper: ${what} not ready in ${seconds} s`);
}

/** Milliseconds per dry-run admission, every case ROUNDS times. */
async function latencies(objects: readonly Record<string, unknown>[]): Promise<number[]> {
  const api = kubeObjects();
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const o of objects) {
      const start = process.hrtime.bigint();
      await admit(api, o as never);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return times.sort((a, b) => a - b);
}

export async function run(): Promise<BenchResult[]> {
  const missing = await gatekeeperAvailable();
  if (missing) {
    console.error(`bench: gatekeeper: not measured: ${missing}`);
    return [];
  }
  const prefix = `bench${process.pid % 100000}`;
  const cases = placedCases(prefix);
  const objects = cases.map((c) => c.placed);
  const api = kubeObjects();
  const namespaces = GATEKEEPER_POLICIES.map((p) => policyNamespace(prefix, p));
  const built = GATEKEEPER_POLICIES.map((p) =>
    buildGatekeeperManifests(
      "bench",
      resolveGatekeeperPolicies("bench", { namespaces: [policyNamespace(prefix, p)], policies: [p] }),
      diskTemplateFiles,
    ),
  );
  const templates = built.flatMap((b) => b.templates);
  const constraints = built.flatMap((b) => b.constraints);
  let crds: string[] = [];
  try {
    crds = await ensureSampleCrds(api, cases);
    for (const name of namespaces) {
      await api.create({
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name, labels: { [MANAGED]: "true" } },
      });
    }
    // With no webhook: the API server's own cost of the same requests.
    const plain = await latencies(objects);

    await gatekeeper("start");
    await kubectlApply(templates);
    for (const t of templates) {
      await waitFor(`template ${t.metadata.name}`, async () =>
        Boolean(((await api.read(t)) as { status?: { created?: boolean } }).status?.created),
      );
    }
    await kubectlApply(constraints);
    for (const c of constraints) {
      await waitFor(`constraint ${c.kind}`, async () =>
        Boolean(
          ((await api.read(c)) as { status?: { byPod?: { enforced?: boolean }[] } }).status?.byPod?.[0]
            ?.enforced,
        ),
      );
    }
    const live = await latencies(objects);
    const denied = (await Promise.all(objects.map((o) => admit(api, o as never)))).filter(
      (a) => !a.admitted,
    ).length;

    // The pack on the same samples: one policy's evaluation per resource, as at preview.
    const pack = new Evaluator([], () => false);
    const resources = objects.map((o, i) => ({ ...toPulumiResource(o), urn: `urn:bench:${i}` }));
    const packTimes: number[] = [];
    for (let r = 0; r < PACK_ROUNDS; r++) {
      for (const res of resources) {
        // A fresh input each round, so the pack's per-URN cache does not answer.
        const fresh = { ...res, urn: `${res.urn}-${r}`, props: { ...res.props } };
        const start = process.hrtime.bigint();
        pack.resourceFindings(fresh);
        packTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
    packTimes.sort((a, b) => a - b);

    return [
      {
        name: `gatekeeper: live admission of ${objects.length} samples x ${ROUNDS} (server-side dry run, Gatekeeper v3.23.1 webhook)`,
        metrics: {
          samples: objects.length,
          denied_by_admission: denied,
          admission_median_ms: round3(percentile(live, 50)),
          admission_p99_ms: round3(percentile(live, 99)),
          no_webhook_median_ms: round3(percentile(plain, 50)),
          no_webhook_p99_ms: round3(percentile(plain, 99)),
          gatekeeper_share_median_ms: round3(percentile(live, 50) - percentile(plain, 50)),
          pack_per_resource_median_ms: round3(percentile(packTimes, 50)),
          pack_per_resource_p99_ms: round3(percentile(packTimes, 99)),
        },
      },
    ];
  } finally {
    await gatekeeper("stop");
    // Constraints first (their kinds go with the templates), then what the bench created.
    await deleteAll(api, constraints).catch((e: unknown) =>
      console.error(`bench: gatekeeper: cleanup: ${String(e)}`),
    );
    await deleteAll(api, [
      ...constraints,
      ...templates,
      ...namespaces.map((name) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } })),
      ...crds.map((name) => ({
        apiVersion: "apiextensions.k8s.io/v1",
        kind: "CustomResourceDefinition",
        metadata: { name },
      })),
    ]);
  }
}
