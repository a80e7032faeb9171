// A namespace baseline and CAIRN_TEST_COUNT ConfigMaps, each labelled so a test
// can count what exists in the cluster; also exports a generated secret.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import { ExistingCluster, NamespaceBaseline } from "../../../../components";

const kubeconfig = fs.readFileSync(process.env.CAIRN_TEST_KUBECONFIG!, "utf8");
const namespace = process.env.CAIRN_TEST_NAMESPACE ?? "it-many";
const count = Number(process.env.CAIRN_TEST_COUNT ?? "40");

const cluster = new ExistingCluster("embedded", { kubeconfig, kubernetesVersion: "1.36" });
const baseline = new NamespaceBaseline(namespace, {}, { provider: cluster.provider });

for (let i = 0; i < count; i++) {
  new k8s.core.v1.ConfigMap(
    `item-${i}`,
    {
      metadata: { name: `item-${i}`, namespace: baseline.namespace, labels: { "cairn.dev/test": "many" } },
      data: { index: String(i) },
    },
    { provider: cluster.provider },
  );
}

export const token = pulumi.secret(process.env.CAIRN_TEST_SECRET ?? "unset");
export const clusterKubeconfig = cluster.kubeconfig;
