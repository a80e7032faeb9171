import type * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { parse as parseYaml, stringify } from "yaml";
import { buildEksPosture, resolveEksCluster } from "../eks/build";
import { type Manifest } from "../../shared/manifests";
import { type CrossplaneClusterArgs } from "./args";
import { type ComposedResource } from "./compose";
import {
  buildCrossplaneManifests,
  buildCrossplanePosture,
  crossplaneWeakenings,
  resolveCrossplaneCluster,
} from "./build";
import { CROSSPLANE_BASE_ARGS } from "../../../test/cases/crossplane.cases";
import { schemaAt, validateAgainstSchema } from "../../../test/helpers/schema-check";
import { type OpenApiSchema } from "./xrd";

// A stand-in: the pure functions only check that a provider is given (the component test uses a real one).
const ALICLOUD = {} as pulumi.ProviderResource;
const ALIBABA: CrossplaneClusterArgs = {
  cloud: "alibaba",
  region: "cn-hangzhou",
  zones: ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"],
  alicloudProvider: ALICLOUD,
};

const xrdSchema = (definitions: Manifest[]): OpenApiSchema => {
  const xrd = definitions.find((m) => m.kind === "CompositeResourceDefinition") as unknown as {
    spec: { versions: { schema: { openAPIV3Schema: OpenApiSchema } }[] };
  };
  return xrd.spec.versions[0].schema.openAPIV3Schema;
};
const composedOf = (composition: Manifest): ComposedResource[] =>
  (composition.spec as { pipeline: { input: { resources: ComposedResource[] } }[] }).pipeline[0].input
    .resources;

describe("buildCrossplaneManifests", () => {
  const { definitions, claim } = buildCrossplaneManifests("prod", CROSSPLANE_BASE_ARGS);
  const schema = xrdSchema(definitions);

  it("builds the function package, the XRD and a Composition per cloud", () => {
    expect(definitions.map((m) => `${m.kind}/${m.metadata.name}`)).toEqual([
      "Function/function-patch-and-transform",
      "CompositeResourceDefinition/xcairnclusters.platform.cairn.dev",
      "Composition/xcairnclusters-aws",
      "Composition/xcairnclusters-alibaba",
    ]);
  });

  it("round-trips through YAML unchanged", () => {
    for (const m of [...definitions, claim]) expect(parseYaml(stringify(m))).toEqual(m);
  });

  it("builds AWS and Alibaba claims that satisfy the XRD schema", () => {
    const alibaba = buildCrossplaneManifests("prod", ALIBABA).claim;
    for (const c of [claim, alibaba]) {
      expect(
        validateAgainstSchema(
          { spec: { parameters: (c.spec as { parameters: unknown }).parameters } },
          schema,
        ),
      ).toEqual([]);
    }
  });

  it("defaults the claim to a private endpoint, deletion protection and a Ready wait", () => {
    expect(claim.metadata).toMatchObject({
      name: "prod",
      namespace: "platform-clusters",
      annotations: { "pulumi.com/waitFor": "condition=Ready" },
    });
    expect(claim.spec).toMatchObject({
      compositionSelector: { matchLabels: { "platform.cairn.dev/cloud": "aws" } },
      writeConnectionSecretToRef: { name: "prod-kubeconfig" },
      parameters: {
        endpoint: { public: false, allowedCidrs: [] },
        deletionProtection: true,
        kubernetesVersion: "1.35",
      },
    });
  });

  it("detects a claim that breaks the XRD schema", () => {
    const bad = {
      spec: {
        parameters: {
          cloud: "gcp",
          region: "x",
          kubernetesVersion: "v1",
          nodes: { instanceType: "m", minSize: -1, maxSize: 1, desiredSize: 1 },
          network: { zones: ["a"], vpcCidr: "", nodeSubnetCidrs: [], serviceCidr: "" },
          extra: 1,
        },
      },
    };
    const errors = validateAgainstSchema(bad, schema);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/parameters.cloud: "gcp" is not one of/),
        expect.stringMatching(/kubernetesVersion: "v1" does not match/),
        expect.stringMatching(/nodes.minSize: -1 < 0/),
        expect.stringMatching(/network.zones: fewer than 3 items/),
        expect.stringMatching(/parameters.extra: unknown field/),
      ]),
    );
  });

  it.each(["xcairnclusters-aws", "xcairnclusters-alibaba"])(
    "%s reads and writes only fields the XRD declares",
    (compositionName) => {
      const composition = definitions.find((m) => m.metadata.name === compositionName)!;
      const patches = composedOf(composition).flatMap((r) => r.patches ?? []);
      const xrPaths = patches.map((p) =>
        String(p.type === "ToCompositeFieldPath" ? p.toFieldPath : p.fromFieldPath),
      );
      const unknown = xrPaths.filter(
        (path) => path !== "metadata.uid" && schemaAt(schema, path) === undefined,
      );
      expect(unknown).toEqual([]);
      expect(patches.length).toBeGreaterThan(10);
    },
  );

  it("composes the AWS cluster private, encrypted, fully logged and orphaned on delete", () => {
    const aws = composedOf(definitions.find((m) => m.metadata.name === "xcairnclusters-aws")!);
    const cluster = aws.find((r) => r.name === "cluster")!;
    expect(cluster.base.spec).toMatchObject({
      forProvider: {
        vpcConfig: [{ endpointPrivateAccess: true, endpointPublicAccess: false }],
        encryptionConfig: [{ resources: ["secrets"] }],
        enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
        accessConfig: [{ authenticationMode: "API" }],
      },
    });
    expect(cluster.patches).toContainEqual(expect.objectContaining({ toFieldPath: "spec.deletionPolicy" }));
    expect(aws.find((r) => r.name === "node-template")!.base.spec).toMatchObject({
      forProvider: { metadataOptions: [{ httpTokens: "required", httpPutResponseHopLimit: 1 }] },
    });
    expect(
      aws
        .filter((r) => r.base.kind === "Subnet")
        .every(
          (r) =>
            (r.base.spec as { forProvider: { mapPublicIpOnLaunch: boolean } }).forProvider
              .mapPublicIpOnLaunch === false,
        ),
    ).toBe(true);
    expect(aws.find((r) => r.name === "cluster-auth")!.connectionDetails).toEqual([
      { name: "kubeconfig", type: "FromConnectionSecretKey", fromConnectionSecretKey: "kubeconfig" },
    ]);
  });

  it("composes the Alibaba cluster on the intranet with RRSA, encryption and a hardened pool", () => {
    const ali = composedOf(definitions.find((m) => m.metadata.name === "xcairnclusters-alibaba")!);
    expect(ali.find((r) => r.name === "cluster")!.base.spec).toMatchObject({
      forProvider: {
        clusterSpec: "ack.pro.small",
        slbInternetEnabled: false,
        enableRrsa: true,
        deletionProtection: true,
      },
    });
    expect(ali.find((r) => r.name === "node-pool")!.base.spec).toMatchObject({
      forProvider: { securityHardeningOs: true, systemDiskEncrypted: true, internetMaxBandwidthOut: 0 },
    });
  });
});

describe("resolveCrossplaneCluster", () => {
  it("gives the AWS composition the same posture as an EksCluster with defaults", () => {
    expect(buildCrossplanePosture(resolveCrossplaneCluster("prod", CROSSPLANE_BASE_ARGS))).toEqual(
      buildEksPosture(resolveEksCluster("prod")),
    );
  });

  it("reports the missing audit log on Alibaba as a weakening", () => {
    expect(crossplaneWeakenings(resolveCrossplaneCluster("prod", ALIBABA))).toEqual([
      "cluster prod: control-plane logs off: audit",
    ]);
  });
});
