// A namespace baseline plus a restricted Deployment and Service, configured
// from the environment so test runs leave no stack config files behind.
import * as k8s from "@pulumi/kubernetes";
import * as fs from "fs";
import { ExistingCluster, NamespaceBaseline } from "../../../../components";

const kubeconfig = fs.readFileSync(process.env.CAIRN_TEST_KUBECONFIG!, "utf8");
const namespace = process.env.CAIRN_TEST_NAMESPACE ?? "it-baseline";
const image = process.env.CAIRN_TEST_IMAGE ?? "registry.k8s.io/pause:3.10";

const cluster = new ExistingCluster("embedded", { kubeconfig, kubernetesVersion: "1.36" });
// CAIRN_TEST_BAD_INPUT: an argument the component refuses, to see how the engine reports it.
const baselineArgs = process.env.CAIRN_TEST_BAD_INPUT ? { quota: { pods: 0 } } : {};
const baseline = new NamespaceBaseline(namespace, baselineArgs, { provider: cluster.provider });
const labels = { app: "web" };

const deployment = new k8s.apps.v1.Deployment(
  "web",
  {
    metadata: { name: "web", namespace: baseline.namespace },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 65532,
            seccompProfile: { type: "RuntimeDefault" },
          },
          containers: [
            {
              name: "web",
              image,
              ports: [{ containerPort: 8080 }],
              resources: {
                requests: { cpu: "50m", memory: "32Mi" },
                limits: { cpu: "100m", memory: "64Mi" },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ["ALL"] },
              },
            },
          ],
        },
      },
    },
  },
  { provider: cluster.provider, dependsOn: [baseline] },
);

new k8s.core.v1.Service(
  "web",
  {
    metadata: { name: "web", namespace: baseline.namespace },
    spec: { type: "ClusterIP", selector: labels, ports: [{ port: 80, targetPort: 8080 }] },
  },
  { provider: cluster.provider, dependsOn: [deployment] },
);

export const namespaceName = baseline.namespace;
export const readyReplicas = deployment.status.readyReplicas;
