// The per-kind and per-provider entrypoints lose no finding: on every resource
// sample, and on every Kubernetes sample rewritten to each kind and API group a
// policy names (so a Service with a pod template, an Istio Role or a Deployment
// without one meet the dispatch too), the dispatched entrypoint gives exactly
// the all-policies entrypoint's findings.
import { describe, expect, it } from "vitest";
import {
  groupEntrypoint,
  KUBERNETES_ENTRYPOINT,
  KUBERNETES_GROUPS,
  kubernetesGroup,
  RESOURCE_ENTRYPOINT,
  resourceEntrypoint,
} from "../dispatch";
import { type PulumiResource, toResourceInput } from "../mapping";
import { evaluateJson, type Finding } from "../wasm";
import { loadSamples, policyIds } from "./samples";

const key = (f: Finding) => [f.policy, f.kind, f.resource, f.field.join("."), f.message].join("\u0000");
const sorted = (fs_: Finding[]) => fs_.map(key).sort();

const resourceSamples = policyIds()
  .filter((id) => !id.startsWith("stack."))
  .flatMap((id) => loadSamples(id))
  .map((s) => s.resources[0]);

/** Every kind a Kubernetes or platform policy names, plus kinds none names. */
const KINDS = [
  "Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob",
  "PodTemplate", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "Service", "Ingress",
  "ServiceAccount", "Prometheus", "Gateway", "ClientTrafficPolicy", "PeerAuthentication", "DestinationRule",
  "VirtualService", "EnvoyFilter", "Rollout", "ConfigMap", "Secret", "Namespace", "HTTPRoute",
]; // prettier-ignore
const API_VERSIONS = [
  "v1",
  "apps/v1",
  "networking.istio.io/v1",
  "security.istio.io/v1",
  "argoproj.io/v1alpha1",
  "gateway.networking.k8s.io/v1",
  "gateway.envoyproxy.io/v1alpha1",
  "monitoring.coreos.com/v1",
  "rbac.authorization.k8s.io/v1",
];

/** A Kubernetes sample as another kind and apiVersion (type token and props both). */
function rewritten(r: PulumiResource, kind: string, apiVersion: string): PulumiResource {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["core", apiVersion];
  const type = `kubernetes:${group}/${version}:${kind}`;
  const props = { ...r.props, apiVersion, kind };
  return { ...r, type, urn: `${r.urn}-${kind}-${group}`, props };
}

function compare(resources: readonly PulumiResource[]): { entrypoints: Set<string>; findings: number } {
  const entrypoints = new Set<string>();
  let findings = 0;
  for (const r of resources) {
    for (const preview of [false, true]) {
      const input = toResourceInput(r, undefined, preview);
      const json = JSON.stringify(input);
      const entrypoint = resourceEntrypoint(input);
      entrypoints.add(entrypoint);
      const all = evaluateJson(json, RESOURCE_ENTRYPOINT);
      findings += all.length;
      expect(
        sorted(evaluateJson(json, entrypoint)),
        `${r.urn} (preview ${preview}) via ${entrypoint}`,
      ).toEqual(sorted(all));
    }
  }
  return { entrypoints, findings };
}

describe("dispatch by provider and kind", () => {
  it("gives the all-policies findings on every resource sample, and uses every group", () => {
    const { entrypoints, findings } = compare(resourceSamples);
    expect(findings).toBeGreaterThan(50);
    for (const g of KUBERNETES_GROUPS) expect(entrypoints, g).toContain(groupEntrypoint(g));
    expect(entrypoints).toContain("pack/aws_violations");
    expect(entrypoints).toContain("pack/alicloud_violations");
  });

  it("gives the all-policies findings on Kubernetes samples rewritten to every named kind and group", () => {
    const kubernetes = resourceSamples.filter((r) => toResourceInput(r).review);
    const variants = kubernetes.flatMap((r) =>
      KINDS.flatMap((k) => API_VERSIONS.map((v) => rewritten(r, k, v))),
    );
    const { entrypoints, findings } = compare(variants);
    expect(findings).toBeGreaterThan(1000);
    expect(entrypoints).toContain(KUBERNETES_ENTRYPOINT);
  });

  it("sends objects by what the Rego reads, not by the type token", () => {
    const svc = { apiVersion: "v1", kind: "Service", metadata: { name: "a" }, spec: {} };
    expect(kubernetesGroup(svc)).toBe("service");
    // A pod template makes it a workload too: every policy.
    expect(kubernetesGroup({ ...svc, spec: { template: { spec: {} } } })).toBeUndefined();
    expect(kubernetesGroup({ ...svc, kind: "Deployment", spec: { template: { spec: {} } } })).toBe(
      "workload",
    );
    // A workload kind without a template still meets the pod policies' deferrals.
    expect(kubernetesGroup({ ...svc, kind: "CronJob" })).toBe("workload");
    expect(kubernetesGroup({ ...svc, apiVersion: "security.istio.io/v1", kind: "PeerAuthentication" })).toBe(
      "istio",
    );
    expect(
      kubernetesGroup({ ...svc, apiVersion: "networking.istio.io/v1", kind: "Service" }),
    ).toBeUndefined();
    expect(kubernetesGroup({ ...svc, kind: "ConfigMap" })).toBe("object");
    expect(kubernetesGroup({ ...svc, kind: 3 })).toBeUndefined();
    expect(resourceEntrypoint({ type: "kubernetes:helm.sh/v4:Chart" })).toBe(groupEntrypoint("chart"));
    expect(resourceEntrypoint({ type: "kubernetes:yaml/v2:ConfigGroup" })).toBe(KUBERNETES_ENTRYPOINT);
    expect(resourceEntrypoint({ type: "cairn:consul:Consul" })).toBe(RESOURCE_ENTRYPOINT);
  });
});
