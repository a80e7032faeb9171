# METADATA
# title: No admin ports or all traffic open to the internet (Alibaba Cloud)
# description: >-
#   An ECS security group rule (alicloud:ecs/securityGroupRule:SecurityGroupRule)
#   of type ingress with policy accept never opens an admin port (parameter
#   alicloudAdminPorts) or every protocol to 0.0.0.0/0 or ::/0.
# related_resources:
#   - ref: https://www.alibabacloud.com/help/en/ecs/user-guide/security-group-rules
# custom:
#   severity: critical
#   parameters:
#     alicloudAdminPorts:
#       type: array
#       items:
#         type: integer
#   remediation: Restrict cidrIp to known ranges or use sourceSecurityGroupId; use Cloud Assistant or a bastion instead of SSH.
package cairn.alicloud.security_group_rule

import data.cairn.lib

rule := lib.props if {
	input.type == "alicloud:ecs/securityGroupRule:SecurityGroupRule"
	lib.props.type == "ingress"
	lib.field(lib.props, "policy", "accept") == "accept"
}

sources := [c | some c in [lib.field(rule, "cidrIp", ""), lib.field(rule, "ipv6CidrIp", "")]; c != ""]

# "22/22" -> [22, 22]; "-1/-1" means every port.
port_range := [to_number(parts[0]), to_number(parts[1])] if {
	parts := split(lib.field(rule, "portRange", "-1/-1"), "/")
	count(parts) == 2
}

# METADATA
# title: No protocol-wide rule open to anywhere
# description: ipProtocol all with 0.0.0.0/0 or ::/0.
# custom:
#   remediation: Open only the ports the service needs, to known CIDRs.
deny contains lib.finding(["cidrIp"], msg) if {
	rule.ipProtocol == "all"
	some cidr in sources
	lib.open_cidr(cidr)
	msg := sprintf("%s: ingress rule allows every protocol and port from %s; open only the needed ports to known CIDRs", [lib.resource_label, cidr])
}

# METADATA
# title: No admin port open to anywhere
# description: A TCP portRange covering an admin port with 0.0.0.0/0 or ::/0.
# custom:
#   remediation: Restrict cidrIp, or use Cloud Assistant instead of SSH.
deny contains lib.finding(["cidrIp"], msg) if {
	rule.ipProtocol == "tcp"
	ports := lib.admin_ports_in("alicloudAdminPorts", port_range[0], port_range[1])
	count(ports) > 0
	some cidr in sources
	lib.open_cidr(cidr)
	msg := sprintf("%s: ingress rule opens TCP %s (admin ports %s) to %s; restrict cidrIp", [lib.resource_label, rule.portRange, lib.show(ports), cidr])
}

# METADATA
# title: No every-port TCP rule open to anywhere
# description: >-
#   A TCP rule with portRange -1/-1 (every port) from 0.0.0.0/0 or ::/0.
# custom:
#   remediation: Restrict portRange to the needed ports and cidrIp to known CIDRs.
deny contains lib.finding(["cidrIp"], msg) if {
	rule.ipProtocol == "tcp"
	port_range[0] == -1
	some cidr in sources
	lib.open_cidr(cidr)
	msg := sprintf("%s: ingress rule opens every TCP port to %s; restrict portRange and cidrIp", [lib.resource_label, cidr])
}

# METADATA
# title: Deferred while inputs are unknown
# description: Values unknown at preview are checked by `pulumi up`.
deferred contains finding if {
	input.type == "alicloud:ecs/securityGroupRule:SecurityGroupRule"
	some finding in lib.deferred_paths([["type"], ["policy"], ["ipProtocol"], ["portRange"], ["cidrIp"], ["ipv6CidrIp"]])
}
