import * as path from "node:path";
import { type BadInputCase } from "../helpers/bad-input";

const FIXTURES = path.resolve(__dirname, "../fixtures/charts");

/** Minimal valid Prometheus args the cases are merged over: the chart from the local fixture mirror. */
export const PROMETHEUS_BASE_ARGS = { chartMirror: FIXTURES };

/** Bad Prometheus inputs: each must be rejected before anything is registered. */
export const prometheusBadInputs: readonly BadInputCase<Record<string, unknown>>[] = [
  {
    title: "no replicas",
    args: { replicas: 0 },
    argument: "replicas",
    value: "0",
    fix: "positive integer",
  },
  {
    title: "a retention that is not a duration",
    args: { retention: "two weeks" },
    argument: "retention",
    value: '"two weeks"',
    fix: "Prometheus duration",
  },
  {
    title: "a retention size without a unit Prometheus reads",
    args: { retentionSize: "45G" },
    argument: "retentionSize",
    value: '"45G"',
    fix: 'a size such as "45GiB"',
  },
  {
    title: "a storage size that is not a quantity",
    args: { storageSize: "big" },
    argument: "storageSize",
    value: '"big"',
    fix: "Kubernetes quantity",
  },
  {
    title: "remote write over FTP",
    args: { remoteWrite: [{ url: "ftp://metrics.example.com" }] },
    argument: "remoteWrite[0].url",
    value: '"ftp://metrics.example.com"',
    fix: "http(s) URL",
  },
  {
    title: "a remote-write secret that is not a DNS label",
    args: { remoteWrite: [{ url: "https://metrics.example.com", basicAuthSecret: "Remote_Write" }] },
    argument: "remoteWrite[0].basicAuthSecret",
    value: '"Remote_Write"',
    fix: "DNS-1123 label",
  },
  {
    title: "an availability objective over 100%",
    args: { slos: [{ service: "web", availability: 120 }] },
    argument: "slos[0].availability",
    value: "120",
    fix: "between 0 and 100",
  },
  {
    title: "a latency threshold that is no histogram bucket",
    args: { slos: [{ service: "web", latency: { objective: 99, thresholdMs: 300 } }] },
    argument: "slos[0].latency.thresholdMs",
    value: "300",
    fix: "Istio histogram bucket",
  },
  {
    title: "an SLO without an objective",
    args: { slos: [{ service: "web" }] },
    argument: "slos[0]",
    value: '{"service":"web"}',
    fix: "availability, latency or both",
  },
  {
    title: "a scrape target that did not come from a component",
    args: { targets: [{ url: "http://web:9090" }] },
    argument: "targets[0]",
    value: '{"url":"http://web:9090"}',
    fix: "scrapeTargets from ServiceMesh, Consul or Gateway",
  },
  {
    title: "a query namespace that is not a DNS label",
    args: { allowQueryFrom: ["Gateway"] },
    argument: "allowQueryFrom[0]",
    value: '"Gateway"',
    fix: "DNS-1123 label",
  },
  {
    title: "a chart version the mirror does not hold",
    args: { chart: { version: "80.0.0" } },
    argument: "chartMirror",
    value: FIXTURES,
    fix: "expected kube-prometheus-stack 80.0.0",
  },
];
