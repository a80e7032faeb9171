/**
 * Realistic provider outputs for mocked resources, keyed by type token, so
 * components that read ids, ARNs, endpoints or kubeconfig data see values
 * shaped like the real cloud's.
 */
import * as crypto from "node:crypto";
import forge from "node-forge";
import { issueTlsBundle, type TlsBundleSpec } from "../../components/shared/tls";

type State = Record<string, unknown>;
type Inputs = Record<string, unknown>;

const ACCOUNT = "123456789012";
const REGION = "eu-west-1";
const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;

const byType: Record<string, (name: string, inputs: Inputs) => State> = {
  "aws:ec2/vpc:Vpc": (name) => ({
    arn: arn("ec2", `vpc/vpc-${name}`),
    defaultSecurityGroupId: `sg-${name}-default`,
  }),
  "aws:ec2/subnet:Subnet": (name) => ({ arn: arn("ec2", `subnet/subnet-${name}`) }),
  "aws:ec2/securityGroup:SecurityGroup": (name) => ({ arn: arn("ec2", `security-group/sg-${name}`) }),
  "aws:kms/key:Key": (name) => ({ arn: arn("kms", `key/${name}-0000`), keyId: `${name}-0000` }),
  "aws:iam/role:Role": (name) => ({ arn: `arn:aws:iam::${ACCOUNT}:role/${name}` }),
  "aws:cloudwatch/logGroup:LogGroup": (name, inputs) => ({
    arn: arn("logs", `log-group:${String(inputs.name ?? name)}`),
  }),
  "aws:eks/cluster:Cluster": (name, inputs) => ({
    arn: arn("eks", `cluster/${String(inputs.name ?? name)}`),
    endpoint: `https://${name.toUpperCase()}.gr7.${REGION}.eks.amazonaws.com`,
    certificateAuthority: { data: Buffer.from(`ca-of-${name}`).toString("base64") },
    identities: [
      { oidcs: [{ issuer: `https://oidc.eks.${REGION}.amazonaws.com/id/${name.toUpperCase()}` }] },
    ],
    version: inputs.version ?? "1.33",
    status: "ACTIVE",
    vpcConfig: { ...(inputs.vpcConfig as object), clusterSecurityGroupId: `sg-${name}-cluster` },
  }),
  "aws:ec2/launchTemplate:LaunchTemplate": (name) => ({
    arn: arn("ec2", `launch-template/lt-${name}`),
    latestVersion: 1,
  }),
  "aws:eks/nodeGroup:NodeGroup": (name) => ({ arn: arn("eks", `nodegroup/${name}`), status: "ACTIVE" }),
  "aws:iam/openIdConnectProvider:OpenIdConnectProvider": (name) => ({
    arn: `arn:aws:iam::${ACCOUNT}:oidc-provider/${name}`,
  }),
  "alicloud:cs/managedKubernetes:ManagedKubernetes": (name, inputs) => ({
    connections: {
      apiServerIntranet: `https://192.168.0.10:6443`,
      apiServerInternet: "",
      masterPublicIp: "",
      serviceDomain: `${name}.cn-hangzhou.alicontainer.com`,
    },
    certificateAuthority: { clusterCert: Buffer.from(`ca-of-${name}`).toString("base64") },
    rrsaMetadata: {
      enabled: true,
      rrsaOidcIssuerUrl: `https://oidc-ack-cn-hangzhou.oss-cn-hangzhou-internal.aliyuncs.com/${name}`,
      ramOidcProviderArn: `acs:ram::${ACCOUNT}:oidc-provider/ack-rrsa-${name}`,
    },
    version: inputs.version ?? "1.34",
  }),
  "alicloud:vpc/natGateway:NatGateway": (name) => ({
    snatTableIds: `stb-${name}-0`,
    forwardTableIds: `ftb-${name}-0`,
  }),
  "alicloud:ecs/eipAddress:EipAddress": () => ({ ipAddress: "47.96.0.10" }),
  // A read of a Crossplane connection secret (no inputs): a kubeconfig like ClusterAuth writes.
  "kubernetes:core/v1:Secret": (name, inputs) =>
    inputs.data || inputs.stringData
      ? {}
      : {
          data: {
            kubeconfig: Buffer.from(JSON.stringify({ kind: "Config", "current-context": name })).toString(
              "base64",
            ),
          },
        },
  "kubernetes:platform.cairn.dev/v1alpha1:CairnCluster": (name) => ({
    status: {
      endpoint: `https://${name.toUpperCase()}.gr7.${REGION}.eks.amazonaws.com`,
      oidcIssuer: `https://oidc.eks.${REGION}.amazonaws.com/id/${name.toUpperCase()}`,
      clusterId: `c${name}0000`,
    },
  }),
  "alicloud:kms/key:Key": (name) => ({ arn: `acs:kms:cn-hangzhou:${ACCOUNT}:key/${name}-0000` }),
  // Dynamic resources run locally, so the mock runs the real issuer (once per spec: key generation is slow).
  "pulumi-nodejs:dynamic:Resource": (_name, inputs) =>
    inputs.spec ? issuedOnce(inputs.spec as TlsBundleSpec) : {},
};

const issued = new Map<string, State>();
function issuedOnce(spec: TlsBundleSpec): State {
  const id = JSON.stringify(spec);
  if (!issued.has(id)) issued.set(id, { ...issueTlsBundle(spec, forge, crypto) });
  return issued.get(id)!;
}

export function cloudState(type: string, name: string, inputs: Inputs): State {
  return byType[type]?.(name, inputs) ?? {};
}
