package cairn.aws.launch_template_test

import data.cairn.aws.launch_template as policy

template(props) := {"type": "aws:ec2/launchTemplate:LaunchTemplate", "urn": "urn:lt", "props": props}

imds(options) := {"metadataOptions": options}

test_imdsv2_hop_one_passes if {
	count(policy.deny) == 0 with input as template(imds({"httpTokens": "required", "httpPutResponseHopLimit": 1, "httpEndpoint": "enabled"}))
}

test_imdsv1_denied if {
	some msg in {f.message | some f in policy.deny} with input as template({})
	contains(msg, "httpTokens is \"optional\"")
	count(policy.deny) == 1 with input as template(imds({"httpTokens": "optional"}))
}

test_disabled_endpoint_needs_no_tokens if {
	count(policy.deny) == 0 with input as template(imds({"httpEndpoint": "disabled"}))
}

test_hop_limit_above_maximum_denied if {
	props := imds({"httpTokens": "required", "httpPutResponseHopLimit": 2})
	count(policy.deny) == 1 with input as template(props)
	count(policy.deny) == 0 with input as object.union(template(props), {"parameters": {"maxHopLimit": 2}})
}

test_unencrypted_volume_denied if {
	props := object.union(imds({"httpTokens": "required"}), {"blockDeviceMappings": [
		{"deviceName": "/dev/xvda", "ebs": {"encrypted": "true", "volumeSize": 20}},
		{"deviceName": "/dev/xvdb", "ebs": {"volumeSize": 100}},
	]})
	some msg in {f.message | some f in policy.deny} with input as template(props)
	contains(msg, "blockDeviceMappings[1].ebs.encrypted is null")
	count(policy.deny) == 1 with input as template(props)
}

test_unknown_metadata_options_deferred if {
	inp := object.union(template({"metadataOptions": "__cairn_unknown__"}), {"unknowns": [["metadataOptions"]]})
	count(policy.deferred) == 1 with input as inp
}
