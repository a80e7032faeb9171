# METADATA
# title: Consul ACLs, gossip encryption and TLS on
# description: >-
#   A Consul Helm chart (any chart named consul: kubernetes:helm.sh/v4:Chart,
#   v3 Chart or Release) enables ACLs with default deny
#   (global.acls.manageSystemACLs), gossip encryption
#   (global.gossipEncryption), and TLS with verification and HTTPS only.
#   Consul turns none of these on by default. Cairn's Consul component
#   (cairn:consul:Consul) is checked too: its chart.values overrides must not
#   turn Cairn's secure defaults off. (The engine shows a helm.sh/v4:Chart to
#   policies without its values, so the component's inputs are where a
#   weakening is visible.)
# related_resources:
#   - ref: https://developer.hashicorp.com/consul/docs/security/security-models/core
# custom:
#   severity: critical
#   remediation: Use Cairn's Consul component defaults, or set the Helm values named in the message.
package cairn.platform.consul

import data.cairn.lib
import data.cairn.lib.helm

default applies := false

applies if helm.chart_name == "consul"

applies if input.type == "cairn:consul:Consul"

# The values to check, and what an unset value means: the chart's own defaults
# for a raw chart, Cairn's secure defaults for the component.
values := helm.values if helm.is_chart

values := lib.field(lib.props, ["chart", "values"], {}) if input.type == "cairn:consul:Consul"

# METADATA
# description: The input path of a dotted Helm value (under values, or chart.values for the component).
values_path(path) := array.concat(["values"], split(path, ".")) if helm.is_chart

values_path(path) := array.concat(["chart", "values"], split(path, ".")) if input.type == "cairn:consul:Consul"

chart_defaults := {"global.acls.manageSystemACLs": null, "global.tls.enabled": null}

cairn_defaults := {"global.acls.manageSystemACLs": true, "global.tls.enabled": true}

value(path, fallback) := lib.field(values, split(path, "."), fallback)

unset_means(path) := chart_defaults[path] if helm.is_chart

unset_means(path) := cairn_defaults[path] if input.type == "cairn:consul:Consul"

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
deny contains lib.finding(values_path(entry[0]), msg) if {
	applies
	some entry in required_true
	current := value(entry[0], unset_means(entry[0]))
	current != true
	msg := concat("", [lib.resource_label, ": Helm value ", lib.text(entry[0]), " is ", lib.show(current), ": ", lib.text(entry[1]), "; set it to true"])
}

# METADATA
# title: TLS verification and HTTPS only
# description: global.tls.verify and global.tls.httpsOnly are not false (the chart defaults them to true).
# custom:
#   remediation: Remove the override or set it to true.
deny contains lib.finding(values_path(entry[0]), msg) if {
	applies
	some entry in must_not_be_false
	value(entry[0], true) == false
	msg := concat("", [lib.resource_label, ": Helm value ", lib.text(entry[0]), " is false: ", lib.text(entry[1]), "; set it to true"])
}

# METADATA
# title: Gossip encryption
# description: global.gossipEncryption has autoGenerate true, or secretName and secretKey.
# custom:
#   remediation: Set global.gossipEncryption.secretName/secretKey (a 32-byte base64 key) or autoGenerate true.
deny contains lib.finding(values_path("global.gossipEncryption"), msg) if {
	applies
	helm.is_chart
	gossip := value("global.gossipEncryption", {})
	not gossip_encrypted(gossip)
	msg := concat("", [lib.resource_label, ": Helm value global.gossipEncryption is ", lib.show(gossip), ", so gossip is not encrypted; set secretName and secretKey (or autoGenerate true)"])
}

gossip_encrypted(gossip) if gossip.autoGenerate == true

gossip_encrypted(gossip) if {
	gossip.secretName != ""
	gossip.secretKey != ""
}

# METADATA
# title: Component overrides keep gossip encryption
# description: >-
#   On the cairn:consul:Consul component, a
#   chart.values.global.gossipEncryption override still names a key (or
#   autoGenerate); the component sets Cairn's gossip Secret, and an override
#   may only swap in another key.
# custom:
#   remediation: Remove the override, or give secretName and secretKey of another gossip key.
deny contains lib.finding(values_path("global.gossipEncryption"), msg) if {
	input.type == "cairn:consul:Consul"
	gossip := value("global.gossipEncryption", null)
	gossip != null
	not gossip_encrypted(gossip)
	msg := concat("", [lib.resource_label, ": chart.values.global.gossipEncryption is ", lib.show(gossip), ", which turns gossip encryption off; remove the override"])
}

# METADATA
# title: ACL default policy deny
# description: Extra server config does not set acl.default_policy to allow.
# custom:
#   remediation: Remove acl.default_policy from server.extraConfig (the chart's ACL bootstrap uses deny).
deny contains lib.finding(values_path("server.extraConfig"), msg) if {
	applies
	extra := value("server.extraConfig", "{}")
	config := json.unmarshal(extra)
	config.acl.default_policy == "allow"
	msg := concat("", [lib.resource_label, ": Helm value server.extraConfig sets acl.default_policy \"allow\"; ACLs must default to deny"])
}

# METADATA
# title: Deferred while values are unknown
# description: Chart values unknown at preview are checked by `pulumi up`.
deferred contains finding if {
	applies
	some finding in lib.deferred_paths([["values"], ["chart"]])
}
