import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubeconfigPath, TestStack } from "../helpers/engine";
import { kubeClients } from "../helpers/kube";

// Cairn's Crossplane XRD, Compositions and a claim, applied through the real engine.
describe("Crossplane definitions and claim on the embedded cluster", () => {
  const namespace = `it-crossplane-${process.pid}`;
  const kube = kubeClients();
  let stack: TestStack;
  let claimName: string;
  const claimRef = (name: string) => ({
    apiVersion: "platform.cairn.dev/v1alpha1",
    kind: "CairnCluster",
    metadata: { name, namespace },
  });

  beforeAll(async () => {
    stack = await TestStack.create("crossplane", {
      CAIRN_TEST_KUBECONFIG: kubeconfigPath(),
      CAIRN_TEST_NAMESPACE: namespace,
    });
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it("applies the XRD, both Compositions and a claim that the API server accepts against the XRD schema", async () => {
    await stack.up();
    claimName = String((await stack.outputs()).claimName);
    const xrd = await kube.objects.read({
      apiVersion: "apiextensions.crossplane.io/v1",
      kind: "CompositeResourceDefinition",
      metadata: { name: "xcairnclusters.platform.cairn.dev" },
    });
    expect(xrd.metadata?.name).toBe("xcairnclusters.platform.cairn.dev");
    const compositions = await kube.objects.list("apiextensions.crossplane.io/v1", "Composition");
    expect(compositions.items.map((c) => c.metadata?.labels?.["platform.cairn.dev/cloud"]).sort()).toEqual([
      "alibaba",
      "aws",
    ]);
    const claim = (await kube.objects.read(claimRef(claimName))) as {
      spec?: { parameters?: Record<string, unknown> };
    };
    expect(claim.spec?.parameters).toMatchObject({ cloud: "aws", endpoint: { public: false } });
  });

  it("has the API server reject a claim that breaks the XRD's rules", async () => {
    const claim = (await kube.objects.read(claimRef(claimName))) as {
      spec: { parameters: Record<string, unknown> };
    };
    const bad = {
      ...claimRef(`${claimName}-public`),
      spec: {
        ...claim.spec,
        parameters: { ...claim.spec.parameters, endpoint: { public: true, allowedCidrs: [] } },
      },
    };
    await expect(kube.objects.create(bad)).rejects.toThrow(/a public endpoint needs allowedCidrs/);
  });

  it("changes nothing on a second up", async () => {
    await stack.up("--expect-no-changes");
  });
});
