import { parseQuantity } from "./quantity";

/** Requests and limits of one pod, as a chart's `resources` value writes them. */
export interface PodResources {
  readonly requests?: { readonly cpu?: string; readonly memory?: string };
  readonly limits?: { readonly cpu?: string; readonly memory?: string };
}

/** A ResourceQuota's totals as NamespaceBaseline's `quota` argument takes them. */
export interface QuotaTotals {
  readonly requestsCpu: string;
  readonly requestsMemory: string;
  readonly limitsCpu: string;
  readonly limitsMemory: string;
}

/** NamespaceBaseline's default quota (components/k8s/args.ts), the floor of every computed one. */
export const DEFAULT_QUOTA: QuotaTotals = {
  requestsCpu: "4",
  requestsMemory: "8Gi",
  limitsCpu: "8",
  limitsMemory: "16Gi",
};

const cpu = (cores: number) => `${Math.ceil(cores * 1000)}m`;
const memory = (bytes: number) => `${Math.ceil(bytes / 2 ** 20)}Mi`;

/**
 * A quota that holds `groups` (each `pods` pods of the same resources, at their
 * most: the HPA ceiling plus a rollout's surge), and never less than the default.
 * Pure. A quantity that does not parse counts as zero (the args schema rejects it first).
 */
export function quotaFitting(groups: readonly { pods: number; resources: PodResources }[]): QuotaTotals {
  const total = (pick: (r: PodResources) => string | undefined) =>
    groups.reduce((sum, g) => sum + g.pods * (parseQuantity(pick(g.resources) ?? "0") ?? 0), 0);
  const atLeast = (computed: number, floor: string, show: (n: number) => string) =>
    computed > parseQuantity(floor)! ? show(computed) : floor;
  return {
    requestsCpu: atLeast(
      total((r) => r.requests?.cpu),
      DEFAULT_QUOTA.requestsCpu,
      cpu,
    ),
    requestsMemory: atLeast(
      total((r) => r.requests?.memory),
      DEFAULT_QUOTA.requestsMemory,
      memory,
    ),
    limitsCpu: atLeast(
      total((r) => r.limits?.cpu),
      DEFAULT_QUOTA.limitsCpu,
      cpu,
    ),
    limitsMemory: atLeast(
      total((r) => r.limits?.memory),
      DEFAULT_QUOTA.limitsMemory,
      memory,
    ),
  };
}
