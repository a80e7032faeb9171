import { type CanaryArgs } from "../delivery/args";
import { type ResolvedCanary, resolveCanary } from "../delivery/build";
import { prometheusQueryUrl } from "../observability/build";
import { type SloSpec } from "../observability/slo";
import { CairnInputError } from "../shared/errors";
import { underPath } from "../shared/validate";
import { type PlatformReleaseArgs } from "./args";
import { type Part, type PlatformNamespace, type ResolvedPlatformWorkloads } from "./resolved";

/**
 * The cluster's gray releases, each a Canary wired to the cluster: the mesh root, the
 * Prometheus it queries, and by default the Prometheus SLO of the same service, so the
 * alerts and the gate read one spec. Fails, naming `${key}.releases[i]...`, when the
 * cluster lacks what a release needs or the release names what the cluster does not have.
 */
export function resolveReleases(
  where: string,
  key: string,
  cluster: string,
  releases: readonly PlatformReleaseArgs[],
  w: ResolvedPlatformWorkloads,
  namespaces: readonly PlatformNamespace[],
): Part<ResolvedCanary>[] {
  return releases.map((release, i) => {
    const at = `${key}.releases[${i}]`;
    const fail = (argument: string, value: unknown, fix: string): never => {
      throw new CairnInputError(where, `${at}${argument}`, value, fix);
    };
    if (!w.rollouts)
      fail("", release.service, "A release needs the Argo Rollouts controller: add workloads.rollouts.");
    if (!w.mesh) fail("", release.service, "A release routes its traffic through Istio: add workloads.mesh.");
    if (releases.slice(0, i).some((r) => r.service === release.service)) {
      fail(
        ".service",
        release.service,
        `Service ${release.service} already has a release on this cluster (it names the Canary's resources): merge the two entries.`,
      );
    }
    // A release without a service or namespace string is reported by the Canary's own schema.
    const named = typeof release.service === "string" && typeof release.namespace === "string";
    const ns = namespaces.find((n) => n.name === release.namespace);
    if (named && !ns?.mesh) {
      fail(
        ".namespace",
        release.namespace,
        ns
          ? `Namespace ${release.namespace} is not enrolled in the mesh, so no sidecar would route its traffic: remove mesh: false from it.`
          : `Namespace ${release.namespace} is not on this cluster: add it to namespaces (enrolled in the mesh).`,
      );
    }
    const prometheus = w.prometheus?.resolved;
    const slo = release.slo ?? sloOf(release, prometheus?.slos ?? []);
    if (named && !slo) {
      fail(
        ".slo",
        undefined,
        `No SLO for service ${release.service}: add it to workloads.prometheus.slos (one spec for its alerts and its gate), or set slo.`,
      );
    }
    const address = release.prometheusAddress ?? (prometheus && prometheusQueryUrl(prometheus.namespace));
    if (!address) {
      fail(
        ".prometheusAddress",
        undefined,
        "The gate queries Prometheus: add workloads.prometheus, or set prometheusAddress.",
      );
    }
    // The checks above hold for well-formed args; the Canary's schema reports anything else.
    const inputs = {
      ...release,
      slo,
      prometheusAddress: address,
      meshRootNamespace: w.mesh?.resolved.namespace,
    } as CanaryArgs;
    const resolved = underPath(where, at, () => resolveCanary(`${cluster}-${release.service}`, inputs));
    return { inputs, resolved };
  });
}

/** The Prometheus SLO of the release's service (in its namespace, or for any namespace). */
function sloOf(release: PlatformReleaseArgs, slos: readonly SloSpec[]): SloSpec | undefined {
  const own = slos.find(
    (s) => s.service === release.service && (s.namespace === undefined || s.namespace === release.namespace),
  );
  return own && { ...own, namespace: release.namespace };
}
