import * as pulumi from "@pulumi/pulumi";
import * as runtimeState from "@pulumi/pulumi/runtime/state";
import { cloudState } from "./cloud-state";

/** One resource registered while a test ran. */
export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  /** Inputs as the engine receives them (Outputs resolved, secrets unwrapped). */
  readonly inputs: Record<string, unknown>;
  /** Whether the resource is a custom (provider-managed) resource rather than a component. */
  readonly custom: boolean;
  /** `type::name` of the parent, if any. */
  readonly parent?: string;
  /** `type::name` of the explicit provider passed in the resource options, if any. */
  readonly provider?: string;
  /** Mock id (`<name>-id`) for custom resources, empty for components. */
  readonly id: string;
  /** Whether the resource was registered with `protect: true`. */
  readonly protect?: boolean;
}

const key = (type: string, name: string) => `${type}::${name}`;

/** The recorder that receives registrations, and the preview flag the mocks were installed with. */
let current: ResourceRecorder | undefined;
/** Which recorder saw each resource, so late registrations from an earlier test stay with it. */
const owners = new Map<string, ResourceRecorder>();
let installedPreview: boolean | undefined;

/** Makes `recorder` receive new registrations, installing the mocks on first use. */
function activate(recorder: ResourceRecorder, preview: boolean): void {
  current = recorder;
  if (installedPreview !== preview) {
    installMocks(preview);
    installedPreview = preview;
  }
}

function installMocks(preview: boolean): void {
  void pulumi.runtime.setMocks(
    {
      newResource: (args) => (owners.get(key(args.type, args.name)) ?? current!).record(args),
      call: (args) => {
        if (args.token === "aws:index/getRegion:getRegion")
          return { name: "eu-west-1", region: "eu-west-1", id: "eu-west-1" };
        if (args.token === "aws:index/getCallerIdentity:getCallerIdentity")
          return { accountId: "123456789012", arn: "arn:aws:iam::123456789012:root", userId: "AIDA" };
        if (args.token === "aws:index/getPartition:getPartition")
          return { partition: "aws", dnsSuffix: "amazonaws.com" };
        if (args.token === "aws:index/getAvailabilityZones:getAvailabilityZones")
          return {
            names: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
            zoneIds: ["euw1-az1", "euw1-az2", "euw1-az3"],
          };
        if (args.token === "alicloud:index/getZones:getZones")
          return { ids: ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"], zones: [] };
        if (args.token === "alicloud:cs/getKubernetesVersion:getKubernetesVersion")
          return {
            clusterType: "ManagedKubernetes",
            id: "ManagedKubernetes",
            metadatas: ["1.33.3-aliyun.1", "1.34.1-aliyun.1", "1.34.3-aliyun.1", "1.35.1-aliyun.1"].map(
              (version) => ({
                version,
                runtimes: [{ name: "containerd", version: "1.6.38" }],
              }),
            ),
          };
        if (args.token === "alicloud:cs/getClusterCredential:getClusterCredential")
          return ackCredential(String(args.inputs.clusterId));
        return args.inputs;
      },
    },
    "cairn",
    "test",
    preview,
  );
  // The mock monitor says it lacks transforms, which every installChart registers (the
  // engine runs them on the chart's objects, which mocks never render); accept them.
  const { getStore } = runtimeState as unknown as { getStore(): { supportsTransforms: boolean } };
  getStore().supportsTransforms = true;
}

/**
 * Installs Pulumi mocks that record every registered resource.
 *
 * Pass `recorder.opts` to the component under test: its transformation sees
 * every child synchronously (to learn parent and provider), and `settled()`
 * waits until the mock engine has received each of them, so no test depends
 * on timing.
 */
export class ResourceRecorder {
  readonly resources: RecordedResource[] = [];
  private readonly seen = new Map<string, { parent?: string; provider?: string; protect?: boolean }>();
  private readonly names = new WeakMap<pulumi.Resource, string>();

  /** Resource options that attach the recorder to a component and all its children. */
  readonly opts: pulumi.ComponentResourceOptions = {
    transformations: [(args) => this.observe(args)],
  };

  constructor(preview = false) {
    // One mock monitor per test file: a component's registerOutputs may still be in
    // flight when the next test starts, and a fresh monitor would not know its URN.
    activate(this, preview);
  }

  /** Called by the shared mocks for each registration while this recorder is current. */
  record(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
    const id = args.custom ? `${args.name}-id` : "";
    const meta = this.seen.get(key(args.type, args.name)) ?? {};
    this.resources.push({
      type: args.type,
      name: args.name,
      inputs: args.inputs,
      custom: !!args.custom,
      id,
      ...meta,
    });
    return {
      id: args.custom ? id : undefined,
      state: { ...args.inputs, ...cloudState(args.type, args.name, args.inputs) },
    };
  }

  private observe(args: pulumi.ResourceTransformationArgs): undefined {
    this.names.set(args.resource, key(args.type, args.name));
    owners.set(key(args.type, args.name), this);
    const parent = args.opts.parent ? this.nameOf(args.opts.parent) : undefined;
    const provider = (args.opts as pulumi.CustomResourceOptions).provider;
    this.seen.set(key(args.type, args.name), {
      ...(parent ? { parent } : {}),
      ...(provider ? { provider: this.nameOf(provider) } : {}),
      ...(args.opts.protect ? { protect: true } : {}),
    });
    return undefined;
  }

  private nameOf(resource: pulumi.Resource): string {
    return this.names.get(resource) ?? "(created outside the recorded component)";
  }

  /** Waits until every resource the component created has reached the mock engine. */
  /**
   * `type::name` of every resource constructed with the recorder's options, known
   * synchronously (transformations run in the constructor): a rejected component
   * that constructed nothing shows an empty list at once, with no waiting.
   */
  constructed(): string[] {
    return [...this.seen.keys()];
  }

  async settled(timeoutMs = 5000): Promise<RecordedResource[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.resources.length < this.seen.size) {
      if (Date.now() > deadline) {
        const got = new Set(this.resources.map((r) => key(r.type, r.name)));
        const missing = [...this.seen.keys()].filter((k) => !got.has(k));
        throw new Error(`resources never registered: ${missing.join(", ")}`);
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    return this.resources;
  }

  /** Every recorded resource of a type token. */
  ofType(type: string): RecordedResource[] {
    return this.resources.filter((r) => r.type === type);
  }

  /** The single recorded resource with this type (and name, if given); throws otherwise. */
  one(type: string, name?: string): RecordedResource {
    const found = this.ofType(type).filter((r) => name === undefined || r.name === name);
    if (found.length !== 1) {
      const names = this.ofType(type).map((r) => r.name);
      throw new Error(
        `expected one ${type}${name ? ` named ${name}` : ""}, found ${found.length} (${names.join(", ")})`,
      );
    }
    return found[0];
  }
}

/** What `alicloud.cs.getClusterCredential` returns: a kubeconfig with a short-lived client certificate. */
function ackCredential(clusterId: string): Record<string, unknown> {
  const kubeConfig = JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      {
        name: clusterId,
        cluster: { server: "https://192.168.0.10:6443", "certificate-authority-data": "Q0E=" },
      },
    ],
    contexts: [{ name: clusterId, context: { cluster: clusterId, user: `${clusterId}-user` } }],
    "current-context": clusterId,
    users: [
      {
        name: `${clusterId}-user`,
        user: { "client-certificate-data": "Q0VSVA==", "client-key-data": "S0VZ" },
      },
    ],
  });
  return { clusterId, clusterName: clusterId, kubeConfig, expiration: "2030-01-01T00:00:00Z", id: clusterId };
}

/** Resolves any Input or Output to its value. */
export function unwrap<T>(value: pulumi.Input<T>): Promise<T> {
  return new Promise((resolve) => pulumi.output(value).apply((v) => resolve(v as T)));
}

/** Whether an Output is marked secret. */
export function isSecret<T>(value: pulumi.Output<T>): Promise<boolean> {
  return pulumi.isSecret(value);
}
