package cairn.aws.node_group_test

import data.cairn.aws.node_group as policy

group(props) := {"type": "aws:eks/nodeGroup:NodeGroup", "urn": "urn:ng", "props": props}

test_node_group_without_ssh_passes if {
	count(policy.deny) == 0 with input as group({"scalingConfig": {"minSize": 1, "maxSize": 3, "desiredSize": 2}})
}

test_ssh_key_without_source_groups_denied if {
	some msg in {f.message | some f in policy.deny} with input as group({"remoteAccess": {"ec2SshKey": "ops"}})
	contains(msg, "opens SSH (22) to 0.0.0.0/0")
}

test_ssh_key_with_source_groups_needs_parameter if {
	props := {"remoteAccess": {"ec2SshKey": "ops", "sourceSecurityGroupIds": ["sg-1"]}}
	count(policy.deny) == 1 with input as group(props)
	count(policy.deny) == 0 with input as object.union(group(props), {"parameters": {"allowNodeSsh": true}})
}

test_unknown_remote_access_deferred if {
	inp := object.union(group({"remoteAccess": "__cairn_unknown__"}), {"unknowns": [["remoteAccess"]]})
	count(policy.deferred) == 1 with input as inp
}
