import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kubeconfigPath, ROOT, TestStack } from "../helpers/engine";
import { isNotFound, kubeClients } from "../helpers/kube";

// A deliberately insecure program, previewed and deployed with Cairn's real policy pack.
describe("Cairn's policy pack blocks an insecure stack before anything is created", () => {
  const namespace = `it-bad-${process.pid}`;
  const kube = kubeClients();
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.create("insecure", {
      CAIRN_TEST_KUBECONFIG: kubeconfigPath(),
      CAIRN_TEST_NAMESPACE: namespace,
    });
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it.each([["preview"], ["up", "--yes"]])(
    "fails `pulumi %s` with the expected violations",
    async (...command) => {
      const result = await stack.pulumi(...command, "--policy-pack", path.join(ROOT, "policies"));
      const out = result.stdout + result.stderr;
      expect(result.code).not.toBe(0);
      expect(out).toMatch(/kubernetes-pod-security-baseline/);
      expect(out).toMatch(/privileged/);
      expect(out).toMatch(/kubernetes-images/);
      expect(out).toMatch(/latest/);
      expect(out).toMatch(/kubernetes-service-exposure/);
      expect(out).toMatch(/LoadBalancer/);
      expect(out).toMatch(/platform-mesh-mtls/);
      expect(out).toMatch(/PERMISSIVE/);
      expect(out).toMatch(/platform-canary/);
      expect(out).toMatch(/canary has no analysis/);
      expect(out).toMatch(/canary steps end at weight 50/);
      await expect(kube.core.readNamespace({ name: namespace })).rejects.toSatisfy(isNotFound);
    },
  );
});
