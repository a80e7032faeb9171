// GatekeeperPolicies on the embedded cluster, one component per policy, each scoped to its own
// namespace (CAIRN_TEST_SCOPES: {"<policy id>": "<namespace>"}), so a sample admitted in a policy's
// namespace meets that policy's constraint only. The namespaces are the test's (created before).
import * as fs from "fs";
import { ExistingCluster, GatekeeperPolicies, type GatekeeperPoliciesArgs } from "../../../../components";

const kubeconfig = fs.readFileSync(process.env.CAIRN_TEST_KUBECONFIG!, "utf8");
const scopes = JSON.parse(process.env.CAIRN_TEST_SCOPES!) as Record<string, string>;
const cluster = new ExistingCluster("embedded", { kubeconfig, kubernetesVersion: "1.36" });

export const constraintKinds = Object.entries(scopes).map(
  ([policy, namespace]) =>
    new GatekeeperPolicies(
      `gk-${namespace}`,
      { namespaces: [namespace], policies: [policy] as GatekeeperPoliciesArgs["policies"] },
      { provider: cluster.provider },
    ).constraintKinds,
);
