package cairn.stack.cluster_parity_test

import data.cairn.stack.cluster_parity as policy

eks(props) := {"type": "aws:eks/cluster:Cluster", "urn": "urn:eks", "props": props, "options": {"protect": false}}

ack(props) := {"type": "alicloud:cs/managedKubernetes:ManagedKubernetes", "urn": "urn:ack", "props": props, "options": {"protect": false}}

eks_good := {
	"vpcConfig": {"endpointPublicAccess": false, "endpointPrivateAccess": true},
	"encryptionConfig": {"resources": ["secrets"], "provider": {"keyArn": "arn:k"}},
	"enabledClusterLogTypes": ["api", "audit", "authenticator", "controllerManager", "scheduler"],
	"deletionProtection": true,
}

ack_good := {
	"slbInternetEnabled": false,
	"encryptionProviderKey": "key-1",
	"controlPlaneLogComponents": ["apiserver", "kcm", "scheduler"],
	"enableRrsa": true,
	"deletionProtection": true,
}

oidc := {"type": "aws:iam/openIdConnectProvider:OpenIdConnectProvider", "urn": "urn:oidc", "props": {}}

test_matching_clusters_pass if {
	count(policy.deny) == 0 with input as {"resources": [eks(eks_good), ack(ack_good), oidc]}
}

test_public_endpoint_on_one_cloud_denied if {
	some msg in {f.message | some f in policy.deny} with input as {"resources": [eks(eks_good), ack(object.union(ack_good, {"slbInternetEnabled": true})), oidc]}
	contains(msg, "clusters differ on public endpoint")
	contains(msg, "ACK urn:ack=true")
}

test_identity_mismatch_denied if {
	some msg in {f.message | some f in policy.deny} with input as {"resources": [eks(eks_good), ack(ack_good)]}
	contains(msg, "workload identity")
}

test_pod_identity_addon_counts if {
	addon := {"type": "aws:eks/addon:Addon", "urn": "urn:addon", "props": {"addonName": "eks-pod-identity-agent"}}
	count(policy.deny) == 0 with input as {"resources": [eks(eks_good), ack(ack_good), addon]}
}

test_protect_option_counts_as_deletion_protection if {
	protected_eks := object.union(eks(object.remove(eks_good, ["deletionProtection"])), {"options": {"protect": true}})
	count(policy.deny) == 0 with input as {"resources": [protected_eks, ack(ack_good), oidc]}
}

test_single_cloud_not_compared if {
	count(policy.deny) == 0 with input as {"resources": [eks({}), eks(eks_good)]}
}

test_unknown_inputs_deferred if {
	unknown := object.union(ack(ack_good), {"unknowns": [["encryptionProviderKey"]]})
	count(policy.deny) == 0 with input as {"resources": [eks(eks_good), unknown]}
	count(policy.deferred) == 1 with input as {"resources": [eks(eks_good), unknown]}
}
