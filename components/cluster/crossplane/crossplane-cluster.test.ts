import * as alicloud from "@pulumi/alicloud";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isSecret, ResourceRecorder, unwrap } from "../../../test/helpers/mocks";
import { errorOf, expectRejection } from "../../../test/helpers/bad-input";
import { CROSSPLANE_BASE_ARGS, crossplaneBadInputs } from "../../../test/cases/crossplane.cases";
import { CrossplaneCluster, resolveCrossplaneCluster } from ".";
import { createCrossplaneCluster } from "./crossplane-cluster";

const COMPONENT = "cairn:cluster:CrossplaneCluster::prod";
const MANAGEMENT = "pulumi:providers:kubernetes::management";

describe("CrossplaneCluster component", () => {
  let recorder: ResourceRecorder;
  let created: CrossplaneCluster | undefined;
  const management = () => new k8s.Provider("management", { kubeconfig: "{}" }, recorder.opts);
  const create = (args: Partial<ConstructorParameters<typeof CrossplaneCluster>[1]> = {}) =>
    (created = new CrossplaneCluster(
      "prod",
      { ...CROSSPLANE_BASE_ARGS, ...args },
      { ...recorder.opts, provider: management() },
    ));
  beforeEach(() => {
    recorder = new ResourceRecorder();
    created = undefined;
  });
  afterEach(async () => {
    if (!created) return;
    await unwrap(pulumi.all([created.kubeconfig, created.endpoint, created.oidcIssuer, created.posture]));
    await recorder.settled();
  });

  it("applies the definitions and the claim on the management cluster's provider", async () => {
    const cluster = create();
    await unwrap(cluster.kubeconfig);
    const resources = await recorder.settled();
    const children = resources.filter((r) => r.parent === COMPONENT);
    expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual([
      "kubernetes:apiextensions.crossplane.io/v1:CompositeResourceDefinition prod-compositeresourcedefinition-xcairnclusters.platform.cairn.dev",
      "kubernetes:apiextensions.crossplane.io/v1:Composition prod-composition-xcairnclusters-alibaba",
      "kubernetes:apiextensions.crossplane.io/v1:Composition prod-composition-xcairnclusters-aws",
      "kubernetes:core/v1:Secret prod-connection",
      "kubernetes:pkg.crossplane.io/v1beta1:Function prod-function-function-patch-and-transform",
      "kubernetes:platform.cairn.dev/v1alpha1:CairnCluster prod-claim",
      "pulumi:providers:kubernetes prod-provider",
    ]);
    expect(
      children
        .filter((r) => r.type !== "pulumi:providers:kubernetes")
        .every((r) => r.provider === MANAGEMENT),
    ).toBe(true);
    expect(recorder.one("kubernetes:platform.cairn.dev/v1alpha1:CairnCluster").inputs.spec).toMatchObject({
      parameters: { cloud: "aws", endpoint: { public: false } },
    });
  });

  it("exposes the contract outputs from the claim's status and connection secret", async () => {
    const cluster = create();
    expect(await isSecret(cluster.kubeconfig)).toBe(true);
    expect(JSON.parse(await unwrap(cluster.kubeconfig))).toEqual({
      kind: "Config",
      "current-context": "prod-connection",
    });
    expect(await unwrap(cluster.endpoint)).toBe("https://PROD-CLAIM.gr7.eu-west-1.eks.amazonaws.com");
    expect(await unwrap(cluster.oidcIssuer)).toMatch(/^https:\/\/oidc\.eks/);
    expect(await unwrap(cluster.connectionSecret)).toEqual({
      namespace: "platform-clusters",
      name: "prod-kubeconfig",
    });
    expect(await unwrap(cluster.weakenings)).toEqual([]);
    expect(cluster.cloud).toBe("crossplane");
  });

  it("applies only the claim when the definitions are installed elsewhere", async () => {
    create({ installDefinitions: false });
    await recorder.settled();
    expect(recorder.ofType("kubernetes:apiextensions.crossplane.io/v1:Composition")).toEqual([]);
    expect(recorder.ofType("kubernetes:platform.cairn.dev/v1alpha1:CairnCluster")).toHaveLength(1);
  });

  it("fetches an Alibaba kubeconfig with the alicloud provider", async () => {
    const ali = new alicloud.Provider("alicloud", { region: "cn-hangzhou" }, recorder.opts);
    const cluster = create({
      cloud: "alibaba",
      region: "cn-hangzhou",
      zones: ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"],
      alicloudProvider: ali,
    });
    expect(JSON.parse(await unwrap(cluster.kubeconfig)).clusters[0].name).toBe("cprod-claim0000");
    await recorder.settled();
    expect(recorder.ofType("kubernetes:core/v1:Secret")).toEqual([]);
  });

  it.each(crossplaneBadInputs)(
    "rejects $title, naming the argument, the value and the fix, registering nothing",
    async (c) => {
      const error = errorOf(() => create(c.args));
      expectRejection(error, c);
      expect(error.message).toContain('cairn:cluster:CrossplaneCluster "prod"');
      await recorder.settled();
      expect(recorder.resources.map((r) => r.type)).toEqual(["pulumi:providers:kubernetes"]);
    },
  );

  it("registers the claim from args resolved beforehand, with no second parse", async () => {
    const resolved = resolveCrossplaneCluster("prod", CROSSPLANE_BASE_ARGS);
    created = createCrossplaneCluster("prod", resolved, {
      ...recorder.opts,
      provider: management(),
    });
    await recorder.settled();
    expect(recorder.one("kubernetes:platform.cairn.dev/v1alpha1:CairnCluster").inputs).toMatchObject({
      metadata: { name: "prod", namespace: "platform-clusters" },
    });
  });

  it("refuses to run without the management cluster's provider", () => {
    expect(() => new CrossplaneCluster("prod", CROSSPLANE_BASE_ARGS, recorder.opts)).toThrow(
      /A kubernetes provider is required/,
    );
  });
});
