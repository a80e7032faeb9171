import * as path from "node:path";
import { type BadInputCase } from "../helpers/bad-input";

const FIXTURES = path.resolve(__dirname, "../fixtures/charts");

/** Minimal valid ServiceMesh args the cases are merged over: charts from the local fixture mirror. */
export const MESH_BASE_ARGS = { chartMirror: FIXTURES };

/** Bad ServiceMesh inputs: each must be rejected before anything is registered. */
export const meshBadInputs: readonly BadInputCase<Record<string, unknown>>[] = [
  {
    title: "a root namespace that is not a DNS label",
    args: { namespace: "Istio_System" },
    argument: "namespace",
    value: '"Istio_System"',
    fix: "DNS-1123 label",
  },
  {
    title: "mTLS switched off",
    args: { mtlsMode: "DISABLE" },
    argument: "mtlsMode",
    value: '"DISABLE"',
    fix: '"STRICT" or "PERMISSIVE"',
  },
  {
    title: "an allow rule without a source",
    args: { allow: [{ namespace: "shop" }] },
    argument: "allow[0]",
    value: '{"namespace":"shop"}',
    fix: "exactly one of fromNamespaces or fromPrincipals",
  },
  {
    title: "an allow rule with both sources",
    args: {
      allow: [{ namespace: "shop", fromNamespaces: ["web"], fromPrincipals: ["cluster.local/ns/a/sa/b"] }],
    },
    argument: "allow[0]",
    value: '"fromPrincipals":["cluster.local/ns/a/sa/b"]',
    fix: "exactly one of fromNamespaces or fromPrincipals",
  },
  {
    title: "a principal with the spiffe:// prefix",
    args: { allow: [{ namespace: "shop", fromPrincipals: ["spiffe://cluster.local/ns/web/sa/web"] }] },
    argument: "allow[0].fromPrincipals[0]",
    value: '"spiffe://cluster.local/ns/web/sa/web"',
    fix: 'write "cluster.local/ns/web/sa/web"',
  },
  {
    title: "a principal that is a bare service account name",
    args: { allow: [{ namespace: "shop", fromPrincipals: ["cluster.local/ns/web/sa/web", "web"] }] },
    argument: "allow[0].fromPrincipals[1]",
    value: '"web"',
    fix: "<trust-domain>/ns/<namespace>/sa/<service-account>",
  },
  {
    title: "a principal with the namespace and service account swapped",
    args: { allow: [{ namespace: "shop", fromPrincipals: ["cluster.local/sa/web/ns/web"] }] },
    argument: "allow[0].fromPrincipals[0]",
    value: '"cluster.local/sa/web/ns/web"',
    fix: "allows nothing",
  },
  {
    title: "a principal matching any authenticated peer",
    args: { allow: [{ namespace: "shop", fromPrincipals: ["*"] }] },
    argument: "allow[0].fromPrincipals[0]",
    value: '"*"',
    fix: "use fromNamespaces",
  },
  {
    title: "an allow rule on a port out of range",
    args: { allow: [{ namespace: "shop", fromNamespaces: ["web"], ports: [70000] }] },
    argument: "allow[0].ports[0]",
    value: "70000",
    fix: "1-65535",
  },
  {
    title: "an enrolled namespace that is not a DNS label",
    args: { injectNamespaces: ["Shop"] },
    argument: "injectNamespaces[0]",
    value: '"Shop"',
    fix: "DNS-1123 label",
  },
  {
    title: "an ingress service type Kubernetes does not have",
    args: { ingressServiceType: "External" },
    argument: "ingressServiceType",
    value: '"External"',
    fix: '"LoadBalancer", "ClusterIP" or "NodePort"',
  },
  {
    title: "a canary that is not an Istio version",
    args: { canary: { version: "1.31" } },
    argument: "canary.version",
    value: '"1.31"',
    fix: "Istio version such as 1.31.0",
  },
  {
    title: "an empty chart version",
    args: { charts: { istiod: { version: "" } } },
    argument: "charts.istiod.version",
    value: '""',
    fix: "non-empty chart version",
  },
  {
    title: "a chart mirror that lacks the charts",
    args: { chartMirror: "/no/such/mirror" },
    argument: "chartMirror",
    value: '"/no/such/mirror"',
    fix: "helm pull base",
  },
  {
    title: "a chart version the mirror does not hold",
    args: { charts: { istiod: { version: "1.31.0" } } },
    argument: "chartMirror",
    value: FIXTURES,
    fix: "expected istiod 1.31.0",
  },
  {
    title: "a canary version the mirror does not hold",
    args: { canary: { version: "1.31.0" } },
    argument: "chartMirror",
    value: FIXTURES,
    fix: "expected istiod 1.31.0",
  },
  {
    title: "a chart source directory that does not exist",
    args: { charts: { gateway: { source: "/no/such/gateway" } } },
    argument: "charts.gateway.source",
    value: '"/no/such/gateway"',
    fix: "set charts.gateway.source",
  },
  {
    title: "a misspelt argument",
    args: { mtls: "STRICT" },
    argument: "args",
    value: '"mtls":"STRICT"',
    fix: "mtls",
  },
];
