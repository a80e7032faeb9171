package cairn.alicloud.security_group_rule_test

import data.cairn.alicloud.security_group_rule as policy

sgr(props) := {"type": "alicloud:ecs/securityGroupRule:SecurityGroupRule", "urn": "urn:sgr", "props": object.union({"type": "ingress", "policy": "accept", "nicType": "intranet"}, props)}

test_https_from_anywhere_allowed if {
	count(policy.deny) == 0 with input as sgr({"ipProtocol": "tcp", "portRange": "443/443", "cidrIp": "0.0.0.0/0"})
}

test_ssh_from_anywhere_denied if {
	some msg in {f.message | some f in policy.deny} with input as sgr({"ipProtocol": "tcp", "portRange": "22/22", "cidrIp": "0.0.0.0/0"})
	contains(msg, "opens TCP 22/22 (admin ports [22])")
}

test_all_protocols_denied if {
	count(policy.deny) == 1 with input as sgr({"ipProtocol": "all", "portRange": "-1/-1", "cidrIp": "0.0.0.0/0"})
}

test_every_tcp_port_denied if {
	count(policy.deny) == 1 with input as sgr({"ipProtocol": "tcp", "portRange": "-1/-1", "ipv6CidrIp": "::/0"})
}

test_drop_and_egress_rules_ignored if {
	count(policy.deny) == 0 with input as sgr({"ipProtocol": "all", "cidrIp": "0.0.0.0/0", "policy": "drop"})
	count(policy.deny) == 0 with input as sgr({"ipProtocol": "all", "cidrIp": "0.0.0.0/0", "type": "egress"})
}

test_private_source_allowed if {
	count(policy.deny) == 0 with input as sgr({"ipProtocol": "tcp", "portRange": "22/22", "cidrIp": "10.0.0.0/8"})
}

test_unknown_cidr_deferred if {
	inp := object.union(sgr({"ipProtocol": "tcp", "portRange": "22/22", "cidrIp": "__cairn_unknown__"}), {"unknowns": [["cidrIp"]]})
	count(policy.deny) == 0 with input as inp
	count(policy.deferred) == 1 with input as inp
}
