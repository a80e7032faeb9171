package cairn.platform.canary_test

import data.cairn.platform.canary as policy

rollout(canary) := {"review": {"object": {"apiVersion": "argoproj.io/v1alpha1", "kind": "Rollout", "metadata": {"name": "checkout", "namespace": "shop"}, "spec": {"strategy": {"canary": canary}}}}}

gated := {"analysis": {"templates": [{"templateName": "checkout-slo"}], "startingStep": 0}}

messages(inp) := msgs if {
	msgs := {f.message | some f in policy.deny} with input as inp
}

test_gated_canary_to_100_passes if {
	count(policy.deny) == 0 with input as rollout(object.union(gated, {"steps": [{"setWeight": 10}, {"pause": {"duration": "1m"}}, {"setWeight": 100}]}))
}

test_inline_analysis_first_passes if {
	count(policy.deny) == 0 with input as rollout({"steps": [{"analysis": {"templates": [{"templateName": "t"}]}}, {"setWeight": 100}]})
}

test_steps_short_of_100_denied if {
	some msg in messages(rollout(object.union(gated, {"steps": [{"setWeight": 10}, {"setWeight": 50}]})))
	contains(msg, "Rollout shop/checkout: canary steps end at weight 50")
}

test_no_analysis_denied if {
	some msg in messages(rollout({"steps": [{"setWeight": 100}]}))
	contains(msg, "canary has no analysis")
}

test_weight_before_gate_denied if {
	canary := {"analysis": {"templates": [{"templateName": "t"}], "startingStep": 2}, "steps": [{"setWeight": 20}, {"pause": {}}, {"setWeight": 100}]}
	some msg in messages(rollout(canary))
	contains(msg, "step 0 sends weight 20 to the canary and no analysis gates it")
}

test_analysis_after_each_weight_passes if {
	a := {"analysis": {"templates": [{"templateName": "t"}]}}
	count(policy.deny) == 0 with input as rollout({"steps": [{"setWeight": 20}, {"pause": {}}, a, {"setWeight": 50}, a, {"setWeight": 100}]})
}

test_weight_skipping_inline_analysis_denied if {
	a := {"analysis": {"templates": [{"templateName": "t"}]}}
	some msg in messages(rollout({"steps": [{"setWeight": 20}, a, {"setWeight": 50}, {"setWeight": 100}]}))
	contains(msg, "step 2 sends weight 50")
}

vs(headers) := {"review": {"object": {"apiVersion": "networking.istio.io/v1", "kind": "VirtualService", "metadata": {"name": "checkout", "namespace": "shop"}, "spec": {"http": [{"name": "gray", "match": [{"headers": headers}], "route": []}]}}}}

test_exact_header_passes if {
	count(policy.deny) == 0 with input as vs({"gray-version": {"exact": "beta"}})
}

test_catch_all_headers_denied if {
	some m in [{"regex": ".*"}, {"prefix": ""}, {"exact": ""}, {"regex": ".+"}]
	some msg in messages(vs({"gray-version": m}))
	contains(msg, "VirtualService shop/checkout: http[0] (\"gray\") matches header gray-version")
}

binding(role, sa) := {"review": {"object": {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "b"}, "roleRef": {"kind": "ClusterRole", "name": role}, "subjects": [{"kind": "ServiceAccount", "name": sa, "namespace": "argo-rollouts"}]}}}

test_controller_cluster_admin_denied if {
	some msg in messages(binding("cluster-admin", "argo-rollouts"))
	contains(msg, "argo-rollouts/argo-rollouts")
}

test_controller_own_role_passes if {
	count(policy.deny) == 0 with input as binding("argo-rollouts", "argo-rollouts")
}

test_unknown_strategy_deferred if {
	inp := object.union(rollout({"steps": "__cairn_unknown__"}), {"urn": "u", "unknowns": [["spec", "strategy", "canary", "steps"]]})
	count(policy.deferred) == 1 with input as inp
}

breaker(objective, threshold) := {"review": {"object": {
	"apiVersion": "networking.istio.io/v1alpha3", "kind": "EnvoyFilter",
	"metadata": {"name": "checkout-shop-canary-breaker", "namespace": "istio-system", "annotations": {"cairn.dev/slo-availability": objective}},
	"spec": {"configPatches": [{"applyTo": "CLUSTER", "patch": {"operation": "MERGE", "value": {"outlier_detection": {"failure_percentage_threshold": threshold}}}}]},
}}}

test_breaker_within_budget_passes if {
	count(policy.deny) == 0 with input as breaker("99", 14)
	count(policy.deny) == 0 with input as breaker("98.9", 15)
}

test_breaker_looser_than_budget_denied if {
	some msg in messages(breaker("99", 15))
	contains(msg, "ejects canary endpoints only above 15 % errors, looser than the 99 % availability SLO allows (its gate aborts above 14.4 %)")
}

test_breaker_limit_is_at_least_one_percent if {
	count(policy.deny) == 0 with input as breaker("99.99", 1)
	some msg in messages(breaker("99.9", 2))
	contains(msg, "set failure_percentage_threshold to at most 1")
}

test_breaker_without_objective_not_judged if {
	inp := json.patch(breaker("99", 90), [{"op": "remove", "path": "/review/object/metadata/annotations"}])
	count(policy.deny) == 0 with input as inp
}

test_rollout_header_route_exact_passes if {
	step := {"setHeaderRoute": {"name": "gray", "match": [{"headerName": "gray-version", "headerValue": {"exact": "beta"}}]}}
	count(policy.deny) == 0 with input as rollout(object.union(gated, {"steps": [step, {"setWeight": 100}]}))
}

test_rollout_header_route_catch_all_denied if {
	step := {"setHeaderRoute": {"name": "gray", "match": [{"headerName": "gray-version", "headerValue": {"regex": ".*"}}]}}
	some msg in messages(rollout(object.union(gated, {"steps": [step, {"setWeight": 100}]})))
	contains(msg, "step 0 routes header \"gray-version\" with {\"regex\":\".*\"} to the canary, which matches any value")
}
