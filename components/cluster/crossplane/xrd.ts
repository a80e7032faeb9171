import { type Manifest } from "../../shared/manifests";

export const XRD_GROUP = "platform.cairn.dev";
export const XRD_VERSION = "v1alpha1";
export const CLAIM_KIND = "CairnCluster";
export const COMPOSITE_KIND = "XCairnCluster";

/** An OpenAPI v3 schema node (the subset Kubernetes structural schemas use). */
export interface OpenApiSchema {
  type?: "object" | "array" | "string" | "integer" | "number" | "boolean";
  description?: string;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  "x-kubernetes-validations"?: { rule: string; message: string }[];
}

const str = (description: string, extra: OpenApiSchema = {}): OpenApiSchema => ({
  type: "string",
  description,
  ...extra,
});
const int = (description: string, minimum: number, extra: OpenApiSchema = {}): OpenApiSchema => ({
  type: "integer",
  description,
  minimum,
  ...extra,
});
const three = (description: string): OpenApiSchema => ({
  type: "array",
  description,
  minItems: 3,
  maxItems: 3,
  items: { type: "string" },
});

/** The cloud-neutral cluster parameters a claim gives. */
export const PARAMETERS_SCHEMA: OpenApiSchema = {
  type: "object",
  required: ["cloud", "region", "kubernetesVersion", "nodes", "network"],
  properties: {
    cloud: str("Which Composition builds the cluster.", { enum: ["aws", "alibaba"] }),
    region: str("Cloud region.", { minLength: 1 }),
    kubernetesVersion: str("Kubernetes minor version.", { pattern: "^1\\.[0-9]+$" }),
    endpoint: {
      type: "object",
      // Spelled out: the API server checks the CEL rule below against the default itself,
      // before nested defaults apply, so `{}` would make the generated claim CRD invalid.
      default: { public: false, allowedCidrs: [] },
      properties: {
        public: { type: "boolean", default: false, description: "Expose the API server on the internet." },
        allowedCidrs: {
          type: "array",
          default: [],
          items: { type: "string" },
          description: "CIDRs allowed when public.",
        },
      },
      "x-kubernetes-validations": [
        {
          rule: "!self.public || size(self.allowedCidrs) > 0",
          message: "a public endpoint needs allowedCidrs",
        },
      ],
    },
    deletionProtection: {
      type: "boolean",
      default: true,
      description: "Orphan the cluster and key on delete.",
    },
    logRetentionDays: int("Control-plane log retention.", 1, { maximum: 3650, default: 90 }),
    nodes: {
      type: "object",
      required: ["instanceType", "minSize", "maxSize", "desiredSize"],
      properties: {
        instanceType: str("Node instance type.", { minLength: 1 }),
        minSize: int("Minimum nodes.", 0),
        maxSize: int("Maximum nodes.", 1),
        desiredSize: int("Initial nodes.", 0),
      },
      "x-kubernetes-validations": [
        { rule: "self.minSize <= self.maxSize", message: "minSize must not exceed maxSize" },
        {
          rule: "self.minSize <= self.desiredSize && self.desiredSize <= self.maxSize",
          message: "desiredSize out of bounds",
        },
      ],
    },
    network: {
      type: "object",
      required: ["zones", "vpcCidr", "nodeSubnetCidrs", "serviceCidr"],
      properties: {
        zones: three("Three zones."),
        vpcCidr: str("VPC CIDR."),
        nodeSubnetCidrs: three("Private node subnets (vSwitches), one per zone."),
        publicSubnetCidrs: three("AWS: public subnets for NAT and load balancers."),
        podSubnetCidrs: three("Alibaba: Terway pod vSwitches."),
        serviceCidr: str("Kubernetes service CIDR."),
      },
    },
  },
};

/** What Compositions report back (ToCompositeFieldPath targets). */
export const STATUS_SCHEMA: OpenApiSchema = {
  type: "object",
  properties: {
    endpoint: str("API server URL."),
    oidcIssuer: str("OIDC issuer for workload identity."),
    clusterId: str("Cloud cluster id."),
    kmsKeyRef: str("KMS key ARN (AWS) or id (Alibaba)."),
    launchTemplateId: str("AWS node launch template id."),
    launchTemplateVersion: { type: "integer", description: "AWS node launch template version." },
    podSubnetIds: { type: "array", items: { type: "string" }, description: "Alibaba pod vSwitch ids." },
  },
};

/** The CompositeResourceDefinition of a cloud-neutral cluster, with a namespaced claim. */
export function buildXrd(): Manifest {
  return {
    apiVersion: "apiextensions.crossplane.io/v1",
    kind: "CompositeResourceDefinition",
    metadata: { name: `xcairnclusters.${XRD_GROUP}`, labels: { "app.kubernetes.io/managed-by": "cairn" } },
    spec: {
      group: XRD_GROUP,
      names: { kind: COMPOSITE_KIND, plural: "xcairnclusters" },
      claimNames: { kind: CLAIM_KIND, plural: "cairnclusters" },
      connectionSecretKeys: ["kubeconfig"],
      versions: [
        {
          name: XRD_VERSION,
          served: true,
          referenceable: true,
          schema: {
            openAPIV3Schema: {
              type: "object",
              properties: {
                spec: {
                  type: "object",
                  required: ["parameters"],
                  properties: { parameters: PARAMETERS_SCHEMA },
                },
                status: STATUS_SCHEMA,
              },
            },
          },
        },
      ],
    },
  };
}
