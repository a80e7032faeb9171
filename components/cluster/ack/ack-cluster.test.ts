import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isSecret, ResourceRecorder, unwrap } from "../../../test/helpers/mocks";
import { errorOf, expectRejection } from "../../../test/helpers/bad-input";
import { ackBadInputs } from "../../../test/cases/ack.cases";
import { AckCluster, resolveAckCluster } from ".";
import { createAckCluster } from "./ack-cluster";

const COMPONENT = "cairn:cluster:AckCluster::prod";
const PROVIDER = "pulumi:providers:alicloud::alicloud";

describe("AckCluster component", () => {
  let recorder: ResourceRecorder;
  let created: AckCluster | undefined;
  const aliProvider = () => new alicloud.Provider("alicloud", { region: "cn-hangzhou" }, recorder.opts);
  const create = (args: ConstructorParameters<typeof AckCluster>[1] = {}) =>
    (created = new AckCluster("prod", args, { ...recorder.opts, providers: { alicloud: aliProvider() } }));
  beforeEach(() => {
    recorder = new ResourceRecorder();
    created = undefined;
  });
  // Let the component finish registering its outputs before the next test replaces the mocks.
  afterEach(async () => {
    if (!created) return;
    await unwrap(pulumi.all([created.kubeconfig, created.posture, created.nodeVswitchIds, created.endpoint]));
    await recorder.settled();
  });

  it("registers the network, key, security group, cluster and node pool as children on the explicit provider", async () => {
    create();
    const resources = await recorder.settled();
    const children = resources.filter((r) => r.parent === COMPONENT);
    const count = (type: string) => children.filter((r) => r.type === type).length;
    expect(count("alicloud:vpc/network:Network")).toBe(1);
    expect(count("alicloud:vpc/switch:Switch")).toBe(6);
    expect(count("alicloud:vpc/natGateway:NatGateway")).toBe(1);
    expect(count("alicloud:vpc/snatEntry:SnatEntry")).toBe(6);
    expect(count("alicloud:kms/key:Key")).toBe(1);
    expect(count("alicloud:ecs/securityGroup:SecurityGroup")).toBe(1);
    expect(count("alicloud:cs/managedKubernetes:ManagedKubernetes")).toBe(1);
    expect(count("alicloud:cs/nodePool:NodePool")).toBe(1);
    expect(count("alicloud:slb/acl:Acl")).toBe(0);
    const aliChildren = children.filter((r) => r.type.startsWith("alicloud:"));
    expect(aliChildren.every((r) => r.provider === PROVIDER)).toBe(true);
    expect(recorder.one("pulumi:providers:kubernetes", "prod-provider").parent).toBe(COMPONENT);
  });

  it("defaults to an encrypted ACK Pro cluster with no internet API, logs with a TTL, RRSA and deletion protection", async () => {
    create();
    await recorder.settled();
    const inputs = recorder.one("alicloud:cs/managedKubernetes:ManagedKubernetes").inputs;
    expect(inputs).toMatchObject({
      clusterSpec: "ack.pro.small",
      version: "1.35.1-aliyun.1",
      slbInternetEnabled: false,
      encryptionProviderKey: "prod-secrets-key-id",
      disableEncryption: false,
      controlPlaneLogComponents: ["apiserver", "kcm", "scheduler", "ccm", "controlplane-events"],
      controlPlaneLogTtl: "90",
      auditLogConfig: { enabled: true },
      enableRrsa: true,
      deletionProtection: true,
      newNatGateway: false,
      serviceCidr: "172.21.0.0/20",
      securityGroupId: "prod-nodes-sg-id",
    });
    expect(
      recorder.resources
        .filter((r) => r.protect)
        .map((r) => r.name)
        .sort(),
    ).toEqual(["prod-cluster", "prod-secrets-key"]);
    expect(inputs.addons).toContainEqual(
      expect.objectContaining({
        name: "terway-eniip",
        config: expect.stringContaining('"NetworkPolicy":"true"'),
      }),
    );
    expect(recorder.one("alicloud:kms/key:Key").inputs).toMatchObject({
      automaticRotation: "Enabled",
      rotationInterval: "31536000s",
      pendingWindowInDays: 30,
      deletionProtection: "Enabled",
    });
  });

  it("hardens node pools: encrypted disks, hardened OS, IMDS tokens, no public IP, scaling bounds", async () => {
    create();
    await recorder.settled();
    expect(recorder.one("alicloud:cs/nodePool:NodePool").inputs).toMatchObject({
      securityHardeningOs: true,
      systemDiskEncrypted: true,
      systemDiskKmsKey: "prod-secrets-key-id",
      instanceMetadataOptions: { httpTokens: "required" },
      internetMaxBandwidthOut: 0,
      scalingConfig: { enable: true, minSize: 3, maxSize: 6 },
      vswitchIds: ["prod-nodes-0-id", "prod-nodes-1-id", "prod-nodes-2-id"],
    });
  });

  it("never opens an admin port to 0.0.0.0/0 and allows SSH only from the given CIDRs", async () => {
    create({ nodePools: [{ name: "ops", sshKeyName: "ops", sshSourceCidrs: ["10.9.0.0/24"] }] });
    await recorder.settled();
    const rules = recorder.ofType("alicloud:ecs/securityGroupRule:SecurityGroupRule").map((r) => r.inputs);
    expect(rules.map((r) => r.cidrIp)).toEqual(["10.0.0.0/16", "10.9.0.0/24"]);
    expect(rules.find((r) => r.portRange === "22/22")).toMatchObject({
      cidrIp: "10.9.0.0/24",
      ipProtocol: "tcp",
    });
  });

  it("exposes the contract outputs with a secret kubeconfig from a short-lived credential", async () => {
    const cluster = create();
    expect(await isSecret(cluster.kubeconfig)).toBe(true);
    expect(JSON.parse(await unwrap(cluster.kubeconfig)).clusters[0].cluster.server).toBe(
      "https://192.168.0.10:6443",
    );
    expect(await unwrap(cluster.endpoint)).toBe("https://192.168.0.10:6443");
    expect(await unwrap(cluster.oidcIssuer)).toMatch(/^https:\/\/oidc-ack-cn-hangzhou/);
    expect(await unwrap(cluster.rrsaOidcProviderArn)).toMatch(/oidc-provider\/ack-rrsa-prod-cluster$/);
    expect(await unwrap(cluster.weakenings)).toEqual([]);
    expect(cluster.cloud).toBe("alibaba");
  });

  it("uses an existing KMS key and network without creating them", async () => {
    create({
      kmsKeyId: "key-existing",
      existingNetwork: {
        vpcId: "vpc-1",
        vpcCidr: "10.0.0.0/16",
        nodeVswitchIds: ["vsw-a", "vsw-b"],
        podVswitchIds: ["vsw-c", "vsw-d"],
      },
    });
    await recorder.settled();
    expect(recorder.ofType("alicloud:kms/key:Key")).toEqual([]);
    expect(recorder.ofType("alicloud:vpc/switch:Switch")).toEqual([]);
    expect(recorder.one("alicloud:cs/managedKubernetes:ManagedKubernetes").inputs).toMatchObject({
      encryptionProviderKey: "key-existing",
      vswitchIds: ["vsw-a", "vsw-b"],
      podVswitchIds: ["vsw-c", "vsw-d"],
    });
  });

  it("creates the API allowlist for an explicit public endpoint and reports it as a weakening", async () => {
    const cluster = create({ endpointPublicAccess: true, publicAccessCidrs: ["198.51.100.0/24"] });
    expect(await unwrap(cluster.weakenings)).toHaveLength(2);
    await recorder.settled();
    expect(recorder.one("alicloud:slb/acl:Acl").inputs.entryLists).toEqual([
      { entry: "198.51.100.0/24", comment: "Cairn API allowlist" },
    ]);
    expect(recorder.one("alicloud:cs/managedKubernetes:ManagedKubernetes").inputs.slbInternetEnabled).toBe(
      true,
    );
  });

  it.each(ackBadInputs)(
    "rejects $title, naming the argument, the value and the fix, registering nothing",
    async (c) => {
      const error = errorOf(() => create(c.args));
      expectRejection(error, c);
      expect(error.message).toContain('cairn:cluster:AckCluster "prod"');
      created = undefined;
      await recorder.settled();
      expect(recorder.resources.map((r) => r.type)).toEqual(["pulumi:providers:alicloud"]);
    },
  );

  it("registers the same resources from args resolved beforehand, with no second parse", async () => {
    const args = { zoneCount: 2, kmsKeyId: "key-existing" };
    const resolved = resolveAckCluster("prod", args);
    created = createAckCluster("prod", resolved, {
      ...recorder.opts,
      providers: { alicloud: aliProvider() },
    });
    const resources = await recorder.settled();
    expect(resources.filter((r) => r.type === "alicloud:vpc/switch:Switch")).toHaveLength(4);
    expect(resources.filter((r) => r.type === "alicloud:kms/key:Key")).toEqual([]);
    expect(recorder.one("alicloud:cs/managedKubernetes:ManagedKubernetes").inputs.encryptionProviderKey).toBe(
      "key-existing",
    );
  });

  it("refuses to run without an explicit Alibaba Cloud provider", () => {
    expect(() => new AckCluster("prod", {}, recorder.opts)).toThrow(
      /opts\.provider.*A alicloud provider is required/,
    );
  });
});
