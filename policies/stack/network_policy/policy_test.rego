package cairn.stack.network_policy_test

import data.cairn.stack.network_policy as policy

k8s(obj) := {"type": "kubernetes:x", "urn": "urn:x", "review": {"object": obj}}

deployment(ns) := k8s({"kind": "Deployment", "metadata": {"name": "web", "namespace": ns}, "spec": {}})

deny_all(ns) := k8s({"kind": "NetworkPolicy", "metadata": {"name": "default-deny", "namespace": ns}, "spec": {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}})

test_namespace_with_default_deny_passes if {
	count(policy.deny) == 0 with input as {"resources": [deployment("shop"), deny_all("shop")]}
}

test_namespace_without_policy_denied if {
	some msg in {f.message | some f in policy.deny} with input as {"resources": [deployment("shop"), deny_all("other")]}
	contains(msg, "namespace \"shop\" runs Deployment shop/web")
}

test_policy_with_ingress_rules_is_not_default_deny if {
	allow := k8s({"kind": "NetworkPolicy", "metadata": {"name": "allow", "namespace": "shop"}, "spec": {"podSelector": {}, "policyTypes": ["Ingress"], "ingress": [{"from": [{"podSelector": {}}]}]}})
	count(policy.deny) == 1 with input as {"resources": [deployment("shop"), allow]}
}

test_policy_selecting_some_pods_is_not_default_deny if {
	partial := k8s({"kind": "NetworkPolicy", "metadata": {"name": "p", "namespace": "shop"}, "spec": {"podSelector": {"matchLabels": {"app": "db"}}, "policyTypes": ["Ingress"]}})
	count(policy.deny) == 1 with input as {"resources": [deployment("shop"), partial]}
}

test_missing_namespace_counts_as_default if {
	obj := k8s({"kind": "Pod", "metadata": {"name": "p"}, "spec": {}})
	some msg in {f.message | some f in policy.deny} with input as {"resources": [obj]}
	contains(msg, "\"default\"")
}

test_default_namespace_undecided_during_preview if {
	obj := k8s({"kind": "Pod", "metadata": {"name": "p", "namespace": "default"}, "spec": {}})
	count(policy.deny) == 0 with input as {"resources": [obj], "preview": true}
	count(policy.deferred) == 1 with input as {"resources": [obj], "preview": true}
	count(policy.deny) == 1 with input as {"resources": [obj]}
}

test_unknown_namespace_deferred if {
	obj := k8s({"kind": "Deployment", "metadata": {"name": "w", "namespace": "__cairn_unknown__"}, "spec": {}})
	count(policy.deny) == 0 with input as {"resources": [obj]}
	count(policy.deferred) == 1 with input as {"resources": [obj]}
}

test_stack_without_workloads_passes if {
	count(policy.deny) == 0 with input as {"resources": [deny_all("x")]}
}
