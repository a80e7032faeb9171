/** Pod Security Admission levels, from most to least strict. */
export const PodSecurityLevel = {
  Restricted: "restricted",
  Baseline: "baseline",
  Privileged: "privileged",
} as const;
export type PodSecurityLevel = (typeof PodSecurityLevel)[keyof typeof PodSecurityLevel];

/** An egress destination allowed through the default-deny policy. */
export interface EgressAllow {
  /** Namespace whose pods may be reached. Exactly one of `namespace` or `cidr`. */
  readonly namespace?: string;
  /** IPv4/IPv6 CIDR that may be reached, e.g. `10.0.0.0/16`. */
  readonly cidr?: string;
  /** TCP ports allowed. @default - all ports */
  readonly ports?: readonly number[];
}

/** Args for {@link NamespaceBaseline}. Every field is optional and secure by default. */
export interface NamespaceBaselineArgs {
  /** Kubernetes name of the namespace. @default - the component's logical name */
  readonly namespace?: string;
  /** Extra labels on the namespace (Pod Security labels cannot be overridden here). @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * Pod Security Admission level enforced, audited and warned on. Anything
   * below `restricted` is a weakening and is reported in `weakenings`.
   * @default "restricted"
   */
  readonly podSecurity?: PodSecurityLevel;
  /** Enrol the namespace in the Istio mesh (`istio-injection=enabled`). @default false */
  readonly meshInjection?: boolean;
  /**
   * Create the default-deny NetworkPolicy (ingress and egress). Turning it off
   * is a weakening and is reported in `weakenings`.
   * @default true
   */
  readonly defaultDeny?: boolean;
  /** Allow egress to cluster DNS (kube-system, port 53). @default true */
  readonly allowDns?: boolean;
  /** Allow traffic between pods of this namespace. @default true */
  readonly allowSameNamespace?: boolean;
  /** Namespaces whose pods may open connections into this one. @default [] */
  readonly allowIngressFrom?: readonly string[];
  /** Destinations pods may connect to besides DNS and this namespace. @default [] */
  readonly allowEgressTo?: readonly EgressAllow[];
  /** ResourceQuota hard limits. @default { requestsCpu: "4", requestsMemory: "8Gi", limitsCpu: "8", limitsMemory: "16Gi", pods: 50 } */
  readonly quota?: {
    readonly requestsCpu?: string;
    readonly requestsMemory?: string;
    readonly limitsCpu?: string;
    readonly limitsMemory?: string;
    readonly pods?: number;
  };
  /** LimitRange defaults for containers that set none. @default { cpuRequest: "100m", memoryRequest: "128Mi", cpuLimit: "500m", memoryLimit: "512Mi" } */
  readonly containerDefaults?: {
    readonly cpuRequest?: string;
    readonly memoryRequest?: string;
    readonly cpuLimit?: string;
    readonly memoryLimit?: string;
  };
}
