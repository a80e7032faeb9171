# METADATA
# title: Alibaba Cloud KMS keys rotate and cannot vanish at once
# description: >-
#   A KMS key (alicloud:kms/key:Key) rotates automatically at least yearly and
#   keeps a 7 to 30 day pending-deletion window.
# related_resources:
#   - ref: https://www.alibabacloud.com/help/en/kms/key-management-service/user-guide/key-rotation
# custom:
#   severity: high
#   remediation: Set automaticRotation "Enabled", rotationInterval at most "31536000s" and pendingWindowInDays 7 to 30.
package cairn.alicloud.kms_key

import data.cairn.lib

applies if input.type == "alicloud:kms/key:Key"

# METADATA
# title: Automatic rotation enabled
# description: automaticRotation is "Enabled".
# custom:
#   remediation: Set automaticRotation "Enabled".
deny contains lib.finding(["automaticRotation"], msg) if {
	applies
	value := lib.field(lib.props, "automaticRotation", "Disabled")
	value != "Enabled"
	msg := sprintf("%s: automaticRotation is %s; set it to \"Enabled\"", [lib.resource_label, lib.show(value)])
}

# METADATA
# title: Rotation at least yearly
# description: rotationInterval (seconds, "<n>s") is at most 365 days.
# custom:
#   remediation: Set rotationInterval "31536000s" or shorter.
deny contains lib.finding(["rotationInterval"], msg) if {
	applies
	interval := lib.props.rotationInterval
	seconds := to_number(trim_suffix(interval, "s"))
	seconds > 31536000
	msg := sprintf("%s: rotationInterval is %s (more than 365 days); rotate at least yearly", [lib.resource_label, lib.show(interval)])
}

# METADATA
# title: Pending window 7 to 30 days
# description: pendingWindowInDays (or the older deletionWindowInDays), when set, is between 7 and 30.
# custom:
#   remediation: Set pendingWindowInDays 30.
deny contains lib.finding([field], msg) if {
	applies
	some field in ["pendingWindowInDays", "deletionWindowInDays"]
	days := to_number(lib.props[field])
	not between(days, 7, 30)
	msg := sprintf("%s: %s is %v; use 7 to 30 days", [lib.resource_label, field, days])
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
	some finding in lib.deferred_paths([["automaticRotation"], ["rotationInterval"], ["pendingWindowInDays"]])
}
