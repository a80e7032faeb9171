import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as path from "path";
import { kubeconfigPath, ROOT, TestStack } from "../helpers/engine";
import { isNotFound, kubeClients } from "../helpers/kube";

// The real pulumi CLI, language host and Kubernetes provider against the embedded cluster.
describe("the real engine on the embedded cluster", () => {
  const namespace = `it-baseline-${process.pid}`;
  const kube = kubeClients();
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.create("baseline", {
      CAIRN_TEST_KUBECONFIG: kubeconfigPath(),
      CAIRN_TEST_NAMESPACE: namespace,
    });
  });
  afterAll(async () => {
    await stack?.dispose();
  });

  it("previews the baseline, offline, with every object to be created", async () => {
    const preview = await stack.pulumiOk("preview", "--json");
    const steps = JSON.parse(preview.stdout).steps as { op: string; urn: string }[];
    const created = steps.filter((s) => s.op === "create").map((s) => s.urn.split("::").pop());
    expect(created).toEqual(
      expect.arrayContaining([`${namespace}-namespace`, `${namespace}-networkpolicy-default-deny`, "web"]),
    );
  });

  it("deploys the baseline and the Deployment becomes Available on simulated nodes", async () => {
    await stack.up();
    const ns = await kube.core.readNamespace({ name: namespace });
    expect(ns.metadata?.labels?.["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    const deny = await kube.networking.readNamespacedNetworkPolicy({ name: "default-deny", namespace });
    expect(deny.spec?.policyTypes).toEqual(["Ingress", "Egress"]);
    const web = await kube.apps.readNamespacedDeployment({ name: "web", namespace });
    expect(web.status?.availableReplicas).toBe(2);
    expect((await stack.outputs()).readyReplicas).toBe(2);
  });

  it("reports no changes on a second up and no drift on refresh", async () => {
    await stack.up("--expect-no-changes");
    await stack.pulumiOk("refresh", "--yes", "--expect-no-changes");
  });

  it("blocks a deploy that a mandatory policy denies, and creates nothing", async () => {
    const badNamespace = `${namespace}-bad`;
    const bad = await TestStack.create("baseline", {
      CAIRN_TEST_KUBECONFIG: kubeconfigPath(),
      CAIRN_TEST_NAMESPACE: badNamespace,
      CAIRN_TEST_IMAGE: "nginx:latest",
    });
    try {
      const pack = path.join(ROOT, "test/fixtures/packs/deny-latest");
      const result = await bad.pulumi("up", "--yes", "--policy-pack", pack);
      expect(result.code).not.toBe(0);
      expect(result.stdout + result.stderr).toMatch(/no-latest-image/);
      expect(result.stdout + result.stderr).toMatch(/container web uses unpinned image nginx:latest/);
      await expect(kube.core.readNamespace({ name: badNamespace })).rejects.toSatisfy(isNotFound);
    } finally {
      await bad.dispose();
    }
  });

  it("reports bad input as a tool does: the argument, the value and the fix, no stack trace", async () => {
    const bad = await TestStack.create("baseline", {
      CAIRN_TEST_KUBECONFIG: kubeconfigPath(),
      CAIRN_TEST_NAMESPACE: `${namespace}-input`,
      CAIRN_TEST_BAD_INPUT: "1",
    });
    try {
      const result = await bad.pulumi("preview");
      const out = result.stdout + result.stderr;
      expect(result.code).not.toBe(0);
      expect(out).toMatch(/cairn:k8s:NamespaceBaseline "[^"]+-input": invalid quota\.pods = 0\. /);
      expect(out).not.toMatch(/unhandled exception|^\s+at .+:\d+:\d+\)?$/m);
    } finally {
      await bad.dispose();
    }
  });

  it("destroys everything it created", async () => {
    await stack.pulumiOk("destroy", "--yes", "--skip-preview");
    const gone = await kube.apps.readNamespacedDeployment({ name: "web", namespace }).then(
      () => false,
      (e) => isNotFound(e),
    );
    const ns = await kube.core
      .readNamespace({ name: namespace })
      .catch((e) => (isNotFound(e) ? undefined : Promise.reject(e)));
    expect(gone || ns?.status?.phase === "Terminating").toBe(true);
  });
});
