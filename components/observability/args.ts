import { PROMETHEUS_NAMESPACE } from "./names";
import { z } from "zod";
import { chartMirrorArg, chartOverride } from "../shared/chart";
import { type ScrapeTarget } from "../shared/monitoring";
import { dnsLabel, documented as doc, failurePolicyArg, quantity } from "../shared/validate";
import { sloSpecSchema } from "./slo";

const duration = (what: string) =>
  z
    .string()
    .regex(/^(\d+(ms|s|m|h|d|w|y))+$/, `${what} must be a Prometheus duration such as "15d" or "12h"`);

// Scrape targets are built by other components (`scrapeTargets`), not written by hand.
const scrapeTarget = z.custom<ScrapeTarget>(
  (t) => typeof t === "object" && t !== null && "name" in t && "kind" in t && "portNumber" in t,
  { error: "targets entries must be scrapeTargets from ServiceMesh, Consul or Gateway" },
);

const remoteWrite = z.strictObject({
  url: doc(
    z.url({ protocol: /^https?$/, error: "remoteWrite[].url must be an http(s) URL" }),
    "Endpoint URL; `http://` is reported as a weakening.",
  ),
  basicAuthSecret: doc(
    dnsLabel("remoteWrite[].basicAuthSecret").optional(),
    "Secret in the Prometheus namespace with `username` and `password` keys for basic auth.",
    "- none",
  ),
});

/**
 * Args of {@link Prometheus}: the one source of their types, defaults and
 * documentation. Every field is optional and secure by default.
 */
export const prometheusArgs = z.strictObject({
  namespace: doc(
    dnsLabel("namespace").default(PROMETHEUS_NAMESPACE),
    "Namespace for Prometheus, Alertmanager and the operator.",
  ),
  replicas: doc(
    z.number().int().min(1, "replicas must be a positive integer").default(2),
    "Prometheus replicas.",
  ),
  retention: doc(duration("retention").default("15d"), "How long samples are kept."),
  retentionSize: doc(
    z
      .string()
      .regex(
        /^\d+(B|KB|MB|GB|TB|PB|EB|KiB|MiB|GiB|TiB|PiB|EiB)$/,
        'retentionSize must be a size such as "45GiB"',
      )
      .default("45GiB"),
    "Disk budget before old blocks are deleted.",
  ),
  storageSize: doc(quantity("storageSize").default("50Gi"), "Persistent volume size per replica."),
  storageClass: doc(
    z.string().min(1, "storageClass must be a non-empty StorageClass name").optional(),
    "StorageClass for the volumes.",
    "- the cluster default",
  ),
  remoteWrite: doc(z.array(remoteWrite).default([]), "Remote-write destinations."),
  targets: doc(
    z.array(scrapeTarget).default([]),
    "What to scrape: pass `scrapeTargets` of ServiceMesh, Consul and Gateway.",
  ),
  slos: doc(
    z.array(sloSpecSchema).default([]),
    "Service-level objectives; turned into multiwindow multi-burn-rate alert rules.",
  ),
  allowQueryFrom: doc(
    z.array(dnsLabel("each allowQueryFrom entry")).default([]),
    "Namespaces allowed to query Prometheus (port 9090), e.g. the gateway that exposes it behind JWT auth. " +
      "Prometheus itself is never exposed: its Service is ClusterIP and no Ingress is created.",
  ),
  webhookFailurePolicy: failurePolicyArg(
    "webhookFailurePolicy",
    "a PrometheusRule or AlertmanagerConfig while the operator's admission webhook is down",
    "refuse it",
    "admit it unvalidated",
  ),
  chartMirror: chartMirrorArg("kube-prometheus-stack"),
  chart: doc(chartOverride, "Version, source and value overrides for kube-prometheus-stack."),
});

/** Args for {@link Prometheus}, as a caller writes them (derived from the schema). */
export type PrometheusArgs = z.input<typeof prometheusArgs>;
/** A remote-write destination. */
export type RemoteWrite = z.input<typeof remoteWrite>;
