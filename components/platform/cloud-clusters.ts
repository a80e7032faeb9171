// The cluster components that need a cloud SDK, each with an explicit provider
// for its region: the one place platform.ts reaches @pulumi/aws and @pulumi/alicloud.
import * as alicloud from "@pulumi/alicloud";
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { createAckCluster } from "../cluster/ack/ack-cluster";
import { type CairnCluster } from "../cluster/contract";
import { createCrossplaneCluster } from "../cluster/crossplane/crossplane-cluster";
import { createEksCluster } from "../cluster/eks/eks-cluster";
import { type ResolvedPlatformCluster } from "./resolved";

type CloudCluster = Exclude<ResolvedPlatformCluster, { kind: "existing" }>;

/** The cluster component of a cloud kind; `providerOf` gives an earlier cluster's provider (a Crossplane cluster's management cluster). */
export function createCloudCluster(
  c: CloudCluster,
  parent: pulumi.Resource,
  providerOf: (cluster: string) => pulumi.ProviderResource,
): CairnCluster & { weakenings?: pulumi.Output<string[]> } {
  switch (c.kind) {
    case "crossplane": {
      const alicloudProvider =
        c.crossplane.cloud === "alibaba"
          ? new alicloud.Provider(`${c.name}-alicloud`, { region: c.region }, { parent })
          : undefined;
      const resolved = { ...c.crossplane, ...(alicloudProvider ? { alicloudProvider } : {}) };
      return createCrossplaneCluster(c.name, resolved, { parent, provider: providerOf(c.managementCluster) });
    }
    case "eks": {
      const provider = new aws.Provider(`${c.name}-aws`, { region: c.region }, { parent });
      return createEksCluster(c.name, c.eks, { parent, provider });
    }
    case "ack": {
      const provider = new alicloud.Provider(`${c.name}-alicloud`, { region: c.region }, { parent });
      return createAckCluster(c.name, c.ack, { parent, provider });
    }
  }
}
