import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
// In this repository the components are imported by path; see README.md.
import { describe, dnsLabel, NamespaceBaseline, parseArgs, requireProvider } from "../../components";

export const TEAM_SPACE_TYPE = "acme:platform:TeamSpace";

/** Args for {@link TeamSpace}. */
export interface TeamSpaceArgs {
  /** The team's namespace (a DNS-1123 label). */
  readonly namespace: string;
  /** Container image, pinned by tag or digest (never `latest`). */
  readonly image: string;
  /** Replicas of the team's service. @default 2 */
  readonly replicas?: number;
  /** Container port. @default 8080 */
  readonly port?: number;
  /** Namespaces allowed to call the service, e.g. the gateway's. @default [] */
  readonly allowIngressFrom?: readonly string[];
}

const schema = z.strictObject({
  namespace: dnsLabel("namespace"),
  image: z
    .string()
    .regex(/^[^:@\s]+(:[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/, "image must be pinned by tag or digest")
    .refine((image) => !image.endsWith(":latest"), {
      error: "image must not use the latest tag: pin a version",
    }),
  replicas: z.number().int().min(1, "replicas must be at least 1").default(2),
  port: z
    .number()
    .int()
    .min(1024, "port must be 1024-65535 (the container runs as non-root)")
    .max(65535)
    .default(8080),
  allowIngressFrom: z.array(dnsLabel("each allowIngressFrom entry")).default([]),
});

/** Validates and resolves the args; throws a CairnInputError naming the argument, value and fix. */
export function resolveTeamSpace(name: string, args: TeamSpaceArgs) {
  return parseArgs(schema, args, describe(TEAM_SPACE_TYPE, name));
}

/**
 * A team's space on a Cairn cluster: a namespace with Cairn's baseline (restricted Pod
 * Security, default-deny NetworkPolicies, quotas) and the team's service, running as a
 * restricted pod. Built only from Cairn's public API, the way a platform team extends it.
 */
export class TeamSpace extends pulumi.ComponentResource {
  public readonly namespace: pulumi.Output<string>;
  public readonly weakenings: pulumi.Output<string[]>;

  constructor(name: string, args: TeamSpaceArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate before registering anything, as Cairn's own components do.
    const r = resolveTeamSpace(name, args);
    const provider = requireProvider(opts, "kubernetes", describe(TEAM_SPACE_TYPE, name));
    super(TEAM_SPACE_TYPE, name, {}, opts);
    const child = { parent: this, provider };

    const baseline = new NamespaceBaseline(
      `${name}-namespace`,
      { namespace: r.namespace, allowIngressFrom: r.allowIngressFrom },
      child,
    );
    const labels = { "app.kubernetes.io/name": name };
    new k8s.apps.v1.Deployment(
      `${name}-service`,
      {
        metadata: { name, namespace: baseline.namespace, labels },
        spec: {
          replicas: r.replicas,
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              automountServiceAccountToken: false,
              securityContext: {
                runAsNonRoot: true,
                runAsUser: 65532,
                seccompProfile: { type: "RuntimeDefault" },
              },
              containers: [
                {
                  name: "app",
                  image: r.image,
                  ports: [{ name: "http", containerPort: r.port }],
                  resources: {
                    requests: { cpu: "50m", memory: "64Mi" },
                    limits: { cpu: "250m", memory: "256Mi" },
                  },
                  securityContext: {
                    allowPrivilegeEscalation: false,
                    readOnlyRootFilesystem: true,
                    capabilities: { drop: ["ALL"] },
                  },
                },
              ],
            },
          },
        },
      },
      { ...child, dependsOn: [baseline] },
    );

    this.namespace = baseline.namespace;
    this.weakenings = baseline.weakenings;
    this.registerOutputs({ namespace: this.namespace, weakenings: this.weakenings });
  }
}
