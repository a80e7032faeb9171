import * as pulumi from "@pulumi/pulumi";

/** Clouds the Crossplane compositions target. */
export const CrossplaneCloud = { Aws: "aws", Alibaba: "alibaba" } as const;
export type CrossplaneCloud = (typeof CrossplaneCloud)[keyof typeof CrossplaneCloud];

/** Args for {@link CrossplaneCluster} and {@link buildCrossplaneManifests}. */
export interface CrossplaneClusterArgs {
  /** Cloud whose composition builds the cluster. */
  readonly cloud: CrossplaneCloud;
  /** Cloud region, e.g. "eu-west-1" or "cn-hangzhou". */
  readonly region: string;
  /** Exactly 3 zones (the compositions compose one subnet per zone). */
  readonly zones: readonly string[];
  /** Kubernetes version (major.minor), on Cairn's allowlist for the cloud. @default - the newest allowed */
  readonly kubernetesVersion?: string;
  /** The version running now; a downgrade or skipped minor is rejected. @default - no check */
  readonly currentVersion?: string;
  /** Namespace of the claim and its connection secret in the management cluster. @default "platform-clusters" */
  readonly claimNamespace?: string;
  /** Name of the claim (a DNS-1123 label). @default - the component's logical name */
  readonly claimName?: string;
  /** VPC CIDR. @default "10.0.0.0/16" */
  readonly vpcCidr?: string;
  /** Expose the API endpoint on the internet (requires `publicAccessCidrs`). @default false */
  readonly endpointPublicAccess?: boolean;
  /** CIDRs allowed to reach a public endpoint. @default [] */
  readonly publicAccessCidrs?: readonly string[];
  /** Orphan (keep) the cloud cluster and key when the claim is deleted, and turn on cloud deletion protection. @default true */
  readonly deletionProtection?: boolean;
  /** Control-plane log retention in days. @default 90 */
  readonly logRetentionDays?: number;
  /** Node instance type. @default "m7i.large" on AWS, "ecs.g7.xlarge" on Alibaba */
  readonly instanceType?: string;
  /** Node scaling bounds. @default { minSize: 3, maxSize: 6, desiredSize: 3 } */
  readonly scaling?: { readonly minSize?: number; readonly maxSize?: number; readonly desiredSize?: number };
  /** Register the XRD, both Compositions and the function package too (once per management cluster). @default true */
  readonly installDefinitions?: boolean;
  /** For `cloud: "alibaba"`: the kubeconfig is fetched with this provider, since the Alibaba provider publishes no cluster credentials. */
  readonly alicloudProvider?: pulumi.ProviderResource;
}
