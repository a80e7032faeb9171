package cairn.aws.eks_cluster_test

import data.cairn.aws.eks_cluster as policy

good := {
	"vpcConfig": {"endpointPrivateAccess": true, "endpointPublicAccess": false, "subnetIds": ["a", "b"]},
	"enabledClusterLogTypes": ["api", "audit", "authenticator", "controllerManager", "scheduler"],
	"encryptionConfig": {"resources": ["secrets"], "provider": {"keyArn": "arn:aws:kms:eu-west-1:123456789012:key/k"}},
	"accessConfig": {"authenticationMode": "API"},
}

cluster(props) := {"type": "aws:eks/cluster:Cluster", "urn": "urn:eks", "props": props}

# good with one top-level input replaced (object.union would merge nested objects).
with_prop(key, value) := object.union(object.remove(good, [key]), {key: value})

test_hardened_cluster_passes if {
	count(policy.deny) == 0 with input as cluster(good)
}

test_public_endpoint_without_cidrs_denied if {
	props := with_prop("vpcConfig", {"endpointPrivateAccess": true, "endpointPublicAccess": true})
	some msg in {f.message | some f in policy.deny} with input as cluster(props)
	contains(msg, "open to the internet")
}

test_default_public_endpoint_denied if {
	props := with_prop("vpcConfig", {"endpointPrivateAccess": true})
	count(policy.deny) == 2 with input as cluster(props)
}

test_public_endpoint_with_admin_cidrs_allowed_by_parameter if {
	props := with_prop("vpcConfig", {"endpointPrivateAccess": true, "endpointPublicAccess": true, "publicAccessCidrs": ["203.0.113.0/24"]})
	count(policy.deny) == 1 with input as cluster(props)
	count(policy.deny) == 0 with input as object.union(cluster(props), {"parameters": {"allowPublicEndpoint": true}})
	open := with_prop("vpcConfig", {"endpointPrivateAccess": true, "endpointPublicAccess": true, "publicAccessCidrs": ["0.0.0.0/0"]})
	count(policy.deny) == 1 with input as object.union(cluster(open), {"parameters": {"allowPublicEndpoint": true}})
}

test_private_endpoint_required if {
	props := with_prop("vpcConfig", {"endpointPublicAccess": false})
	some msg in {f.message | some f in policy.deny} with input as cluster(props)
	contains(msg, "endpointPrivateAccess is false")
}

test_missing_logs_named if {
	props := with_prop("enabledClusterLogTypes", ["api"])
	some msg in {f.message | some f in policy.deny} with input as cluster(props)
	contains(msg, "lacks [\"audit\",\"authenticator\",\"controllerManager\",\"scheduler\"]")
}

test_secrets_encryption_required if {
	count(policy.deny) == 1 with input as cluster(object.remove(good, ["encryptionConfig"]))
	count(policy.deny) == 1 with input as cluster(with_prop("encryptionConfig", {"resources": ["secrets"], "provider": {}}))
}

test_config_map_authentication_denied if {
	count(policy.deny) == 1 with input as cluster(object.remove(good, ["accessConfig"]))
}

test_unknown_key_deferred if {
	props := with_prop("encryptionConfig", {"resources": ["secrets"], "provider": {"keyArn": "__cairn_unknown__"}})
	count(policy.deny) == 0 with input as cluster(props)
	count(policy.deferred) == 1 with input as object.union(cluster(props), {"unknowns": [["encryptionConfig", "provider", "keyArn"]]})
}

test_other_types_ignored if {
	count(policy.deny) == 0 with input as {"type": "aws:eks/nodeGroup:NodeGroup", "props": {}}
}
