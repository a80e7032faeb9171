import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isSecret, ResourceRecorder, unwrap } from "../../../test/helpers/mocks";
import { errorOf, expectRejection } from "../../../test/helpers/bad-input";
import { eksBadInputs } from "../../../test/cases/eks.cases";
import { EksCluster, resolveEksCluster } from ".";
import { createEksCluster } from "./eks-cluster";

const COMPONENT = "cairn:cluster:EksCluster::prod";
const PROVIDER = "pulumi:providers:aws::aws";

describe("EksCluster component", () => {
  let recorder: ResourceRecorder;
  const awsProvider = () => new aws.Provider("aws", { region: "eu-west-1" }, recorder.opts);
  let created: EksCluster | undefined;
  const create = (args: ConstructorParameters<typeof EksCluster>[1] = {}) =>
    (created = new EksCluster("prod", args, { ...recorder.opts, provider: awsProvider() }));
  beforeEach(() => {
    recorder = new ResourceRecorder();
    created = undefined;
  });
  // Let the component finish registering its outputs before the next test replaces the mocks.
  afterEach(async () => {
    if (!created) return;
    await unwrap(
      pulumi.all([created.kubeconfig, created.posture, created.privateSubnetIds, created.nodeRoleName]),
    );
    await recorder.settled();
  });

  it("registers the network, key, logs, cluster, OIDC provider and node group as children on the explicit provider", async () => {
    const cluster = create();
    await unwrap(cluster.kubeconfig);
    const resources = await recorder.settled();
    const children = resources.filter((r) => r.parent === COMPONENT);
    const count = (type: string) => children.filter((r) => r.type === type).length;
    expect(count("aws:ec2/vpc:Vpc")).toBe(1);
    expect(count("aws:ec2/subnet:Subnet")).toBe(6);
    expect(count("aws:ec2/natGateway:NatGateway")).toBe(3);
    expect(count("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup")).toBe(1);
    expect(count("aws:kms/key:Key")).toBe(2);
    expect(count("aws:cloudwatch/logGroup:LogGroup")).toBe(2);
    expect(count("aws:ec2/flowLog:FlowLog")).toBe(1);
    expect(count("aws:eks/cluster:Cluster")).toBe(1);
    expect(count("aws:iam/openIdConnectProvider:OpenIdConnectProvider")).toBe(1);
    expect(count("aws:ec2/launchTemplate:LaunchTemplate")).toBe(1);
    expect(count("aws:eks/nodeGroup:NodeGroup")).toBe(1);
    expect(count("aws:ec2/securityGroup:SecurityGroup")).toBe(0);
    const awsChildren = children.filter((r) => r.type.startsWith("aws:"));
    expect(awsChildren.every((r) => r.provider === PROVIDER)).toBe(true);
    expect(recorder.one("pulumi:providers:kubernetes", "prod-provider").parent).toBe(COMPONENT);
  });

  it("defaults to a private, encrypted, fully logged cluster with API access entries", async () => {
    create();
    await recorder.settled();
    const inputs = recorder.one("aws:eks/cluster:Cluster").inputs;
    expect(inputs.vpcConfig).toMatchObject({ endpointPrivateAccess: true, endpointPublicAccess: false });
    expect(inputs.vpcConfig).not.toHaveProperty("publicAccessCidrs");
    expect(inputs.encryptionConfig).toEqual({
      resources: ["secrets"],
      provider: { keyArn: "arn:aws:kms:eu-west-1:123456789012:key/prod-secrets-key-0000" },
    });
    expect(inputs.enabledClusterLogTypes).toEqual([
      "api",
      "audit",
      "authenticator",
      "controllerManager",
      "scheduler",
    ]);
    expect(inputs.accessConfig).toMatchObject({ authenticationMode: "API" });
    expect(inputs.deletionProtection).toBe(true);
    expect(inputs.upgradePolicy).toEqual({ supportType: "STANDARD" });
    expect(inputs.version).toBe("1.35");
    expect(inputs.kubernetesNetworkConfig).toEqual({ ipFamily: "ipv4", serviceIpv4Cidr: "172.20.0.0/16" });
    expect(recorder.one("aws:kms/key:Key", "prod-secrets-key").inputs).toMatchObject({
      enableKeyRotation: true,
      deletionWindowInDays: 30,
    });
    expect(recorder.one("aws:cloudwatch/logGroup:LogGroup", "prod-control-plane-logs").inputs).toMatchObject({
      name: "/aws/eks/prod/cluster",
      retentionInDays: 90,
    });
  });

  it("encrypts both log groups with a rotating key only CloudWatch Logs of this cluster may use", async () => {
    create();
    await recorder.settled();
    const key = recorder.one("aws:kms/key:Key", "prod-logs-key");
    expect(key).toMatchObject({ protect: true, inputs: { enableKeyRotation: true } });
    const policy = JSON.parse(String(key.inputs.policy));
    expect(policy.Statement[1]).toMatchObject({
      Principal: { Service: "logs.eu-west-1.amazonaws.com" },
      Condition: {
        ArnLike: {
          "kms:EncryptionContext:aws:logs:arn": [
            "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/eks/prod/*",
            "arn:aws:logs:eu-west-1:123456789012:log-group:/cairn/vpc/prod/*",
          ],
        },
      },
    });
    const keyArn = "arn:aws:kms:eu-west-1:123456789012:key/prod-logs-key-0000";
    expect(recorder.ofType("aws:cloudwatch/logGroup:LogGroup").map((g) => g.inputs.kmsKeyId)).toEqual([
      keyArn,
      keyArn,
    ]);
  });

  it("logs all VPC traffic to a retention-bound log group unless told not to", async () => {
    create();
    await recorder.settled();
    expect(recorder.one("aws:ec2/flowLog:FlowLog").inputs).toMatchObject({
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
    });
    expect(recorder.one("aws:cloudwatch/logGroup:LogGroup", "prod-flow-logs").inputs).toMatchObject({
      retentionInDays: 90,
    });
  });

  it("never gives subnets public IPs and tags private subnets for load balancers and Karpenter", async () => {
    create();
    await recorder.settled();
    const subnets = recorder.ofType("aws:ec2/subnet:Subnet");
    expect(subnets.every((s) => s.inputs.mapPublicIpOnLaunch === false)).toBe(true);
    const priv = subnets.filter((s) => s.name.startsWith("prod-private-"));
    expect(priv.map((s) => s.inputs.availabilityZone)).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
    expect(priv[0].inputs.tags).toMatchObject({
      "kubernetes.io/role/internal-elb": "1",
      "karpenter.sh/discovery": "prod",
    });
  });

  it("launches nodes with IMDSv2 only, hop limit 1, encrypted disks and no SSH", async () => {
    create();
    await recorder.settled();
    const lt = recorder.one("aws:ec2/launchTemplate:LaunchTemplate").inputs;
    expect(lt.metadataOptions).toMatchObject({ httpTokens: "required", httpPutResponseHopLimit: 1 });
    expect(lt.blockDeviceMappings).toEqual([
      expect.objectContaining({ ebs: expect.objectContaining({ encrypted: "true" }) }),
    ]);
    expect(lt).not.toHaveProperty("keyName");
    const ng = recorder.one("aws:eks/nodeGroup:NodeGroup").inputs;
    expect(ng.scalingConfig).toEqual({ minSize: 3, maxSize: 6, desiredSize: 3 });
    expect(ng).not.toHaveProperty("remoteAccess");
    expect(ng.tags).toMatchObject({
      "k8s.io/cluster-autoscaler/enabled": "true",
      "k8s.io/cluster-autoscaler/prod": "owned",
    });
  });

  it("allows SSH only from the given source security groups", async () => {
    create({
      nodeGroups: [{ name: "ops", sshKeyName: "ops-key", sshSourceSecurityGroupIds: ["sg-0b4571"] }],
    });
    await recorder.settled();
    const sg = recorder.one("aws:ec2/securityGroup:SecurityGroup").inputs;
    expect(sg.ingress).toEqual([
      expect.objectContaining({ fromPort: 22, toPort: 22, securityGroups: ["sg-0b4571"] }),
    ]);
    expect(JSON.stringify(sg.ingress)).not.toContain("0.0.0.0/0");
    expect(recorder.one("aws:ec2/launchTemplate:LaunchTemplate").inputs.keyName).toBe("ops-key");
  });

  it("protects the cluster and key and exposes the contract outputs", async () => {
    const cluster = create();
    expect(await unwrap(cluster.clusterName)).toBe("prod");
    expect(await unwrap(cluster.endpoint)).toBe("https://PROD-CLUSTER.gr7.eu-west-1.eks.amazonaws.com");
    expect(await unwrap(cluster.oidcIssuer)).toBe("https://oidc.eks.eu-west-1.amazonaws.com/id/PROD-CLUSTER");
    expect(await isSecret(cluster.kubeconfig)).toBe(true);
    const kubeconfig = JSON.parse(await unwrap(cluster.kubeconfig));
    expect(kubeconfig.users[0].user.exec.args).toContain("eu-west-1");
    expect(await unwrap(cluster.posture)).toMatchObject({
      deletionProtection: true,
      endpointPublic: false,
      zones: 3,
    });
    expect(await unwrap(cluster.weakenings)).toEqual([]);
    expect(await unwrap(cluster.nodeRoleArn)).toBe("arn:aws:iam::123456789012:role/prod-node-role");
    await recorder.settled();
    const protectedNames = recorder.resources.filter((r) => r.protect).map((r) => r.name);
    expect(protectedNames.sort()).toEqual(["prod-cluster", "prod-logs-key", "prod-secrets-key"]);
  });

  it("creates no network with an existing VPC and puts the cluster in its subnets", async () => {
    create({
      existingNetwork: { vpcId: "vpc-1", vpcCidr: "10.8.0.0/16", privateSubnetIds: ["subnet-a", "subnet-b"] },
    });
    await recorder.settled();
    expect(recorder.ofType("aws:ec2/vpc:Vpc")).toEqual([]);
    expect(recorder.ofType("aws:ec2/subnet:Subnet")).toEqual([]);
    expect(recorder.one("aws:eks/cluster:Cluster").inputs.vpcConfig).toMatchObject({
      subnetIds: ["subnet-a", "subnet-b"],
    });
  });

  it("adds the Pod Identity agent and access entries when asked", async () => {
    create({
      podIdentity: true,
      accessEntries: [
        { principalArn: "arn:aws:iam::123456789012:role/dev", policy: "view", namespaces: ["team-a"] },
      ],
    });
    await recorder.settled();
    expect(recorder.one("aws:eks/addon:Addon").inputs.addonName).toBe("eks-pod-identity-agent");
    expect(recorder.one("aws:eks/accessPolicyAssociation:AccessPolicyAssociation").inputs).toMatchObject({
      policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy",
      accessScope: { type: "namespace", namespaces: ["team-a"] },
    });
  });

  it("reports explicit weakenings in its outputs and opens the endpoint only to the given CIDRs", async () => {
    const cluster = create({
      deletionProtection: false,
      endpointPublicAccess: true,
      publicAccessCidrs: ["198.51.100.7/32"],
    });
    expect(await unwrap(cluster.weakenings)).toHaveLength(2);
    await recorder.settled();
    expect(recorder.one("aws:eks/cluster:Cluster").inputs.vpcConfig).toMatchObject({
      endpointPublicAccess: true,
      publicAccessCidrs: ["198.51.100.7/32"],
    });
    expect(recorder.resources.filter((r) => r.protect)).toEqual([]);
    expect(recorder.one("aws:eks/cluster:Cluster").inputs.deletionProtection).toBe(false);
  });

  it.each(eksBadInputs)(
    "rejects $title, naming the argument, the value and the fix, registering nothing",
    async (c) => {
      const error = errorOf(() => create(c.args));
      expectRejection(error, c);
      expect(error.message).toContain('cairn:cluster:EksCluster "prod"');
      await recorder.settled();
      expect(recorder.resources.map((r) => r.type)).toEqual(["pulumi:providers:aws"]);
    },
  );

  it("registers the same resources from args resolved beforehand, with no second parse", async () => {
    const args = { zoneCount: 2, natGateways: "single" } as const;
    const resolved = resolveEksCluster("prod", args);
    created = createEksCluster("prod", resolved, { ...recorder.opts, provider: awsProvider() });
    const resources = await recorder.settled();
    const count = (type: string) => resources.filter((r) => r.type === type).length;
    expect(count("aws:ec2/subnet:Subnet")).toBe(4);
    expect(count("aws:ec2/natGateway:NatGateway")).toBe(1);
    expect(recorder.one("aws:eks/cluster:Cluster").inputs.name).toBe("prod");
  });

  it("refuses to run without an explicit AWS provider", () => {
    expect(() => new EksCluster("prod", {}, recorder.opts)).toThrow(
      /opts\.provider.*A aws provider is required/,
    );
  });
});
