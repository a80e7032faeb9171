/**
 * Rendered objects as `kubernetes.helm.v4.Chart` would register them: the
 * Pulumi type token, the release namespace on namespaced objects that have
 * none, the child name `<chart resource>:<namespace>/<name>`, and which objects
 * are Helm hooks (the v4 Chart registers none of them).
 */
import { fixChartObject, type ObjectPatch } from "../../components/shared/chart-objects";
import { type PulumiResource } from "../../policies/mapping";
import { type RenderedObject } from "./render";

/** Built-in kinds that are not namespaced (the provider learns this from discovery; a chart check has no cluster). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  "APIService",
  "CertificateSigningRequest",
  "ClusterRole",
  "ClusterRoleBinding",
  "ComponentStatus",
  "CSIDriver",
  "CSINode",
  "CustomResourceDefinition",
  "FlowSchema",
  "IngressClass",
  "MutatingAdmissionPolicy",
  "MutatingAdmissionPolicyBinding",
  "MutatingWebhookConfiguration",
  "Namespace",
  "Node",
  "PersistentVolume",
  "PriorityClass",
  "PriorityLevelConfiguration",
  "RuntimeClass",
  "StorageClass",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "ValidatingWebhookConfiguration",
  "VolumeAttachment",
  "VolumeAttributesClass",
  "DeviceClass",
  "ResourceSlice",
]);

/** The annotation that makes an object a Helm hook. */
export const HOOK_ANNOTATION = "helm.sh/hook";

/** One rendered object as the chart check sees it. */
export interface ChartObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Its namespace after the release namespace is applied, or "" for a cluster-scoped object. */
  readonly namespace: string;
  readonly source: string;
  /** The hook events (`pre-install`, `test`, ...) when the object is a Helm hook. */
  readonly hookEvents?: readonly string[];
  /** The Pulumi resource the v4 Chart registers for it (hooks are not registered, but get one for reading). */
  readonly resource: PulumiResource;
}

/** How messages name an object: `Kind namespace/name`, as the policies' labels do. */
export function objectLabel(o: Pick<ChartObject, "kind" | "namespace" | "name">): string {
  return `${o.kind} ${o.namespace || "-"}/${o.name}`;
}

/** The Kubernetes provider's type token for an apiVersion and kind (core group -> `core`). */
export function pulumiType(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/", 2) : ["core", apiVersion];
  return `kubernetes:${group}/${version}:${kind}`;
}

const text = (v: unknown) => (typeof v === "string" ? v : "");
const record = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** `group/Kind` of every custom resource the rendered CRDs declare cluster-scoped. */
function clusterScopedCustomKinds(rendered: readonly RenderedObject[]): Set<string> {
  const out = new Set<string>();
  for (const { object } of rendered) {
    if (object.kind !== "CustomResourceDefinition") continue;
    const spec = record(object.spec);
    if (spec.scope === "Cluster") out.add(`${text(spec.group)}/${text(record(spec.names).kind)}`);
  }
  return out;
}

/** Where the chart's objects sit in a stack: the component type and the v4 Chart child's name. */
export interface ChartParent {
  readonly componentType: string;
  readonly chartResource: string;
  /** The release namespace. */
  readonly namespace: string;
  /** The install's object patches, applied as the component's chart transform applies them. */
  readonly patches?: readonly ObjectPatch[];
}

const CHART_TYPE = "kubernetes:helm.sh/v4:Chart";

/** The URN a resource of `type` named `name` gets under the chart (stack `charts-check`, project `cairn`). */
export function chartChildUrn(parent: ChartParent, type: string, name: string): string {
  return `urn:pulumi:charts-check::cairn::${parent.componentType}$${CHART_TYPE}$${type}::${name}`;
}

/** The v4 Chart resource itself, as the component registers it (the chart-level policies read its values). */
export function chartResource(
  parent: ChartParent,
  install: {
    readonly source: { readonly chart: string };
    readonly release: string;
    readonly values: unknown;
  },
): PulumiResource {
  return {
    type: CHART_TYPE,
    urn: `urn:pulumi:charts-check::cairn::${parent.componentType}$${CHART_TYPE}::${parent.chartResource}`,
    name: parent.chartResource,
    props: {
      chart: install.source.chart,
      name: install.release,
      namespace: parent.namespace,
      values: install.values,
    },
  };
}

/** Every rendered object with its type token, namespace, child name and hook events. */
export function chartObjects(rendered: readonly RenderedObject[], parent: ChartParent): ChartObject[] {
  const customClusterScoped = clusterScopedCustomKinds(rendered);
  return rendered
    .filter(({ object }) => typeof object.apiVersion === "string" && typeof object.kind === "string")
    .map(({ source, object }) => {
      const apiVersion = object.apiVersion as string;
      const kind = object.kind as string;
      const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
      const metadata = record(object.metadata);
      const clusterScoped = CLUSTER_SCOPED_KINDS.has(kind) || customClusterScoped.has(`${group}/${kind}`);
      const namespace = clusterScoped ? "" : text(metadata.namespace) || parent.namespace;
      const name = text(metadata.name);
      const placed =
        clusterScoped || metadata.namespace ? object : { ...object, metadata: { ...metadata, namespace } };
      const type = pulumiType(apiVersion, kind);
      const props = fixChartObject(type, placed, parent.patches ?? []) ?? placed;
      const resourceName = namespace
        ? `${parent.chartResource}:${namespace}/${name}`
        : `${parent.chartResource}:${name}`;
      const hook = text(record(metadata.annotations)[HOOK_ANNOTATION]);
      return {
        apiVersion,
        kind,
        name,
        namespace,
        source,
        ...(hook
          ? {
              hookEvents: hook
                .split(",")
                .map((e) => e.trim())
                .filter(Boolean),
            }
          : {}),
        resource: { type, urn: chartChildUrn(parent, type, resourceName), name: resourceName, props },
      };
    });
}

/** One image reference in an object, and where. */
export interface ImageUse {
  readonly image: string;
  /** `containers[0]`, `initContainers[1]`, or the field path of an image elsewhere (e.g. `spec.image`). */
  readonly where: string;
  /** True for a pod container (what the images policy checks); false for an image named in another field. */
  readonly container: boolean;
}

/** The pod spec of an object, found as policies/lib/kubernetes.rego finds it. */
function podSpecPath(object: Record<string, unknown>): string[] | undefined {
  const spec = record(object.spec);
  if (object.kind === "Pod") return ["spec"];
  if (Object.keys(record(record(spec.template).spec)).length) return ["spec", "template", "spec"];
  if (Object.keys(record(record(record(record(spec.jobTemplate).spec).template).spec)).length)
    return ["spec", "jobTemplate", "spec", "template", "spec"];
  if (object.kind === "PodTemplate") return ["template", "spec"];
  return undefined;
}

const at = (object: unknown, p: readonly string[]) => p.reduce<unknown>((o, k) => record(o)[k], object);

/**
 * Every image an object names: its pod containers (containers, initContainers,
 * ephemeralContainers), and any other string field named `image` (a Prometheus
 * resource's `spec.image`, for instance), which the images policy does not see.
 */
export function objectImages(object: Record<string, unknown>): ImageUse[] {
  const out: ImageUse[] = [];
  const podPath = podSpecPath(object);
  const pod = podPath ? record(at(object, podPath)) : {};
  for (const list of ["containers", "initContainers", "ephemeralContainers"]) {
    const items = Array.isArray(pod[list]) ? (pod[list] as unknown[]) : [];
    items.forEach((c, i) => {
      const image = text(record(c).image);
      if (image) out.push({ image, where: `${list}[${i}]`, container: true });
    });
  }
  const walk = (node: unknown, p: string[]) => {
    if (podPath && p.length === podPath.length && p.every((k, i) => k === podPath[i])) return;
    if (Array.isArray(node)) node.forEach((n, i) => walk(n, [...p, String(i)]));
    else if (node !== null && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        if (k === "image" && typeof v === "string" && v)
          out.push({ image: v, where: [...p, k].join("."), container: false });
        else walk(v, [...p, k]);
      }
    }
  };
  walk(object.spec, ["spec"]);
  return out;
}

/**
 * The registry of an image reference, with the implied one made explicit as the
 * images policy normalises it (`nginx` and `istio/proxyv2` are on docker.io).
 */
export function imageRegistry(image: string): string {
  if (!image.includes("/")) return "docker.io";
  const first = image.split("/")[0];
  return first.includes(".") || first.includes(":") || first === "localhost" ? first : "docker.io";
}
