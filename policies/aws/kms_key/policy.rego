# METADATA
# title: KMS keys rotate and cannot vanish at once
# description: >-
#   A customer-managed KMS key (aws:kms/key:Key) rotates its key material
#   every year and keeps a 7 to 30 day deletion window, so a mistaken
#   deletion can be cancelled.
# related_resources:
#   - ref: https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
# custom:
#   severity: high
#   remediation: Set enableKeyRotation true and deletionWindowInDays between 7 and 30.
package cairn.aws.kms_key

import data.cairn.lib

applies if input.type == "aws:kms/key:Key"

# METADATA
# title: Rotation on
# description: enableKeyRotation is true (symmetric keys).
# custom:
#   remediation: Set enableKeyRotation true.
deny contains lib.finding(["enableKeyRotation"], msg) if {
	applies
	lib.field(lib.props, "customerMasterKeySpec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
	lib.field(lib.props, "keySpec", "SYMMETRIC_DEFAULT") == "SYMMETRIC_DEFAULT"
	value := lib.field(lib.props, "enableKeyRotation", false)
	value != true
	msg := sprintf("%s: enableKeyRotation is %s; set it to true so the key material rotates yearly (CIS AWS 3.6)", [lib.resource_label, lib.show(value)])
}

# METADATA
# title: Deletion window 7 to 30 days
# description: deletionWindowInDays, when set, is between 7 and 30.
# custom:
#   remediation: Set deletionWindowInDays to 30.
deny contains lib.finding(["deletionWindowInDays"], msg) if {
	applies
	days := lib.props.deletionWindowInDays
	is_number(days)
	not between(days, 7, 30)
	msg := sprintf("%s: deletionWindowInDays is %v; use 7 to 30 days (30 recommended)", [lib.resource_label, days])
}

between(x, low, high) if {
	x >= low
	x <= high
}

# METADATA
# title: Deferred while inputs are unknown
# description: Values unknown at preview are checked by `pulumi up`.
deferred contains finding if {
	applies
	some finding in lib.deferred_paths([["enableKeyRotation"], ["deletionWindowInDays"]])
}
