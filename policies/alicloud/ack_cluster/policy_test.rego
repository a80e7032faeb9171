package cairn.alicloud.ack_cluster_test

import data.cairn.alicloud.ack_cluster as policy

good := {
	"slbInternetEnabled": false,
	"encryptionProviderKey": "key-abc",
	"controlPlaneLogComponents": ["apiserver", "kcm", "scheduler", "ccm"],
	"controlPlaneLogTtl": "30",
	"enableRrsa": true,
	"deletionProtection": true,
}

cluster(props) := {"type": "alicloud:cs/managedKubernetes:ManagedKubernetes", "urn": "urn:ack", "props": props}

test_hardened_cluster_passes if {
	count(policy.deny) == 0 with input as cluster(good)
}

test_internet_slb_default_denied if {
	some msg in {f.message | some f in policy.deny} with input as cluster(object.remove(good, ["slbInternetEnabled"]))
	contains(msg, "slbInternetEnabled is true")
}

test_encryption_key_required if {
	count(policy.deny) == 1 with input as cluster(object.remove(good, ["encryptionProviderKey"]))
}

test_log_components_and_ttl_required if {
	some msg in {f.message | some f in policy.deny} with input as cluster(object.union(good, {"controlPlaneLogComponents": ["apiserver"]}))
	contains(msg, "lacks [\"kcm\",\"scheduler\"]")
	count(policy.deny) == 1 with input as cluster(object.remove(good, ["controlPlaneLogTtl"]))
}

test_rrsa_and_deletion_protection_required if {
	count(policy.deny) == 2 with input as cluster(object.remove(good, ["enableRrsa", "deletionProtection"]))
}

test_unknown_key_deferred if {
	inp := object.union(cluster(object.union(good, {"encryptionProviderKey": "__cairn_unknown__"})), {"unknowns": [["encryptionProviderKey"]]})
	count(policy.deny) == 0 with input as inp
	count(policy.deferred) == 1 with input as inp
}
