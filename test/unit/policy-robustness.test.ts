// Malformed and unexpected resource shapes through the policy pack, called the
// way the analyzer calls it (every policy, props behind @pulumi/policy's
// unknown-checking proxy): missing fields, nulls, nested nulls, wrong types,
// unknowns at preview, a 5 MB object and deep nesting. Nothing may escape but
// the deliberate "deferred" error, and a shape that a policy must judge ends
// in a violation or a deferral, never a silent pass. (The well-formed paths,
// exemptions and parameters are covered in policies/test.)
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { loadPolicyDocs } from "../../policies/config";
import { type PulumiResource } from "../../policies/mapping";
import { buildPolicies, Evaluator } from "../../policies/pack";

// The engine's sentinel for an unknown value (what @pulumi/policy receives at preview).
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const ALL_LOGS = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

const docs = loadPolicyDocs();

/** What the whole pack said about one resource, by Pulumi policy name. */
interface Outcome {
  readonly violations: Record<string, string[]>;
  readonly deferred: Record<string, string>;
  /** Anything thrown other than the deferral error: must stay empty. */
  readonly errors: string[];
}

/** Calls each policy, sorting what it throws into deferrals and errors. */
function outcomeOf(calls: readonly [string, () => void][], report: Outcome): Outcome {
  for (const [name, call] of calls) {
    try {
      call();
    } catch (e) {
      if (e instanceof UnknownValueError) report.deferred[name] = (e as Error).message;
      else report.errors.push(`${name}: ${String(e)}`);
    }
  }
  return report;
}

/** Runs every resource policy of a fresh pack on one resource, as the analyzer would. */
function judge(resource: PulumiResource, preview = false): Outcome {
  const outcome: Outcome = { violations: {}, deferred: {}, errors: [] };
  const args = {
    ...resource,
    props: unknownCheckingProxy(resource.props) as Record<string, unknown>,
    opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: {}, additionalSecretOutputs: [] },
    getConfig: () => ({}),
  };
  const calls = buildPolicies(docs, "production", new Evaluator([], () => preview))
    .filter((p): p is ResourceValidationPolicy => "validateResource" in p)
    .map((p): [string, () => void] => [
      p.name,
      () =>
        void (p.validateResource as (a: unknown, r: (m: string) => void) => void)(args, (m) =>
          (outcome.violations[p.name] ??= []).push(m),
        ),
    ]);
  return outcomeOf(calls, outcome);
}

/** Runs every stack policy of a fresh pack over the resources. */
function judgeStack(resources: readonly PulumiResource[]): Outcome {
  const outcome: Outcome = { violations: {}, deferred: {}, errors: [] };
  const stackResources = resources.map((r) => ({
    ...r,
    props: unknownCheckingProxy(r.props),
    opts: { protect: false },
    dependencies: [],
    propertyDependencies: {},
  }));
  const calls = buildPolicies(docs, "production", new Evaluator([], () => false))
    .filter((p): p is StackValidationPolicy => "validateStack" in p)
    .map((p): [string, () => void] => [
      p.name,
      () =>
        void p.validateStack({ resources: stackResources, getConfig: () => ({}) } as never, (m) =>
          (outcome.violations[p.name] ??= []).push(m),
        ),
    ]);
  return outcomeOf(calls, outcome);
}

const resource = (type: string, name: string, props: unknown): PulumiResource => ({
  type,
  urn: `urn:pulumi:prod::cairn::${type}::${name}`,
  name,
  props: props as Record<string, unknown>,
});
const deployment = (props: unknown) => resource("kubernetes:apps/v1:Deployment", "web", props);
/** A Deployment in namespace shop whose pod spec is `spec`. */
const withPodSpec = (spec: unknown) =>
  deployment({ metadata: { name: "web", namespace: "shop" }, spec: { template: { metadata: {}, spec } } });
const container = (extra: Record<string, unknown> = {}) => ({ name: "app", image: "nginx:1.27", ...extra });
const eks = (props: Record<string, unknown>) => resource("aws:eks/cluster:Cluster", "prod", props);
const compliantEks = {
  vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false, subnetIds: ["subnet-1"] },
  enabledClusterLogTypes: ALL_LOGS,
  encryptionConfig: { resources: ["secrets"], provider: { keyArn: "arn:aws:kms:eu-west-1:1:key/k" } },
  accessConfig: { authenticationMode: "API" },
};
const consulChart = (props: Record<string, unknown>) =>
  resource("kubernetes:helm.sh/v4:Chart", "consul-chart", { chart: "consul", ...props });
const nested = (depth: number): Record<string, unknown> => {
  let node: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < depth; i++) node = { next: node };
  return node;
};

type Expect = "violation" | "deferred" | "violation or deferred";

/** Shapes a policy must judge: [what, resource, preview, Pulumi policy name, expected outcome]. */
const judged: [string, PulumiResource, boolean, string, Expect][] = [
  [
    "a Deployment whose pod and container securityContext are null",
    withPodSpec({ securityContext: null, containers: [container({ securityContext: null })] }),
    false,
    "kubernetes-pod-security-restricted",
    "violation",
  ],
  [
    "a container with no fields at all",
    withPodSpec({ containers: [{}] }),
    false,
    "kubernetes-images",
    "violation",
  ],
  [
    "a container list holding a null next to a real container",
    withPodSpec({ containers: [null, container()] }),
    false,
    "kubernetes-pod-security-restricted",
    "violation",
  ],
  [
    "a Deployment without metadata",
    deployment({ spec: { template: { spec: { containers: [container()] } } } }),
    false,
    "kubernetes-pod-security-restricted",
    "violation",
  ],
  [
    "securityContext unknown at preview",
    withPodSpec({ securityContext: UNKNOWN, containers: [container({ securityContext: UNKNOWN })] }),
    true,
    "kubernetes-pod-security-restricted",
    "violation or deferred",
  ],
  [
    "the whole container list unknown at preview",
    withPodSpec({ containers: UNKNOWN }),
    true,
    "kubernetes-pod-security-baseline",
    "deferred",
  ],
  [
    "an image unknown at preview",
    withPodSpec({ containers: [container({ image: UNKNOWN })] }),
    true,
    "kubernetes-images",
    "deferred",
  ],
  ["an EKS cluster with no inputs", eks({}), false, "aws-eks-cluster", "violation"],
  [
    "EKS log types as a string instead of a list",
    eks({ ...compliantEks, enabledClusterLogTypes: "api" }),
    false,
    "aws-eks-cluster",
    "violation",
  ],
  [
    "EKS encryptionConfig as an empty list instead of an object",
    eks({ ...compliantEks, encryptionConfig: [] }),
    false,
    "aws-eks-cluster",
    "violation",
  ],
  [
    "EKS vpcConfig unknown at preview",
    eks({ ...compliantEks, vpcConfig: UNKNOWN }),
    true,
    "aws-eks-cluster",
    "deferred",
  ],
  [
    "a launch template whose httpTokens is null",
    resource("aws:ec2/launchTemplate:LaunchTemplate", "nodes", { metadataOptions: { httpTokens: null } }),
    false,
    "aws-launch-template",
    "violation",
  ],
  [
    "a KMS key whose rotation flag is null",
    resource("aws:kms/key:Key", "key", { enableKeyRotation: null }),
    false,
    "aws-kms-key",
    "violation",
  ],
  [
    "a security group with a null rule before an open SSH rule",
    resource("aws:ec2/securityGroup:SecurityGroup", "sg", {
      ingress: [null, { fromPort: 22, toPort: 22, protocol: "tcp", cidrBlocks: ["0.0.0.0/0"] }],
    }),
    false,
    "aws-security-group",
    "violation",
  ],
  [
    "an ACK cluster with null and string-typed flags",
    resource("alicloud:cs/managedKubernetes:ManagedKubernetes", "prod", {
      slbInternetEnabled: null,
      deletionProtection: "true",
    }),
    false,
    "alicloud-ack-cluster",
    "violation",
  ],
  ["a Consul chart with no values", consulChart({}), false, "platform-consul", "violation"],
  [
    "a Consul chart whose global values are a string",
    consulChart({ values: { global: "x" } }),
    false,
    "platform-consul",
    "violation",
  ],
  [
    "a Deployment carrying a 5 MB annotation",
    deployment({
      metadata: { name: "web", namespace: "shop", annotations: { blob: "x".repeat(5 * 2 ** 20) } },
      spec: { template: { spec: { containers: [container()] } } },
    }),
    false,
    "kubernetes-pod-security-restricted",
    "violation",
  ],
  [
    "a container nesting 1,000 levels deep",
    withPodSpec({ containers: [container({ env: [{ name: "DEEP", value: nested(1000) }] })] }),
    false,
    "kubernetes-pod-security-restricted",
    "violation",
  ],
];

/**
 * Shapes the pack passes silently today: an explicit null where the policy
 * reads a nested field (`object.get` returns the null, and the nested rule is
 * undefined). Each is expected to fail until its policy treats null like a
 * missing object; then move the case into `judged`.
 */
const nullInputs: [string, PulumiResource, string][] = [
  [
    "an EKS cluster whose vpcConfig is null (policies/aws/eks_cluster)",
    eks({ ...compliantEks, vpcConfig: null }),
    "aws-eks-cluster",
  ],
  [
    "a launch template whose metadataOptions is null (policies/aws/launch_template)",
    resource("aws:ec2/launchTemplate:LaunchTemplate", "nodes", { metadataOptions: null }),
    "aws-launch-template",
  ],
  [
    "an SSH key with sourceSecurityGroupIds null (policies/aws/node_group)",
    resource("aws:eks/nodeGroup:NodeGroup", "ng", {
      remoteAccess: { ec2SshKey: "ops", sourceSecurityGroupIds: null },
    }),
    "aws-node-group",
  ],
];

/** Shapes no policy has to judge, which must still pass through without an error. */
const tolerated: [string, PulumiResource][] = [
  ["null props", resource("kubernetes:core/v1:ConfigMap", "cm", null)],
  ["a Deployment of nothing but nulls", deployment({ metadata: null, spec: null })],
  [
    "a Deployment whose template is null",
    deployment({ metadata: { name: "web", namespace: "shop" }, spec: { template: null } }),
  ],
  ["a container list given as a string", withPodSpec({ containers: "nginx" })],
  ["a container list given as an object", withPodSpec({ containers: container() })],
  [
    "a node group with null remote access and scaling",
    resource("aws:eks/nodeGroup:NodeGroup", "ng", { remoteAccess: null, scalingConfig: null }),
  ],
  [
    "a PeerAuthentication with mtls null",
    resource("kubernetes:security.istio.io/v1:PeerAuthentication", "pa", {
      metadata: { name: "default", namespace: "istio-system" },
      spec: { mtls: null },
    }),
  ],
  [
    "a type no policy knows",
    resource("acme:widgets/v1:Widget", "w", { a: [null, { b: null }], c: 1e308, d: -0 }),
  ],
  [
    "10,000 environment variables",
    withPodSpec({
      containers: [
        container({ env: Array.from({ length: 10_000 }, (_, i) => ({ name: `V${i}`, value: "v" })) }),
      ],
    }),
  ],
  [
    "unknowns inside nulls and lists at preview",
    withPodSpec({
      containers: [null, container({ ports: [UNKNOWN, { containerPort: UNKNOWN }] })],
      volumes: UNKNOWN,
    }),
  ],
];

describe("policy pack robustness", () => {
  it.each(judged)("judges %s (never a silent pass)", (_what, r, preview, policy, expected) => {
    const outcome = judge(r, preview);
    expect(outcome.errors).toEqual([]);
    const violated = (outcome.violations[policy] ?? []).length > 0;
    const deferred = policy in outcome.deferred;
    if (expected === "violation")
      expect(outcome.violations[policy]).toEqual(expect.arrayContaining([expect.any(String)]));
    if (expected === "deferred") expect(outcome.deferred[policy]).toContain("deferred to `pulumi up`");
    expect(violated || deferred).toBe(true);
  });

  it.each(nullInputs)("judges %s by its default (null means unset)", (_what, r, policy) => {
    const outcome = judge(r);
    expect(outcome.errors).toEqual([]);
    expect((outcome.violations[policy] ?? []).length > 0 || policy in outcome.deferred).toBe(true);
  });

  it.each(tolerated)("passes %s through without an error", (_what, r) => {
    expect(judge(r).errors).toEqual([]);
    expect(judge(r, true).errors).toEqual([]);
  });

  it("names the malformed resource in its violations", () => {
    const outcome = judge(eks({ ...compliantEks, enabledClusterLogTypes: null, encryptionConfig: [] }));
    expect(outcome.violations["aws-eks-cluster"]).toEqual([
      expect.stringMatching(/aws:eks\/cluster:Cluster::prod: enabledClusterLogTypes is \[\] and lacks/),
      expect.stringMatching(/aws:eks\/cluster:Cluster::prod: encryptionConfig is \[\]/),
    ]);
  });

  it("runs every stack policy over all the malformed shapes together without an error", () => {
    const outcome = judgeStack([...judged.map(([, r]) => r), ...tolerated.map(([, r]) => r)]);
    expect(outcome.errors).toEqual([]);
  });

  it("catches a mesh whose only root PeerAuthentication has no mTLS mode at the stack level", () => {
    const peer = (mtls: unknown) =>
      resource("kubernetes:security.istio.io/v1:PeerAuthentication", "pa", {
        metadata: { name: "default", namespace: "istio-system" },
        spec: { mtls },
      });
    expect(judgeStack([peer(null)]).violations["stack-mesh-mtls-strict"]).toHaveLength(1);
    expect(judgeStack([peer({ mode: 0 })]).violations["stack-mesh-mtls-strict"]).toHaveLength(1);
    expect(judgeStack([peer({ mode: "STRICT" })]).violations["stack-mesh-mtls-strict"]).toBeUndefined();
  });
});
