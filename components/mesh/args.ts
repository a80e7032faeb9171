import { z } from "zod";
import { chartOverride } from "../shared/chart";
import { dnsLabel, documented as doc, failurePolicyArg } from "../shared/validate";

/** Service types the ingress gateway can use. */
export const IngressServiceType = {
  LoadBalancer: "LoadBalancer",
  ClusterIP: "ClusterIP",
  NodePort: "NodePort",
} as const;
export type IngressServiceType = (typeof IngressServiceType)[keyof typeof IngressServiceType];

/** Mesh-wide mTLS modes, from most to least strict. */
export const MtlsMode = { Strict: "STRICT", Permissive: "PERMISSIVE" } as const;
export type MtlsMode = (typeof MtlsMode)[keyof typeof MtlsMode];

const port = z.number().int().min(1, "ports must be 1-65535").max(65535, "ports must be 1-65535");

const TRUST_DOMAIN = /^[a-z0-9._-]+$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const SERVICE_ACCOUNT = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const PRINCIPAL_FORMS =
  '"<trust-domain>/ns/<namespace>/sa/<service-account>" (e.g. "cluster.local/ns/shop/sa/web"), ' +
  '"<trust-domain>/ns/<namespace>/sa/*" for every service account of a namespace, ' +
  'or "*/ns/<namespace>/sa/<service-account>" for any trust domain';

/**
 * What is wrong with an Istio source principal, or undefined when it is one of
 * the forms Cairn accepts. Istio matches `source.principals` against the peer's
 * identity `<trust-domain>/ns/<namespace>/sa/<service-account>` (istio.io
 * AuthorizationPolicy reference, "Source.principals"), with exact, prefix
 * (`abc*`), suffix (`*abc`) or presence (`*`) matching. Anything that is not an
 * identity silently allows nothing, so Cairn accepts only an exact identity, a
 * trailing `*` as the whole service account, or a leading `*` as the whole trust
 * domain; a bare `*` (any authenticated peer) is rejected: use fromNamespaces.
 */
export function principalProblem(p: string): string | undefined {
  if (p.startsWith("spiffe://")) {
    return `Istio principals have no spiffe:// prefix: write "${p.slice("spiffe://".length)}"`;
  }
  if (p === "*") {
    return "a bare * allows any authenticated peer: list the principals, or use fromNamespaces";
  }
  const parts = p.split("/");
  const [domain, ns, namespace, sa, account] = parts;
  const ok =
    parts.length === 5 &&
    ns === "ns" &&
    sa === "sa" &&
    (domain === "*" || TRUST_DOMAIN.test(domain)) &&
    NAMESPACE.test(namespace) &&
    (account === "*" ? domain !== "*" : SERVICE_ACCOUNT.test(account));
  return ok
    ? undefined
    : `each allow[].fromPrincipals entry must be ${PRINCIPAL_FORMS}; anything else matches no workload and allows nothing`;
}

const principal = z.string().superRefine((p, ctx) => {
  const problem = principalProblem(p);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const meshAllow = z
  .strictObject({
    namespace: doc(dnsLabel("allow[].namespace"), "Namespace whose workloads receive the traffic."),
    fromNamespaces: doc(
      z.array(dnsLabel("each allow[].fromNamespaces entry")).min(1).optional(),
      "Namespaces allowed to call in. Exactly one of `fromNamespaces` or `fromPrincipals`.",
    ),
    fromPrincipals: doc(
      z.array(principal).min(1).optional(),
      "Istio principals allowed to call in: `<trust-domain>/ns/<namespace>/sa/<service-account>` (no `spiffe://`), " +
        "e.g. `cluster.local/ns/shop/sa/web`; `.../sa/*` for every service account of a namespace, `*/ns/...` for any trust domain.",
    ),
    ports: doc(z.array(port).optional(), "Destination ports allowed.", "- all ports"),
  })
  .refine((a) => (a.fromNamespaces === undefined) !== (a.fromPrincipals === undefined), {
    error: "each allow entry needs exactly one of fromNamespaces or fromPrincipals",
  });

/** Istio's root namespace unless the mesh's args say otherwise. */
export const MESH_ROOT_NAMESPACE = "istio-system";

/**
 * Args of {@link ServiceMesh}: the one source of their types, defaults and
 * documentation. Every field is optional and secure by default.
 */
export const serviceMeshArgs = z.strictObject({
  namespace: doc(
    dnsLabel("namespace").default(MESH_ROOT_NAMESPACE),
    "Istio root namespace for istiod and mesh-wide policy.",
  ),
  ingressGateway: doc(z.boolean().default(true), "Install an ingress gateway."),
  ingressNamespace: doc(
    dnsLabel("ingressNamespace").default("istio-ingress"),
    "Namespace of the ingress gateway.",
  ),
  ingressServiceType: doc(
    z
      .enum(Object.values(IngressServiceType), {
        error: 'ingressServiceType must be "LoadBalancer", "ClusterIP" or "NodePort"',
      })
      .default("ClusterIP"),
    "Service type of the ingress gateway. `LoadBalancer` or `NodePort` takes traffic from outside the cluster: the Service is annotated `cairn.dev/expose` with that reason and the choice is a reported weakening.",
  ),
  injectNamespaces: doc(
    z.array(dnsLabel("each injectNamespaces entry")).default([]),
    "Existing namespaces enrolled in the mesh: labelled `istio.io/rev=<revision>`.",
  ),
  injectorFailurePolicy: failurePolicyArg(
    "injectorFailurePolicy",
    "a new pod in an enrolled namespace (or an ingress gateway pod) while istiod's sidecar injector is down",
    "refuse it",
    "create it without a proxy",
  ),
  allow: doc(
    z.array(meshAllow).default([]),
    "ALLOW policies through the default deny (the ingress gateway is always allowed in).",
  ),
  mtlsMode: doc(
    z.enum(Object.values(MtlsMode), { error: 'mtlsMode must be "STRICT" or "PERMISSIVE"' }).default("STRICT"),
    "Mesh-wide mTLS mode. Anything but STRICT is a weakening reported in `weakenings`.",
  ),
  defaultDeny: doc(
    z.boolean().default(true),
    "Create the mesh-wide allow-nothing AuthorizationPolicy. Turning it off is a weakening.",
  ),
  canary: doc(
    z
      .strictObject({
        version: doc(
          z.string().regex(/^\d+\.\d+\.\d+$/, "canary.version must be an Istio version such as 1.31.0"),
          "Istio version of the canary istiod, e.g. `1.31.0`.",
        ),
        namespaces: doc(
          z.array(dnsLabel("each canary.namespaces entry")).default([]),
          "Enrolled namespaces labelled with the canary revision instead of the stable one.",
        ),
      })
      .optional(),
    "A second istiod revision for a canary upgrade. Namespaces in `namespaces` are labelled with the canary " +
      "revision instead; promote by moving `charts.istiod.version` to it and removing `canary`.",
    "- no canary",
  ),
  chartMirror: doc(
    z.string().min(1, "chartMirror must be an oci://, https:// or local directory").optional(),
    "Chart mirror for every chart of this component: an `oci://` registry path, an `https://` chart repository " +
      "or a local directory holding `<dir>/<chart>/Chart.yaml`.",
    "- the pinned upstream repositories",
  ),
  charts: doc(
    z
      .strictObject({
        base: doc(chartOverride, "Overrides for the `base` chart (CRDs)."),
        istiod: doc(chartOverride, "Overrides for the `istiod` chart."),
        gateway: doc(chartOverride, "Overrides for the `gateway` chart (ingress gateway)."),
      })
      .prefault({}),
    "Per-chart version, source and value overrides.",
  ),
});

/** Args for {@link ServiceMesh}, as a caller writes them (derived from the schema). */
export type ServiceMeshArgs = z.input<typeof serviceMeshArgs>;
/** An explicit ALLOW AuthorizationPolicy punched through the mesh-wide default deny. */
export type MeshAllow = z.input<typeof meshAllow>;
