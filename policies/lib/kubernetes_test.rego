package cairn.lib.kubernetes_test

import data.cairn.lib.kubernetes as k8s

# The label is the text sprintf gives, also for values that are not strings.
test_label_is_kind_namespace_name if {
	k8s.label == "Deployment shop/web" with input as {"review": {"object": {"kind": "Deployment", "metadata": {"namespace": "shop", "name": "web"}}}}
}

test_label_matches_sprintf_for_other_values if {
	obj := {"kind": 5, "metadata": {"name": ["web"]}}
	k8s.label == sprintf("%s %s/%s", [5, "-", ["web"]]) with input as {"review": {"object": obj}}
}

# A container's security_context is its securityContext, or {} when that is unset, null or not an object.
test_container_security_context if {
	pod := {"kind": "Pod", "spec": {"containers": [
		{"name": "a", "securityContext": {"privileged": true}},
		{"name": "b", "securityContext": null},
		{"name": "c", "securityContext": "root"},
		{"name": "d"},
	]}}
	[c.security_context | some c in k8s.containers] == [{"privileged": true}, {}, {}, {}] with input as {"review": {"object": pod}}
}
