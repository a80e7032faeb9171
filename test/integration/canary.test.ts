import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as https from "node:https";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { parseAllDocuments } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCanaryManifests, resolveCanary } from "../../components/delivery";
import { buildControllerRbac, resolveRolloutsController } from "../../components/delivery/controller";
import { cairnEnv, kubeconfigPath, ROOT, TestStack } from "../helpers/engine";
import { isNotFound, kubeClients } from "../helpers/kube";

// The real Argo Rollouts controller (built by scripts/toolchain) and a real Prometheus (Debian's)
// on 127.0.0.1 gate Canary releases on the embedded cluster. kwok pods serve no traffic, so the
// canary's Istio series are synthetic, written as TSDB blocks with promtool before Prometheus starts.
const env = cairnEnv();
const BIN = path.join(env.CAIRN_CACHE ?? path.join(os.homedir(), ".cache/cairn"), "bin");
const namespace = `it-canary-${process.pid}`;
const kube = kubeClients();
type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/**
 * POSTs a CRD as raw JSON: the typed client re-serializes CustomResourceDefinitions from its
 * models and loses schema keys (the API server then rejects Argo's int-or-string fields).
 */
/** CRDs this run created (not found on the cluster): removed again afterwards. */
const createdCrds: string[] = [];

async function createCrd(o: Obj): Promise<void> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath());
  const opts: https.RequestOptions = { method: "POST", headers: { "content-type": "application/json" } };
  await kc.applyToHTTPSOptions(opts);
  const url = new URL(
    "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
    kc.getCurrentCluster()!.server,
  );
  const code = await new Promise<number>((resolve, reject) => {
    const req = https.request(url, opts, (res) => {
      let body = "";
      res
        .on("data", (d) => (body += d))
        .on("end", () =>
          res.statusCode === 201 || res.statusCode === 409
            ? resolve(res.statusCode)
            : reject(new Error(`creating CRD ${o.metadata.name}: ${res.statusCode} ${body}`)),
        );
    });
    req.on("error", reject);
    req.end(JSON.stringify(o));
  });
  expect([201, 409]).toContain(code);
  if (code === 201) createdCrds.push(o.metadata.name);
}

async function apply(o: Obj): Promise<void> {
  if (o.kind === "CustomResourceDefinition") return createCrd(o);
  const typed = o;
  try {
    await kube.objects.create(typed as never);
  } catch (e) {
    if ((e as { code?: number }).code !== 409) throw e;
  }
}

/** Istio's CRDs as the mesh installs them locally: the fixture Istio base chart's own files. */
const istioCrds = () =>
  ["istio-networking.yaml", "istio-security.yaml"].flatMap((f) =>
    parseAllDocuments(fs.readFileSync(path.join(ROOT, "test/fixtures/charts/base/crds", f), "utf8"))
      .map((d) => d.toJS() as Obj | null)
      .filter((o): o is Obj => o !== null),
  );

/**
 * A kubeconfig for the controller as the chart runs it: the ServiceAccount `argo-rollouts`
 * (here in the test namespace) with exactly Cairn's RBAC (buildControllerRbac), no more.
 */
async function leastPrivilegeKubeconfig(dir: string, clusterScoped: Obj[]): Promise<string> {
  const rbac = buildControllerRbac(
    resolveRolloutsController("it", { namespace }, { chartYaml: () => undefined }),
  );
  await apply({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "argo-rollouts", namespace } });
  for (const m of rbac) {
    await apply(m as Obj);
    if (!m.metadata.namespace) clusterScoped.push(m as Obj);
  }
  const token = await kube.core.createNamespacedServiceAccountToken({
    name: "argo-rollouts",
    namespace,
    body: { spec: { expirationSeconds: 3600 } },
  });
  const admin = new KubeConfig();
  admin.loadFromFile(kubeconfigPath());
  const cluster = admin.getCurrentCluster()!;
  const file = path.join(dir, "controller.kubeconfig");
  fs.writeFileSync(
    file,
    JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [
        { name: "c", cluster: { server: cluster.server, "certificate-authority-data": cluster.caData } },
      ],
      users: [{ name: "argo-rollouts", user: { token: token.status?.token } }],
      contexts: [{ name: "c", context: { cluster: "c", user: "argo-rollouts" } }],
      "current-context": "c",
    }),
  );
  return file;
}

/** Counter samples every 15 s from 10 min ago to 15 min ahead, in OpenMetrics text. */
function counter(service: string, code: string, perSecond: number, now: number): string[] {
  const labels = `reporter="destination",destination_service_name="${service}-canary",destination_service_namespace="${namespace}",response_code="${code}"`;
  const out: string[] = [];
  for (let t = now - 600; t <= now + 900; t += 15)
    out.push(`istio_requests_total{${labels}} ${(t - now + 600) * perSecond} ${t}`);
  return out;
}

const rolloutRef = (name: string) => ({
  apiVersion: "argoproj.io/v1alpha1",
  kind: "Rollout",
  metadata: { name, namespace },
});
type Status = {
  stableRS?: string;
  phase?: string;
  abort?: boolean;
  currentStepIndex?: number;
  canary?: { weights?: { canary?: { weight?: number } } };
};
const status = async (name: string) =>
  ((await kube.objects.read(rolloutRef(name))) as unknown as { status?: Status }).status ?? {};
const primaryWeights = async (name: string) => {
  const vs = (await kube.objects.read({
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name, namespace },
  })) as unknown as {
    spec: { http: { name: string; route: { weight: number }[] }[] };
  };
  return vs.spec.http.find((h) => h.name === "primary")!.route.map((r) => r.weight);
};

async function until<T>(
  what: string,
  probe: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!ok(last)) {
    if (Date.now() > deadline)
      throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 1000));
    last = await probe();
  }
  return last;
}

describe("Canary promotion gated by the SLO, real Argo Rollouts and Prometheus", () => {
  const procs: ChildProcess[] = [];
  const clusterScoped: Obj[] = [];
  let dir: string;
  let promUrl: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-canary-"));
    const now = Math.floor(Date.now() / 1000);
    const series = [
      ...counter("good", "200", 100, now),
      ...counter("burn", "200", 100, now),
      ...counter("burn", "503", 50, now),
      ...counter("owned", "200", 100, now),
    ];
    fs.writeFileSync(
      path.join(dir, "series.om"),
      `# TYPE istio_requests_total counter\n${series.join("\n")}\n# EOF\n`,
    );
    fs.writeFileSync(path.join(dir, "prometheus.yml"), "global:\n  scrape_interval: 1m\n");
    execFileSync("promtool", ["tsdb", "create-blocks-from", "openmetrics", "series.om", "data"], {
      cwd: dir,
      stdio: "pipe",
    });
    const promPort = await freePort();
    promUrl = `http://127.0.0.1:${promPort}`;
    procs.push(
      spawn(
        "/usr/bin/prometheus",
        [
          `--config.file=${dir}/prometheus.yml`,
          `--storage.tsdb.path=${dir}/data`,
          `--web.listen-address=127.0.0.1:${promPort}`,
          "--web.enable-remote-write-receiver",
        ],
        { stdio: "ignore" },
      ),
    );

    const rolloutsDir = execFileSync(
      "go",
      ["list", "-m", "-f", "{{.Dir}}", "github.com/argoproj/argo-rollouts"],
      { cwd: path.join(ROOT, "tools/rollouts"), env, encoding: "utf8" },
    ).trim();
    for (const f of [
      "rollout",
      "analysis-template",
      "analysis-run",
      "experiment",
      "cluster-analysis-template",
    ]) {
      for (const doc of parseAllDocuments(
        fs.readFileSync(path.join(rolloutsDir, "manifests/crds", `${f}-crd.yaml`), "utf8"),
      ))
        await apply(doc.toJS() as Obj);
    }
    for (const crd of istioCrds()) await apply(crd);
    await apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } });
    await apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: "istio-system" } });
    await until(
      "Prometheus ready",
      () =>
        fetch(`${promUrl}/-/ready`).then(
          (r) => r.ok,
          () => false,
        ),
      (ok) => ok,
      30_000,
    );

    // The controller runs with Cairn's least-privilege RBAC, so every scenario also proves it is enough.
    const controllerKubeconfig = await leastPrivilegeKubeconfig(dir, clusterScoped);
    const [metrics, health] = [await freePort(), await freePort()];
    // The controller's log, kept for a failed run (CAIRN_KEEP_LOGS=1 keeps the directory).
    const controllerLog = fs.openSync(path.join(dir, "rollouts-controller.log"), "w");
    procs.push(
      spawn(
        path.join(BIN, "rollouts-controller"),
        [
          "--kubeconfig",
          controllerKubeconfig,
          `--namespace=${namespace}`,
          "--leader-elect=false",
          `--metricsport=${metrics}`,
          `--healthzPort=${health}`,
        ],
        {
          // As in its pod: its own namespace (for its ConfigMap) is the ServiceAccount's.
          env: { ...process.env, POD_NAMESPACE: namespace },
          stdio: ["ignore", controllerLog, controllerLog],
        },
      ),
    );
  }, 120_000);

  afterAll(async () => {
    for (const p of procs) p.kill();
    for (const o of clusterScoped) {
      try {
        await kube.objects.delete(o as never);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    // Leave the cluster as found: the local platform installs these CRDs from its own charts.
    for (const name of createdCrds) {
      try {
        await kube.objects.delete({
          apiVersion: "apiextensions.k8s.io/v1",
          kind: "CustomResourceDefinition",
          metadata: { name },
        });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    try {
      await kube.objects.delete({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    if (dir && !process.env.CAIRN_KEEP_LOGS) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Waits until the rollout's newest revision is the stable one and Healthy; returns that ReplicaSet. */
  const promoted = (service: string, before: string | undefined) =>
    until(
      `${service} promoted`,
      () => status(service),
      (s) => s.phase === "Healthy" && s.stableRS !== before,
    );

  /** Deploys a canary (first revision, promoted at once), then releases a new image through it. */
  async function release(service: string): Promise<string | undefined> {
    const r = resolveCanary(service, {
      service,
      namespace,
      image: "registry.k8s.io/pause:3.10",
      slo: { service, availability: 99 },
      steps: [20, 50, 100],
      stepPause: "2s",
      analysisInterval: "2s",
      analysisCount: 2,
      prometheusAddress: promUrl,
    });
    for (const m of buildCanaryManifests(r)) await apply(m as Obj);
    const first = await until(
      `${service} first revision`,
      () => status(service),
      (s) => s.phase === "Healthy",
    );
    await kube.objects.patch(
      {
        ...rolloutRef(service),
        spec: { template: { spec: { containers: [{ name: service, image: "registry.k8s.io/pause:3.9" }] } } },
      } as never,
      undefined,
      undefined,
      undefined,
      undefined,
      "application/merge-patch+json" as never,
    );
    return first.stableRS;
  }

  it("promotes step by step to 100 % when the canary's error ratio is within the SLO", async () => {
    const before = await release("good");
    // Promoted: the new revision's ReplicaSet is stable (the first revision was Healthy too).
    await promoted("good", before);
    // One successful step analysis per weight below 100 (AnalysisRun `<rollout>-<hash>-<revision>-<step>`):
    // the gate after setWeight 20 (step 5) and after setWeight 50 (step 8); steps 0-1 route the header, 3 scales the canary with its weight.
    const runs = (await kube.objects.list("argoproj.io/v1alpha1", "AnalysisRun", namespace))
      .items as unknown as {
      metadata: { name: string };
      status?: { phase?: string };
    }[];
    const passed = runs
      .filter((r) => r.metadata.name.startsWith("good-") && r.status?.phase === "Successful")
      .map((r) => r.metadata.name.split("-").pop());
    expect(passed.sort()).toEqual(["5", "8"]);
    // The controller resets the weights to the (new) stable right after it marks the promotion.
    await until(
      "good all-stable",
      () => primaryWeights("good"),
      (w) => w[0] === 100,
    );
  }, 90_000);

  it("aborts when the canary burns above the SLO: stable keeps all traffic", async () => {
    await release("burn");
    const s = await until(
      "burn aborted",
      () => status("burn"),
      (st) => st.abort === true,
    );
    expect(s.phase).toBe("Degraded");
    expect(
      await until(
        "stable weight",
        () => primaryWeights("burn"),
        (w) => w[0] === 100,
      ),
    ).toEqual([100, 0]);
  }, 90_000);

  it("does not promote without data: pauses at the first weight", async () => {
    await release("nodata");
    const s = await until(
      "nodata paused",
      () => status("nodata"),
      (st) => st.phase === "Paused" && st.currentStepIndex === 5,
    );
    expect(s.canary?.weights?.canary?.weight).toBe(20);
    await new Promise((r) => setTimeout(r, 8000));
    const later = await status("nodata");
    expect(later.canary?.weights?.canary?.weight).toBe(20);
    expect(later.phase).toBe("Paused");
  }, 90_000);

  /** A throw-away stack of programs/canary for one service, with the policy pack on every up. */
  async function ownedStack(service: string) {
    const stack = await TestStack.create("canary", {
      CAIRN_TEST_KUBECONFIG: kubeconfigPath(),
      CAIRN_TEST_NAMESPACE: namespace,
      CAIRN_TEST_SERVICE: service,
      CAIRN_TEST_PROMETHEUS: promUrl,
      CAIRN_TEST_IMAGE: "registry.k8s.io/pause:3.10",
    });
    const up = (...args: string[]) => stack.up(...args, "--policy-pack", path.join(ROOT, "policies"));
    /** The first revision (promoted at once), then a new image released through the canary. */
    const release = async () => {
      await up();
      const first = await promoted(service, undefined);
      stack.env.CAIRN_TEST_IMAGE = "registry.k8s.io/pause:3.9";
      await up();
      return first.stableRS;
    };
    return { stack, up, release };
  }

  it("owned by Pulumi: after the controller promotes a release, a second up and a refresh find no changes", async () => {
    const { stack, up, release } = await ownedStack("owned");
    try {
      await promoted("owned", await release());
      expect(
        await until(
          "owned all-stable",
          () => primaryWeights("owned"),
          (w) => w[0] === 100,
        ),
      ).toEqual([100, 0]);
      await up("--expect-no-changes");
      await stack.pulumiOk("refresh", "--yes", "--expect-no-changes");
    } finally {
      await stack.dispose();
    }
  }, 180_000);

  it("owned by Pulumi: an up during a paused release changes the VirtualService's gateways and leaves the controller's routes", async () => {
    const { stack, up, release } = await ownedStack("held");
    const readVs = async () =>
      (await kube.objects.read({
        apiVersion: "networking.istio.io/v1",
        kind: "VirtualService",
        metadata: { name: "held", namespace },
      })) as unknown as { spec: { gateways?: string[]; http: { name: string; match?: unknown[] }[] } };
    try {
      await release();
      // No series for "held": the gate is inconclusive and the release pauses at weight 20.
      await until(
        "held paused at 20",
        () => status("held"),
        (st) => st.phase === "Paused" && st.currentStepIndex === 5,
      );
      expect(await primaryWeights("held")).toEqual([80, 20]);
      await up("--expect-no-changes");
      await stack.pulumiOk("refresh", "--yes", "--expect-no-changes");
      // A Pulumi-owned field of the same object: applied without a conflict on the controller's `http`.
      stack.env.CAIRN_TEST_GATEWAYS = "istio-system/ingressgateway";
      await up();
      const vs = await readVs();
      expect(vs.spec.gateways).toEqual(["mesh", "istio-system/ingressgateway"]);
      expect(vs.spec.http.map((h) => h.name)).toEqual(["gray", "primary"]);
      expect(vs.spec.http[0].match).toEqual([{ headers: { "gray-version": { exact: "beta" } } }]);
      expect(await primaryWeights("held")).toEqual([80, 20]);
      expect((await status("held")).phase).toBe("Paused");
    } finally {
      await stack.dispose();
    }
  }, 180_000);
});
