# METADATA
# title: Node launch templates require IMDSv2 and encrypted disks
# description: >-
#   A launch template (aws:ec2/launchTemplate:LaunchTemplate) requires IMDSv2
#   session tokens with a hop limit of 1 (so pods cannot reach the node's
#   credentials; the maxHopLimit parameter allows 2 where a pod truly needs it)
#   and encrypts every EBS volume.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/best-practices/identity-and-access-management.html
# custom:
#   severity: high
#   parameters:
#     maxHopLimit:
#       type: integer
#   remediation: Set metadataOptions {httpTokens required, httpPutResponseHopLimit 1} and ebs.encrypted "true".
package cairn.aws.launch_template

import data.cairn.lib

applies if input.type == "aws:ec2/launchTemplate:LaunchTemplate"

metadata_options := lib.field(lib.props, "metadataOptions", {})

max_hop_limit := lib.field(input, ["parameters", "maxHopLimit"], 1)

# METADATA
# title: IMDSv2 required
# description: metadataOptions.httpTokens is "required" (unless the endpoint is disabled).
# custom:
#   remediation: Set metadataOptions.httpTokens "required".
deny contains lib.finding(["metadataOptions", "httpTokens"], msg) if {
	applies
	lib.field(metadata_options, "httpEndpoint", "enabled") != "disabled"
	tokens := lib.field(metadata_options, "httpTokens", "optional")
	tokens != "required"
	msg := sprintf("%s: metadataOptions.httpTokens is %s, which allows IMDSv1; set it to \"required\"", [lib.resource_label, lib.show(tokens)])
}

# METADATA
# title: Hop limit keeps pods away from the node role
# description: metadataOptions.httpPutResponseHopLimit is at most maxHopLimit (default 1).
# custom:
#   remediation: Set metadataOptions.httpPutResponseHopLimit 1.
deny contains lib.finding(["metadataOptions", "httpPutResponseHopLimit"], msg) if {
	applies
	hops := metadata_options.httpPutResponseHopLimit
	is_number(hops)
	hops > max_hop_limit
	msg := sprintf("%s: metadataOptions.httpPutResponseHopLimit is %v, so pods can reach the node's instance credentials; set it to %v", [lib.resource_label, hops, max_hop_limit])
}

# METADATA
# title: EBS volumes encrypted
# description: Every blockDeviceMappings[].ebs sets encrypted "true".
# custom:
#   remediation: Set ebs.encrypted "true" (and a kmsKeyId).
deny contains lib.finding(["blockDeviceMappings", i, "ebs", "encrypted"], msg) if {
	applies
	some i, mapping in lib.field(lib.props, "blockDeviceMappings", [])
	mapping.ebs
	value := lib.field(mapping.ebs, "encrypted", null)
	not value in {true, "true"}
	msg := sprintf("%s: blockDeviceMappings[%v].ebs.encrypted is %s; set it to \"true\"", [lib.resource_label, i, lib.show(value)])
}

# METADATA
# title: Deferred while inputs are unknown
# description: Values unknown at preview are checked by `pulumi up`.
deferred contains finding if {
	applies
	some finding in lib.deferred_paths([["metadataOptions"], ["blockDeviceMappings"]])
}
