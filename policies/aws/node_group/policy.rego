# METADATA
# title: No SSH into EKS node groups
# description: >-
#   A managed node group (aws:eks/nodeGroup:NodeGroup) does not enable SSH
#   (remoteAccess.ec2SshKey). Without sourceSecurityGroupIds, EKS opens port 22
#   to 0.0.0.0/0; with them it still hands out a long-lived key. Use SSM.
# related_resources:
#   - ref: https://docs.aws.amazon.com/eks/latest/APIReference/API_RemoteAccessConfig.html
# custom:
#   severity: high
#   parameters:
#     allowNodeSsh:
#       type: boolean
#   remediation: Remove remoteAccess and reach nodes with SSM Session Manager.
package cairn.aws.node_group

import data.cairn.lib

applies if input.type == "aws:eks/nodeGroup:NodeGroup"

# METADATA
# title: SSH open to the internet
# description: remoteAccess.ec2SshKey without sourceSecurityGroupIds opens port 22 to 0.0.0.0/0.
# custom:
#   remediation: Remove remoteAccess.
deny contains lib.finding(["remoteAccess"], msg) if {
	applies
	key := lib.props.remoteAccess.ec2SshKey
	count(lib.field(lib.props.remoteAccess, "sourceSecurityGroupIds", [])) == 0
	msg := sprintf("%s: remoteAccess.ec2SshKey %s without sourceSecurityGroupIds opens SSH (22) to 0.0.0.0/0; remove remoteAccess and use SSM", [lib.resource_label, lib.show(key)])
}

# METADATA
# title: SSH key on nodes
# description: remoteAccess.ec2SshKey with source security groups still installs a shared SSH key.
# custom:
#   remediation: Remove remoteAccess, or set the allowNodeSsh parameter for a stack that truly needs it.
deny contains lib.finding(["remoteAccess"], msg) if {
	applies
	key := lib.props.remoteAccess.ec2SshKey
	count(lib.field(lib.props.remoteAccess, "sourceSecurityGroupIds", [])) > 0
	lib.field(input, ["parameters", "allowNodeSsh"], false) != true
	msg := sprintf("%s: remoteAccess.ec2SshKey %s installs an SSH key on every node; remove remoteAccess and use SSM", [lib.resource_label, lib.show(key)])
}

# METADATA
# title: Deferred while remote access is unknown
# description: Values unknown at preview are checked by `pulumi up`.
deferred contains finding if {
	applies
	some finding in lib.deferred_paths([["remoteAccess"]])
}
