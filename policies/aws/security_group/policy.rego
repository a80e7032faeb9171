# METADATA
# title: No admin ports or all traffic open to the internet
# description: >-
#   Security groups (aws:ec2/securityGroup:SecurityGroup ingress blocks,
#   aws:ec2/securityGroupRule:SecurityGroupRule of type ingress and
#   aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule) never open an
#   admin port (SSH, RDP, Kubernetes API, kubelet, etcd, WinRM; parameter
#   awsAdminPorts) or every protocol to 0.0.0.0/0 or ::/0.
# related_resources:
#   - ref: https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html
# custom:
#   severity: critical
#   parameters:
#     awsAdminPorts:
#       type: array
#       items:
#         type: integer
#   remediation: Restrict the rule to known CIDRs or a source security group; reach nodes through SSM instead of SSH.
package cairn.aws.security_group

import data.cairn.lib

# Every ingress rule, normalised to {where, protocol, from, to, cidrs}.
rules contains {"where": sprintf("ingress[%v]", [i]), "path": ["ingress", i], "protocol": rule.protocol, "from": lib.field(rule, "fromPort", 0), "to": lib.field(rule, "toPort", 0), "cidrs": cidrs(rule)} if {
	input.type == "aws:ec2/securityGroup:SecurityGroup"
	some i, rule in lib.field(lib.props, "ingress", [])
}

rules contains {"where": "rule", "path": ["cidrBlocks"], "protocol": p.protocol, "from": lib.field(p, "fromPort", 0), "to": lib.field(p, "toPort", 0), "cidrs": cidrs(p)} if {
	input.type == "aws:ec2/securityGroupRule:SecurityGroupRule"
	p := lib.props
	p.type == "ingress"
}

rules contains {"where": "rule", "path": ["cidrIpv4"], "protocol": p.ipProtocol, "from": lib.field(p, "fromPort", 0), "to": lib.field(p, "toPort", 0), "cidrs": [c | some c in [lib.field(p, "cidrIpv4", ""), lib.field(p, "cidrIpv6", "")]; c != ""]} if {
	input.type == "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"
	p := lib.props
}

cidrs(rule) := array.concat(lib.field(rule, "cidrBlocks", []), lib.field(rule, "ipv6CidrBlocks", []))

all_protocols(protocol) if lower(sprintf("%v", [protocol])) in {"-1", "all"}

tcp(protocol) if lower(sprintf("%v", [protocol])) in {"tcp", "6"}

# METADATA
# title: No protocol-wide rule open to anywhere
# description: Protocol -1 (all) with 0.0.0.0/0 or ::/0.
# custom:
#   remediation: Open only the ports the service needs, to known CIDRs.
deny contains lib.finding(rule.path, msg) if {
	some rule in rules
	all_protocols(rule.protocol)
	some cidr in rule.cidrs
	lib.open_cidr(cidr)
	msg := sprintf("%s: %s allows every protocol and port from %s; open only the needed ports to known CIDRs", [lib.resource_label, rule.where, cidr])
}

# METADATA
# title: No admin port open to anywhere
# description: A TCP range that covers an admin port with 0.0.0.0/0 or ::/0.
# custom:
#   remediation: Restrict the source, or use SSM Session Manager instead of SSH.
deny contains lib.finding(rule.path, msg) if {
	some rule in rules
	tcp(rule.protocol)
	ports := lib.admin_ports_in("awsAdminPorts", rule.from, rule.to)
	count(ports) > 0
	some cidr in rule.cidrs
	lib.open_cidr(cidr)
	msg := sprintf("%s: %s opens TCP %v-%v (admin ports %s) to %s; restrict the source CIDR or use SSM", [lib.resource_label, rule.where, rule.from, rule.to, lib.show(ports), cidr])
}

# METADATA
# title: Deferred while rules are unknown
# description: Rules unknown at preview are checked by `pulumi up`.
deferred contains finding if {
	input.type in {"aws:ec2/securityGroup:SecurityGroup", "aws:ec2/securityGroupRule:SecurityGroupRule", "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"}
	some finding in lib.deferred_paths([["ingress"], ["type"], ["protocol"], ["ipProtocol"], ["fromPort"], ["toPort"], ["cidrBlocks"], ["ipv6CidrBlocks"], ["cidrIpv4"], ["cidrIpv6"]])
}
