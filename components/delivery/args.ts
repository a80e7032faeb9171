import { z } from "zod";
import { MESH_ROOT_NAMESPACE } from "../mesh/args";
import { prometheusQueryUrl } from "../observability/names";
import { sloSpecSchema } from "../observability/slo";
import { abortPercent, breakerLimit, DEFAULT_FAILURE_PERCENT, GATE } from "./budget";
import { dnsLabel, documented as doc } from "../shared/validate";

const duration = (what: string) =>
  z.string().regex(/^\d+(s|m|h)$/, `${what} must be a duration such as "30s", "5m" or "1h"`);

const header = z.strictObject({
  name: doc(
    z
      .string()
      .regex(/^[a-z0-9][-a-z0-9]*$/, "header.name must be a lowercase HTTP header name such as gray-version")
      .default("gray-version"),
    "Request header that sends a request to the canary whatever the weight, for the whole release.",
  ),
  value: doc(
    z
      .string()
      .regex(
        /^[A-Za-z0-9._-]+$/,
        "header.value must be a literal token such as beta (matched exactly; an empty value or a pattern would match all traffic)",
      )
      .default("beta"),
    "Exact header value that selects the canary.",
  ),
});

const breaker = z.strictObject({
  failurePercent: doc(
    z
      .number()
      .int()
      .min(1, "breaker.failurePercent must be an integer percentage between 1 and 100")
      .max(100, "breaker.failurePercent must be an integer percentage between 1 and 100")
      .optional(),
    "Envoy failure-percentage ejection: a canary endpoint failing more than this share of requests is ejected. " +
      "At most the SLO's fast-burn threshold (the error percentage at which the gate aborts).",
    `- ${DEFAULT_FAILURE_PERCENT}, or that threshold when lower`,
  ),
  interval: doc(
    duration("breaker.interval").default("30s"),
    "Window the failure percentage is measured over.",
  ),
  minimumRequests: doc(
    z.number().int().min(1, "breaker.minimumRequests must be a positive integer").default(20),
    "Requests an endpoint must see in the interval before the breaker judges it.",
  ),
});

/** Args of {@link Canary}: the one source of their types, defaults and documentation. */
export const canaryArgs = z
  .strictObject({
    service: doc(
      dnsLabel("service"),
      "Service name; the stable and canary Services are `<service>-stable`/`-canary`.",
    ),
    namespace: doc(dnsLabel("namespace"), "Namespace of the service (enrolled in the mesh)."),
    image: doc(
      z.string().min(1, "image must be a non-empty container image reference"),
      "Container image of the version being released.",
    ),
    port: doc(
      z
        .number()
        .int()
        .min(1, "port must be a TCP port (1-65535)")
        .max(65535, "port must be a TCP port (1-65535)")
        .default(8080),
      "Container and Service port (HTTP).",
    ),
    replicas: doc(z.number().int().min(1, "replicas must be a positive integer").default(2), "Pod replicas."),
    steps: doc(
      z
        .array(
          z
            .number()
            .int()
            .min(1, "steps entries must be weights between 1 and 100")
            .max(100, "steps entries must be weights between 1 and 100"),
        )
        .min(1, "steps must list at least one weight, ending with 100")
        .default([10, 25, 50, 100])
        .refine((s) => s.every((w, i) => i === 0 || w > s[i - 1]), {
          error: "steps must be strictly increasing weights, e.g. [10, 25, 50, 100]",
        })
        .refine((s) => s[s.length - 1] === 100, { error: "steps must end with 100 (full promotion)" }),
      "Canary weights (percent), each held for `stepPause` while the analysis runs.",
    ),
    stepPause: doc(duration("stepPause").default("5m"), "How long each weight is held before the next."),
    header: doc(header.prefault({}), "Header route to the canary (gray traffic)."),
    gateways: doc(
      z
        .array(
          z
            .string()
            .regex(
              /^[a-z0-9][-a-z0-9]*\/[a-z0-9][-a-z0-9]*$/,
              "each gateways entry must be <namespace>/<gateway>, e.g. istio-ingress/ingressgateway",
            ),
        )
        .default([]),
      "Istio Gateways (`<namespace>/<name>`) whose traffic the release also routes, besides the mesh's.",
      "- the mesh only",
    ),
    rateLimitRps: doc(
      z.number().int().min(1, "rateLimitRps must be a positive integer (requests per second)").default(200),
      "Local rate limit on each version's sidecar (requests per second per pod).",
    ),
    breaker: doc(breaker.prefault({}), "Failure-percentage breaker on the canary endpoints."),
    slo: doc(sloSpecSchema, "The service's SLO (same spec as Prometheus `slos`): it gates every step."),
    prometheusAddress: doc(
      z
        .url({ protocol: /^https?$/, error: "prometheusAddress must be an http(s) URL" })
        .default(prometheusQueryUrl()),
      "Prometheus the analysis queries.",
    ),
    analysisInterval: doc(
      duration("analysisInterval").default("1m"),
      "How often the analysis queries Prometheus.",
    ),
    analysisCount: doc(
      z.number().int().min(1, "analysisCount must be a positive integer").default(3),
      "Measurements each step's analysis takes; all must pass before the next weight.",
    ),
    meshRootNamespace: doc(
      dnsLabel("meshRootNamespace").default(MESH_ROOT_NAMESPACE),
      "Istio root namespace (where the cluster-level breaker EnvoyFilter goes).",
    ),
  })
  .refine((a) => a.slo.service === a.service, {
    error: "slo.service must equal service: the gate must measure the service being released",
    path: ["slo", "service"],
  })
  .refine((a) => a.slo.namespace === undefined || a.slo.namespace === a.namespace, {
    error: "slo.namespace must equal namespace (or be left out)",
    path: ["slo", "namespace"],
  })
  .superRefine((a, ctx) => {
    const limit = breakerLimit(a.slo.availability);
    const given = a.breaker.failurePercent;
    if (given !== undefined && given > limit) {
      ctx.addIssue({
        code: "custom",
        path: ["breaker", "failurePercent"],
        message:
          `breaker.failurePercent ${given} is looser than the SLO's error budget: the gate aborts above ` +
          `${abortPercent(a.slo.availability as number)} % errors (${GATE.factor} x the budget of ${a.slo.availability} % ` +
          `availability over ${GATE.short}), so the breaker would never act first; set at most ${limit}, or leave it out`,
      });
    }
  });

/** Args of {@link Canary} (derived from {@link canaryArgs}). */
export type CanaryArgs = z.input<typeof canaryArgs>;
export type ParsedCanaryArgs = z.output<typeof canaryArgs>;
