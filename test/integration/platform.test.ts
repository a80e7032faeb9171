import { beforeAll, describe, expect, it } from "vitest";
import { kubeClients } from "../helpers/kube";
import { TestStack } from "../helpers/engine";

// The main job: Cairn's own program on the `local` stack (as `./cairn up` runs it), the whole
// platform (mesh, Consul, Prometheus, gateway) from the fixture charts, through the policy pack.
// It shares the cluster's namespaces with nothing else, so it uses the real stack and keeps it.
describe("the local platform on the embedded cluster", () => {
  const kube = kubeClients();
  let stack: TestStack;
  const read = (apiVersion: string, kind: string, namespace: string, name: string) =>
    kube.objects.read({ apiVersion, kind, metadata: { name, namespace } }) as Promise<{
      spec?: Record<string, unknown>;
      status?: Record<string, unknown>;
    }>;

  beforeAll(async () => {
    stack = await TestStack.local();
  });

  it("passes the policy pack at preview and deploys every workload", async () => {
    const up = await stack.up("--policy-pack", "policies");
    expect(up.stdout).toMatch(/✅ cairn@v[\d.]+ \(local: policies\)/);

    const strict = await read("security.istio.io/v1", "PeerAuthentication", "istio-system", "default");
    expect(strict.spec).toMatchObject({ mtls: { mode: "STRICT" } });
    const denyAll = await read(
      "security.istio.io/v1",
      "AuthorizationPolicy",
      "istio-system",
      "allow-nothing",
    );
    expect(denyAll.spec ?? {}).toEqual({});

    for (const [namespace, name] of [
      ["istio-system", "istiod-1-30-3"],
      ["istio-ingress", "istio-ingressgateway"],
      ["envoy-gateway-system", "envoy-gateway"],
      ["monitoring", "kube-prometheus-stack-prometheus"],
    ]) {
      const deployment = await kube.apps.readNamespacedDeployment({ name, namespace });
      expect(deployment.status?.availableReplicas, `${namespace}/${name}`).toBeGreaterThan(0);
    }
    const consul = await kube.apps.readNamespacedStatefulSet({ name: "consul-server", namespace: "consul" });
    expect(consul.status?.readyReplicas).toBe(1);
    const gossip = await kube.core.readNamespacedSecret({
      name: "consul-gossip-encryption-key",
      namespace: "consul",
    });
    // Consul reads the key as base64 text: 32 random bytes.
    const key = Buffer.from(Object.values(gossip.data ?? {})[0] ?? "", "base64").toString();
    expect(Buffer.from(key, "base64")).toHaveLength(32);

    const monitor = await read("monitoring.coreos.com/v1", "ServiceMonitor", "monitoring", "cairn-istiod");
    expect(monitor.spec).toHaveProperty("selector");
    const redirect = await read(
      "gateway.networking.k8s.io/v1",
      "HTTPRoute",
      "envoy-gateway-system",
      "cairn-https-redirect",
    );
    expect(JSON.stringify(redirect.spec)).toMatch(/RequestRedirect/);

    for (const ns of ["apps", "istio-system", "consul", "monitoring", "envoy-gateway-system"]) {
      const namespace = await kube.core.readNamespace({ name: ns });
      expect(namespace.metadata?.labels?.["pod-security.kubernetes.io/enforce"], ns).toBe("restricted");
      const deny = await kube.networking.readNamespacedNetworkPolicy({ name: "default-deny", namespace: ns });
      expect(deny.spec?.policyTypes, ns).toEqual(["Ingress", "Egress"]);
    }
  });

  it("changes nothing on a second up", async () => {
    await stack.up("--expect-no-changes");
  });
});
