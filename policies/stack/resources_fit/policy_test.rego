package cairn.stack.resources_fit_test

import data.cairn.stack.resources_fit as policy

k8s(obj) := {"type": "kubernetes:x", "urn": concat("", ["urn:", obj.kind, ":", obj.metadata.name]), "review": {"object": obj}}

limit_range(ns) := k8s({"kind": "LimitRange", "metadata": {"name": "defaults", "namespace": ns}, "spec": {"limits": [{
	"type": "Container",
	"default": {"cpu": "500m", "memory": "512Mi"},
	"defaultRequest": {"cpu": "100m", "memory": "128Mi"},
	"max": {"cpu": "4", "memory": "8Gi"},
}]}})

quota(ns, hard) := k8s({"kind": "ResourceQuota", "metadata": {"name": "quota", "namespace": ns}, "spec": {"hard": hard}})

deployment(ns, replicas, resources) := k8s({"kind": "Deployment", "metadata": {"name": "web", "namespace": ns}, "spec": {
	"replicas": replicas,
	"template": {"spec": {"containers": [{"name": "app", "image": "x", "resources": resources}]}},
}})

messages(resources) := msgs if {
	msgs := {f.message | some f in policy.deny} with input as {"resources": resources}
}

test_quantities_in_base_units if {
	policy.quantity("500m") == 0.5
	policy.quantity("2") == 2
	policy.quantity("1.5Gi") == 1610612736
	policy.quantity("128Mi") == 134217728
	policy.quantity("1k") == 1000
	policy.quantity(3) == 3
	not policy.quantity("lots")
}

test_request_above_the_default_limit_denied if {
	# istiod on the real chart: a 2Gi request meets the LimitRange's 512Mi default limit.
	msgs := messages([limit_range("istio-system"), deployment("istio-system", 1, {"requests": {"memory": "2Gi"}})])
	count(msgs) == 1
	some msg in msgs
	contains(msg, "requests 2Gi memory but its limit is 512Mi (the LimitRange default of namespace \"istio-system\")")
}

test_request_above_its_own_limit_denied if {
	msgs := messages([deployment("shop", 1, {"requests": {"cpu": "2"}, "limits": {"cpu": "1"}})])
	some msg in msgs
	contains(msg, "limit is 1 (its own)")
}

test_fitting_container_passes if {
	count(messages([limit_range("shop"), deployment("shop", 2, {"requests": {"memory": "256Mi"}, "limits": {"memory": "1Gi"}})])) == 0
}

test_left_out_request_takes_the_own_limit_not_the_default_request if {
	# A limit of 64Mi and no request: the API server sets the request to 64Mi, not the 128Mi default.
	count(messages([limit_range("shop"), deployment("shop", 1, {"limits": {"memory": "64Mi"}})])) == 0
}

test_limit_above_max_denied if {
	msgs := messages([limit_range("shop"), deployment("shop", 1, {"limits": {"memory": "16Gi"}})])
	some msg in msgs
	contains(msg, "memory limit of 16Gi, above the LimitRange max 8Gi")
}

test_workloads_above_quota_denied_at_replicas if {
	within := [limit_range("shop"), quota("shop", {"requests.memory": "1Gi"}), deployment("shop", 4, {"requests": {"memory": "256Mi"}, "limits": {"memory": "256Mi"}})]
	count(messages(within)) == 0
	above := [limit_range("shop"), quota("shop", {"requests.memory": "1Gi"}), deployment("shop", 5, {"requests": {"memory": "256Mi"}, "limits": {"memory": "256Mi"}})]
	msgs := messages(above)
	count(msgs) == 1
	some msg in msgs
	contains(msg, "need 1280Mi of requests.memory, above ResourceQuota shop/quota's 1Gi")
}

test_defaults_count_towards_the_quota if {
	# Three pods with nothing set: 3 x 500m default CPU limit > 1 CPU.
	msgs := messages([limit_range("shop"), quota("shop", {"limits.cpu": "1"}), deployment("shop", 3, {})])
	some msg in msgs
	contains(msg, "need 1500m of limits.cpu")
}

test_other_namespaces_and_jobs_do_not_count if {
	job := k8s({"kind": "Job", "metadata": {"name": "once", "namespace": "shop"}, "spec": {"template": {"spec": {"containers": [{"name": "c", "resources": {"requests": {"cpu": "8"}, "limits": {"cpu": "8"}}}]}}}})
	count(messages([quota("shop", {"requests.cpu": "1"}), deployment("other", 10, {"requests": {"cpu": "1"}, "limits": {"cpu": "1"}}), job])) == 0
}

test_several_limit_ranges_do_not_break_the_policy if {
	second := k8s({"kind": "LimitRange", "metadata": {"name": "more", "namespace": "shop"}, "spec": {"limits": [{"type": "Container", "max": {"memory": "1Gi"}}]}})
	count(messages([limit_range("shop"), second, deployment("shop", 1, {"requests": {"memory": "256Mi"}, "limits": {"memory": "512Mi"}})])) == 0
}

test_unknown_quantities_are_not_judged if {
	count(messages([limit_range("shop"), deployment("shop", 1, {"requests": {"memory": "__cairn_unknown__"}})])) == 0
}
