import type { NamespaceBaselineArgs } from "../../components/k8s";
import type { BadInputCase } from "../helpers/bad-input";

/** Bad NamespaceBaseline args: run through the component in namespace.test.ts and in the catalogue. */
export const namespaceBadInputs: readonly BadInputCase<NamespaceBaselineArgs>[] = [
  {
    title: "a namespace that is not a DNS label",
    args: { namespace: "Team_A" },
    argument: "namespace",
    value: '"Team_A"',
    fix: "DNS-1123 label",
  },
  {
    title: "a Pod Security level that does not exist",
    args: { podSecurity: "open" as never },
    argument: "podSecurity",
    value: '"open"',
    fix: '"restricted", "baseline" or "privileged"',
  },
  {
    title: "a memory quota that is not a quantity",
    args: { quota: { limitsMemory: "lots" } },
    argument: "quota.limitsMemory",
    value: '"lots"',
    fix: "Kubernetes quantity",
  },
  {
    title: "a quota of no pods",
    args: { quota: { pods: 0 } },
    argument: "quota.pods",
    value: "0",
    fix: "positive integer",
  },
  {
    title: "an egress CIDR with host bits set",
    args: { allowEgressTo: [{ cidr: "10.0.0.1/16" }] },
    argument: "allowEgressTo[0].cidr",
    value: '"10.0.0.1/16"',
    fix: "no host bits",
  },
  {
    title: "an egress rule naming a namespace and a CIDR",
    args: { allowEgressTo: [{ namespace: "a", cidr: "10.0.0.0/8" }] },
    argument: "allowEgressTo[0]",
    value: '"cidr":"10.0.0.0/8"',
    fix: "exactly one of namespace or cidr",
  },
  {
    title: "an egress port out of range",
    args: { allowEgressTo: [{ cidr: "10.0.0.0/8", ports: [70000] }] },
    argument: "allowEgressTo[0].ports[0]",
    value: "70000",
    fix: "1-65535",
  },
  {
    title: "a misspelt argument",
    args: { podSecurty: "baseline" } as never,
    argument: "args",
    value: '"podSecurty":"baseline"',
    fix: "podSecurty",
  },
];
