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

# podSecurityVersion: "latest" or unset is the newest known version; "v1.N" and "1.N" give N; anything else -1.
test_pss_minor_from_the_parameter if {
	k8s.pss_minor == k8s.pss_latest_minor with input as {}
	k8s.pss_minor == k8s.pss_latest_minor with input as {"parameters": {"podSecurityVersion": "latest"}}
	k8s.pss_minor == 22 with input as {"parameters": {"podSecurityVersion": "v1.22"}}
	k8s.pss_minor == 0 with input as {"parameters": {"podSecurityVersion": "1.0"}}
	k8s.pss_minor == 40 with input as {"parameters": {"podSecurityVersion": "v1.40"}}
	k8s.pss_version_error == "" with input as {"parameters": {"podSecurityVersion": "v1.22"}}
}

test_pss_minor_rejects_what_is_not_a_version if {
	every bad in ["v1.022", "v1.x", "v2.1", "1.", "v1.-1", "1.22.0", "", "Latest"] {
		k8s.pss_minor == -1 with input as {"parameters": {"podSecurityVersion": bad}}
	}
}

test_pss_minor_rejects_numbers if {
	k8s.pss_minor == -1 with input as {"parameters": {"podSecurityVersion": 1.22}}
	msg := k8s.pss_version_error with input as {"parameters": {"podSecurityVersion": 1.22}, "review": {"object": {"kind": "Pod", "metadata": {"name": "p"}}}}
	msg == "Pod -/p: policy parameter podSecurityVersion=1.22 is not a Pod Security Standards version; use \"latest\" or \"v1.N\" (e.g. \"v1.36\")"
}
