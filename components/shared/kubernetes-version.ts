/**
 * Kubernetes minor versions Cairn lets each managed service create or upgrade
 * to. One list per cloud, newest last; the newest is the default.
 *
 * - EKS: versions in standard support (AWS "Kubernetes version lifecycle on
 *   EKS" page and endoflife.date/amazon-eks, read in 2026: 1.32 to 1.35).
 * - ACK: ACK creates clusters of the three most recent minor versions (ACK
 *   "Kubernetes version overview and mechanism", updated March 2026: 1.33,
 *   1.34, 1.35 released; 1.32 out of maintenance).
 *
 * Review these lists each quarter; a stale list rejects new versions, never
 * accepts retired ones.
 */
export const KUBERNETES_VERSIONS = {
  aws: ["1.32", "1.33", "1.34", "1.35"],
  alibaba: ["1.33", "1.34", "1.35"],
} as const satisfies Record<string, readonly string[]>;

export type VersionedCloud = keyof typeof KUBERNETES_VERSIONS;

/** The default (newest allowed) minor version for a cloud. */
export function defaultKubernetesVersion(cloud: VersionedCloud): string {
  const list = KUBERNETES_VERSIONS[cloud];
  return list[list.length - 1];
}

/** `major.minor` of a version such as `1.34`, `1.34.1` or `1.34.1-aliyun.1`; undefined when malformed. */
export function minorOf(version: string): string | undefined {
  return /^(1\.\d+)(\.\d+(-aliyun\.\d+)?)?$/.exec(version)?.[1];
}

/** Compares two `major.minor` versions numerically: negative when `a` is older. */
export function compareMinor(a: string, b: string): number {
  const [aMajor, aMinor] = a.split(".").map(Number);
  const [bMajor, bMinor] = b.split(".").map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

/**
 * Why a version change is not allowed, or undefined when it is. Managed
 * services upgrade one minor version at a time and never downgrade.
 */
export function versionChangeProblem(current: string, next: string): string | undefined {
  const diff = compareMinor(next, current);
  if (diff < 0) return `it is older than the running version ${current}; clusters cannot be downgraded`;
  if (diff > 1) return `it skips minor versions after ${current}; upgrade one minor version at a time`;
  return undefined;
}
