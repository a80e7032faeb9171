import { type BadInputCase } from "../helpers/bad-input";
import { type ExistingClusterArgs } from "../../components/cluster/existing/args";

/** Bad ExistingCluster inputs (merged over a valid kubeconfig): each must be rejected before anything is registered. */
export const existingClusterBadInputs: readonly BadInputCase<Partial<ExistingClusterArgs>>[] = [
  {
    title: "a version with a leading v",
    args: { kubernetesVersion: "v1.34" },
    argument: "kubernetesVersion",
    value: '"v1.34"',
    fix: "major.minor",
  },
  {
    title: "an empty context",
    args: { context: "" },
    argument: "context",
    value: '""',
    fix: "non-empty context",
  },
  {
    title: "a posture of no zones",
    args: { posture: { zones: 0 } },
    argument: "posture.zones",
    value: "0",
    fix: "at least 1",
  },
  {
    title: "an unknown workload identity",
    args: { posture: { workloadIdentity: "keys" as never } },
    argument: "posture.workloadIdentity",
    value: '"keys"',
    fix: 'one of "irsa", "pod-identity", "rrsa", "none"',
  },
  {
    title: "an unknown posture key",
    args: { posture: { encrypted: true } as never },
    argument: "posture",
    value: '"encrypted":true',
    fix: "Unknown key(s) encrypted",
  },
  {
    title: "an empty kubeconfig",
    args: { kubeconfig: "" },
    argument: "kubeconfig",
    value: '""',
    fix: "non-empty kubeconfig",
  },
  {
    title: "a misspelt argument",
    args: { contxt: "local" } as never,
    argument: "args",
    value: '"contxt":"local"',
    fix: "contxt",
  },
];
