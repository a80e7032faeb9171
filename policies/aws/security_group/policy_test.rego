package cairn.aws.security_group_test

import data.cairn.aws.security_group as policy

sg(ingress) := {"type": "aws:ec2/securityGroup:SecurityGroup", "urn": "urn:sg", "props": {"ingress": ingress}}

test_https_from_anywhere_allowed if {
	count(policy.deny) == 0 with input as sg([{"protocol": "tcp", "fromPort": 443, "toPort": 443, "cidrBlocks": ["0.0.0.0/0"]}])
}

test_ssh_from_anywhere_denied if {
	some msg in {f.message | some f in policy.deny} with input as sg([{"protocol": "tcp", "fromPort": 22, "toPort": 22, "cidrBlocks": ["10.0.0.0/8", "0.0.0.0/0"]}])
	contains(msg, "ingress[0] opens TCP 22-22 (admin ports [22]) to 0.0.0.0/0")
}

test_range_covering_admin_port_denied if {
	count(policy.deny) == 1 with input as sg([{"protocol": "6", "fromPort": 3000, "toPort": 4000, "ipv6CidrBlocks": ["::/0"]}])
}

test_all_protocols_denied if {
	some msg in {f.message | some f in policy.deny} with input as sg([{"protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlocks": ["0.0.0.0/0"]}])
	contains(msg, "every protocol")
}

test_ssh_from_private_range_allowed if {
	count(policy.deny) == 0 with input as sg([{"protocol": "tcp", "fromPort": 22, "toPort": 22, "cidrBlocks": ["10.0.0.0/8"]}])
}

test_security_group_rule_checked if {
	rule := {"type": "aws:ec2/securityGroupRule:SecurityGroupRule", "urn": "u", "props": {"type": "ingress", "protocol": "tcp", "fromPort": 6443, "toPort": 6443, "cidrBlocks": ["0.0.0.0/0"]}}
	count(policy.deny) == 1 with input as rule
	egress := {"type": "aws:ec2/securityGroupRule:SecurityGroupRule", "urn": "u", "props": {"type": "egress", "protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlocks": ["0.0.0.0/0"]}}
	count(policy.deny) == 0 with input as egress
}

test_vpc_ingress_rule_checked if {
	rule := {"type": "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "urn": "u", "props": {"ipProtocol": "-1", "cidrIpv6": "::/0"}}
	count(policy.deny) == 1 with input as rule
}

test_unknown_cidr_deferred if {
	rule := {"type": "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "urn": "u", "props": {"ipProtocol": "tcp", "fromPort": 22, "toPort": 22, "cidrIpv4": "__cairn_unknown__"}, "unknowns": [["cidrIpv4"]]}
	count(policy.deny) == 0 with input as rule
	count(policy.deferred) == 1 with input as rule
}
