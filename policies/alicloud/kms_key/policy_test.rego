package cairn.alicloud.kms_key_test

import data.cairn.alicloud.kms_key as policy

key(props) := {"type": "alicloud:kms/key:Key", "urn": "urn:kms", "props": props}

test_rotating_key_passes if {
	count(policy.deny) == 0 with input as key({"automaticRotation": "Enabled", "rotationInterval": "31536000s", "pendingWindowInDays": 30})
}

test_rotation_required if {
	some msg in {f.message | some f in policy.deny} with input as key({"pendingWindowInDays": 7})
	contains(msg, "automaticRotation is \"Disabled\"")
}

test_rotation_interval_bounded if {
	count(policy.deny) == 1 with input as key({"automaticRotation": "Enabled", "rotationInterval": "63072000s"})
}

test_pending_window_bounded if {
	count(policy.deny) == 1 with input as key({"automaticRotation": "Enabled", "pendingWindowInDays": 60})
	count(policy.deny) == 1 with input as key({"automaticRotation": "Enabled", "deletionWindowInDays": "3"})
}

test_unknown_rotation_deferred if {
	inp := object.union(key({"automaticRotation": "__cairn_unknown__"}), {"unknowns": [["automaticRotation"]]})
	count(policy.deferred) == 1 with input as inp
}
