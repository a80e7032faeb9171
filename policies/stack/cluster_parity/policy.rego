# METADATA
# title: EKS and ACK clusters share one security posture
# description: >-
#   When one stack runs both EKS (aws:eks/cluster:Cluster) and ACK
#   (alicloud:cs/managedKubernetes:ManagedKubernetes) clusters, they must not
#   differ on endpoint exposure, secrets encryption, control-plane logs,
#   workload identity (IRSA/Pod Identity vs RRSA) or deletion protection, so a
#   weakening on one cloud cannot hide behind the other.
# custom:
#   severity: high
#   remediation: Give both clusters the same setting (Cairn's cluster components share one contract and one set of defaults).
package cairn.stack.cluster_parity

import data.cairn.lib
import data.cairn.lib.stack

eks_logs := {"api", "audit", "authenticator", "controllerManager", "scheduler"}

ack_logs := {"apiserver", "kcm", "scheduler"}

# Workload identity on AWS is an IAM OIDC provider (IRSA) or the Pod Identity agent in the stack.
aws_workload_identity if {
	some r in stack.resources
	r.type in {"aws:iam/openIdConnectProvider:OpenIdConnectProvider", "aws:eks/podIdentityAssociation:PodIdentityAssociation"}
}

aws_workload_identity if {
	some r in stack.resources
	r.type == "aws:eks/addon:Addon"
	r.props.addonName == "eks-pod-identity-agent"
}

protected(r) if r.props.deletionProtection == true

protected(r) if r.options.protect == true

posture(r) := {
	"public endpoint": lib.field(r.props, ["vpcConfig", "endpointPublicAccess"], true) != false,
	"secrets encryption": eks_encrypted(r.props),
	"control-plane logs": (eks_logs - {t | some t in lib.field(r.props, "enabledClusterLogTypes", [])}) == set(),
	"workload identity": aws_workload_identity == true,
	"deletion protection": protected(r) == true,
} if r.type == "aws:eks/cluster:Cluster"

posture(r) := {
	"public endpoint": lib.field(r.props, "slbInternetEnabled", true) != false,
	"secrets encryption": lib.field(r.props, "encryptionProviderKey", "") != "",
	"control-plane logs": (ack_logs - {c | some c in lib.field(r.props, "controlPlaneLogComponents", [])}) == set(),
	"workload identity": lib.field(r.props, "enableRrsa", false) == true,
	"deletion protection": protected(r) == true,
} if r.type == "alicloud:cs/managedKubernetes:ManagedKubernetes"

default aws_workload_identity := false

default protected(_) := false

eks_encrypted(props) if {
	"secrets" in props.encryptionConfig.resources
	lib.field(props, ["encryptionConfig", "provider", "keyArn"], "") != ""
}

default eks_encrypted(_) := false

clusters := [{"urn": r.urn, "cloud": cloud(r.type), "posture": posture(r), "unknown": count(lib.field(r, "unknowns", [])) > 0} |
	some r in stack.resources
	r.type in {"aws:eks/cluster:Cluster", "alicloud:cs/managedKubernetes:ManagedKubernetes"}
]

cloud("aws:eks/cluster:Cluster") := "EKS"

cloud("alicloud:cs/managedKubernetes:ManagedKubernetes") := "ACK"

multi_cloud if count({c.cloud | some c in clusters}) > 1

aspects := {"public endpoint", "secrets encryption", "control-plane logs", "workload identity", "deletion protection"}

# METADATA
# title: Same posture on every cloud
# description: For each aspect, every EKS and ACK cluster in the stack has the same value.
# custom:
#   remediation: Align the weaker cluster with the stronger one.
deny contains lib.finding_about("stack", [], msg) if {
	multi_cloud
	not any_unknown
	some aspect in aspects
	count({c.posture[aspect] | some c in clusters}) > 1
	values := [sprintf("%s %s=%v", [c.cloud, c.urn, c.posture[aspect]]) | some c in clusters]
	msg := sprintf("clusters differ on %s: %s; give every cluster the stronger setting", [aspect, concat("; ", values)])
}

any_unknown if {
	some c in clusters
	c.unknown
}

# METADATA
# title: Deferred while a cluster input is unknown
# description: A cluster with inputs unknown at preview is compared by `pulumi up`.
deferred contains lib.finding_about(c.urn, [], msg) if {
	multi_cloud
	some c in clusters
	c.unknown
	msg := sprintf("%s has inputs unknown during preview, so the cross-cloud parity check is deferred to `pulumi up`", [c.urn])
}
