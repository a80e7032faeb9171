// One service released through cairn:delivery:Canary, configured from the environment
// (the test runs the controller and Prometheus, and creates the namespace).
import * as k8s from "@pulumi/kubernetes";
import * as fs from "fs";
import { Canary, ExistingCluster } from "../../../../components";

const env = (key: string) => {
  const value = process.env[key];
  if (!value) throw new Error(`${key} is not set (test/integration/canary.test.ts sets it)`);
  return value;
};
const service = env("CAIRN_TEST_SERVICE");
const cluster = new ExistingCluster("embedded", {
  kubeconfig: fs.readFileSync(env("CAIRN_TEST_KUBECONFIG"), "utf8"),
  kubernetesVersion: "1.36",
});
const canary = new Canary(
  service,
  {
    service,
    namespace: env("CAIRN_TEST_NAMESPACE"),
    image: env("CAIRN_TEST_IMAGE"),
    slo: { service, availability: 99 },
    gateways: process.env.CAIRN_TEST_GATEWAYS?.split(",") ?? [],
    steps: [20, 50, 100],
    stepPause: "2s",
    analysisInterval: "2s",
    analysisCount: 2,
    prometheusAddress: env("CAIRN_TEST_PROMETHEUS"),
  },
  { provider: cluster.provider },
);

// What the mesh component declares; the pack's stack policy requires it beside any Istio object.
// The local platform owns the same object (same spec): destroying this test stack must leave it.
new k8s.apiextensions.CustomResource(
  "mesh-mtls",
  {
    apiVersion: "security.istio.io/v1",
    kind: "PeerAuthentication",
    metadata: { name: "default", namespace: "istio-system" },
    spec: { mtls: { mode: "STRICT" } },
  },
  { provider: cluster.provider, retainOnDelete: true },
);

export const rollout = canary.rollout;
