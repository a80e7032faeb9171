import { type BadInputCase } from "../helpers/bad-input";
import { type CrossplaneClusterArgs } from "../../components/cluster/crossplane/args";

/** Minimal valid args the cases are merged over. */
export const CROSSPLANE_BASE_ARGS: CrossplaneClusterArgs = {
  cloud: "aws",
  region: "eu-west-1",
  zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
};

/** Bad Crossplane inputs: each must be rejected before anything is registered. */
export const crossplaneBadInputs: readonly BadInputCase<Partial<CrossplaneClusterArgs>>[] = [
  {
    title: "an unknown cloud",
    args: { cloud: "gcp" as never },
    argument: "cloud",
    value: '"gcp"',
    fix: '"aws" or "alibaba"',
  },
  {
    title: "two zones",
    args: { zones: ["eu-west-1a", "eu-west-1b"] },
    argument: "zones",
    value: '["eu-west-1a","eu-west-1b"]',
    fix: "exactly 3 zones",
  },
  {
    title: "a zone of another region",
    args: { zones: ["eu-west-1a", "eu-west-1b", "us-east-1c"] },
    argument: "zones[2]",
    value: '"us-east-1c"',
    fix: "zones must be in region eu-west-1, e.g. eu-west-1a",
  },
  {
    title: "an Alibaba zone without the dash its region needs",
    args: {
      cloud: "alibaba",
      region: "cn-hangzhou",
      zones: ["cn-hangzhou-h", "cn-hangzhoui", "cn-hangzhou-j"],
      instanceType: "ecs.g7.xlarge",
    },
    argument: "zones[1]",
    value: '"cn-hangzhoui"',
    fix: "e.g. cn-hangzhou-a",
  },
  {
    title: "a VPC CIDR with host bits set",
    args: { vpcCidr: "10.0.0.1/16" },
    argument: "vpcCidr",
    value: '"10.0.0.1/16"',
    fix: "no host bits set",
  },
  {
    title: "a VPC overlapping the service range",
    args: { vpcCidr: "172.20.0.0/16" },
    argument: "vpcCidr",
    value: '"172.20.0.0/16"',
    fix: "overlaps the service range",
  },
  {
    title: "a VPC too small for the subnets",
    args: { vpcCidr: "10.0.0.0/28" },
    argument: "vpcCidr",
    value: '"10.0.0.0/28"',
    fix: "too small",
  },
  {
    title: "an unsupported Kubernetes version",
    args: { kubernetesVersion: "1.29" },
    argument: "kubernetesVersion",
    value: '"1.29"',
    fix: "must be one of",
  },
  {
    title: "a Kubernetes downgrade",
    args: { kubernetesVersion: "1.33", currentVersion: "1.34" },
    argument: "kubernetesVersion",
    value: '"1.33"',
    fix: "cannot be downgraded",
  },
  {
    title: "a public endpoint with no CIDRs",
    args: { endpointPublicAccess: true },
    argument: "publicAccessCidrs",
    value: "undefined",
    fix: "treats as 0.0.0.0/0",
  },
  {
    title: "node scaling with min above max",
    args: { scaling: { minSize: 7, maxSize: 6 } },
    argument: "scaling.minSize",
    value: "7",
    fix: "greater than maxSize 6",
  },
  {
    title: "an invalid claim name",
    args: { claimName: "Prod_Cluster" },
    argument: "claimName",
    value: '"Prod_Cluster"',
    fix: "DNS-1123",
  },
  {
    title: "Alibaba without an alicloud provider",
    args: {
      cloud: "alibaba",
      region: "cn-hangzhou",
      zones: ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"],
    },
    argument: "alicloudProvider",
    value: "undefined",
    fix: "short-lived kubeconfig",
  },
  {
    title: "an Alibaba instance type for an AWS cluster",
    args: { instanceType: "ecs.g7.xlarge" },
    argument: "instanceType",
    value: '"ecs.g7.xlarge"',
    fix: "EC2 instance type <family>.<size>",
  },
  {
    title: "an AWS instance type for an Alibaba cluster",
    args: {
      cloud: "alibaba",
      region: "cn-hangzhou",
      zones: ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"],
      instanceType: "m7i.large",
    },
    argument: "instanceType",
    value: '"m7i.large"',
    fix: "ECS instance type ecs.<family>.<size>",
  },
];
