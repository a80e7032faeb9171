import * as pulumi from "@pulumi/pulumi";
import * as fs from "fs";
import { ExistingCluster, NamespaceBaseline } from "./components";

const config = new pulumi.Config();
const kubeconfigPath = config.get("kubeconfigPath") ?? process.env.KUBECONFIG_CAIRN;
if (!kubeconfigPath) {
  throw new Error(
    "cairn:kubeconfigPath is not set: run `./cairn up`, or `pulumi config set kubeconfigPath <file>`",
  );
}

const cluster = new ExistingCluster("local", {
  kubeconfig: fs.readFileSync(kubeconfigPath, "utf8"),
  kubernetesVersion: "1.36",
});
const namespaces = (config.getObject<string[]>("namespaces") ?? ["apps"]).map(
  (ns) => new NamespaceBaseline(ns, {}, { provider: cluster.provider }),
);

export const endpoint = cluster.endpoint;
export const kubeconfig = cluster.kubeconfig;
export const posture = cluster.posture;
export const namespaceNames = namespaces.map((ns) => ns.namespace);
