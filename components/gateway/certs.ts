import { type HookHandling } from "../shared/hooks";
import { type Manifest, secretData } from "../shared/manifests";
import { type TlsBundleSpec } from "../shared/tls";

/**
 * What Envoy Gateway's certgen hook job (no value turns it off) would have made,
 * issued by Cairn instead: the CA, the controller's xDS server certificate, the
 * client certificates of the Envoy proxies and the rate limiter, and the OIDC
 * HMAC key (as `envoy-gateway certgen` does, internal/crypto/certgen.go).
 */

/** The certgen hooks the chart renders, and what Cairn does instead. */
export const GATEWAY_HOOKS: readonly HookHandling[] = [
  {
    name: "envoy-gateway-gateway-helm-certgen",
    kinds: ["Job", "ServiceAccount", "Role", "RoleBinding"],
    handling:
      "replaced: Cairn issues Secrets envoy-gateway, envoy, envoy-rate-limit and envoy-oidc-hmac before the chart (gatewayCertSecrets)",
  },
  {
    name: "envoy-gateway-gateway-helm-certgen:{namespace}",
    kinds: ["ClusterRole", "ClusterRoleBinding"],
    handling: "not needed: lets certgen patch the topology injector webhook, which Cairn turns off",
  },
];

/** The controller's Service name (the chart's `envoy-gateway`). */
const CONTROLLER = "envoy-gateway";

export function gatewayCertSpec(namespace: string): TlsBundleSpec {
  const proxies = { commonName: "*", dnsNames: [`*.${namespace}`] };
  return {
    caCommonName: CONTROLLER,
    certs: {
      controller: {
        commonName: CONTROLLER,
        dnsNames: [
          CONTROLLER,
          `${CONTROLLER}.${namespace}`,
          `${CONTROLLER}.${namespace}.svc`,
          `${CONTROLLER}.${namespace}.svc.cluster.local`,
        ],
      },
      envoy: proxies,
      rateLimit: proxies,
    },
    randomKeys: { oidcHmac: 32 },
    validityDays: 730,
    renewDays: 90,
  };
}

/** Issued material, as Pulumi outputs of the component's TlsBundle. */
export interface GatewayCerts {
  readonly caCert: unknown;
  readonly certs: { readonly controller: unknown; readonly envoy: unknown; readonly rateLimit: unknown };
  readonly keys: { readonly controller: unknown; readonly envoy: unknown; readonly rateLimit: unknown };
  readonly oidcHmac: unknown;
}

/** The Secrets the controller, the proxies and the rate limiter mount (names and keys as certgen writes them). */
export function gatewayCertSecrets(namespace: string, c: GatewayCerts): Manifest[] {
  const tls = (name: string, cert: unknown, key: unknown): Manifest => ({
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace },
    type: "kubernetes.io/tls",
    data: secretData({ "ca.crt": c.caCert, "tls.crt": cert, "tls.key": key }),
  });
  return [
    tls("envoy-gateway", c.certs.controller, c.keys.controller),
    tls("envoy", c.certs.envoy, c.keys.envoy),
    tls("envoy-rate-limit", c.certs.rateLimit, c.keys.rateLimit),
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "envoy-oidc-hmac", namespace },
      type: "Opaque",
      data: { "hmac-secret": c.oidcHmac },
    },
  ];
}
