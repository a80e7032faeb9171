import { ChartOverride } from "../shared/chart";

/** Requests allowed per unit of time, per Envoy instance (local rate limit). */
export interface RateLimit {
  readonly requests: number;
  readonly unit: "Second" | "Minute" | "Hour";
}

/** A JWT issuer whose tokens the gateway accepts. */
export interface JwtProvider {
  /** Expected `iss` claim. */
  readonly issuer: string;
  /** HTTPS URL of the issuer's JWKS. */
  readonly jwksUri: string;
  /** Accepted `aud` values. @default - any audience */
  readonly audiences?: readonly string[];
}

/** An HTTPS route from the gateway to a Service. */
export interface GatewayRoute {
  /** DNS-1123 name of the route (unique in the gateway). */
  readonly name: string;
  /** Hostnames matched. @default - every hostname of the listener */
  readonly hostnames?: readonly string[];
  /** Path prefix matched. @default "/" */
  readonly pathPrefix?: string;
  /** Backend Service: the HTTPRoute is created in its namespace. */
  readonly service: { readonly name: string; readonly namespace: string; readonly port: number };
  /** Serve without JWT authentication. Reported in `weakenings`. @default false */
  readonly public?: boolean;
  /** Rate limit for this route. @default - the gateway's `rateLimit` */
  readonly rateLimit?: RateLimit;
}

/** Args for {@link Gateway}. Every field is optional and secure by default. */
export interface GatewayArgs {
  /** Namespace of Envoy Gateway, the Gateway object and the Envoy proxies. @default "envoy-gateway-system" */
  readonly namespace?: string;
  /** Name of the GatewayClass and Gateway. @default "cairn" */
  readonly gatewayName?: string;
  /** Listener hostname, e.g. `*.example.com`. @default - any hostname */
  readonly hostname?: string;
  /** `kubernetes.io/tls` Secret in `namespace` with the listener certificate. @default "cairn-gateway-tls" */
  readonly tlsSecretName?: string;
  /** Minimum TLS version on the HTTPS listener. @default "1.2" */
  readonly minTlsVersion?: "1.2" | "1.3";
  /** Port-80 listener that only redirects to HTTPS. @default true */
  readonly httpRedirect?: boolean;
  /** Service type of the Envoy proxies. @default "LoadBalancer" */
  readonly serviceType?: "LoadBalancer" | "ClusterIP" | "NodePort";
  /** Envoy proxy replicas. @default 2 */
  readonly proxyReplicas?: number;
  /** JWT providers; every non-public route requires a valid token from one of them. @default [] */
  readonly jwt?: readonly JwtProvider[];
  /** Default rate limit for every route. @default { requests: 100, unit: "Second" } */
  readonly rateLimit?: RateLimit;
  /** Routes to Services. @default [] */
  readonly routes?: readonly GatewayRoute[];
  /** JSON access logs to stdout. Turning them off is a weakening. @default true */
  readonly accessLogs?: boolean;
  /** Chart mirror. @default - stack config `cairn:chartMirror`, else upstream */
  readonly chartMirror?: string;
  /** Version, source and value overrides for the `gateway-helm` chart. @default {} */
  readonly chart?: ChartOverride;
}
