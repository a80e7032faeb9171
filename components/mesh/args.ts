import { ChartOverride } from "../shared/chart";

/** An explicit ALLOW AuthorizationPolicy punched through the mesh-wide default deny. */
export interface MeshAllow {
  /** Namespace whose workloads receive the traffic. */
  readonly namespace: string;
  /** Namespaces allowed to call in. Exactly one of `fromNamespaces` or `fromPrincipals`. */
  readonly fromNamespaces?: readonly string[];
  /** SPIFFE principals allowed to call in, e.g. `cluster.local/ns/shop/sa/web`. */
  readonly fromPrincipals?: readonly string[];
  /** Destination ports allowed. @default - all ports */
  readonly ports?: readonly number[];
}

/** Args for {@link ServiceMesh}. Every field is optional and secure by default. */
export interface ServiceMeshArgs {
  /** Istio root namespace for istiod and mesh-wide policy. @default "istio-system" */
  readonly namespace?: string;
  /** Install an ingress gateway. @default true */
  readonly ingressGateway?: boolean;
  /** Namespace of the ingress gateway. @default "istio-ingress" */
  readonly ingressNamespace?: string;
  /** Service type of the ingress gateway. @default "LoadBalancer" */
  readonly ingressServiceType?: "LoadBalancer" | "ClusterIP" | "NodePort";
  /**
   * Existing namespaces enrolled in the mesh: labelled `istio.io/rev=<revision>`.
   * @default []
   */
  readonly injectNamespaces?: readonly string[];
  /** ALLOW policies through the default deny (the ingress gateway is always allowed in). @default [] */
  readonly allow?: readonly MeshAllow[];
  /**
   * Mesh-wide mTLS mode. Anything but STRICT is a weakening reported in `weakenings`.
   * @default "STRICT"
   */
  readonly mtlsMode?: "STRICT" | "PERMISSIVE";
  /** Create the mesh-wide allow-nothing AuthorizationPolicy. Turning it off is a weakening. @default true */
  readonly defaultDeny?: boolean;
  /**
   * A second istiod revision for a canary upgrade. Namespaces in `namespaces` are labelled with
   * the canary revision instead; promote by moving `charts.istiod.version` to it and removing `canary`.
   * @default - no canary
   */
  readonly canary?: { readonly version: string; readonly namespaces?: readonly string[] };
  /** Chart mirror for every chart of this component. @default - stack config `cairn:chartMirror`, else upstream */
  readonly chartMirror?: string;
  /** Per-chart version, source and value overrides. @default {} */
  readonly charts?: {
    readonly base?: ChartOverride;
    readonly istiod?: ChartOverride;
    readonly gateway?: ChartOverride;
  };
}
