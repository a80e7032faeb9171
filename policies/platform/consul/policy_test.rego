package cairn.platform.consul_test

import data.cairn.platform.consul as policy

good := {"global": {
	"acls": {"manageSystemACLs": true},
	"tls": {"enabled": true, "verify": true, "httpsOnly": true},
	"gossipEncryption": {"secretName": "consul-gossip-encryption-key", "secretKey": "key"},
}}

chart(values) := {"type": "kubernetes:helm.sh/v4:Chart", "urn": "urn:consul", "props": {"chart": "oci://mirror.example.com/charts/consul", "values": values}}

test_secure_values_pass if {
	count(policy.deny) == 0 with input as chart(good)
}

test_chart_defaults_denied if {
	denials := policy.deny with input as chart({})
	count(denials) == 3
	some msg in {f.message | some f in denials}
	contains(msg, "global.acls.manageSystemACLs is null")
}

test_tls_verify_off_denied if {
	values := {"global": object.union(good.global, {"tls": {"enabled": true, "verify": false}})}
	some msg in {f.message | some f in policy.deny} with input as chart(values)
	contains(msg, "global.tls.verify is false")
}

test_gossip_auto_generate_allowed if {
	values := {"global": object.union(object.remove(good.global, ["gossipEncryption"]), {"gossipEncryption": {"autoGenerate": true}})}
	count(policy.deny) == 0 with input as chart(values)
}

test_acl_default_allow_denied if {
	values := object.union(good, {"server": {"extraConfig": "{\"acl\": {\"default_policy\": \"allow\"}}"}})
	count(policy.deny) == 1 with input as chart(values)
}

test_other_charts_ignored if {
	count(policy.deny) == 0 with input as {"type": "kubernetes:helm.sh/v4:Chart", "props": {"chart": "istiod", "values": {}}}
}

component(values) := {"type": "cairn:consul:Consul", "urn": "urn:cairn-consul", "props": {"replicas": 3, "chart": {"values": values}}}

test_component_defaults_pass if {
	count(policy.deny) == 0 with input as {"type": "cairn:consul:Consul", "urn": "u", "props": {"replicas": 3}}
	count(policy.deny) == 0 with input as component({"server": {"replicas": 5}})
}

test_component_overrides_that_weaken_denied if {
	denials := policy.deny with input as component({"global": {"acls": {"manageSystemACLs": false}, "tls": {"verify": false}}})
	count(denials) == 2
	some msg in {f.message | some f in denials}
	contains(msg, "global.acls.manageSystemACLs is false")
}

test_component_gossip_override_denied if {
	count(policy.deny) == 1 with input as component({"global": {"gossipEncryption": {"autoGenerate": false}}})
	count(policy.deny) == 0 with input as component({"global": {"gossipEncryption": {"secretName": "mine", "secretKey": "k"}}})
}

test_unknown_values_deferred if {
	inp := object.union(chart(good), {"unknowns": [["values", "global", "gossipEncryption", "secretName"]]})
	count(policy.deferred) == 1 with input as inp
}
