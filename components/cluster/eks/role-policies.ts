// The AWS managed policies each EKS role gets, and nothing more. A module of its
// own, free of @pulumi/aws, because pure builders (the Crossplane composition)
// read it too: building a stack's values never loads a cloud SDK.

export const CLUSTER_ROLE_POLICIES = ["arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"];
export const NODE_ROLE_POLICIES = [
  "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
  "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
  "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly",
];
