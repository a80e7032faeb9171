package cairn.aws.subnet_test

import data.cairn.aws.subnet as policy

subnet(props) := {"type": "aws:ec2/subnet:Subnet", "urn": "urn:subnet", "props": props}

test_private_subnet_passes if {
	count(policy.deny) == 0 with input as subnet({"cidrBlock": "10.0.1.0/24"})
	count(policy.deny) == 0 with input as subnet({"mapPublicIpOnLaunch": false})
}

test_public_ip_on_node_subnet_denied if {
	some msg in {f.message | some f in policy.deny} with input as subnet({"mapPublicIpOnLaunch": true, "tags": {"kubernetes.io/role/internal-elb": "1"}})
	contains(msg, "mapPublicIpOnLaunch is true")
}

test_load_balancer_subnet_exempt if {
	count(policy.deny) == 0 with input as subnet({"mapPublicIpOnLaunch": true, "tags": {"kubernetes.io/role/elb": "1"}})
}

test_unknown_setting_deferred if {
	inp := object.union(subnet({"mapPublicIpOnLaunch": "__cairn_unknown__"}), {"unknowns": [["mapPublicIpOnLaunch"]]})
	count(policy.deny) == 0 with input as inp
	count(policy.deferred) == 1 with input as inp
}
