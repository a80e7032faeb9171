# METADATA
# title: Consul ACLs, gossip encryption and TLS on
# description: >-
#   A Consul Helm chart (any chart named consul: kubernetes:helm.sh/v4:Chart,
#   v3 Chart or Release) enables ACLs with default deny
#   (global.acls.manageSystemACLs), gossip encryption
#   (global.gossipEncryption), and TLS with verification and HTTPS only.
#   Consul turns none of these on by default.
# related_resources:
#   - ref: https://developer.hashicorp.com/consul/docs/security/security-models/core
# custom:
#   severity: critical
#   remediation: Use Cairn's Consul component defaults, or set the Helm values named in the message.
package cairn.platform.consul

import data.cairn.lib
import data.cairn.lib.helm

applies if helm.chart_name == "consul"

required_true := [
	["global.acls.manageSystemACLs", "ACLs are off, so any client can read and write the catalog and KV store"],
	["global.tls.enabled", "agent RPC and gossip-adjacent traffic is plain text"],
]

must_not_be_false := [
	["global.tls.verify", "TLS peers are not verified"],
	["global.tls.httpsOnly", "the HTTP API is also served without TLS"],
]

# METADATA
# title: ACLs and TLS enabled
# description: global.acls.manageSystemACLs and global.tls.enabled are true.
# custom:
#   remediation: Set the value to true.
deny contains msg if {
	applies
	some entry in required_true
	value := helm.value(entry[0], null)
	value != true
	msg := sprintf("%s: Helm value %s is %s: %s; set it to true", [lib.resource_label, entry[0], lib.show(value), entry[1]])
}

# METADATA
# title: TLS verification and HTTPS only
# description: global.tls.verify and global.tls.httpsOnly are not false (the chart defaults them to true).
# custom:
#   remediation: Remove the override or set it to true.
deny contains msg if {
	applies
	some entry in must_not_be_false
	helm.value(entry[0], true) == false
	msg := sprintf("%s: Helm value %s is false: %s; set it to true", [lib.resource_label, entry[0], entry[1]])
}

# METADATA
# title: Gossip encryption
# description: global.gossipEncryption has autoGenerate true, or secretName and secretKey.
# custom:
#   remediation: Set global.gossipEncryption.secretName/secretKey (a 32-byte base64 key) or autoGenerate true.
deny contains msg if {
	applies
	gossip := helm.value("global.gossipEncryption", {})
	not gossip_encrypted(gossip)
	msg := sprintf("%s: Helm value global.gossipEncryption is %s, so gossip is not encrypted; set secretName and secretKey (or autoGenerate true)", [lib.resource_label, lib.show(gossip)])
}

gossip_encrypted(gossip) if gossip.autoGenerate == true

gossip_encrypted(gossip) if {
	gossip.secretName != ""
	gossip.secretKey != ""
}

# METADATA
# title: ACL default policy deny
# description: Extra server config does not set acl.default_policy to allow.
# custom:
#   remediation: Remove acl.default_policy from server.extraConfig (the chart's ACL bootstrap uses deny).
deny contains msg if {
	applies
	extra := helm.value("server.extraConfig", "{}")
	config := json.unmarshal(extra)
	config.acl.default_policy == "allow"
	msg := sprintf("%s: Helm value server.extraConfig sets acl.default_policy \"allow\"; ACLs must default to deny", [lib.resource_label])
}

# METADATA
# title: Deferred while values are unknown
# description: Chart values unknown at preview are checked by `pulumi up`.
deferred contains msg if {
	applies
	some msg in helm.deferred
}
