package cairn.stack.mesh_mtls_strict_test

import data.cairn.stack.mesh_mtls_strict as policy

mesh := {"type": "cairn:mesh:ServiceMesh", "urn": "urn:mesh", "props": {}}

peer(ns, spec) := {"type": "kubernetes:security.istio.io/v1:PeerAuthentication", "urn": sprintf("urn:pa:%s", [ns]), "review": {"object": {"apiVersion": "security.istio.io/v1", "kind": "PeerAuthentication", "metadata": {"name": "default", "namespace": ns}, "spec": spec}}}

test_mesh_with_strict_default_passes if {
	count(policy.deny) == 0 with input as {"resources": [mesh, peer("istio-system", {"mtls": {"mode": "STRICT"}})]}
}

test_mesh_without_peer_authentication_denied if {
	some msg in {f.message | some f in policy.deny} with input as {"resources": [mesh]}
	contains(msg, "installs Istio (urn:mesh)")
}

test_strict_outside_root_namespace_is_not_mesh_wide if {
	count(policy.deny) == 1 with input as {"resources": [mesh, peer("shop", {"mtls": {"mode": "STRICT"}})]}
}

test_selector_makes_it_not_mesh_wide if {
	count(policy.deny) == 1 with input as {"resources": [mesh, peer("istio-system", {"selector": {"matchLabels": {"app": "x"}}, "mtls": {"mode": "STRICT"}})]}
}

test_istiod_chart_namespace_is_a_root if {
	chart := {"type": "kubernetes:helm.sh/v4:Chart", "urn": "urn:istiod", "props": {"chart": "istiod", "namespace": "mesh"}}
	count(policy.deny) == 0 with input as {"resources": [chart, peer("mesh", {"mtls": {"mode": "STRICT"}})]}
	count(policy.deny) == 1 with input as {"resources": [chart]}
}

test_stack_without_mesh_passes if {
	count(policy.deny) == 0 with input as {"resources": [{"type": "aws:kms/key:Key", "urn": "k", "props": {}}]}
}

test_unknown_peer_authentication_deferred if {
	pa := object.union(peer("istio-system", "__cairn_unknown__"), {"unknowns": [["spec"]]})
	count(policy.deny) == 0 with input as {"resources": [mesh, pa]}
	count(policy.deferred) == 1 with input as {"resources": [mesh, pa]}
}
