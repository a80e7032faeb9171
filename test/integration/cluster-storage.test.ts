import * as fs from "node:fs";
import * as path from "node:path";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cairnEnv, kubeconfigPath, ROOT, run } from "../helpers/engine";
import { isNotFound, kubeClients } from "../helpers/kube";

// `scripts/cluster start` gives the embedded cluster a default StorageClass, cairn-local, whose claims
// kube-controller-manager's in-tree hostPath provisioner fills at once (Immediate, reclaimPolicy Delete),
// so charts with PersistentVolumeClaims (Consul's server StatefulSet, Prometheus) deploy as on a cloud.
const namespace = `it-storage-${process.pid}`;
const kube = kubeClients();
const storage = (() => {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfigPath());
  return kc.makeApiClient(k8s.StorageV1Api);
})();

/** How long a claim may take to bind (measured: about 0.2 s on an idle 2-core machine). */
const BIND_MS = 10_000;
/** How long a 3-replica StatefulSet may take to have every claim bound and every pod Running. */
const STATEFULSET_MS = 90_000;

async function until<T>(what: string, probe: () => Promise<T>, ok: (v: T) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!ok(last)) {
    if (Date.now() > deadline)
      throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
    last = await probe();
  }
  return last;
}

const claim = (name: string, size: string): k8s.V1PersistentVolumeClaim => ({
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name, namespace },
  // No storageClassName: the DefaultStorageClass admission plugin fills in cairn-local.
  spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } } },
});

/** A claim, or undefined while it does not exist yet (a StatefulSet creates its claims with its pods). */
async function readClaim(name: string): Promise<k8s.V1PersistentVolumeClaim | undefined> {
  try {
    return await kube.core.readNamespacedPersistentVolumeClaim({ name, namespace });
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

/** The claim once it is Bound. */
async function untilBound(name: string, timeoutMs: number): Promise<k8s.V1PersistentVolumeClaim> {
  const c = await until(
    `claim ${name}`,
    () => readClaim(name),
    (c) => c?.status?.phase === "Bound",
    timeoutMs,
  );
  return c!;
}

/** A volume's phase, or "gone" once it was deleted. */
async function volumePhase(name: string): Promise<string> {
  try {
    return (await kube.core.readPersistentVolume({ name })).status?.phase ?? "Pending";
  } catch (e) {
    if (isNotFound(e)) return "gone";
    throw e;
  }
}

describe("persistent volumes on the embedded cluster", () => {
  /** Volumes bound to this file's claims, name to hostPath directory: all gone afterwards. */
  const volumes = new Map<string, string>();

  beforeAll(async () => {
    await kube.core.createNamespace({ body: { metadata: { name: namespace } } });
  });
  afterAll(async () => {
    // Deleting the namespace deletes the claims; reclaimPolicy Delete then deletes their volumes.
    try {
      await kube.core.deleteNamespace({ name: namespace });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  });

  it("has cairn-local as the only default StorageClass, and scripts/cluster status shows it", async () => {
    const classes = (await storage.listStorageClass()).items.filter(
      (c) => c.metadata?.annotations?.["storageclass.kubernetes.io/is-default-class"] === "true",
    );
    expect(classes.map((c) => c.metadata?.name)).toEqual(["cairn-local"]);
    expect(classes[0]).toMatchObject({
      provisioner: "kubernetes.io/host-path",
      volumeBindingMode: "Immediate",
      reclaimPolicy: "Delete",
    });
    const status = await run(path.join(ROOT, "scripts/cluster"), ["status"], { cwd: ROOT, env: cairnEnv() });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(
      /^storageclass +cairn-local \(default, kubernetes\.io\/host-path, Immediate, Delete\)$/m,
    );
    expect(status.stdout).toMatch(/^volumes +\d+/m);
    expect(status.stdout).toMatch(/^claims +\d+/m);
  });

  it(`binds an 8Gi claim without a storageClassName within ${BIND_MS / 1000} s`, async () => {
    const t0 = Date.now();
    await kube.core.createNamespacedPersistentVolumeClaim({ namespace, body: claim("data", "8Gi") });
    const bound = await untilBound("data", BIND_MS);
    console.log(`8Gi claim bound in ${Date.now() - t0} ms`);
    expect(bound.spec?.storageClassName).toBe("cairn-local");
    expect(bound.status?.capacity?.storage).toBe("8Gi");
    const pv = await kube.core.readPersistentVolume({ name: bound.spec!.volumeName! });
    expect(pv.spec).toMatchObject({
      storageClassName: "cairn-local",
      persistentVolumeReclaimPolicy: "Delete",
      accessModes: ["ReadWriteOnce"],
      claimRef: { namespace, name: "data" },
    });
    expect(fs.statSync(pv.spec!.hostPath!.path).isDirectory()).toBe(true);
    volumes.set(pv.metadata!.name!, pv.spec!.hostPath!.path);
  });

  it("binds claims of any size, one volume each (provisioned per claim, no pool to run out)", async () => {
    const sizes = ["1Mi", "500Gi", "2Ti"];
    await Promise.all(
      sizes.map((size, i) =>
        kube.core.createNamespacedPersistentVolumeClaim({ namespace, body: claim(`size-${i}`, size) }),
      ),
    );
    const bound = await Promise.all(sizes.map((_, i) => untilBound(`size-${i}`, BIND_MS)));
    expect(bound.map((c) => c.status?.capacity?.storage)).toEqual(sizes);
    expect(new Set(bound.map((c) => c.spec?.volumeName)).size).toBe(sizes.length);
    for (const c of bound) {
      const pv = await kube.core.readPersistentVolume({ name: c.spec!.volumeName! });
      volumes.set(pv.metadata!.name!, pv.spec!.hostPath!.path);
    }
  });

  it("runs a 3-replica StatefulSet with volumeClaimTemplates (as Consul's server): claims Bound, pods Running on kwok nodes", async () => {
    const labels = { app: "store" };
    await kube.core.createNamespacedService({
      namespace,
      body: {
        metadata: { name: "store" },
        spec: { clusterIP: "None", selector: labels, ports: [{ name: "rpc", port: 8300 }] },
      },
    });
    const t0 = Date.now();
    await kube.apps.createNamespacedStatefulSet({
      namespace,
      body: {
        metadata: { name: "store" },
        spec: {
          serviceName: "store",
          replicas: 3,
          podManagementPolicy: "Parallel",
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              containers: [
                {
                  name: "server",
                  image: "hashicorp/consul:1.20",
                  volumeMounts: [{ name: "data", mountPath: "/consul/data" }],
                },
              ],
            },
          },
          volumeClaimTemplates: [
            {
              metadata: { name: "data" },
              spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } } },
            },
          ],
        },
      },
    });
    const claims = ["data-store-0", "data-store-1", "data-store-2"];
    const bound = await Promise.all(claims.map((name) => untilBound(name, STATEFULSET_MS)));
    const pods = await until(
      "StatefulSet store's pods",
      async () =>
        (await kube.core.listNamespacedPod({ namespace, labelSelector: "app=store" })).items.map((p) => ({
          name: p.metadata?.name,
          node: p.spec?.nodeName,
          phase: p.status?.phase,
          claim: p.spec?.volumes?.find((v) => v.name === "data")?.persistentVolumeClaim?.claimName,
        })),
      (ps) => ps.length === 3 && ps.every((p) => p.phase === "Running"),
      STATEFULSET_MS,
    );
    const ready = await until(
      "StatefulSet store ready",
      async () =>
        (await kube.apps.readNamespacedStatefulSet({ name: "store", namespace })).status?.readyReplicas,
      (n) => n === 3,
      STATEFULSET_MS,
    );
    console.log(`StatefulSet: 3 claims bound and 3 pods Running in ${Date.now() - t0} ms`);
    expect(ready).toBe(3);
    for (const p of pods) {
      expect(p.node).toMatch(/^kwok-node-\d+$/);
      expect(p.claim).toBe(`data-${p.name}`);
    }
    expect(new Set(bound.map((c) => c.spec?.volumeName)).size).toBe(3);
    for (const c of bound) {
      expect(c.spec?.storageClassName).toBe("cairn-local");
      const pv = await kube.core.readPersistentVolume({ name: c.spec!.volumeName! });
      volumes.set(pv.metadata!.name!, pv.spec!.hostPath!.path);
    }
  });

  it("deletes each volume and its directory with its claim (reclaimPolicy Delete)", async () => {
    expect(volumes.size).toBe(7);
    await kube.apps.deleteNamespacedStatefulSet({ name: "store", namespace });
    // A StatefulSet keeps its claims (whenDeleted: Retain by default), as Consul's do: delete them all.
    await kube.core.deleteCollectionNamespacedPersistentVolumeClaim({ namespace });
    for (const [name, dir] of volumes) {
      await until(
        `volume ${name}`,
        () => volumePhase(name),
        (phase) => phase === "gone",
        60_000,
      );
      expect(fs.existsSync(dir), dir).toBe(false);
    }
  });
});
