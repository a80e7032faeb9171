package cairn.platform.mesh_mtls_test

import data.cairn.platform.mesh_mtls as policy

peer(spec) := {"review": {"object": {"apiVersion": "security.istio.io/v1", "kind": "PeerAuthentication", "metadata": {"name": "default", "namespace": "istio-system"}, "spec": spec}}}

test_strict_passes if {
	count(policy.deny) == 0 with input as peer({"mtls": {"mode": "STRICT"}})
	count(policy.deny) == 0 with input as peer({"mtls": {"mode": "UNSET"}})
}

test_permissive_denied if {
	some msg in {f.message | some f in policy.deny} with input as peer({"mtls": {"mode": "PERMISSIVE"}})
	contains(msg, "PeerAuthentication istio-system/default: spec.mtls.mode is \"PERMISSIVE\"")
}

test_port_level_disable_denied if {
	some msg in {f.message | some f in policy.deny} with input as peer({"mtls": {"mode": "STRICT"}, "portLevelMtls": {"8080": {"mode": "DISABLE"}}})
	contains(msg, "portLevelMtls[8080]")
}

test_destination_rule_disable_denied if {
	dr := {"review": {"object": {"apiVersion": "networking.istio.io/v1", "kind": "DestinationRule", "metadata": {"name": "db", "namespace": "shop"}, "spec": {"host": "db", "trafficPolicy": {"portLevelSettings": [{"port": {"number": 5432}, "tls": {"mode": "DISABLE"}}]}}}}}
	count(policy.deny) == 1 with input as dr
}

test_non_istio_objects_ignored if {
	other := {"review": {"object": {"apiVersion": "example.com/v1", "kind": "PeerAuthentication", "metadata": {"name": "x"}, "spec": {"mtls": {"mode": "DISABLE"}}}}}
	count(policy.deny) == 0 with input as other
}

test_unknown_mode_deferred if {
	inp := object.union(peer({"mtls": {"mode": "__cairn_unknown__"}}), {"urn": "u", "unknowns": [["spec", "mtls", "mode"]]})
	count(policy.deny) == 0 with input as inp
	count(policy.deferred) == 1 with input as inp
}
