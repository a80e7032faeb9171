import { CONTROL_PLANE_LOG_TYPES } from "../contract";
import { CLUSTER_ROLE_POLICIES, NODE_ROLE_POLICIES } from "../eks/role-policies";
import {
  type ComposedResource,
  composition,
  deletionPolicyPatch,
  fmt,
  fromXr,
  managed,
  sibling,
  toXr,
} from "./compose";

const EC2 = "ec2.aws.upbound.io/v1beta1";
const P = "spec.parameters";

const assumeRole = (service: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Principal: { Service: service }, Action: ["sts:AssumeRole", "sts:TagSession"] },
    ],
  });

function network(): ComposedResource[] {
  const subnet = (tier: "node" | "public", i: number): ComposedResource =>
    managed(
      `${tier}-subnet-${i}`,
      EC2,
      "Subnet",
      {
        vpcIdSelector: sibling("vpc"),
        mapPublicIpOnLaunch: false,
        tags:
          tier === "node" ? { "kubernetes.io/role/internal-elb": "1" } : { "kubernetes.io/role/elb": "1" },
      },
      [
        fromXr(`${P}.network.zones[${i}]`, "spec.forProvider.availabilityZone"),
        fromXr(
          `${P}.network.${tier === "node" ? "nodeSubnetCidrs" : "publicSubnetCidrs"}[${i}]`,
          "spec.forProvider.cidrBlock",
        ),
      ],
      { "platform.cairn.dev/tier": tier },
    );
  const zones = [0, 1, 2];
  return [
    managed("vpc", EC2, "VPC", { enableDnsHostnames: true, enableDnsSupport: true }, [
      fromXr(`${P}.network.vpcCidr`, "spec.forProvider.cidrBlock"),
    ]),
    managed("igw", EC2, "InternetGateway", { vpcIdSelector: sibling("vpc") }),
    ...zones.map((i) => subnet("public", i)),
    ...zones.map((i) => subnet("node", i)),
    managed("nat-eip", EC2, "EIP", { domain: "vpc" }),
    managed("nat", EC2, "NATGateway", {
      allocationIdSelector: sibling("nat-eip"),
      subnetIdSelector: sibling("public-subnet-0"),
    }),
    managed("public-rt", EC2, "RouteTable", { vpcIdSelector: sibling("vpc") }),
    managed("public-route", EC2, "Route", {
      destinationCidrBlock: "0.0.0.0/0",
      routeTableIdSelector: sibling("public-rt"),
      gatewayIdSelector: sibling("igw"),
    }),
    managed("node-rt", EC2, "RouteTable", { vpcIdSelector: sibling("vpc") }),
    managed("node-route", EC2, "Route", {
      destinationCidrBlock: "0.0.0.0/0",
      routeTableIdSelector: sibling("node-rt"),
      natGatewayIdSelector: sibling("nat"),
    }),
    ...zones.flatMap((i) => [
      managed(`public-rta-${i}`, EC2, "RouteTableAssociation", {
        subnetIdSelector: sibling(`public-subnet-${i}`),
        routeTableIdSelector: sibling("public-rt"),
      }),
      managed(`node-rta-${i}`, EC2, "RouteTableAssociation", {
        subnetIdSelector: sibling(`node-subnet-${i}`),
        routeTableIdSelector: sibling("node-rt"),
      }),
    ]),
  ];
}

function iam(role: "cluster" | "node", service: string, policies: string[]): ComposedResource[] {
  return [
    managed(`${role}-role`, "iam.aws.upbound.io/v1beta1", "Role", { assumeRolePolicy: assumeRole(service) }),
    ...policies.map((policyArn, i) =>
      managed(`${role}-role-policy-${i}`, "iam.aws.upbound.io/v1beta1", "RolePolicyAttachment", {
        policyArn,
        roleSelector: sibling(`${role}-role`),
      }),
    ),
  ].map((r) => ({ ...r, patches: r.patches?.filter((p) => p.toFieldPath !== "spec.forProvider.region") }));
}

function controlPlane(): ComposedResource[] {
  const cluster = managed(
    "cluster",
    "eks.aws.upbound.io/v1beta1",
    "Cluster",
    {
      roleArnSelector: sibling("cluster-role"),
      vpcConfig: [
        {
          endpointPrivateAccess: true,
          endpointPublicAccess: false,
          subnetIdSelector: { matchControllerRef: true, matchLabels: { "platform.cairn.dev/tier": "node" } },
        },
      ],
      encryptionConfig: [{ resources: ["secrets"], provider: [{ keyArn: "" }] }],
      enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
      accessConfig: [{ authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false }],
    },
    [
      fromXr(`${P}.kubernetesVersion`, "spec.forProvider.version"),
      fromXr(`${P}.endpoint.public`, "spec.forProvider.vpcConfig[0].endpointPublicAccess"),
      fromXr(`${P}.endpoint.allowedCidrs`, "spec.forProvider.vpcConfig[0].publicAccessCidrs"),
      fromXr(`${P}.network.serviceCidr`, "spec.forProvider.kubernetesNetworkConfig[0].serviceIpv4Cidr"),
      fromXr("status.kmsKeyRef", "spec.forProvider.encryptionConfig[0].provider[0].keyArn"),
      deletionPolicyPatch(),
      toXr("status.atProvider.endpoint", "status.endpoint"),
      toXr("status.atProvider.identity[0].oidc[0].issuer", "status.oidcIssuer"),
      toXr("status.atProvider.id", "status.clusterId"),
    ],
  );
  const key = managed(
    "kms-key",
    "kms.aws.upbound.io/v1beta1",
    "Key",
    {
      description: "Cairn: envelope encryption of Kubernetes Secrets",
      enableKeyRotation: true,
      deletionWindowInDays: 30,
    },
    [deletionPolicyPatch(), toXr("status.atProvider.arn", "status.kmsKeyRef")],
  );
  const logs = managed("log-group", "cloudwatchlogs.aws.upbound.io/v1beta1", "Group", {}, [
    fromXr(`${P}.logRetentionDays`, "spec.forProvider.retentionInDays"),
    fmt("status.clusterId", "metadata.annotations[crossplane.io/external-name]", "/aws/eks/%s/cluster"),
  ]);
  const auth: ComposedResource = {
    ...managed("cluster-auth", "eks.aws.upbound.io/v1beta1", "ClusterAuth", {
      clusterNameSelector: sibling("cluster"),
    }),
    connectionDetails: [
      { name: "kubeconfig", type: "FromConnectionSecretKey", fromConnectionSecretKey: "kubeconfig" },
    ],
  };
  auth.base.spec = {
    ...(auth.base.spec as object),
    writeConnectionSecretToRef: { namespace: "crossplane-system", name: "" },
  };
  auth.patches!.push(fmt("metadata.uid", "spec.writeConnectionSecretToRef.name", "%s-ekscluster"));
  return [key, logs, cluster, auth];
}

function nodes(): ComposedResource[] {
  const template = managed(
    "node-template",
    EC2,
    "LaunchTemplate",
    {
      metadataOptions: [{ httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 }],
      blockDeviceMappings: [
        { deviceName: "/dev/xvda", ebs: [{ volumeSize: 50, volumeType: "gp3", encrypted: "true" }] },
      ],
      updateDefaultVersion: true,
    },
    [
      toXr("status.atProvider.id", "status.launchTemplateId"),
      toXr("status.atProvider.latestVersion", "status.launchTemplateVersion"),
    ],
  );
  const group = managed(
    "node-group",
    "eks.aws.upbound.io/v1beta1",
    "NodeGroup",
    {
      clusterNameSelector: sibling("cluster"),
      nodeRoleArnSelector: sibling("node-role"),
      subnetIdSelector: { matchControllerRef: true, matchLabels: { "platform.cairn.dev/tier": "node" } },
      amiType: "AL2023_x86_64_STANDARD",
      scalingConfig: [{ minSize: 3, maxSize: 6, desiredSize: 3 }],
      launchTemplate: [{ id: "", version: "" }],
    },
    [
      fromXr(`${P}.kubernetesVersion`, "spec.forProvider.version"),
      fromXr(`${P}.nodes.instanceType`, "spec.forProvider.instanceTypes[0]"),
      fromXr(`${P}.nodes.minSize`, "spec.forProvider.scalingConfig[0].minSize"),
      fromXr(`${P}.nodes.maxSize`, "spec.forProvider.scalingConfig[0].maxSize"),
      fromXr(`${P}.nodes.desiredSize`, "spec.forProvider.scalingConfig[0].desiredSize"),
      fromXr("status.launchTemplateId", "spec.forProvider.launchTemplate[0].id"),
      fromXr("status.launchTemplateVersion", "spec.forProvider.launchTemplate[0].version", [
        { type: "convert", convert: { toType: "string" } },
      ]),
    ],
  );
  return [template, group];
}

/** The AWS Composition: VPC, subnets, NAT, KMS key, IAM roles, EKS cluster, log group, launch template and node group. */
export function buildAwsComposition() {
  return composition("xcairnclusters-aws", "aws", [
    ...network(),
    ...iam("cluster", "eks.amazonaws.com", CLUSTER_ROLE_POLICIES),
    ...iam("node", "ec2.amazonaws.com", NODE_ROLE_POLICIES),
    ...controlPlane(),
    ...nodes(),
  ]);
}
