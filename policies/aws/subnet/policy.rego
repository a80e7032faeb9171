# METADATA
# title: No public IPs on node subnets
# description: >-
#   A subnet (aws:ec2/subnet:Subnet) does not give instances public IPs
#   (mapPublicIpOnLaunch), so nodes are never directly reachable. Public
#   load-balancer subnets (tag kubernetes.io/role/elb = "1") host no nodes and
#   are exempt; NAT gateways and load balancers get their own addresses.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/best-practices/subnets.html
# custom:
#   severity: high
#   remediation: Set mapPublicIpOnLaunch false and put nodes in private subnets behind a NAT gateway.
package cairn.aws.subnet

import data.cairn.lib

# METADATA
# title: No public IP on launch
# description: mapPublicIpOnLaunch is not true, except on load-balancer subnets.
# custom:
#   remediation: Set mapPublicIpOnLaunch false.
deny contains lib.finding(["mapPublicIpOnLaunch"], msg) if {
	input.type == "aws:ec2/subnet:Subnet"
	lib.props.mapPublicIpOnLaunch == true
	lib.field(lib.props, ["tags", "kubernetes.io/role/elb"], "") != "1"
	msg := sprintf("%s: mapPublicIpOnLaunch is true, so nodes launched here get public IPs (CIS EKS 5.4.3); set it to false (public load-balancer subnets carry the tag kubernetes.io/role/elb=1)", [lib.resource_label])
}

# METADATA
# title: Deferred while the setting is unknown
# description: Values unknown at preview are checked by `pulumi up`.
deferred contains finding if {
	input.type == "aws:ec2/subnet:Subnet"
	some finding in lib.deferred_paths([["mapPublicIpOnLaunch"], ["tags"]])
}
