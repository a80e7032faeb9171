import { z } from "zod";
import { chartMirrorArg, chartOverride } from "../shared/chart";
import { dnsLabel, documented as doc, failurePolicyArg, quantity, stringInput } from "../shared/validate";

/**
 * Args of {@link Consul}: the one source of their types, defaults and
 * documentation. Every field is optional and secure by default.
 */
export const consulArgs = z.strictObject({
  namespace: doc(
    dnsLabel("namespace").default("consul"),
    "Namespace for the Consul servers and controllers.",
  ),
  datacenter: doc(dnsLabel("datacenter").default("dc1"), "Consul datacenter name."),
  replicas: doc(
    z.number().int().min(1, "replicas must be a positive integer (3 or 5 for production)").default(3),
    "Server replicas, spread one per node by required anti-affinity. Fewer than 3 loses quorum on one failure.",
  ),
  storage: doc(quantity("storage").default("10Gi"), "Persistent volume size per server."),
  storageClass: doc(
    z.string().min(1, "storageClass must be a non-empty StorageClass name").optional(),
    "StorageClass for server volumes.",
    "- the cluster default",
  ),
  gossipKey: doc(
    stringInput(
      "gossipKey must be a non-empty string or a pulumi.Input<string> such as a config secret",
    ).optional(),
    "Gossip encryption key (32 random bytes, base64). Stored only as a Pulumi secret.",
    "- generated once with node:crypto by a small dynamic resource and kept in state as a secret",
  ),
  injectByDefault: doc(
    z.boolean().default(false),
    "Inject Connect sidecars into every pod of the allowed namespaces (otherwise pods opt in by annotation).",
  ),
  injectNamespaces: doc(
    z.array(z.string().min(1, 'each injectNamespaces entry must be a namespace or "*"')).default(["*"]),
    "Namespaces where Connect injection (service registration and health checks) runs.",
  ),
  injectorFailurePolicy: failurePolicyArg(
    "injectorFailurePolicy",
    "a new pod in an injected namespace while the Connect injector is down",
    "refuse it",
    "create it without a sidecar",
  ),
  gatewayApiCrds: doc(
    z.boolean().default(true),
    "Install the Gateway API CRDs that consul-k8s bundles (bundle v0.6.2). The Platform turns this off on a " +
      "cluster with the Envoy Gateway, whose chart owns newer ones (and refuses older versions).",
  ),
  clientNamespaces: doc(
    z.array(dnsLabel("each clientNamespaces entry")).default([]),
    "Extra namespaces allowed to reach the Consul servers (ports 8501-8503). Namespaces in `injectNamespaces` " +
      'are always allowed; with `["*"]` every namespace is (mTLS and ACLs still apply).',
  ),
  chartMirror: chartMirrorArg("consul"),
  chart: doc(chartOverride, "Version, source and value overrides for the `consul` chart."),
});

/** Args for {@link Consul}, as a caller writes them (derived from the schema). */
export type ConsulArgs = z.input<typeof consulArgs>;
