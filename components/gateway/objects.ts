import { type Manifest } from "../shared/manifests";
import { type ResolvedGateway } from "./build";

const GWAPI = "gateway.networking.k8s.io/v1";
const EG = "gateway.envoyproxy.io/v1alpha1";
const CONTROLLER = "gateway.envoyproxy.io/gatewayclass-controller";

/** Envoy Gateway maps privileged listener ports to these container ports (port + 10000). */
const HTTPS_CONTAINER_PORT = 10443;
const HTTP_CONTAINER_PORT = 10080;

/** GatewayClass, EnvoyProxy (access logs, metrics, service), Gateway, HTTPS redirect and TLS policy. */
export function buildGatewayObjects(r: ResolvedGateway): Manifest[] {
  const ns = r.namespace;
  const gatewayRef = { group: "gateway.networking.k8s.io", kind: "Gateway", name: r.gatewayName };
  const hostname = r.hostname ? { hostname: r.hostname } : {};
  const listeners: Record<string, unknown>[] = [
    {
      name: "https",
      protocol: "HTTPS",
      port: 443,
      ...hostname,
      tls: { mode: "Terminate", certificateRefs: [{ kind: "Secret", name: r.tlsSecretName }] },
      allowedRoutes: { namespaces: { from: "All" } },
    },
  ];
  if (r.httpRedirect) {
    // Only the redirect route (same namespace) may attach to the plain-HTTP listener.
    listeners.push({
      name: "http",
      protocol: "HTTP",
      port: 80,
      ...hostname,
      allowedRoutes: { namespaces: { from: "Same" } },
    });
  }
  const out: Manifest[] = [
    {
      apiVersion: EG,
      kind: "EnvoyProxy",
      metadata: { name: `${r.gatewayName}-proxy`, namespace: ns },
      spec: {
        provider: {
          type: "Kubernetes",
          kubernetes: {
            envoyService: { type: r.serviceType },
            envoyDeployment: { replicas: r.proxyReplicas },
          },
        },
        telemetry: {
          accessLog: r.accessLogs
            ? {
                settings: [
                  {
                    format: { type: "JSON", json: ACCESS_LOG_FIELDS },
                    sinks: [{ type: "File", file: { path: "/dev/stdout" } }],
                  },
                ],
              }
            : { disable: true },
          metrics: { prometheus: { disable: false } },
        },
      },
    },
    {
      apiVersion: GWAPI,
      kind: "GatewayClass",
      metadata: { name: r.gatewayName },
      spec: {
        controllerName: CONTROLLER,
        parametersRef: {
          group: "gateway.envoyproxy.io",
          kind: "EnvoyProxy",
          name: `${r.gatewayName}-proxy`,
          namespace: ns,
        },
      },
    },
    {
      apiVersion: GWAPI,
      kind: "Gateway",
      metadata: { name: r.gatewayName, namespace: ns },
      spec: { gatewayClassName: r.gatewayName, listeners },
    },
    {
      apiVersion: EG,
      kind: "ClientTrafficPolicy",
      metadata: { name: `${r.gatewayName}-tls`, namespace: ns },
      spec: { targetRefs: [gatewayRef], tls: { minVersion: r.minTlsVersion } },
    },
  ];
  if (r.httpRedirect) {
    out.push({
      apiVersion: GWAPI,
      kind: "HTTPRoute",
      metadata: { name: `${r.gatewayName}-https-redirect`, namespace: ns },
      spec: {
        parentRefs: [{ name: r.gatewayName, sectionName: "http" }],
        rules: [
          { filters: [{ type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } }] },
        ],
      },
    });
  }
  return out;
}

const ACCESS_LOG_FIELDS = {
  start_time: "%START_TIME%",
  method: "%REQ(:METHOD)%",
  path: "%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%",
  protocol: "%PROTOCOL%",
  response_code: "%RESPONSE_CODE%",
  response_flags: "%RESPONSE_FLAGS%",
  duration_ms: "%DURATION%",
  upstream_host: "%UPSTREAM_HOST%",
  x_request_id: "%REQ(X-REQUEST-ID)%",
  user_agent: "%REQ(USER-AGENT)%",
  client_address: "%DOWNSTREAM_REMOTE_ADDRESS_WITHOUT_PORT%",
};

/** Per route: the HTTPRoute (in the backend's namespace), its JWT SecurityPolicy and rate-limit policy. */
export function buildRouteObjects(r: ResolvedGateway): Manifest[] {
  return r.routes.flatMap((route) => {
    const ns = route.service.namespace;
    const routeRef = { group: "gateway.networking.k8s.io", kind: "HTTPRoute", name: route.name };
    const limit = route.rateLimit ?? r.rateLimit;
    const objects: Manifest[] = [
      {
        apiVersion: GWAPI,
        kind: "HTTPRoute",
        metadata: { name: route.name, namespace: ns },
        spec: {
          parentRefs: [{ name: r.gatewayName, namespace: r.namespace, sectionName: "https" }],
          ...(route.hostnames ? { hostnames: route.hostnames } : {}),
          rules: [
            {
              matches: [{ path: { type: "PathPrefix", value: route.pathPrefix } }],
              backendRefs: [{ name: route.service.name, port: route.service.port }],
            },
          ],
        },
      },
      {
        apiVersion: EG,
        kind: "BackendTrafficPolicy",
        metadata: { name: `${route.name}-rate-limit`, namespace: ns },
        spec: {
          targetRefs: [routeRef],
          rateLimit: {
            type: "Local",
            local: { rules: [{ limit: { requests: limit.requests, unit: limit.unit } }] },
          },
        },
      },
    ];
    if (!route.public) {
      objects.push({
        apiVersion: EG,
        kind: "SecurityPolicy",
        metadata: { name: `${route.name}-jwt`, namespace: ns },
        spec: {
          targetRefs: [routeRef],
          jwt: {
            providers: r.jwt.map((p, i) => ({
              name: `provider-${i}`,
              issuer: p.issuer,
              ...(p.audiences ? { audiences: p.audiences } : {}),
              remoteJWKS: { uri: p.jwksUri },
            })),
          },
        },
      });
    }
    return objects;
  });
}

/** NetworkPolicies: clients reach the proxies, proxies reach route backends, backends admit the gateway. */
export function buildGatewayNetworkPolicies(r: ResolvedGateway): Manifest[] {
  const np = (name: string, namespace: string, spec: Record<string, unknown>): Manifest => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace },
    spec,
  });
  const tcp = (ports: number[]) => ports.map((port) => ({ protocol: "TCP", port }));
  const fromGateway = { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": r.namespace } } };
  const out = [
    np("allow-gateway-clients", r.namespace, {
      podSelector: { matchLabels: { "app.kubernetes.io/component": "proxy" } },
      policyTypes: ["Ingress"],
      ingress: [
        { ports: tcp(r.httpRedirect ? [HTTPS_CONTAINER_PORT, HTTP_CONTAINER_PORT] : [HTTPS_CONTAINER_PORT]) },
      ],
    }),
    // Controller watches the API; proxies fetch JWKS over HTTPS and reach the route backends.
    np("allow-gateway-egress", r.namespace, {
      podSelector: {},
      policyTypes: ["Egress"],
      egress: [
        { ports: tcp([443, 6443]) },
        ...r.routes.map((route) => ({
          to: [
            {
              namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": route.service.namespace } },
            },
          ],
        })),
      ],
    }),
  ];
  for (const ns of new Set(r.routes.map((route) => route.service.namespace))) {
    out.push(
      np("allow-from-gateway", ns, {
        podSelector: {},
        policyTypes: ["Ingress"],
        ingress: [{ from: [fromGateway] }],
      }),
    );
  }
  return out;
}
