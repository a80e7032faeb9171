import { type ClusterPosture, CONTROL_PLANE_LOG_TYPES } from "./contract";

/** The minimum number of zones Cairn considers highly available. */
export const RECOMMENDED_ZONES = 3;

/**
 * Every way a posture is weaker than Cairn's defaults, in words a reviewer
 * can act on. Cloud components add their own cloud-specific weakenings.
 */
export function postureWeakenings(p: ClusterPosture): string[] {
  const out: string[] = [];
  if (p.endpointPublic)
    out.push(`API endpoint reachable from the internet (allowed CIDRs: ${p.publicAccessCidrs.join(", ")})`);
  if (!p.secretsEncrypted) out.push("Secrets are not envelope-encrypted with a customer-managed key");
  const missing = CONTROL_PLANE_LOG_TYPES.filter((t) => !p.controlPlaneLogs.includes(t));
  if (missing.length > 0) out.push(`control-plane logs off: ${missing.join(", ")}`);
  if (p.workloadIdentity === "none")
    out.push("no workload identity: pods would need static cloud credentials");
  if (!p.deletionProtection) out.push("deletion protection off for the cluster and its key");
  if (!p.privateNodes) out.push("worker nodes have public IP addresses");
  if (p.zones < RECOMMENDED_ZONES) out.push(`nodes span ${p.zones} zones (fewer than ${RECOMMENDED_ZONES})`);
  return out;
}

/** Normalised log list in the contract's canonical order, without duplicates. */
export function normaliseLogs(types: Iterable<string>): string[] {
  const set = new Set(types);
  return CONTROL_PLANE_LOG_TYPES.filter((t) => set.has(t));
}
