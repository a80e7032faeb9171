package cairn.aws.kms_key_test

import data.cairn.aws.kms_key as policy

key(props) := {"type": "aws:kms/key:Key", "urn": "urn:key", "props": props}

test_rotating_key_passes if {
	count(policy.deny) == 0 with input as key({"enableKeyRotation": true, "deletionWindowInDays": 30})
}

test_rotation_required if {
	some msg in {f.message | some f in policy.deny} with input as key({})
	contains(msg, "enableKeyRotation is false")
}

test_asymmetric_keys_exempt_from_rotation if {
	count(policy.deny) == 0 with input as key({"keySpec": "RSA_2048", "keyUsage": "SIGN_VERIFY"})
}

test_deletion_window_bounds if {
	count(policy.deny) == 1 with input as key({"enableKeyRotation": true, "deletionWindowInDays": 3})
	count(policy.deny) == 1 with input as key({"enableKeyRotation": true, "deletionWindowInDays": 45})
	count(policy.deny) == 0 with input as key({"enableKeyRotation": true, "deletionWindowInDays": 7})
}

test_unknown_rotation_deferred if {
	inp := object.union(key({"enableKeyRotation": "__cairn_unknown__"}), {"unknowns": [["enableKeyRotation"]]})
	count(policy.deferred) == 1 with input as inp
}
