// Everything here breaks Cairn's baseline on purpose: the policy pack must stop it at preview.
import * as k8s from "@pulumi/kubernetes";
import * as fs from "fs";

const provider = new k8s.Provider("embedded", {
  kubeconfig: fs.readFileSync(process.env.CAIRN_TEST_KUBECONFIG!, "utf8"),
});
const namespace = process.env.CAIRN_TEST_NAMESPACE ?? "it-bad";
const ns = new k8s.core.v1.Namespace("ns", { metadata: { name: namespace } }, { provider });

new k8s.apps.v1.Deployment(
  "privileged",
  {
    metadata: { name: "privileged", namespace: ns.metadata.name },
    spec: {
      selector: { matchLabels: { app: "bad" } },
      template: {
        metadata: { labels: { app: "bad" } },
        spec: { containers: [{ name: "bad", image: "nginx:latest", securityContext: { privileged: true } }] },
      },
    },
  },
  { provider },
);

new k8s.core.v1.Service(
  "exposed",
  {
    metadata: { name: "exposed", namespace: ns.metadata.name },
    spec: { type: "LoadBalancer", selector: { app: "bad" }, ports: [{ port: 80 }] },
  },
  { provider },
);

new k8s.apiextensions.CustomResource(
  "permissive",
  {
    apiVersion: "security.istio.io/v1",
    kind: "PeerAuthentication",
    metadata: { name: "permissive", namespace: ns.metadata.name },
    spec: { mtls: { mode: "PERMISSIVE" } },
  },
  { provider },
);

// A gray release with no gate whose weights stop at 50: never promoted by an SLO, never fully.
new k8s.apiextensions.CustomResource(
  "ungated-canary",
  {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Rollout",
    metadata: { name: "ungated", namespace: ns.metadata.name },
    spec: {
      selector: { matchLabels: { app: "ungated" } },
      template: {
        metadata: { labels: { app: "ungated" } },
        spec: { containers: [{ name: "app", image: "registry.k8s.io/pause:3.10" }] },
      },
      strategy: { canary: { steps: [{ setWeight: 20 }, { pause: { duration: "1m" } }, { setWeight: 50 }] } },
    },
  },
  { provider },
);
