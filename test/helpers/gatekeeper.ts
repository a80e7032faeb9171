// Live Gatekeeper on the embedded cluster (scripts/gatekeeper), shared by the admission test and the bench:
// start and stop the webhook, place each policy's Kubernetes-object samples where Gatekeeper sees them,
// the CRDs their kinds need, and one admission verdict per object from a server-side dry run.
import * as fs from "fs";
import * as path from "path";
import * as k8s from "@kubernetes/client-node";
import { parseAllDocuments } from "yaml";
import { constraintKind, GATEKEEPER_POLICIES, type GatorCase, gatorCases } from "../../policies/gatekeeper";
import { cairnEnv, kubeconfigPath, ROOT, run } from "./engine";
import { kubectl } from "./kube";

export const POLICIES = path.join(ROOT, "policies");
/** The label scripts/gatekeeper's webhook selects namespaces (and cluster-scoped RBAC objects) by. */
export const MANAGED = "cairn.dev/managed";
export type GatekeeperPolicy = (typeof GATEKEEPER_POLICIES)[number];

/** `scripts/gatekeeper <command>`; throws with its output unless it exits 0. */
export async function gatekeeper(command: "start" | "stop"): Promise<void> {
  const r = await run(path.join(ROOT, "scripts", "gatekeeper"), [command], { cwd: ROOT, env: cairnEnv() });
  if (r.code !== 0) throw new Error(`scripts/gatekeeper ${command} exited ${r.code}\n${r.stdout}${r.stderr}`);
}

/** Whether the toolchain's Gatekeeper binary and a running embedded cluster are there. */
export async function gatekeeperAvailable(): Promise<string | undefined> {
  const env = cairnEnv();
  if ((await run("bash", ["-c", "command -v gatekeeper"], { cwd: ROOT, env })).code !== 0) {
    return "no gatekeeper binary: run scripts/toolchain gatekeeper";
  }
  if ((await run(path.join(ROOT, "scripts", "cluster"), ["status"], { cwd: ROOT, env })).code !== 0) {
    return "the embedded cluster is not running: ./cairn cluster start";
  }
  return undefined;
}

export function kubeObjects(): k8s.KubernetesObjectApi {
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(kubeconfigPath());
  return k8s.KubernetesObjectApi.makeApiClient(kc);
}

/** The namespace a policy's samples are admitted in: one per policy, so only its own constraint sees them. */
export const policyNamespace = (prefix: string, policy: string) =>
  `${prefix}-${policy.split(".")[1].replace(/_/g, "-")}`;

/**
 * Denied samples the API server rejects itself, before Gatekeeper sees them, with why: the rejection
 * counts as the live verdict (denied), but its message is the API server's, not a policy id.
 */
export const API_SERVER_REJECTS: Readonly<Record<string, string>> = {
  "kubernetes/pod_security_baseline/samples/denied/privileged-daemonset.yaml":
    "the embedded API server runs with --allow-privileged=false, so it refuses a privileged container itself",
};

/** Kinds among the samples that have no namespace. */
const CLUSTER_SCOPED = new Set(["ClusterRole", "ClusterRoleBinding", "Namespace"]);

/**
 * Samples whose object cannot reach a Cairn-scoped admission the way the pack sees it, each with why.
 * The test proves each of these is admitted live (so the list cannot hide a real difference).
 */
export const ADMISSION_SCOPE: Readonly<Record<string, string>> = {
  "kubernetes/namespace/samples/denied/default-configmap.yaml":
    "in `default`, which is not one of Cairn's namespaces: the webhook and the constraint never see it",
  "kubernetes/namespace/samples/denied/service-without-namespace.yaml":
    "the API server puts an object without a namespace into the request's namespace before admission",
};

export interface PlacedCase extends GatorCase {
  readonly policy: GatekeeperPolicy;
  /** The object as sent: in the policy's namespace, or labelled for the webhook when cluster-scoped. */
  readonly placed: k8s.KubernetesObject & Record<string, unknown>;
}

/** Every templated policy's Kubernetes-object samples (the gator cases), placed for admission. */
export function placedCases(prefix: string): PlacedCase[] {
  return GATEKEEPER_POLICIES.flatMap((policy) =>
    gatorCases(POLICIES, policy).map((c) => {
      const o = structuredClone(c.object) as k8s.KubernetesObject & Record<string, unknown>;
      const metadata = (o.metadata ??= {});
      if (CLUSTER_SCOPED.has(o.kind!)) {
        metadata.labels = { ...metadata.labels, [MANAGED]: "true" };
      } else if (!(c.file in ADMISSION_SCOPE && metadata.namespace)) {
        metadata.namespace = policyNamespace(prefix, policy);
      }
      return { ...c, policy, placed: o };
    }),
  );
}

/** The admission verdict of one object: admitted, or the denial's text; any other failure throws. */
export interface Admission {
  readonly admitted: boolean;
  readonly message: string;
  /** Who rejected it: Gatekeeper's webhook, or the API server's own validation before any webhook. */
  readonly by?: "gatekeeper" | "api-server";
}

const DENIED = /admission webhook "[^"]*gatekeeper\.sh" denied the request/;

function errorMessage(e: unknown): { code?: number; message: string } {
  const err = e as { code?: number; body?: unknown; message?: string };
  let message = err.message ?? String(e);
  if (typeof err.body === "string") {
    try {
      message = (JSON.parse(err.body) as { message?: string }).message ?? err.body;
    } catch {
      message = err.body;
    }
  } else if (err.body && typeof err.body === "object") {
    message = (err.body as { message?: string }).message ?? message;
  }
  return { code: err.code, message };
}

/** Sends the object to the API server, create or (with `update`) replace, as a dry run unless told otherwise. */
export async function admit(
  api: k8s.KubernetesObjectApi,
  object: k8s.KubernetesObject,
  opts: { update?: boolean; dryRun?: boolean } = {},
): Promise<Admission> {
  const dryRun = opts.dryRun === false ? undefined : "All";
  try {
    if (opts.update) await api.replace(object, undefined, dryRun);
    else await api.create(object, undefined, dryRun);
    return { admitted: true, message: "" };
  } catch (e) {
    const { code, message } = errorMessage(e);
    if (DENIED.test(message)) return { admitted: false, message, by: "gatekeeper" };
    // The API server's own policy (e.g. --allow-privileged=false) rejects before any webhook runs.
    if (code === 422 && /Forbidden: disallowed by cluster policy/.test(message)) {
      return { admitted: false, message, by: "api-server" };
    }
    throw new Error(
      `${object.kind} ${object.metadata?.name}: not an admission verdict (HTTP ${code}): ${message}`,
    );
  }
}

/** Whether a denial names the policy as Cairn does (`[cairn<kind>] <policy id>: <message>`). */
export const deniedBy = (a: Admission, policy: string) =>
  !a.admitted && a.message.includes(`[${constraintKind(policy).toLowerCase()}] ${policy}: `);

/**
 * CRDs for the samples' custom kinds: the fixture charts' own where they ship one, else a stand-in
 * that accepts any spec (Gatekeeper only needs the kind to be served). Returns the names it created.
 */
export async function ensureSampleCrds(
  api: k8s.KubernetesObjectApi,
  cases: readonly PlacedCase[],
): Promise<string[]> {
  const fixtures = [
    "test/fixtures/charts/base/crds/istio-security.yaml",
    "test/fixtures/charts/base/crds/istio-networking.yaml",
    "test/fixtures/charts/gateway-helm/crds/envoy-gateway-crds.yaml",
  ].flatMap((f) =>
    parseAllDocuments(fs.readFileSync(path.join(ROOT, f), "utf8")).map((d) => d.toJS() as CrdLike),
  );
  const created: string[] = [];
  const wanted = new Map<string, { group: string; version: string; kind: string }>();
  for (const c of cases) {
    const [group, version] = c.placed.apiVersion!.split("/");
    if (!version || !group.includes(".") || group.endsWith(".k8s.io")) continue;
    wanted.set(`${c.placed.kind}.${group}`, { group, version, kind: c.placed.kind! });
  }
  for (const { group, version, kind } of wanted.values()) {
    const crd =
      fixtures.find((f) => f?.spec?.group === group && f.spec.names.kind === kind) ??
      standIn(group, version, kind);
    try {
      await api.read({
        apiVersion: "apiextensions.k8s.io/v1",
        kind: "CustomResourceDefinition",
        metadata: { name: crd.metadata.name },
      });
      continue;
    } catch {
      // kubectl, not the client's typed serializer: that drops schema keys such as
      // x-kubernetes-preserve-unknown-fields, and the API server then prunes the samples' fields.
      await kubectl(["apply", "--server-side", "-f", "-"], JSON.stringify(crd));
      created.push(crd.metadata.name);
    }
  }
  // Served once Established.
  for (const name of created) {
    for (let i = 0; i < 100; i++) {
      const crd = (await api.read({
        apiVersion: "apiextensions.k8s.io/v1",
        kind: "CustomResourceDefinition",
        metadata: { name },
      })) as CrdLike;
      if (crd.status?.conditions?.some((c) => c.type === "Established" && c.status === "True")) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return created;
}

interface CrdLike {
  metadata: { name: string };
  spec: { group: string; names: { kind: string } };
  status?: { conditions?: { type: string; status: string }[] };
}

function standIn(group: string, version: string, kind: string): CrdLike {
  const plural = `${kind.toLowerCase()}s`;
  const crd = {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${plural}.${group}`, labels: { "cairn.dev/stand-in": "true" } },
    spec: {
      group,
      scope: "Namespaced",
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      versions: [
        {
          name: version,
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: "object", "x-kubernetes-preserve-unknown-fields": true } },
        },
      ],
    },
  };
  return crd;
}

/** Deletes objects, ignoring those already gone. */
export async function deleteAll(
  api: k8s.KubernetesObjectApi,
  objects: readonly k8s.KubernetesObject[],
): Promise<void> {
  for (const o of objects) {
    try {
      await api.delete(o);
    } catch (e) {
      if ((e as { code?: number }).code !== 404) throw e;
    }
  }
}
