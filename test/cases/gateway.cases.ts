import * as path from "node:path";
import { type BadInputCase } from "../helpers/bad-input";

const FIXTURES = path.resolve(__dirname, "../fixtures/charts");
const JWT = [{ issuer: "https://id.example.com", jwksUri: "https://id.example.com/.well-known/jwks.json" }];
const ROUTE = { name: "checkout", service: { name: "checkout", namespace: "shop", port: 8080 } };

/** Minimal valid Gateway args the cases are merged over: the chart from the local fixture mirror. */
export const GATEWAY_BASE_ARGS = { chartMirror: FIXTURES };

/** Bad Gateway inputs: each must be rejected before anything is registered. */
export const gatewayBadInputs: readonly BadInputCase<Record<string, unknown>>[] = [
  {
    title: "TLS 1.1",
    args: { minTlsVersion: "1.1" },
    argument: "minTlsVersion",
    value: '"1.1"',
    fix: '"1.2" or "1.3"',
  },
  {
    title: "a JWKS fetched over plain HTTP",
    args: { jwt: [{ issuer: "x", jwksUri: "http://id.example.com/jwks" }] },
    argument: "jwt[0].jwksUri",
    value: '"http://id.example.com/jwks"',
    fix: "https:// URL",
  },
  {
    title: "a route that skips authentication implicitly",
    args: { routes: [ROUTE] },
    argument: "routes[0].public",
    value: "undefined",
    fix: "add a jwt provider, or set public: true",
  },
  {
    title: "two routes with one name",
    args: { jwt: JWT, routes: [ROUTE, ROUTE] },
    argument: "routes[1].name",
    value: '"checkout"',
    fix: '"checkout" repeats',
  },
  {
    title: "a path prefix without a leading slash",
    args: { jwt: JWT, routes: [{ ...ROUTE, pathPrefix: "api" }] },
    argument: "routes[0].pathPrefix",
    value: '"api"',
    fix: "must start with /",
  },
  {
    title: "a backend port out of range",
    args: { jwt: JWT, routes: [{ ...ROUTE, service: { ...ROUTE.service, port: 0 } }] },
    argument: "routes[0].service.port",
    value: "0",
    fix: "1-65535",
  },
  {
    title: "a rate limit of no requests",
    args: { rateLimit: { requests: 0, unit: "Second" } },
    argument: "rateLimit.requests",
    value: "0",
    fix: "positive integer",
  },
  {
    title: "a rate limit per day",
    args: { rateLimit: { requests: 10, unit: "Day" } },
    argument: "rateLimit.unit",
    value: '"Day"',
    fix: '"Second", "Minute" or "Hour"',
  },
  {
    title: "no proxies",
    args: { proxyReplicas: 0 },
    argument: "proxyReplicas",
    value: "0",
    fix: "positive integer",
  },
  {
    title: "a gateway name that is not a DNS label",
    args: { gatewayName: "Cairn" },
    argument: "gatewayName",
    value: '"Cairn"',
    fix: "DNS-1123 label",
  },
  {
    title: "a chart source directory that does not exist",
    args: { chart: { source: "/no/such/gateway-helm" } },
    argument: "chart.source",
    value: '"/no/such/gateway-helm"',
    fix: "helm pull oci://docker.io/envoyproxy/gateway-helm",
  },
  {
    title: "a misspelt argument",
    args: { routs: [] },
    argument: "args",
    value: '"routs":[]',
    fix: "routs",
  },
];
