import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { CLUSTER_ROLE_POLICIES, NODE_ROLE_POLICIES } from "./role-policies";

type ChildOpts = { parent: pulumi.Resource; provider: pulumi.ProviderResource };

const assumeRole = (service: string, actions: string[] = ["sts:AssumeRole"]) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: service }, Action: actions }],
  });

function roleWithPolicies(
  name: string,
  service: string,
  policies: string[],
  tags: Record<string, string>,
  opts: ChildOpts,
): { role: aws.iam.Role; attachments: aws.iam.RolePolicyAttachment[] } {
  // EKS needs sts:TagSession for the cluster role (access entries, auto mode).
  const actions = service === "eks.amazonaws.com" ? ["sts:AssumeRole", "sts:TagSession"] : ["sts:AssumeRole"];
  const role = new aws.iam.Role(name, { assumeRolePolicy: assumeRole(service, actions), tags }, opts);
  const attachments = policies.map(
    (policyArn) =>
      new aws.iam.RolePolicyAttachment(
        `${name}-${policyArn.split("/").pop()!.toLowerCase()}`,
        { role: role.name, policyArn },
        opts,
      ),
  );
  return { role, attachments };
}

/** The role the EKS control plane assumes. */
export function clusterRole(name: string, tags: Record<string, string>, opts: ChildOpts) {
  return roleWithPolicies(`${name}-cluster-role`, "eks.amazonaws.com", CLUSTER_ROLE_POLICIES, tags, opts);
}

/** The role worker nodes assume; Karpenter can reuse it (see the `nodeRoleName` output). */
export function nodeRole(name: string, tags: Record<string, string>, opts: ChildOpts) {
  return roleWithPolicies(`${name}-node-role`, "ec2.amazonaws.com", NODE_ROLE_POLICIES, tags, opts);
}
