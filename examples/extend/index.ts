// A program of its own that builds on Cairn: the platform from Cairn's components, and a
// team's space (its own component) on the platform's cluster.
import * as fs from "fs";
import * as pulumi from "@pulumi/pulumi";
import { Platform } from "../../components";
import { TeamSpace } from "./team-space";

const config = new pulumi.Config();
const kubeconfigPath = config.get("kubeconfigPath") ?? process.env.KUBECONFIG_CAIRN;
if (!kubeconfigPath) throw new Error("set kubeconfigPath, or source scripts/env.sh for the embedded cluster");

const platform = new Platform("platform", {
  clusters: [
    {
      name: "dev",
      existing: {
        kubeconfig: pulumi.secret(fs.readFileSync(kubeconfigPath, "utf8")),
        kubernetesVersion: "1.36",
      },
    },
  ],
});

const shop = new TeamSpace(
  "shop",
  { namespace: config.get("namespace") ?? "shop", image: "registry.k8s.io/pause:3.10" },
  { provider: platform.parts.dev.cluster.provider },
);

export const namespace = shop.namespace;
export const clusters = platform.clusters;
