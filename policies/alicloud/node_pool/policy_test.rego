package cairn.alicloud.node_pool_test

import data.cairn.alicloud.node_pool as policy

good := {
	"systemDiskEncrypted": true,
	"dataDisks": [{"category": "cloud_essd", "size": 100, "encrypted": "true"}],
	"securityHardeningOs": true,
	"instanceMetadataOptions": {"httpTokens": "required"},
	"scalingConfig": {"minSize": 1, "maxSize": 5},
}

pool(props) := {"type": "alicloud:cs/nodePool:NodePool", "urn": "urn:pool", "props": props}

test_hardened_pool_passes if {
	count(policy.deny) == 0 with input as pool(good)
}

test_cis_enabled_counts_as_hardening if {
	count(policy.deny) == 0 with input as pool(object.union(object.remove(good, ["securityHardeningOs"]), {"cisEnabled": true}))
}

test_unencrypted_disks_denied if {
	some msg in {f.message | some f in policy.deny} with input as pool(object.union(object.remove(good, ["systemDiskEncrypted", "dataDisks"]), {"dataDisks": [{"size": 100}]}))
	contains(msg, "dataDisks[0].encrypted is null")
	count(policy.deny) == 2 with input as pool(object.union(object.remove(good, ["systemDiskEncrypted", "dataDisks"]), {"dataDisks": [{"size": 100}]}))
}

test_hardening_and_imds_required if {
	count(policy.deny) == 2 with input as pool(object.remove(good, ["securityHardeningOs", "instanceMetadataOptions"]))
}

test_bad_scaling_denied if {
	some msg in {f.message | some f in policy.deny} with input as pool(object.union(object.remove(good, ["scalingConfig"]), {"scalingConfig": {"minSize": 4, "maxSize": 2}}))
	contains(msg, "minSize 4 / maxSize 2")
}

test_unknown_disk_setting_deferred if {
	inp := object.union(pool(object.union(good, {"systemDiskEncrypted": "__cairn_unknown__"})), {"unknowns": [["systemDiskEncrypted"]]})
	count(policy.deferred) == 1 with input as inp
}
