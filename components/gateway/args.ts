import { z } from "zod";
import { chartMirrorArg, chartOverride } from "../shared/chart";
import { dnsLabel, documented as doc } from "../shared/validate";

/** Units a rate limit counts requests in. */
export const RateLimitUnit = { Second: "Second", Minute: "Minute", Hour: "Hour" } as const;
export type RateLimitUnit = (typeof RateLimitUnit)[keyof typeof RateLimitUnit];

/** Service types the Envoy proxies can use. */
export const ProxyServiceType = {
  LoadBalancer: "LoadBalancer",
  ClusterIP: "ClusterIP",
  NodePort: "NodePort",
} as const;
export type ProxyServiceType = (typeof ProxyServiceType)[keyof typeof ProxyServiceType];

/** Minimum TLS versions the HTTPS listener accepts. */
export const MinTlsVersion = { Tls12: "1.2", Tls13: "1.3" } as const;
export type MinTlsVersion = (typeof MinTlsVersion)[keyof typeof MinTlsVersion];

const rateLimit = z.strictObject({
  requests: doc(
    z.number().int().min(1, "rateLimit.requests must be a positive integer"),
    "Requests allowed per `unit`, per Envoy instance.",
  ),
  unit: doc(
    z.enum(Object.values(RateLimitUnit), { error: 'rateLimit.unit must be "Second", "Minute" or "Hour"' }),
    "Unit of time the requests are counted in.",
  ),
});

const port = z.number().int().min(1, "ports must be 1-65535").max(65535, "ports must be 1-65535");

const jwtProvider = z.strictObject({
  issuer: doc(z.string().min(1, "jwt[].issuer must be a non-empty issuer"), "Expected `iss` claim."),
  jwksUri: doc(
    z.url({ protocol: /^https$/, error: "jwt[].jwksUri must be an https:// URL" }),
    "HTTPS URL of the issuer's JWKS.",
  ),
  audiences: doc(z.array(z.string().min(1)).optional(), "Accepted `aud` values.", "- any audience"),
});

const gatewayRoute = z.strictObject({
  name: doc(dnsLabel("routes[].name"), "DNS-1123 name of the route (unique in the gateway)."),
  hostnames: doc(
    z.array(z.string().min(1)).optional(),
    "Hostnames matched.",
    "- every hostname of the listener",
  ),
  pathPrefix: doc(
    z.string().startsWith("/", "routes[].pathPrefix must start with /").default("/"),
    "Path prefix matched.",
  ),
  service: doc(
    z.strictObject({
      name: doc(dnsLabel("routes[].service.name"), "Service name."),
      namespace: doc(dnsLabel("routes[].service.namespace"), "Service namespace."),
      port: doc(port, "Service port."),
    }),
    "Backend Service: the HTTPRoute is created in its namespace.",
  ),
  public: doc(z.boolean().default(false), "Serve without JWT authentication. Reported in `weakenings`."),
  rateLimit: doc(rateLimit.optional(), "Rate limit for this route.", "- the gateway's `rateLimit`"),
});

/**
 * Args of {@link Gateway}: the one source of their types, defaults and
 * documentation. Every field is optional and secure by default; non-public
 * routes need a JWT provider and route names are unique.
 */
export const gatewayArgs = z
  .strictObject({
    namespace: doc(
      dnsLabel("namespace").default("envoy-gateway-system"),
      "Namespace of Envoy Gateway, the Gateway object and the Envoy proxies.",
    ),
    gatewayName: doc(dnsLabel("gatewayName").default("cairn"), "Name of the GatewayClass and Gateway."),
    hostname: doc(
      z.string().min(1, "hostname must be a non-empty hostname such as *.example.com").optional(),
      "Listener hostname, e.g. `*.example.com`.",
      "- any hostname",
    ),
    tlsSecretName: doc(
      dnsLabel("tlsSecretName").default("cairn-gateway-tls"),
      "`kubernetes.io/tls` Secret in `namespace` with the listener certificate.",
    ),
    minTlsVersion: doc(
      z.enum(Object.values(MinTlsVersion), { error: 'minTlsVersion must be "1.2" or "1.3"' }).default("1.2"),
      "Minimum TLS version on the HTTPS listener.",
    ),
    httpRedirect: doc(z.boolean().default(true), "Port-80 listener that only redirects to HTTPS."),
    serviceType: doc(
      z
        .enum(Object.values(ProxyServiceType), {
          error: 'serviceType must be "LoadBalancer", "ClusterIP" or "NodePort"',
        })
        .default("LoadBalancer"),
      "Service type of the Envoy proxies.",
    ),
    proxyReplicas: doc(
      z.number().int().min(1, "proxyReplicas must be a positive integer").default(2),
      "Envoy proxy replicas.",
    ),
    jwt: doc(
      z.array(jwtProvider).default([]),
      "JWT providers; every non-public route requires a valid token from one of them.",
    ),
    rateLimit: doc(
      rateLimit.default({ requests: 100, unit: "Second" }),
      "Default rate limit for every route.",
    ),
    routes: doc(z.array(gatewayRoute).default([]), "Routes to Services."),
    accessLogs: doc(
      z.boolean().default(true),
      "JSON access logs to stdout. Turning them off is a weakening.",
    ),
    chartMirror: chartMirrorArg("gateway-helm"),
    chart: doc(chartOverride, "Version, source and value overrides for the `gateway-helm` chart."),
  })
  .superRefine((a, ctx) => {
    a.routes.forEach((r, i) => {
      if (!r.public && a.jwt.length === 0) {
        ctx.addIssue({
          code: "custom",
          path: ["routes", i, "public"],
          message: `route "${r.name}" needs authentication: add a jwt provider, or set public: true to serve it unauthenticated`,
        });
      }
    });
    const names = a.routes.map((r) => r.name);
    const dup = names.findIndex((n, i) => names.indexOf(n) !== i);
    if (dup >= 0)
      ctx.addIssue({
        code: "custom",
        path: ["routes", dup, "name"],
        message: `route names must be unique; "${names[dup]}" repeats`,
      });
  });

/** Args for {@link Gateway}, as a caller writes them (derived from the schema). */
export type GatewayArgs = z.input<typeof gatewayArgs>;
/** Requests allowed per unit of time, per Envoy instance (local rate limit). */
export type RateLimit = z.input<typeof rateLimit>;
/** A JWT issuer whose tokens the gateway accepts. */
export type JwtProvider = z.input<typeof jwtProvider>;
/** An HTTPS route from the gateway to a Service. */
export type GatewayRoute = z.input<typeof gatewayRoute>;
