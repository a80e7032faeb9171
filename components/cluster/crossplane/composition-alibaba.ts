import {
  type ComposedResource,
  composition,
  deletionPolicyPatch,
  fromXr,
  managed,
  sibling,
  toXr,
} from "./compose";

const ACK = "ack.alibabacloud.crossplane.io/v1alpha1";
const VPC = "vpc.alibabacloud.crossplane.io/v1alpha1";
const P = "spec.parameters";

function network(): ComposedResource[] {
  const vswitch = (tier: "node" | "pod", i: number): ComposedResource =>
    managed(
      `${tier}-vswitch-${i}`,
      VPC,
      "Vswitch",
      { vpcIdSelector: sibling("vpc") },
      [
        fromXr(`${P}.network.zones[${i}]`, "spec.forProvider.zoneId"),
        fromXr(
          `${P}.network.${tier === "node" ? "nodeSubnetCidrs" : "podSubnetCidrs"}[${i}]`,
          "spec.forProvider.cidrBlock",
        ),
        ...(tier === "pod" ? [toXr("status.atProvider.id", `status.podSubnetIds[${i}]`)] : []),
      ],
      { "platform.cairn.dev/tier": tier },
    );
  return [
    managed("vpc", VPC, "VPC", {}, [fromXr(`${P}.network.vpcCidr`, "spec.forProvider.cidrBlock")]),
    ...[0, 1, 2].map((i) => vswitch("node", i)),
    ...[0, 1, 2].map((i) => vswitch("pod", i)),
  ];
}

/**
 * The Alibaba Cloud Composition (provider-upjet-alibabacloud, v1alpha1 APIs):
 * VPC, node and Terway pod vSwitches, a rotating KMS key, an ACK Pro cluster
 * with Secrets encryption, intranet-only API, control-plane logs, RRSA and
 * deletion protection, and a hardened node pool. ACK creates the NAT gateway
 * and SNAT entries itself (`newNatGateway`), since the provider has no NAT
 * gateway resource. See the README for what this provider cannot do.
 */
export function buildAlibabaComposition() {
  const key = managed(
    "kms-key",
    "kms.alibabacloud.crossplane.io/v1alpha1",
    "Key",
    {
      description: "Cairn: envelope encryption of Kubernetes Secrets",
      automaticRotation: "Enabled",
      rotationInterval: "31536000s",
      pendingWindowInDays: 30,
      deletionProtection: "Enabled",
    },
    [deletionPolicyPatch(), toXr("status.atProvider.id", "status.kmsKeyRef")],
  );
  const cluster = managed(
    "cluster",
    ACK,
    "ManagedKubernetes",
    {
      clusterSpec: "ack.pro.small",
      vswitchIdsSelector: { matchControllerRef: true, matchLabels: { "platform.cairn.dev/tier": "node" } },
      newNatGateway: true,
      slbInternetEnabled: false,
      controlPlaneLogComponents: ["apiserver", "kcm", "scheduler", "ccm", "controlplane-events"],
      controlPlaneLogTtl: "90",
      enableRrsa: true,
      deletionProtection: true,
      proxyMode: "ipvs",
      addons: [
        {
          name: "terway-eniip",
          config: JSON.stringify({ IPVlan: "false", NetworkPolicy: "true", ENITrunking: "false" }),
        },
        { name: "csi-plugin" },
        { name: "managed-csiprovisioner" },
      ],
    },
    [
      fromXr(`${P}.kubernetesVersion`, "spec.forProvider.version"),
      fromXr(`${P}.endpoint.public`, "spec.forProvider.slbInternetEnabled"),
      fromXr(`${P}.network.serviceCidr`, "spec.forProvider.serviceCidr"),
      fromXr(`${P}.logRetentionDays`, "spec.forProvider.controlPlaneLogTtl", [
        { type: "convert", convert: { toType: "string" } },
      ]),
      fromXr(`${P}.deletionProtection`, "spec.forProvider.deletionProtection"),
      fromXr("status.kmsKeyRef", "spec.forProvider.encryptionProviderKey"),
      fromXr("status.podSubnetIds", "spec.forProvider.podVswitchIds"),
      deletionPolicyPatch(),
      toXr("status.atProvider.id", "status.clusterId"),
      toXr("status.atProvider.connections.api_server_intranet", "status.endpoint"),
      toXr("status.atProvider.rrsaMetadata[0].rrsaOidcIssuerUrl", "status.oidcIssuer"),
    ],
  );
  const pool = managed(
    "node-pool",
    ACK,
    "KubernetesNodePool",
    {
      clusterIdSelector: sibling("cluster"),
      vswitchIdsSelector: { matchControllerRef: true, matchLabels: { "platform.cairn.dev/tier": "node" } },
      nodePoolName: "system",
      imageType: "AliyunLinux3",
      securityHardeningOs: true,
      systemDiskCategory: "cloud_essd",
      systemDiskSize: 120,
      systemDiskEncrypted: true,
      internetMaxBandwidthOut: 0,
      scalingConfig: [{ enable: true, minSize: 3, maxSize: 6 }],
    },
    [
      fromXr(`${P}.nodes.instanceType`, "spec.forProvider.instanceTypes[0]"),
      fromXr(`${P}.nodes.minSize`, "spec.forProvider.scalingConfig[0].minSize"),
      fromXr(`${P}.nodes.maxSize`, "spec.forProvider.scalingConfig[0].maxSize"),
      fromXr("status.kmsKeyRef", "spec.forProvider.systemDiskKmsKey"),
    ],
  );
  return composition("xcairnclusters-alibaba", "alibaba", [...network(), key, cluster, pool]);
}
