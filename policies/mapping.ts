// Maps Pulumi resources onto the one OPA input shape every Cairn policy reads
// (documented in policies/README.md). Kubernetes objects are also offered in
// the Gatekeeper admission-review shape (input.review.object), so the same
// Kubernetes Rego runs unchanged in Gatekeeper.
import { cleanInputs, unwrapProxy } from "./unknowns";

/** Pulumi's resource options, as policies see them. */
export interface InputOptions {
  readonly protect: boolean;
  readonly parent?: string;
  readonly ignoreChanges?: readonly string[];
  readonly deleteBeforeReplace?: boolean;
}

/** The admission-review view of a Kubernetes object (Gatekeeper's input.review). */
export interface AdmissionReview {
  readonly kind: { readonly group: string; readonly version: string; readonly kind: string };
  readonly name: string;
  readonly namespace: string;
  readonly operation: "CREATE";
  readonly object: Record<string, unknown>;
}

/** The OPA input for one resource. */
export interface ResourceInput {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  /** Resource inputs as plain JSON; unknown values are the string "__cairn_unknown__". */
  readonly props: Record<string, unknown>;
  readonly options: InputOptions;
  /** Paths (lists of keys; array indexes as strings) of every unknown value in props. */
  readonly unknowns: string[][];
  readonly provider?: {
    readonly type: string;
    readonly urn: string;
    readonly props: Record<string, unknown>;
  };
  /** Input property name -> URNs of the resources it depends on (stack policies only). */
  readonly dependencies?: Record<string, string[]>;
  readonly review?: AdmissionReview;
  /** Policy parameters (e.g. allowedRegistries), the same object Gatekeeper passes as input.parameters. */
  readonly parameters?: Record<string, unknown>;
  /** True during `pulumi preview` (and the preview phase of `pulumi up`). */
  readonly preview?: boolean;
}

/** The OPA input for the stack-level policies. */
export interface StackInput {
  readonly resources: ResourceInput[];
  readonly parameters?: Record<string, unknown>;
  /** True during `pulumi preview` (and the preview phase of `pulumi up`). */
  readonly preview?: boolean;
}

/** The subset of @pulumi/policy's ResourceValidationArgs / PolicyResource the mapping reads. */
export interface PulumiResource {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  readonly props: Record<string, unknown>;
  readonly opts?: {
    readonly protect?: boolean;
    readonly parent?: string;
    readonly ignoreChanges?: readonly string[];
    readonly deleteBeforeReplace?: boolean;
  };
  readonly provider?: {
    readonly type: string;
    readonly urn: string;
    readonly props: Record<string, unknown>;
  };
  readonly propertyDependencies?: Record<string, readonly { readonly urn: string }[]>;
}

// Kubernetes types that are not API objects: charts, YAML groups and the provider.
const NOT_OBJECTS = /^kubernetes:(helm\.sh|yaml|kustomize|index)[/:]/;

/** Group, version and kind of a `kubernetes:<group>/<version>:<Kind>` type token (core -> ""). */
export function kubernetesGvk(type: string): AdmissionReview["kind"] | undefined {
  const m = /^kubernetes:([^/:]+)\/([^/:]+):([A-Za-z0-9]+)$/.exec(type);
  if (!m || NOT_OBJECTS.test(type)) return undefined;
  return { group: m[1] === "core" ? "" : m[1], version: m[2], kind: m[3] };
}

function reviewOf(type: string, props: Record<string, unknown>): AdmissionReview | undefined {
  const gvk = kubernetesGvk(type);
  if (!gvk) return undefined;
  const apiVersion = gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
  const object = { apiVersion, kind: gvk.kind, ...props };
  const metadata = (props.metadata ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === "string" ? v : "");
  return {
    kind: gvk,
    name: text(metadata.name),
    namespace: text(metadata.namespace),
    operation: "CREATE",
    object,
  };
}

/** Maps one Pulumi resource (inputs at preview/up) to the policy input. */
export function toResourceInput(
  resource: PulumiResource,
  parameters?: Record<string, unknown>,
  preview = false,
): ResourceInput {
  const cleaned = cleanInputs(resource.props);
  const props = (cleaned.value ?? {}) as Record<string, unknown>;
  const opts = unwrapProxy(resource.opts) ?? {};
  const provider = resource.provider
    ? {
        type: resource.provider.type,
        urn: resource.provider.urn,
        props: (cleanInputs(resource.provider.props).value ?? {}) as Record<string, unknown>,
      }
    : undefined;
  const dependencies = resource.propertyDependencies
    ? Object.fromEntries(
        Object.entries(resource.propertyDependencies).map(([k, deps]) => [k, deps.map((d) => d.urn)]),
      )
    : undefined;
  const review = reviewOf(resource.type, props);
  return {
    type: resource.type,
    urn: resource.urn,
    name: resource.name,
    props,
    options: {
      protect: opts.protect === true,
      ...(opts.parent ? { parent: opts.parent } : {}),
      ...(opts.ignoreChanges?.length ? { ignoreChanges: [...opts.ignoreChanges] } : {}),
      ...(opts.deleteBeforeReplace !== undefined ? { deleteBeforeReplace: opts.deleteBeforeReplace } : {}),
    },
    unknowns: cleaned.unknowns,
    ...(provider ? { provider } : {}),
    ...(dependencies ? { dependencies } : {}),
    ...(review ? { review } : {}),
    ...withContext(parameters, preview),
  };
}

/** The policy parameters and the preview flag, as every policy input ends with them (only those set). */
export function withContext(
  parameters: Record<string, unknown> | undefined,
  preview: boolean,
): { parameters?: Record<string, unknown>; preview?: true } {
  return { ...(parameters ? { parameters } : {}), ...(preview ? { preview: true as const } : {}) };
}

/** Whether the engine runs this pack for a preview (the language host sets PULUMI_NODEJS_DRY_RUN). */
export function isPreview(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.PULUMI_NODEJS_DRY_RUN === "true";
}

/** Maps every resource of a stack to the stack-level policy input. */
export function toStackInput(
  resources: readonly PulumiResource[],
  parameters?: Record<string, unknown>,
  preview = false,
): StackInput {
  return {
    resources: resources.map((r) => toResourceInput(r)),
    ...withContext(parameters, preview),
  };
}
