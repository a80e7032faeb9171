import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

type ChildOpts = { parent: pulumi.Resource; provider: pulumi.ProviderResource };

/** Where the key may be used and by whom. */
export interface LogsKeyPolicyInput {
  readonly partition: string;
  readonly accountId: string;
  readonly region: string;
  /** Log group name prefixes the key may encrypt, e.g. `/aws/eks/prod/`. */
  readonly logGroupPrefixes: readonly string[];
}

/**
 * Key policy for CloudWatch Logs encryption: the account administers the key;
 * the regional Logs service may use it only for the listed log groups (the
 * encryption context condition from the CloudWatch Logs KMS guide).
 */
export function buildLogsKeyPolicy(p: LogsKeyPolicyInput): string {
  const logGroupArn = (prefix: string) =>
    `arn:${p.partition}:logs:${p.region}:${p.accountId}:log-group:${prefix}*`;
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AccountAdministers",
        Effect: "Allow",
        Principal: { AWS: `arn:${p.partition}:iam::${p.accountId}:root` },
        Action: "kms:*",
        Resource: "*",
      },
      {
        Sid: "CloudWatchLogsUse",
        Effect: "Allow",
        Principal: { Service: `logs.${p.region}.amazonaws.com` },
        Action: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
        Resource: "*",
        Condition: {
          ArnLike: { "kms:EncryptionContext:aws:logs:arn": p.logGroupPrefixes.map(logGroupArn) },
        },
      },
    ],
  });
}

/** A rotating KMS key that encrypts the cluster's CloudWatch log groups. */
export function createLogsKey(
  name: string,
  clusterName: string,
  deletionWindowInDays: number,
  protect: boolean,
  tags: Record<string, string>,
  opts: ChildOpts,
): aws.kms.Key {
  const policy = pulumi
    .all([
      aws.getPartitionOutput({}, opts),
      aws.getCallerIdentityOutput({}, opts),
      aws.getRegionOutput({}, opts),
    ])
    .apply(([partition, identity, region]) =>
      buildLogsKeyPolicy({
        partition: partition.partition,
        accountId: identity.accountId,
        region: region.region,
        logGroupPrefixes: [`/aws/eks/${clusterName}/`, `/cairn/vpc/${clusterName}/`],
      }),
    );
  return new aws.kms.Key(
    `${name}-logs-key`,
    {
      description: `Encryption of the CloudWatch logs of EKS cluster ${clusterName}`,
      enableKeyRotation: true,
      deletionWindowInDays,
      policy,
      tags,
    },
    { ...opts, protect },
  );
}
