import * as pulumi from "@pulumi/pulumi";
import { type BadInputCase } from "../helpers/bad-input";
import { type ConfigSources } from "../../components/platform/config";

/** A kubeconfig for tests: one context pointing at a local API server. */
export const TEST_KUBECONFIG = `apiVersion: v1
kind: Config
current-context: local
contexts: [{ name: local, context: { cluster: local, user: admin } }]
clusters: [{ name: local, cluster: { server: "https://127.0.0.1:16443" } }]
users: [{ name: admin, user: { token: test } }]
`;

/** Sources for the cases: one readable file, one env var, one secret key. */
export const testConfigSources: ConfigSources = {
  readFile: (path) => {
    if (path === "/kube/local") return TEST_KUBECONFIG;
    throw new Error(`ENOENT: no such file or directory, open '${path}'`);
  },
  env: (name) => (name === "KUBECONFIG_CAIRN" ? "/kube/local" : undefined),
  secret: (key) => (key === "prodKubeconfig" ? pulumi.secret(TEST_KUBECONFIG) : undefined),
};

const local = (extra: Record<string, unknown> = {}) => ({
  name: "local",
  existing: { kubeconfigEnv: "KUBECONFIG_CAIRN", kubernetesVersion: "1.36" },
  ...extra,
});
const withMesh = (mesh: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  local({
    namespaces: ["apps"],
    workloads: { mesh: { chartMirror: "test/fixtures/charts", ...mesh } },
    ...extra,
  });
const MIRROR = "test/fixtures/charts";
const WEB_RELEASE = { service: "web", namespace: "apps", image: "ghcr.io/cairn-platform/web:2.0.0" };
/** A cluster ready for gray releases: mesh, Rollouts controller, Prometheus with the web SLO. */
const releasing = (releases: unknown[], workloads: Record<string, unknown> = {}) =>
  local({
    namespaces: ["apps"],
    workloads: {
      mesh: { chartMirror: MIRROR },
      rollouts: { chartMirror: MIRROR },
      prometheus: { chartMirror: MIRROR, slos: [{ service: "web", availability: 99 }] },
      ...workloads,
    },
    releases,
  });
const eks = (eksArgs: Record<string, unknown>) => ({ name: "staging", region: "eu-west-1", eks: eksArgs });
const eksZones = (availabilityZones: string[]) => eks({ availabilityZones });

/**
 * Bad stack configs. `args` is the whole raw `cairn:` config (keys without the
 * namespace), read with {@link testConfigSources}; `argument` is the config key
 * the error must name.
 */
export const platformConfigBadInputs: readonly BadInputCase<Record<string, unknown>>[] = [
  {
    title: "a stack without clusters",
    args: {},
    argument: "cairn:clusters",
    value: "undefined",
    fix: "list of clusters",
  },
  {
    title: "an empty cluster list",
    args: { clusters: [] },
    argument: "cairn:clusters",
    value: "[]",
    fix: "at least one cluster",
  },
  {
    title: "a cluster that is not a mapping (null)",
    args: { clusters: [local(), null] },
    argument: "cairn:clusters[1]",
    value: "null",
    fix: "mapping",
  },
  // Type confusion in a workload's args is found by the workload's own schema, before any wiring.
  {
    title: "mesh injectNamespaces given as a string, not a list",
    args: { clusters: [withMesh({ injectNamespaces: "shop" })] },
    argument: "cairn:clusters[0].workloads.mesh.injectNamespaces",
    value: '"shop"',
    fix: "array",
  },
  {
    title: "prometheus allowQueryFrom given as a string, not a list",
    args: {
      clusters: [local({ workloads: { prometheus: { chartMirror: MIRROR, allowQueryFrom: "monitoring" } } })],
    },
    argument: "cairn:clusters[0].workloads.prometheus.allowQueryFrom",
    value: '"monitoring"',
    fix: "array",
  },
  {
    title: "prometheus targets given as a map, not a list",
    args: { clusters: [local({ workloads: { prometheus: { chartMirror: MIRROR, targets: {} } } })] },
    argument: "cairn:clusters[0].workloads.prometheus.targets",
    value: "{}",
    fix: "array",
  },
  {
    title: "a mesh namespace the namespace baseline refuses (kube-*)",
    args: { clusters: [withMesh({ namespace: "kube-mesh" })] },
    argument: "cairn:clusters[0].workloads.mesh.namespace",
    value: '"kube-mesh"',
    fix: "kube-",
  },
  {
    title: "a Prometheus namespace the namespace baseline refuses (default)",
    args: { clusters: [local({ workloads: { prometheus: { chartMirror: MIRROR, namespace: "default" } } })] },
    argument: "cairn:clusters[0].workloads.prometheus.namespace",
    value: '"default"',
    fix: "default",
  },
  {
    title: "a misspelt top-level key",
    args: { clusters: [local()], chartMiror: "oci://mirror" },
    argument: "cairn:chartMiror",
    value: "oci://mirror",
    fix: "fix its spelling",
  },
  {
    title: "a cluster name that cannot name resources",
    args: { clusters: [local({ name: "Local_1" })] },
    argument: "cairn:clusters[0].name",
    value: '"Local_1"',
    fix: "DNS-1123 label",
  },
  {
    title: "two clusters with the same name",
    args: { clusters: [local(), local()] },
    argument: "cairn:clusters[1].name",
    value: '"local"',
    fix: "must be unique",
  },
  {
    title: "a cluster of no kind",
    args: { clusters: [{ name: "c1" }] },
    argument: "cairn:clusters[0]",
    value: '"c1"',
    fix: "exactly one of existing, eks, ack or crossplane (found none)",
  },
  {
    title: "a cluster of two kinds",
    args: { clusters: [local({ region: "eu-west-1", eks: {} })] },
    argument: "cairn:clusters[0]",
    value: "local",
    fix: "found existing and eks",
  },
  {
    title: "a Crossplane cluster whose management cluster is not an earlier cluster",
    args: {
      clusters: [
        {
          name: "aws-batch",
          region: "eu-west-1",
          crossplane: {
            managementCluster: "local",
            cloud: "aws",
            zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
          },
        },
        local(),
      ],
    },
    argument: "cairn:clusters[0].crossplane.managementCluster",
    value: '"local"',
    fix: "listed before this one",
  },
  {
    title: "a Crossplane cluster with two zones",
    args: {
      clusters: [
        local(),
        {
          name: "aws-batch",
          region: "eu-west-1",
          crossplane: { managementCluster: "local", cloud: "aws", zones: ["eu-west-1a", "eu-west-1b"] },
        },
      ],
    },
    argument: "cairn:clusters[1].crossplane.zones",
    value: '["eu-west-1a","eu-west-1b"]',
    fix: "3",
  },
  {
    title: "EKS zones of another region",
    args: {
      clusters: [eksZones(["eu-west-1a", "eu-central-1b"])],
    },
    argument: "cairn:clusters[0].eks.availabilityZones[1]",
    value: '"eu-central-1b"',
    fix: "not in the cluster's region eu-west-1: use eu-west-1's zones (e.g. eu-west-1a)",
  },
  {
    // Found by test/unit/stack-config-fuzz.test.ts: the region check once ran before the shape check.
    title: "EKS zones that are not a list",
    args: { clusters: [eks({ availabilityZones: "" })] },
    argument: "cairn:clusters[0].eks.availabilityZones",
    value: '""',
    fix: "array",
  },
  {
    title: "ACK zone ids of another region",
    args: {
      clusters: [
        { name: "prod", region: "cn-hangzhou", ack: { zoneIds: ["cn-hangzhou-h", "cn-shanghai-b"] } },
      ],
    },
    argument: "cairn:clusters[0].ack.zoneIds[1]",
    value: '"cn-shanghai-b"',
    fix: "(e.g. cn-hangzhou-a)",
  },
  {
    title: "an EKS cluster without a region",
    args: { clusters: [{ name: "staging", eks: {} }] },
    argument: "cairn:clusters[0].region",
    value: "undefined",
    fix: "region: eu-west-1",
  },
  {
    title: "an EKS node group whose maximum is below one",
    args: {
      clusters: [local(), eks({ nodeGroups: [{ name: "system", scaling: { minSize: 0, maxSize: 0 } }] })],
    },
    argument: "cairn:clusters[1].eks.nodeGroups[0].scaling.maxSize",
    value: "0",
    fix: "maxSize must be at least 1",
  },
  {
    title: "an EKS VPC CIDR with host bits set",
    args: { clusters: [eks({ vpcCidr: "10.0.0.1/16" })] },
    argument: "cairn:clusters[0].eks.vpcCidr",
    value: '"10.0.0.1/16"',
    fix: "no host bits set",
  },
  {
    title: "a public EKS endpoint open to everyone",
    args: { clusters: [eks({ endpointPublicAccess: true })] },
    argument: "cairn:clusters[0].eks.publicAccessCidrs",
    value: "undefined",
    fix: "0.0.0.0/0",
  },
  {
    title: "an ACK cluster in a region name that is not one",
    args: { clusters: [{ name: "prod", region: "Hangzhou", ack: {} }] },
    argument: "cairn:clusters[0].region",
    value: '"Hangzhou"',
    fix: "cn-hangzhou",
  },
  {
    title: "an ACK service CIDR with host bits set",
    args: { clusters: [{ name: "prod", region: "cn-hangzhou", ack: { serviceCidr: "172.21.0.1/20" } }] },
    argument: "cairn:clusters[0].ack.serviceCidr",
    value: '"172.21.0.1/20"',
    fix: "no host bits",
  },
  {
    title: "a kubeconfig in plain config",
    args: { clusters: [{ name: "prod", existing: { kubeconfig: "apiVersion: v1" } }] },
    argument: "cairn:clusters[0].existing.kubeconfig",
    value: "(hidden)",
    fix: "pulumi config set --secret",
  },
  {
    title: "two kubeconfig sources",
    args: {
      clusters: [
        { name: "prod", existing: { kubeconfigPath: "/kube/local", kubeconfigEnv: "KUBECONFIG_CAIRN" } },
      ],
    },
    argument: "cairn:clusters[0].existing",
    value: '["kubeconfigPath","kubeconfigEnv"]',
    fix: "exactly one of kubeconfigPath",
  },
  {
    title: "a kubeconfig environment variable that is not set",
    args: { clusters: [{ name: "prod", existing: { kubeconfigEnv: "PROD_KUBECONFIG" } }] },
    argument: "cairn:clusters[0].existing.kubeconfigEnv",
    value: '"PROD_KUBECONFIG"',
    fix: "is not set",
  },
  {
    title: "a kubeconfig file that does not exist",
    args: { clusters: [{ name: "prod", existing: { kubeconfigPath: "/nowhere" } }] },
    argument: "cairn:clusters[0].existing.kubeconfigPath",
    value: '"/nowhere"',
    fix: "cannot be read",
  },
  {
    title: "a kubeconfig secret key that is not set",
    args: { clusters: [{ name: "prod", existing: { kubeconfigSecret: "stagingKubeconfig" } }] },
    argument: "cairn:clusters[0].existing.kubeconfigSecret",
    value: '"stagingKubeconfig"',
    fix: "pulumi config set --secret stagingKubeconfig",
  },
  {
    title: "an existing cluster version with a patch number",
    args: {
      clusters: [local({ existing: { kubeconfigEnv: "KUBECONFIG_CAIRN", kubernetesVersion: "1.36.2" } })],
    },
    argument: "cairn:clusters[0].existing.kubernetesVersion",
    value: '"1.36.2"',
    fix: "major.minor",
  },
  {
    title: "a namespace name that is not a DNS label",
    args: { clusters: [local({ namespaces: ["Apps"] })] },
    argument: "cairn:clusters[0].namespaces[0]",
    value: '"Apps"',
    fix: "DNS-1123 label",
  },
  {
    title: "the kube-system namespace as an application namespace",
    args: { clusters: [local({ namespaces: ["kube-system"] })] },
    argument: "cairn:clusters[0].namespaces[0]",
    value: '"kube-system"',
    fix: "Kubernetes system namespace",
  },
  {
    title: "the default namespace as an application namespace",
    args: { clusters: [local({ namespaces: [{ name: "default", quota: { pods: 10 } }] })] },
    argument: "cairn:clusters[0].namespaces[0].name",
    value: '"default"',
    fix: "Kubernetes system namespace",
  },
  {
    title: "a namespace quota of no pods",
    args: { clusters: [local({ namespaces: [{ name: "apps", quota: { pods: 0 } }] })] },
    argument: "cairn:clusters[0].namespaces[0].quota.pods",
    value: "0",
    fix: "positive integer",
  },
  {
    title: "a namespace listed twice",
    args: { clusters: [local({ namespaces: ["apps", { name: "apps" }] })] },
    argument: "cairn:clusters[0].namespaces[1]",
    value: '"apps"',
    fix: "listed once",
  },
  {
    title: "mesh enrolment on a cluster without a mesh",
    args: { clusters: [local({ namespaces: [{ name: "apps", mesh: true }] })] },
    argument: "cairn:clusters[0].namespaces[0].mesh",
    value: "true",
    fix: "add workloads.mesh",
  },
  {
    title: "an unknown workload",
    args: { clusters: [local({ workloads: { linkerd: {} } })] },
    argument: "cairn:clusters[0].workloads",
    value: "linkerd",
    fix: "Unknown key(s) linkerd",
  },
  {
    title: "a mesh mTLS mode Cairn does not allow",
    args: { clusters: [withMesh({ mtlsMode: "DISABLE" })] },
    argument: "cairn:clusters[0].workloads.mesh.mtlsMode",
    value: '"DISABLE"',
    fix: '"STRICT" or "PERMISSIVE"',
  },
  {
    title: "a Prometheus with no replicas",
    args: {
      clusters: [local({ workloads: { prometheus: { chartMirror: "test/fixtures/charts", replicas: 0 } } })],
    },
    argument: "cairn:clusters[0].workloads.prometheus.replicas",
    value: "0",
    fix: "replicas",
  },
  {
    title: "an application namespace Prometheus creates itself",
    args: {
      clusters: [
        local({
          namespaces: ["monitoring"],
          workloads: { prometheus: { chartMirror: "test/fixtures/charts" } },
        }),
      ],
    },
    argument: "cairn:clusters[0].namespaces",
    value: '"monitoring"',
    fix: "remove it from namespaces",
  },
  {
    title: "a gateway route to a namespace the cluster does not have",
    args: {
      clusters: [
        local({
          workloads: {
            gateway: {
              chartMirror: "test/fixtures/charts",
              routes: [{ name: "web", public: true, service: { name: "web", namespace: "shop", port: 80 } }],
            },
          },
        }),
      ],
    },
    argument: "cairn:clusters[0].workloads.gateway.routes[0].service.namespace",
    value: '"shop"',
    fix: "would go into a missing namespace and the update would fail halfway: add it to the cluster's namespaces",
  },
  {
    title: "a gateway route that skips authentication implicitly",
    args: {
      clusters: [
        local({
          workloads: {
            gateway: {
              chartMirror: "test/fixtures/charts",
              routes: [{ name: "web", service: { name: "web", namespace: "apps", port: 80 } }],
            },
          },
        }),
      ],
    },
    argument: "cairn:clusters[0].workloads.gateway.routes[0].public",
    value: "undefined",
    fix: "add a jwt provider, or set public: true",
  },
  {
    title: "a Consul gossip key in plain config",
    args: { clusters: [local({ workloads: { consul: { gossipKey: "c2VjcmV0" } } })] },
    argument: "cairn:clusters[0].workloads.consul.gossipKey",
    value: "(hidden)",
    fix: "pulumi config set --secret",
  },
  {
    title: "a Consul gossip key secret that is not set",
    args: { clusters: [local({ workloads: { consul: { gossipKeySecret: "consulGossipKey" } } })] },
    argument: "cairn:clusters[0].workloads.consul.gossipKeySecret",
    value: '"consulGossipKey"',
    fix: "openssl rand -base64 32 | pulumi config set --secret consulGossipKey",
  },
  {
    title: "a Consul with no servers",
    args: {
      clusters: [local({ workloads: { consul: { chartMirror: "test/fixtures/charts", replicas: 0 } } })],
    },
    argument: "cairn:clusters[0].workloads.consul.replicas",
    value: "0",
    fix: "3 or 5 for production",
  },
  {
    title: "a namespace the mesh creates itself",
    args: { clusters: [withMesh({}, { namespaces: ["istio-system"] })] },
    argument: "cairn:clusters[0].namespaces",
    value: '"istio-system"',
    fix: "remove it from namespaces",
  },
  {
    title: "a mesh allow rule for a namespace the cluster does not have",
    args: { clusters: [withMesh({ allow: [{ namespace: "shop", fromNamespaces: ["apps"] }] })] },
    argument: "cairn:clusters[0].workloads.mesh.allow[0].namespace",
    value: '"shop"',
    fix: "add it to the cluster's namespaces",
  },
  {
    title: "a mesh allow rule from a namespace the cluster does not have",
    args: {
      clusters: [
        withMesh({
          allow: [
            { namespace: "apps", fromNamespaces: ["istio-ingress"] },
            { namespace: "apps", fromNamespaces: ["apps", "web"] },
          ],
        }),
      ],
    },
    argument: "cairn:clusters[0].workloads.mesh.allow[1].fromNamespaces[1]",
    value: '"web"',
    fix: "(apps, istio-ingress, istio-system)",
  },
  {
    title: "a mesh principal in this mesh's trust domain naming a namespace the cluster does not have",
    args: {
      clusters: [
        withMesh({ allow: [{ namespace: "apps", fromPrincipals: ["cluster.local/ns/shop/sa/web"] }] }),
      ],
    },
    argument: "cairn:clusters[0].workloads.mesh.allow[0].fromPrincipals[0]",
    value: '"cluster.local/ns/shop/sa/web"',
    fix: "Namespace shop is not on this cluster (apps, istio-ingress, istio-system), so it would match no workload",
  },
  {
    title: "Consul injection in a namespace the cluster does not have",
    args: {
      clusters: [
        local({
          namespaces: ["apps"],
          workloads: { consul: { chartMirror: "test/fixtures/charts", injectNamespaces: ["apps", "shop"] } },
        }),
      ],
    },
    argument: "cairn:clusters[0].workloads.consul.injectNamespaces[1]",
    value: '"shop"',
    fix: "Namespace shop is not on this cluster (apps, consul)",
  },
  {
    title: "a Consul client namespace the cluster does not have",
    args: {
      clusters: [
        local({
          namespaces: ["apps"],
          workloads: { consul: { chartMirror: "test/fixtures/charts", clientNamespaces: ["shop"] } },
        }),
      ],
    },
    argument: "cairn:clusters[0].workloads.consul.clientNamespaces[0]",
    value: '"shop"',
    fix: "add it to the cluster's namespaces",
  },
  {
    title: "an SLO for a service in a namespace the cluster does not have",
    args: {
      clusters: [
        local({
          namespaces: ["apps"],
          workloads: {
            prometheus: {
              chartMirror: "test/fixtures/charts",
              slos: [{ service: "web", namespace: "shop", availability: 99.9 }],
            },
          },
        }),
      ],
    },
    argument: "cairn:clusters[0].workloads.prometheus.slos[0].namespace",
    value: '"shop"',
    fix: "Namespace shop is not on this cluster (apps, monitoring), so it would match no workload",
  },
  {
    title: "a chart mirror that lacks the mesh charts",
    args: { clusters: [local({ workloads: { mesh: {} } })], chartMirror: "/no/such/mirror" },
    argument: "cairn:clusters[0].workloads.mesh.chartMirror",
    value: '"/no/such/mirror"',
    fix: "helm pull base",
  },
  {
    title: "a release on a cluster without the Rollouts controller",
    args: { clusters: [releasing([WEB_RELEASE], { rollouts: undefined })] },
    argument: "cairn:clusters[0].releases[0]",
    value: '"web"',
    fix: "add workloads.rollouts",
  },
  {
    title: "a release on a cluster without a mesh",
    args: { clusters: [releasing([WEB_RELEASE], { mesh: undefined })] },
    argument: "cairn:clusters[0].releases[0]",
    value: '"web"',
    fix: "add workloads.mesh",
  },
  {
    title: "a release in a namespace the cluster does not have",
    args: { clusters: [releasing([{ ...WEB_RELEASE, namespace: "shop" }])] },
    argument: "cairn:clusters[0].releases[0].namespace",
    value: '"shop"',
    fix: "Namespace shop is not on this cluster: add it to namespaces",
  },
  {
    title: "a release of a service without an SLO",
    args: { clusters: [releasing([{ ...WEB_RELEASE, service: "api" }])] },
    argument: "cairn:clusters[0].releases[0].slo",
    value: "undefined",
    fix: "No SLO for service api: add it to workloads.prometheus.slos",
  },
  {
    title: "a release whose breaker is looser than the SLO's error budget",
    args: { clusters: [releasing([{ ...WEB_RELEASE, breaker: { failurePercent: 20 } }])] },
    argument: "cairn:clusters[0].releases[0].breaker.failurePercent",
    value: "20",
    fix: "set at most 14",
  },
  {
    title: "two releases of one service on a cluster",
    args: {
      clusters: [releasing([WEB_RELEASE, { ...WEB_RELEASE, image: "ghcr.io/cairn-platform/web:3.0.0" }])],
    },
    argument: "cairn:clusters[0].releases[1].service",
    value: '"web"',
    fix: "already has a release on this cluster",
  },
  {
    title: "a release whose steps skip full promotion",
    args: { clusters: [releasing([{ ...WEB_RELEASE, steps: [10, 50] }])] },
    argument: "cairn:clusters[0].releases[0].steps",
    value: "[10,50]",
    fix: "must end with 100",
  },
];
