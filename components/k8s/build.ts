import { z } from "zod";
import { CairnInputError } from "../shared/errors";
import { parseArgs } from "../shared/validate";
import { type Manifest } from "../shared/manifests";
import { baselineNamespace, type NamespaceBaselineArgs, namespaceBaselineArgs } from "./args";

export const NAMESPACE_BASELINE_TYPE = "cairn:k8s:NamespaceBaseline";

/** Args with every default resolved. */
export type ResolvedNamespaceBaseline = z.output<typeof namespaceBaselineArgs> & { namespace: string };

/** Validates args and resolves the secure defaults. Throws CairnInputError before anything is created. */
export function resolveNamespaceBaseline(
  name: string,
  args: NamespaceBaselineArgs = {},
): ResolvedNamespaceBaseline {
  const where = `${NAMESPACE_BASELINE_TYPE} "${name}"`;
  const parsed = parseArgs(namespaceBaselineArgs, args, where);
  const namespace =
    parsed.namespace ??
    parseArgs(
      z.object({ namespace: baselineNamespace("the component name, used as namespace") }),
      { namespace: name },
      where,
    ).namespace;
  return { ...parsed, namespace };
}

/** The NamespaceBaseline a workload creates for itself: its args (recorded as inputs) and their resolution. */
export interface WorkloadNamespace {
  readonly args: NamespaceBaselineArgs;
  readonly resolved: ResolvedNamespaceBaseline;
}

/**
 * Resolves, in the workload's own resolver and before anything registers, the
 * NamespaceBaseline `name` the workload creates: a namespace the baseline
 * refuses (e.g. `default`, `kube-*`) is reported as the workload's `argument`
 * under its `where`, the key the user wrote.
 */
export function workloadNamespace(
  where: string,
  argument: string,
  name: string,
  args: NamespaceBaselineArgs,
): WorkloadNamespace {
  try {
    return { args, resolved: resolveNamespaceBaseline(name, args) };
  } catch (e) {
    if (e instanceof CairnInputError && e.argument === "namespace")
      throw new CairnInputError(where, argument, e.value, e.fix);
    throw e;
  }
}

/** Human-readable list of every choice that is less safe than Cairn's default. */
export function namespaceWeakenings(r: ResolvedNamespaceBaseline): string[] {
  const out: string[] = [];
  if (r.podSecurity !== "restricted")
    out.push(`namespace ${r.namespace}: Pod Security level "${r.podSecurity}" instead of "restricted"`);
  if (!r.defaultDeny) out.push(`namespace ${r.namespace}: no default-deny NetworkPolicy`);
  return out;
}

const MANAGED_BY = { "app.kubernetes.io/managed-by": "cairn" };

/** The Namespace, NetworkPolicies, ResourceQuota and LimitRange for a resolved baseline. */
export function buildNamespaceBaseline(r: ResolvedNamespaceBaseline): Manifest[] {
  const ns = r.namespace;
  const meta = (name: string) => ({ name, namespace: ns, labels: { ...MANAGED_BY } });
  const manifests: Manifest[] = [
    {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: {
        name: ns,
        labels: {
          ...r.labels,
          ...MANAGED_BY,
          ...(r.meshInjection ? { "istio.io/rev": r.meshInjection } : {}),
          "pod-security.kubernetes.io/enforce": r.podSecurity,
          "pod-security.kubernetes.io/audit": "restricted",
          "pod-security.kubernetes.io/warn": "restricted",
        },
      },
    },
  ];
  if (r.defaultDeny) {
    manifests.push({
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: meta("default-deny"),
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    });
  }
  manifests.push(...allowPolicies(r, meta));
  manifests.push({
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: meta("baseline"),
    spec: {
      hard: {
        "requests.cpu": r.quota.requestsCpu,
        "requests.memory": r.quota.requestsMemory,
        "limits.cpu": r.quota.limitsCpu,
        "limits.memory": r.quota.limitsMemory,
        pods: String(r.quota.pods),
      },
    },
  });
  manifests.push({
    apiVersion: "v1",
    kind: "LimitRange",
    metadata: meta("baseline"),
    spec: {
      limits: [
        {
          type: "Container",
          defaultRequest: { cpu: r.containerDefaults.cpuRequest, memory: r.containerDefaults.memoryRequest },
          default: { cpu: r.containerDefaults.cpuLimit, memory: r.containerDefaults.memoryLimit },
        },
      ],
    },
  });
  return manifests;
}

type Meta = (name: string) => Manifest["metadata"];

function allowPolicies(r: ResolvedNamespaceBaseline, meta: Meta): Manifest[] {
  const policy = (name: string, spec: Record<string, unknown>): Manifest => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: meta(name),
    spec: { podSelector: {}, ...spec },
  });
  const nsSelector = (name: string) => ({
    namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": name } },
  });
  const tcp = (ports?: readonly number[]) =>
    ports ? { ports: ports.map((p) => ({ protocol: "TCP", port: p })) } : {};
  const out: Manifest[] = [];
  if (r.allowDns) {
    out.push(
      policy("allow-dns", {
        policyTypes: ["Egress"],
        egress: [
          {
            to: [nsSelector("kube-system")],
            ports: [
              { protocol: "UDP", port: 53 },
              { protocol: "TCP", port: 53 },
            ],
          },
        ],
      }),
    );
  }
  if (r.allowSameNamespace) {
    out.push(
      policy("allow-same-namespace", {
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [{ podSelector: {} }] }],
        egress: [{ to: [{ podSelector: {} }] }],
      }),
    );
  }
  if (r.allowIngressFrom.length > 0) {
    out.push(
      policy("allow-ingress-from", {
        policyTypes: ["Ingress"],
        ingress: [{ from: r.allowIngressFrom.map(nsSelector) }],
      }),
    );
  }
  if (r.allowEgressTo.length > 0) {
    out.push(
      policy("allow-egress-to", {
        policyTypes: ["Egress"],
        egress: r.allowEgressTo.map((e) => ({
          to: [e.namespace ? nsSelector(e.namespace) : { ipBlock: { cidr: e.cidr } }],
          ...tcp(e.ports),
        })),
      }),
    );
  }
  return out;
}
