# METADATA
# title: ACK node pools encrypted and hardened
# description: >-
#   An ACK node pool (alicloud:cs/nodePool:NodePool) encrypts its system and
#   data disks, runs the hardened OS image, requires IMDS tokens and has sane
#   scaling bounds.
# related_resources:
#   - ref: https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/ack-reinforcement-based-on-classified-protection
# custom:
#   severity: high
#   remediation: Set systemDiskEncrypted true, dataDisks[].encrypted "true", securityHardeningOs true and instanceMetadataOptions.httpTokens required.
package cairn.alicloud.node_pool

import data.cairn.lib

applies if input.type == "alicloud:cs/nodePool:NodePool"

# METADATA
# title: System disk encrypted
# description: systemDiskEncrypted is true (CIS ACK 6.4.1).
# custom:
#   remediation: Set systemDiskEncrypted true (and systemDiskKmsKey).
deny contains lib.finding(["systemDiskEncrypted"], msg) if {
	applies
	value := lib.field(lib.props, "systemDiskEncrypted", false)
	value != true
	msg := sprintf("%s: systemDiskEncrypted is %s; encrypt node system disks (CIS ACK 6.4.1)", [lib.resource_label, lib.show(value)])
}

# METADATA
# title: Data disks encrypted
# description: Every dataDisks[].encrypted is "true".
# custom:
#   remediation: Set encrypted "true" on each data disk.
deny contains lib.finding(["dataDisks", i, "encrypted"], msg) if {
	applies
	some i, disk in lib.field(lib.props, "dataDisks", [])
	value := lib.field(disk, "encrypted", null)
	not value in {true, "true"}
	msg := sprintf("%s: dataDisks[%v].encrypted is %s; set it to \"true\"", [lib.resource_label, i, lib.show(value)])
}

# METADATA
# title: Hardened OS
# description: securityHardeningOs (or the deprecated cisEnabled) is true.
# custom:
#   remediation: Set securityHardeningOs true.
deny contains lib.finding(["securityHardeningOs"], msg) if {
	applies
	not lib.is_true(lib.field(lib.props, "securityHardeningOs", false))
	not lib.is_true(lib.field(lib.props, "cisEnabled", false))
	msg := sprintf("%s: securityHardeningOs is %s; run the hardened (CIS) OS image", [lib.resource_label, lib.show(lib.field(lib.props, "securityHardeningOs", false))])
}

# METADATA
# title: IMDS tokens required
# description: instanceMetadataOptions.httpTokens is "required".
# custom:
#   remediation: Set instanceMetadataOptions.httpTokens "required".
deny contains lib.finding(["instanceMetadataOptions", "httpTokens"], msg) if {
	applies
	tokens := lib.field(lib.props, ["instanceMetadataOptions", "httpTokens"], "optional")
	tokens != "required"
	msg := sprintf("%s: instanceMetadataOptions.httpTokens is %s; set it to \"required\" so pods cannot read node credentials without a token", [lib.resource_label, lib.show(tokens)])
}

# METADATA
# title: Sane scaling bounds
# description: scalingConfig minSize <= maxSize, maxSize >= 1, minSize >= 0.
# custom:
#   remediation: Fix scalingConfig so 0 <= minSize <= maxSize and maxSize >= 1.
deny contains lib.finding(["scalingConfig"], msg) if {
	applies
	scaling := lib.props.scalingConfig
	min_size := lib.field(scaling, "minSize", 0)
	max_size := lib.field(scaling, "maxSize", 1)
	not sane(min_size, max_size)
	msg := sprintf("%s: scalingConfig minSize %v / maxSize %v is invalid; use 0 <= minSize <= maxSize and maxSize >= 1", [lib.resource_label, min_size, max_size])
}

sane(min_size, max_size) if {
	min_size >= 0
	max_size >= 1
	min_size <= max_size
}

# METADATA
# title: Deferred while inputs are unknown
# description: Values unknown at preview are checked by `pulumi up`.
deferred contains finding if {
	applies
	some finding in lib.deferred_paths([["systemDiskEncrypted"], ["dataDisks"], ["securityHardeningOs"], ["cisEnabled"], ["instanceMetadataOptions"], ["scalingConfig"]])
}
