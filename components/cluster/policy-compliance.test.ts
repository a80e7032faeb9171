import * as alicloud from "@pulumi/alicloud";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type PulumiResource, toResourceInput, toStackInput } from "../../policies/mapping";
import { evaluateResource, evaluateStack } from "../../policies/wasm";
import { type RecordedResource, ResourceRecorder, unwrap } from "../../test/helpers/mocks";
import { AckCluster, type AckClusterArgs } from "./ack";
import { EksCluster, type EksClusterArgs } from "./eks";

/** Cairn's own policy pack, run over what the cluster components register. */
const asPolicyResource = (r: RecordedResource): PulumiResource => ({
  type: r.type,
  urn: `urn:pulumi:test::cairn::${r.type}::${r.name}`,
  name: r.name,
  props: r.inputs,
  opts: { protect: r.protect === true },
});
const cloudResources = (resources: RecordedResource[]) =>
  resources.filter((r) => r.custom && (r.type.startsWith("aws:") || r.type.startsWith("alicloud:")));
const denials = (resources: RecordedResource[]) =>
  cloudResources(resources).flatMap((r) =>
    evaluateResource(toResourceInput(asPolicyResource(r)))
      .filter((f) => f.kind === "deny")
      .map((f) => `${r.name}: ${f.message}`),
  );

describe("cluster components against Cairn's policy pack", () => {
  let recorder: ResourceRecorder;
  let outputs: pulumi.Output<unknown>[] = [];
  const eks = (args: EksClusterArgs = {}) => {
    const c: EksCluster = new EksCluster("prod", args, {
      ...recorder.opts,
      provider: new aws.Provider("aws", {}, recorder.opts),
    });
    outputs.push(c.kubeconfig, c.posture);
    return c;
  };
  const ack = (args: AckClusterArgs = {}) => {
    const c = new AckCluster("cn", args, {
      ...recorder.opts,
      provider: new alicloud.Provider("ali", {}, recorder.opts),
    });
    outputs.push(c.kubeconfig, c.posture);
    return c;
  };
  beforeEach(() => {
    recorder = new ResourceRecorder();
    outputs = [];
  });
  afterEach(async () => {
    await unwrap(pulumi.all(outputs));
    await recorder.settled();
  });

  it("EksCluster defaults pass every resource policy", async () => {
    eks();
    expect(denials(await recorder.settled())).toEqual([]);
  });

  it("AckCluster defaults pass every resource policy", async () => {
    ack();
    expect(denials(await recorder.settled())).toEqual([]);
  });

  it("EKS and ACK defaults side by side pass the stack policies, cluster parity included", async () => {
    const [onAws, onAlibaba] = [eks(), ack()];
    expect(await unwrap(onAws.posture)).toEqual(await unwrap(onAlibaba.posture));
    const resources = cloudResources(await recorder.settled()).map(asPolicyResource);
    expect(evaluateStack(toStackInput(resources)).filter((f) => f.kind === "deny")).toEqual([]);
  });

  it("the pack catches a weakening the components report", async () => {
    eks({ deletionProtection: false, endpointPublicAccess: true, publicAccessCidrs: ["198.51.100.7/32"] });
    expect(denials(await recorder.settled())).toEqual(
      expect.arrayContaining([expect.stringMatching(/^prod-cluster: .*endpoint/i)]),
    );
  });
});
