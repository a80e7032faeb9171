// The names other components reach Prometheus by, owned here: the default namespace and the
// release's Service and ServiceAccount (kube-prometheus-stack names them after its release).

/** The namespace Prometheus is installed in unless its args say otherwise. */
export const PROMETHEUS_NAMESPACE = "monitoring";

/** The chart release's Prometheus Service and ServiceAccount (release kube-prometheus-stack). */
export const PROMETHEUS_SERVICE = "kube-prometheus-stack-prometheus";

/** The in-cluster URL of the query API of the Prometheus in `namespace` (the chart's release Service). */
export function prometheusQueryUrl(namespace: string = PROMETHEUS_NAMESPACE): string {
  return `http://${PROMETHEUS_SERVICE}.${namespace}.svc:9090`;
}
