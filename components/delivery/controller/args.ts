import { PROMETHEUS_NAMESPACE } from "../../observability/names";
import { z } from "zod";
import { chartMirrorArg, chartOverride } from "../../shared/chart";
import { dnsLabel, documented as doc } from "../../shared/validate";

/**
 * Args of {@link RolloutsController}: the one source of their types, defaults and
 * documentation. Every field is optional and secure by default.
 */
export const rolloutsControllerArgs = z.strictObject({
  namespace: doc(
    dnsLabel("namespace").default("argo-rollouts"),
    "Namespace of the controller (restricted Pod Security, default-deny NetworkPolicy).",
  ),
  replicas: doc(
    z.number().int().min(1, "replicas must be a positive integer (2 for a standby leader)").default(2),
    "Controller replicas (leader election: one works, the others stand by).",
  ),
  prometheusNamespace: doc(
    dnsLabel("prometheusNamespace").default(PROMETHEUS_NAMESPACE),
    "Namespace of the Prometheus the analyses query: the controller may connect to its port 9090 there.",
  ),
  chartMirror: chartMirrorArg("argo-rollouts"),
  chart: doc(chartOverride, "Version, source and value overrides for the `argo-rollouts` chart."),
});

/** Args for {@link RolloutsController}, as a caller writes them (derived from the schema). */
export type RolloutsControllerArgs = z.input<typeof rolloutsControllerArgs>;
