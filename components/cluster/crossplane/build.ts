import { z } from "zod";
import { type ClusterPosture, CONTROL_PLANE_LOG_TYPES } from "../contract";
import { resolveNetworkCidrs } from "../network-plan";
import { postureWeakenings } from "../posture";
import { minorOf } from "../../shared/kubernetes-version";
import { type Manifest } from "../../shared/manifests";
import { dnsLabel, parseArgs } from "../../shared/validate";
import { CROSSPLANE_SERVICE_CIDRS, type CrossplaneClusterArgs, crossplaneClusterArgs } from "./args";
import { buildAlibabaComposition } from "./composition-alibaba";
import { buildAwsComposition } from "./composition-aws";
import { buildXrd, CLAIM_KIND, XRD_GROUP, XRD_VERSION } from "./xrd";

export const CROSSPLANE_CLUSTER_TYPE = "cairn:cluster:CrossplaneCluster";

/** function-patch-and-transform, which every Composition's pipeline calls. */
export const FUNCTION_PACKAGE = "xpkg.crossplane.io/crossplane-contrib/function-patch-and-transform:v0.8.2";

type Parsed = z.output<typeof crossplaneClusterArgs>;

/** Resolved Crossplane cluster args, with the network carved. */
export type ResolvedCrossplaneCluster = Omit<Parsed, "claimName"> & {
  readonly claimName: string;
  readonly serviceCidr: string;
  readonly nodeSubnetCidrs: string[];
  readonly secondSubnetCidrs: string[];
};

/** Validates args and resolves the secure defaults. Throws CairnInputError before anything is created. */
export function resolveCrossplaneCluster(
  name: string,
  args: CrossplaneClusterArgs,
): ResolvedCrossplaneCluster {
  const where = `${CROSSPLANE_CLUSTER_TYPE} "${name}"`;
  const parsed = parseArgs(crossplaneClusterArgs, args, where);
  const claimName =
    parsed.claimName ??
    parseArgs(
      z.object({ claimName: dnsLabel("the component name, used as claimName") }),
      { claimName: name },
      where,
    ).claimName;
  const aws = parsed.cloud === "aws";
  const [nodes, second] = resolveNetworkCidrs(where, {
    vpcCidr: parsed.vpcCidr,
    zones: 3,
    vpcPrefixRange: aws ? { min: 16, max: 28 } : { min: 8, max: 28 },
    subnetPrefixRange: aws ? { min: 16, max: 28 } : { min: 16, max: 29 },
    tiers: [
      { argument: "vpcCidr", extraBits: aws ? 1 : 3 },
      { argument: "vpcCidr", extraBits: aws ? 4 : 1 },
    ],
  });
  return {
    ...parsed,
    claimName,
    serviceCidr: CROSSPLANE_SERVICE_CIDRS[parsed.cloud],
    nodeSubnetCidrs: nodes,
    secondSubnetCidrs: second,
  };
}

/** The claim that asks the management cluster for a cluster. Its connection secret holds `kubeconfig` (AWS). */
export function buildCrossplaneClaim(r: ResolvedCrossplaneCluster): Manifest {
  const instanceType = r.instanceType ?? (r.cloud === "aws" ? "m7i.large" : "ecs.g7.xlarge");
  return {
    apiVersion: `${XRD_GROUP}/${XRD_VERSION}`,
    kind: CLAIM_KIND,
    metadata: {
      name: r.claimName,
      namespace: r.claimNamespace,
      labels: { "app.kubernetes.io/managed-by": "cairn" },
      // Pulumi waits until Crossplane reports the cluster Ready.
      annotations: { "pulumi.com/waitFor": "condition=Ready", "pulumi.com/timeoutSeconds": "3600" },
    },
    spec: {
      compositionSelector: { matchLabels: { "platform.cairn.dev/cloud": r.cloud } },
      writeConnectionSecretToRef: { name: connectionSecretName(r) },
      parameters: {
        cloud: r.cloud,
        region: r.region,
        kubernetesVersion: minorOf(r.kubernetesVersion),
        endpoint: {
          public: r.endpointPublicAccess,
          allowedCidrs: r.endpointPublicAccess ? r.publicAccessCidrs : [],
        },
        deletionProtection: r.deletionProtection,
        logRetentionDays: r.logRetentionDays,
        nodes: { instanceType, ...r.scaling },
        network: {
          zones: r.zones,
          vpcCidr: r.vpcCidr,
          nodeSubnetCidrs: r.nodeSubnetCidrs,
          [r.cloud === "aws" ? "publicSubnetCidrs" : "podSubnetCidrs"]: r.secondSubnetCidrs,
          serviceCidr: r.serviceCidr,
        },
      },
    },
  };
}

export const connectionSecretName = (r: ResolvedCrossplaneCluster) => `${r.claimName}-kubeconfig`;

/** The function package the Compositions need. */
export function buildFunctionPackage(): Manifest {
  return {
    apiVersion: "pkg.crossplane.io/v1beta1",
    kind: "Function",
    metadata: { name: "function-patch-and-transform", labels: { "app.kubernetes.io/managed-by": "cairn" } },
    spec: { package: FUNCTION_PACKAGE },
  };
}

/** Everything Cairn applies for a Crossplane cluster, as plain objects: definitions (XRD, Compositions, function) and the claim. */
export function buildCrossplaneManifests(
  name: string,
  args: CrossplaneClusterArgs,
): { definitions: Manifest[]; claim: Manifest } {
  const r = resolveCrossplaneCluster(name, args);
  return { definitions: buildCrossplaneDefinitions(), claim: buildCrossplaneClaim(r) };
}

/** The XRD, both Compositions and the function package (install once per management cluster). */
export function buildCrossplaneDefinitions(): Manifest[] {
  return [buildFunctionPackage(), buildXrd(), buildAwsComposition(), buildAlibabaComposition()];
}

/** The normalised posture the chosen Composition produces. */
export function buildCrossplanePosture(r: ResolvedCrossplaneCluster): ClusterPosture {
  return {
    endpointPublic: r.endpointPublicAccess,
    publicAccessCidrs: r.endpointPublicAccess ? [...r.publicAccessCidrs] : [],
    secretsEncrypted: true,
    // The Alibaba provider (v1alpha1) has no audit-log setting, so audit is not claimed there.
    controlPlaneLogs:
      r.cloud === "aws" ? [...CONTROL_PLANE_LOG_TYPES] : CONTROL_PLANE_LOG_TYPES.filter((t) => t !== "audit"),
    workloadIdentity: "oidc",
    deletionProtection: r.deletionProtection,
    privateNodes: true,
    zones: 3,
  };
}

export function crossplaneWeakenings(r: ResolvedCrossplaneCluster): string[] {
  return postureWeakenings(buildCrossplanePosture(r)).map((w) => `cluster ${r.claimName}: ${w}`);
}
