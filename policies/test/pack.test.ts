import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  defaultLevel,
  type Exemption,
  findExemption,
  loadExemptions,
  loadPolicyDocs,
  parameterOwners,
  pulumiPolicyName,
  PROFILE_CONFIG_KEY,
  profileFromStackName,
  resolveProfile,
} from "../config";
import { kubernetesGvk, type PulumiResource, toResourceInput } from "../mapping";
import { buildPolicies, Evaluator, isDeferral } from "../pack";
import { policyIds } from "./samples";
import { UNKNOWN } from "../unknowns";
import type { Finding } from "../wasm";

// The engine's sentinel for an unknown string (what @pulumi/policy receives at preview).
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const docs = loadPolicyDocs();

/** Runs one Pulumi policy of a freshly built pack on a resource, as the analyzer server would. */
function runPolicy(
  name: string,
  resource: PulumiResource,
  opts: { evaluator?: Evaluator; config?: Record<string, unknown>; decoded?: boolean } = {},
) {
  const evaluator = opts.evaluator ?? new Evaluator();
  const policy = buildPolicies(docs, "dev", evaluator).find(
    (p) => p.name === name,
  ) as ResourceValidationPolicy;
  const violations: string[] = [];
  const args = {
    ...resource,
    // As the server hands it over; `decoded`: already proxied once for all policies (decode-once.ts).
    props: opts.decoded ? resource.props : (unknownCheckingProxy(resource.props) as Record<string, unknown>),
    opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: {}, additionalSecretOutputs: [] },
    getConfig: () => opts.config ?? {},
  };
  let thrown: unknown;
  try {
    void (policy.validateResource as (a: unknown, r: (m: string) => void) => void)(args, (m) =>
      violations.push(m),
    );
  } catch (e) {
    thrown = e;
  }
  return { violations, thrown };
}

const eksCluster = (keyArn: string): PulumiResource => ({
  type: "aws:eks/cluster:Cluster",
  urn: "urn:pulumi:dev::cairn::aws:eks/cluster:Cluster::prod-eks",
  name: "prod-eks",
  props: {
    vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: false, subnetIds: [UNKNOWN_STRING] },
    enabledClusterLogTypes: ["api", "audit", "authenticator", "controllerManager", "scheduler"],
    encryptionConfig: { resources: ["secrets"], provider: { keyArn } },
    accessConfig: { authenticationMode: "API" },
  },
});

describe("mapping", () => {
  it("derives group, version and kind from Kubernetes type tokens", () => {
    expect(kubernetesGvk("kubernetes:core/v1:Pod")).toEqual({ group: "", version: "v1", kind: "Pod" });
    expect(kubernetesGvk("kubernetes:security.istio.io/v1:PeerAuthentication")?.group).toBe(
      "security.istio.io",
    );
    expect(kubernetesGvk("kubernetes:helm.sh/v4:Chart")).toBeUndefined();
    expect(kubernetesGvk("aws:eks/cluster:Cluster")).toBeUndefined();
  });

  it("offers Kubernetes objects in the admission-review shape", () => {
    const input = toResourceInput({
      type: "kubernetes:apps/v1:Deployment",
      urn: "urn:d",
      name: "web",
      props: { metadata: { name: "web", namespace: "shop" }, spec: {} },
    });
    expect(input.review).toMatchObject({
      kind: { group: "apps", version: "v1", kind: "Deployment" },
      namespace: "shop",
      object: { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web" } },
    });
  });

  it("replaces unknown values behind the policy proxy with the sentinel and lists their paths", () => {
    const proxied = unknownCheckingProxy({ a: { b: [1, UNKNOWN_STRING] }, c: UNKNOWN_STRING });
    const input = toResourceInput({ type: "t", urn: "u", name: "n", props: proxied });
    expect(input.props).toEqual({ a: { b: [1, UNKNOWN] }, c: UNKNOWN });
    expect(input.unknowns).toEqual([["a", "b", "1"], ["c"]]);
  });

  it("carries protect, the provider and property dependencies", () => {
    const input = toResourceInput({
      type: "t",
      urn: "u",
      name: "n",
      props: {},
      opts: { protect: true, parent: "urn:p" },
      provider: { type: "pulumi:providers:kubernetes", urn: "urn:k", props: { namespace: "apps" } },
      propertyDependencies: { vswitchIds: [{ urn: "urn:v1" }, { urn: "urn:v2" }] },
    });
    expect(input.options).toEqual({ protect: true, parent: "urn:p" });
    expect(input.provider?.props).toEqual({ namespace: "apps" });
    expect(input.dependencies).toEqual({ vswitchIds: ["urn:v1", "urn:v2"] });
  });
});

describe("the pack", () => {
  it("has one Pulumi policy per Rego policy folder, each documented", () => {
    const names = buildPolicies(docs, "dev", new Evaluator()).map((p) => p.name);
    expect(names.sort()).toEqual(policyIds().map(pulumiPolicyName).sort());
    for (const id of policyIds()) expect(docs[id].remediation.length).toBeGreaterThan(10);
  });

  it("reports a violation naming the resource, the value and the fix", () => {
    const { violations, thrown } = runPolicy("aws-eks-cluster", {
      ...eksCluster("arn:k"),
      props: { ...eksCluster("arn:k").props, enabledClusterLogTypes: ["api"] },
    });
    expect(thrown).toBeUndefined();
    expect(violations).toHaveLength(1);
    expect(violations[0]).toContain("prod-eks");
    expect(violations[0]).toContain('enabledClusterLogTypes is ["api"]');
    expect(violations[0]).toContain("enable every control-plane log");
  });

  it("defers a check on an unknown value to up instead of passing it", () => {
    const { violations, thrown } = runPolicy("aws-eks-cluster", eksCluster(UNKNOWN_STRING));
    expect(violations).toEqual([]);
    expect(thrown).toBeInstanceOf(UnknownValueError);
    expect((thrown as Error).message).toContain("encryptionConfig.provider.keyArn is unknown during preview");
    expect((thrown as Error).message).toContain("deferred to `pulumi up`");
  });

  it("logs each deferred check to CAIRN_DEFERRED_LOG, so scripts/stack never skips the update after it", () => {
    const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cairn-deferred-")), "deferred");
    process.env.CAIRN_DEFERRED_LOG = log;
    try {
      runPolicy("aws-eks-cluster", eksCluster("arn:k"));
      expect(fs.existsSync(log)).toBe(false);
      runPolicy("aws-eks-cluster", eksCluster(UNKNOWN_STRING));
      const lines = fs.readFileSync(log, "utf8").trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        /^aws\.eks_cluster urn:\S+: .*encryptionConfig\.provider\.keyArn is unknown during preview/,
      );
    } finally {
      delete process.env.CAIRN_DEFERRED_LOG;
    }
  });

  it("ignores unknown values no policy reads", () => {
    const { violations, thrown } = runPolicy("aws-eks-cluster", eksCluster("arn:k"));
    expect({ violations, thrown }).toEqual({ violations: [], thrown: undefined });
  });

  it("evaluates each resource once for all policies", () => {
    const evaluator = new Evaluator();
    const pod: PulumiResource = {
      type: "kubernetes:core/v1:Pod",
      urn: "urn:pod",
      name: "p",
      props: {
        metadata: { name: "p", namespace: "x" },
        spec: { containers: [{ name: "c", image: "nginx" }] },
      },
    };
    const policies = buildPolicies(docs, "dev", evaluator).filter((p) => "validateResource" in p);
    for (const p of policies) runPolicy(p.name, pod, { evaluator });
    expect(evaluator.evaluations).toBe(1);
    runPolicy(
      "kubernetes-images",
      { ...pod, props: { ...pod.props, metadata: { name: "p", namespace: "y" } } },
      { evaluator },
    );
    expect(evaluator.evaluations).toBe(2);
  });

  it("maps a props object once for every policy of a request, and again when anything else it reads differs", () => {
    const evaluator = new Evaluator();
    const props = {
      metadata: { name: "p", namespace: "x" },
      spec: { containers: [{ name: "c", image: "nginx" }] },
    };
    const pod: PulumiResource = {
      type: "kubernetes:core/v1:Pod",
      urn: "urn:pod",
      name: "p",
      props: unknownCheckingProxy(props),
    };
    const policies = buildPolicies(docs, "dev", evaluator).filter((p) => "validateResource" in p);
    for (const p of policies) runPolicy(p.name, pod, { evaluator, decoded: true });
    expect(evaluator.mappings).toBe(1);
    // The same props object under another URN is another input.
    const other = runPolicy(
      "kubernetes-images",
      { ...pod, urn: "urn:other", name: "o" },
      { evaluator, decoded: true },
    );
    expect(evaluator.mappings).toBe(2);
    expect(other.violations).toEqual(
      runPolicy("kubernetes-images", { ...pod, props: { ...props } }).violations,
    );
  });

  it("evaluates the stack once for every stack policy when they get the same resources", () => {
    const evaluator = new Evaluator();
    const resources: PulumiResource[] = ["a", "b"].map((n) => ({
      type: "kubernetes:core/v1:Namespace",
      urn: `urn:${n}`,
      name: n,
      props: { metadata: { name: n } },
    }));
    const stackPolicies = buildPolicies(docs, "dev", evaluator).filter(
      (p): p is StackValidationPolicy => "validateStack" in p,
    );
    expect(stackPolicies.length).toBeGreaterThan(1);
    for (const p of stackPolicies) {
      p.validateStack({ resources, getConfig: () => ({}) } as never, () => undefined);
    }
    expect({ evaluations: evaluator.evaluations, mappings: evaluator.mappings }).toEqual({
      evaluations: 1,
      mappings: 2,
    });
  });

  it('treats the namespace "default" as undecided during preview, where the provider shows computed namespaces that way', () => {
    const deployment: PulumiResource = {
      type: "kubernetes:apps/v1:Deployment",
      urn: "urn:d",
      name: "web",
      props: { metadata: { name: "web", namespace: "default" }, spec: {} },
    };
    const during = (preview: boolean) =>
      runPolicy("kubernetes-namespace", deployment, { evaluator: new Evaluator([], () => preview) });
    expect(during(false).violations).toEqual([expect.stringContaining('metadata.namespace is "default"')]);
    expect(during(true).violations).toEqual([]);
    expect((during(true).thrown as Error).message).toContain("`pulumi up` checks the real value");
  });

  it("passes policy parameters from the pack config to the Rego", () => {
    const pod: PulumiResource = {
      type: "kubernetes:core/v1:Pod",
      urn: "urn:pod",
      name: "p",
      props: {
        metadata: { name: "p", namespace: "x" },
        spec: { containers: [{ name: "c", image: "nginx:1.27" }] },
      },
    };
    expect(runPolicy("kubernetes-images", pod).violations).toHaveLength(1);
    const config = { allowedRegistries: ["docker.io/library/"] };
    expect(runPolicy("kubernetes-images", pod, { config }).violations).toEqual([]);
  });

  it("runs stack policies over every resource", () => {
    const evaluator = new Evaluator();
    const policy = buildPolicies(docs, "dev", evaluator).find(
      (p) => p.name === "stack-network-policy",
    ) as StackValidationPolicy;
    const violations: string[] = [];
    const deployment = {
      type: "kubernetes:apps/v1:Deployment",
      urn: "urn:d",
      name: "web",
      props: unknownCheckingProxy({ metadata: { name: "web", namespace: "shop" }, spec: {} }),
      opts: { protect: false },
      dependencies: [],
      propertyDependencies: {},
    };
    void policy.validateStack({ resources: [deployment], getConfig: () => ({}) } as never, (m) =>
      violations.push(m),
    );
    expect(violations).toEqual([expect.stringContaining('namespace "shop" runs Deployment shop/web')]);
  });
});

describe("deferral", () => {
  const subject = { urn: "urn:r", name: "r", unknowns: [["spec", "containers", "0", "image"]] };
  const deny = (field: string[], message = "m"): Finding => ({
    policy: "kubernetes.images",
    kind: "deny",
    resource: "urn:r",
    field,
    message,
  });
  const subjects = new Map([[subject.urn, subject]]);

  it("turns a denial into a deferral when its field is unknown, from the field alone", () => {
    expect(isDeferral(deny(["spec", "containers", "0", "image"]), subjects)).toBe(true);
    // An unknown object covers every field under it, and a field covers the unknowns under it.
    expect(isDeferral(deny(["spec", "containers", "0"]), subjects)).toBe(true);
    expect(
      isDeferral(
        deny(["spec", "containers", "0", "image"]),
        new Map([["urn:r", { ...subject, unknowns: [["spec"]] }]]),
      ),
    ).toBe(true);
    expect(isDeferral(deny(["spec", "containers", "1", "image"]), subjects)).toBe(false);
  });

  it("never reads the message: a denial that merely mentions the sentinel is still a denial", () => {
    const wording = deny(
      ["metadata", "name"],
      `image "${UNKNOWN}" is unknown during preview, deferred to pulumi up`,
    );
    const verdict = new Evaluator().verdict("kubernetes.images", [wording], subjects);
    expect(verdict.violations).toEqual([wording.message]);
    expect(verdict.deferred).toEqual([]);
  });

  it("keeps a denial about no single field, or about a resource it does not know, a denial", () => {
    expect(isDeferral(deny([]), subjects)).toBe(false);
    expect(
      isDeferral({ ...deny(["spec", "containers", "0", "image"]), resource: "urn:other" }, subjects),
    ).toBe(false);
  });

  it("shows the unknown value as people read it in a deferred denial", () => {
    const verdict = new Evaluator().verdict(
      "kubernetes.images",
      [deny(["spec", "containers", "0", "image"], `image "${UNKNOWN}" is not pinned`)],
      subjects,
    );
    expect(verdict).toMatchObject({
      violations: [],
      deferred: ["image (unknown until apply) is not pinned"],
    });
  });

  it("defers a denial on an unknown image at preview through the real pack", () => {
    const pod: PulumiResource = {
      type: "kubernetes:core/v1:Pod",
      urn: "urn:pod",
      name: "p",
      props: {
        metadata: { name: "p", namespace: "x" },
        spec: { containers: [{ name: "c", image: UNKNOWN_STRING }] },
      },
    };
    const { violations, thrown } = runPolicy("kubernetes-images", pod);
    expect(violations).toEqual([]);
    expect(thrown).toBeInstanceOf(UnknownValueError);
    expect((thrown as Error).message).toContain("(unknown until apply)");
    expect((thrown as Error).message).not.toContain(UNKNOWN);
  });
});

describe("policy parameters", () => {
  it("belong to exactly one policy each in the shipped pack", () => {
    const owners = parameterOwners(docs);
    expect(owners.get("awsAdminPorts")).toBe("aws.security_group");
    expect(owners.get("alicloudAdminPorts")).toBe("alicloud.security_group_rule");
    // Read by both Pod Security policies, declared (and configured) on baseline.
    expect(owners.get("podSecurityVersion")).toBe("kubernetes.pod_security_baseline");
    expect(owners.get("podSecurityLevel")).toBe("kubernetes.pod_security_baseline");
    expect(owners.size).toBe(10);
  });

  it("refuses a pack in which two policies declare the same parameter, naming both", () => {
    const clash = {
      ...docs,
      "aws.security_group": { ...docs["aws.security_group"], parameters: { ports: { type: "array" } } },
      "alicloud.security_group_rule": {
        ...docs["alicloud.security_group_rule"],
        parameters: { ports: { type: "array" } },
      },
    };
    expect(() => buildPolicies(clash, "dev", new Evaluator())).toThrow(
      'policy parameter "ports" is declared by both alicloud.security_group_rule and aws.security_group',
    );
  });

  it("refuses config that sets one parameter name on two policies instead of letting one win", () => {
    const evaluator = new Evaluator();
    evaluator.configure("aws.security_group", { awsAdminPorts: [22] });
    expect(() => evaluator.configure("alicloud.security_group_rule", { awsAdminPorts: [2222] })).toThrow(
      /parameter "awsAdminPorts" for both aws-security-group and alicloud-security-group-rule/,
    );
  });

  it("keeps each security-group policy's admin ports its own", () => {
    const sshRule = (type: string, props: Record<string, unknown>): PulumiResource => ({
      type,
      urn: `urn:pulumi:dev::cairn::${type}::ssh`,
      name: "ssh",
      props,
    });
    const aws = sshRule("aws:ec2/securityGroupRule:SecurityGroupRule", {
      type: "ingress",
      protocol: "tcp",
      fromPort: 2222,
      toPort: 2222,
      cidrBlocks: ["0.0.0.0/0"],
    });
    expect(runPolicy("aws-security-group", aws).violations).toEqual([]);
    expect(
      runPolicy("aws-security-group", aws, { config: { awsAdminPorts: [2222] } }).violations,
    ).toHaveLength(1);
  });
});

describe("enforcement levels", () => {
  it("reads the profile the stack config sets, before any guess from the name", () => {
    const config = (profile: string) =>
      JSON.stringify({ [PROFILE_CONFIG_KEY]: profile, "cairn:clusters": "[]" });
    expect(resolveProfile({ PULUMI_NODEJS_STACK: "prod", PULUMI_CONFIG: config("dev") })).toEqual({
      profile: "dev",
      source: "cairn:policyProfile",
    });
    expect(resolveProfile({ PULUMI_NODEJS_STACK: "dev", PULUMI_CONFIG: config("production") }).profile).toBe(
      "production",
    );
    expect(() => resolveProfile({ PULUMI_CONFIG: config("strict") })).toThrow(
      'cairn:policyProfile="strict" is not one of production, dev',
    );
  });

  it("lets CAIRN_POLICY_PROFILE override the stack config, and rejects a bad value", () => {
    const env = {
      PULUMI_NODEJS_STACK: "local",
      PULUMI_CONFIG: JSON.stringify({ [PROFILE_CONFIG_KEY]: "dev" }),
    };
    expect(resolveProfile({ ...env, CAIRN_POLICY_PROFILE: "production" })).toEqual({
      profile: "production",
      source: "CAIRN_POLICY_PROFILE",
    });
    expect(() => resolveProfile({ ...env, CAIRN_POLICY_PROFILE: "staging" })).toThrow(/CAIRN_POLICY_PROFILE/);
  });

  it("falls back to the stack name only when the stack config has no profile", () => {
    expect(resolveProfile({ PULUMI_NODEJS_STACK: "prd", PULUMI_CONFIG: "{}" })).toEqual({
      profile: "production",
      source: "stack name",
    });
    expect(resolveProfile({ PULUMI_NODEJS_STACK: "dev" }).profile).toBe("dev");
  });

  it.each([
    ["prod", "production"],
    ["prd", "production"],
    ["live", "production"],
    ["prod-eu", "production"],
    ["eu-production-2", "production"],
    ["eu_prd2", "production"],
    ["prod-test", "production"],
    ["payments", "production"],
    ["", "production"],
    ["dev", "dev"],
    ["local", "dev"],
    ["staging", "dev"],
    ["aws-staging", "dev"],
    ["product-demo", "dev"],
    ["products-dev", "dev"],
    ["liveness-test", "dev"],
  ] as const)("the name fallback classifies %j as %s", (name, profile) => {
    expect(profileFromStackName(name)).toBe(profile);
  });

  it("is set explicitly in every stack file, production for the prod stacks", () => {
    const dir = path.resolve(__dirname, "..", "..", "stacks");
    const files = fs.readdirSync(dir).filter((f) => /^Pulumi\..+\.yaml$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) {
      const config = (
        parse(fs.readFileSync(path.join(dir, file), "utf8")) as { config: Record<string, unknown> }
      ).config;
      const profile = config[PROFILE_CONFIG_KEY];
      expect(profile, `${file} sets ${PROFILE_CONFIG_KEY}`).toMatch(/^(production|dev)$/);
      if (/-prod\.yaml$/.test(file)) expect(profile, file).toBe("production");
    }
  });

  it("enforces every policy in production and only high/critical ones in dev", () => {
    expect(defaultLevel("production", "medium")).toBe("mandatory");
    expect(defaultLevel("dev", "medium")).toBe("advisory");
    expect(defaultLevel("dev", "critical")).toBe("mandatory");
    const prod = buildPolicies(docs, "production", new Evaluator());
    expect(new Set(prod.map((p) => p.enforcementLevel))).toEqual(new Set(["mandatory"]));
    const dev = buildPolicies(docs, "dev", new Evaluator());
    expect(dev.find((p) => p.name === "kubernetes-resources")?.enforcementLevel).toBe("advisory");
    expect(dev.find((p) => p.name === "kubernetes-pod-security-baseline")?.enforcementLevel).toBe(
      "mandatory",
    );
  });
});

describe("exemptions", () => {
  const exemption: Exemption = {
    policy: "kubernetes.service_account_token",
    resource: "urn:pulumi:*::*::kubernetes:apps/v1:Deployment::*-istiod",
    reason: "istiod watches the API server",
  };
  const istiod = {
    urn: "urn:pulumi:dev::cairn::kubernetes:apps/v1:Deployment::mesh-istiod",
    name: "mesh-istiod",
  };

  it("matches one policy and the resources named by the glob", () => {
    expect(findExemption([exemption], "kubernetes.service_account_token", istiod)).toBe(exemption);
    expect(findExemption([exemption], "kubernetes.images", istiod)).toBeUndefined();
    expect(
      findExemption([exemption], "kubernetes.service_account_token", { urn: "urn:x::web", name: "web" }),
    ).toBeUndefined();
    expect(
      findExemption(
        [{ ...exemption, policy: "kubernetes-service-account-token", resource: "mesh-*" }],
        "kubernetes.service_account_token",
        istiod,
      ),
    ).toBeDefined();
  });

  it("stops applying after it expires", () => {
    const expiring = { ...exemption, expires: "2026-01-31" };
    expect(findExemption([expiring], exemption.policy, istiod, "2026-01-31")).toBeDefined();
    expect(findExemption([expiring], exemption.policy, istiod, "2026-02-01")).toBeUndefined();
  });

  it("moves an exempted finding out of the violations, keeping the reason", () => {
    const evaluator = new Evaluator([exemption]);
    const finding: Finding = {
      policy: "kubernetes.service_account_token",
      kind: "deny",
      resource: istiod.urn,
      field: ["spec", "template", "spec", "automountServiceAccountToken"],
      message: "token",
    };
    const verdict = evaluator.verdict(
      "kubernetes.service_account_token",
      [finding],
      new Map([[istiod.urn, { ...istiod, unknowns: [] }]]),
    );
    expect(verdict).toEqual({
      violations: [],
      deferred: [],
      exempted: [{ message: "token", reason: exemption.reason }],
    });
  });

  it("matches a stack finding by the resource it names, never by its message", () => {
    const finding: Finding = {
      policy: "stack.network_policy",
      kind: "deny",
      resource: "Namespace -/shop",
      field: [],
      message: 'namespace "legacy" runs Deployment legacy/web but has no default-deny NetworkPolicy',
    };
    const exempt = (resource: string) =>
      new Evaluator([
        { policy: "stack.network_policy", resource, reason: "reviewed: legacy namespace" },
      ]).verdict("stack.network_policy", [finding]);
    expect(exempt("Namespace -/shop").exempted).toHaveLength(1);
    expect(exempt("*legacy*").exempted).toEqual([]);
    expect(exempt("*legacy*").violations).toEqual([finding.message]);
  });

  it("matches a stack finding about a resource by its URN and logical name", () => {
    const urn = "urn:pulumi:dev::cairn::alicloud:cs/managedKubernetes:ManagedKubernetes::ack";
    const finding: Finding = {
      policy: "stack.ack_multi_zone",
      kind: "deny",
      resource: urn,
      field: [],
      message: "m",
    };
    const exempt = (resource: string) =>
      new Evaluator([
        { policy: "stack.ack_multi_zone", resource, reason: "reviewed: single-zone lab" },
      ]).verdict("stack.ack_multi_zone", [finding]).exempted.length;
    expect(exempt("urn:pulumi:dev::*::ack")).toBe(1);
    expect(exempt("ack")).toBe(1);
    expect(exempt("eks")).toBe(0);
  });

  it("rejects an exemption without a real reason", () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cairn-")), "exemptions.yaml");
    fs.writeFileSync(file, "exemptions:\n  - policy: kubernetes.images\n    resource: web\n    reason: ok\n");
    expect(() => loadExemptions(file)).toThrow(/exemptions.0.reason: give a reason/);
  });

  it("keeps the committed exemptions file valid", () => {
    expect(Array.isArray(loadExemptions())).toBe(true);
  });
});
