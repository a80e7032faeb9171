package cairn.kubernetes.rbac_test

import data.cairn.kubernetes.rbac as policy

role(rules) := {"review": {"object": {"kind": "ClusterRole", "metadata": {"name": "reader"}, "rules": rules}}}

binding(role_name, subjects) := {"review": {"object": {"kind": "ClusterRoleBinding", "metadata": {"name": "b"}, "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role_name}, "subjects": subjects}}}

test_narrow_role_passes if {
	count(policy.deny) == 0 with input as role([{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]}])
}

test_wildcards_denied if {
	denials := policy.deny with input as role([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]}])
	count(denials) == 3
	some msg in {f.message | some f in denials}
	contains(msg, "rules[0].verbs contains \"*\"")
}

test_read_only_wildcard_on_named_groups_passes if {
	count(policy.deny) == 0 with input as role([{"apiGroups": ["networking.istio.io", "gateway.networking.k8s.io"], "resources": ["*"], "verbs": ["get", "watch", "list"]}])
}

test_resource_wildcard_denied_with_writes_core_group_or_no_group if {
	count(policy.deny) == 1 with input as role([{"apiGroups": ["networking.istio.io"], "resources": ["*"], "verbs": ["get", "update"]}])
	count(policy.deny) == 1 with input as role([{"apiGroups": ["", "apps"], "resources": ["*"], "verbs": ["get"]}])
	count(policy.deny) == 1 with input as role([{"resources": ["*"], "verbs": ["get"]}])
	count(policy.deny) == 2 with input as role([{"apiGroups": ["*"], "resources": ["*"], "verbs": ["list"]}])
}

test_verb_wildcard_on_status_subresources_passes if {
	count(policy.deny) == 0 with input as role([{"apiGroups": ["networking.k8s.io"], "resources": ["ingresses/status"], "verbs": ["*"]}])
}

test_verb_wildcard_denied_beyond_status_subresources if {
	count(policy.deny) == 1 with input as role([{"apiGroups": ["networking.k8s.io"], "resources": ["ingresses/status", "ingresses"], "verbs": ["*"]}])
	count(policy.deny) == 1 with input as role([{"apiGroups": ["apps"], "resources": ["*/status"], "verbs": ["*"]}])
	count(policy.deny) == 2 with input as role([{"apiGroups": ["*"], "resources": ["deployments/status"], "verbs": ["*"]}])
	count(policy.deny) == 1 with input as role([{"apiGroups": ["apps"], "verbs": ["*"]}])
}

test_escalation_verbs_denied if {
	count(policy.deny) == 2 with input as role([{"apiGroups": ["rbac.authorization.k8s.io"], "resources": ["clusterroles"], "verbs": ["bind", "escalate", "get"]}])
}

test_cluster_admin_for_service_account_denied if {
	some msg in {f.message | some f in policy.deny} with input as binding("cluster-admin", [{"kind": "ServiceAccount", "name": "ci", "namespace": "tools"}])
	contains(msg, "ServiceAccount \"ci\"")
	count(policy.deny) == 1 with input as binding("cluster-admin", [{"kind": "Group", "name": "system:serviceaccounts:tools"}])
}

test_cluster_admin_for_people_not_flagged_here if {
	count(policy.deny) == 0 with input as binding("cluster-admin", [{"kind": "Group", "name": "platform-admins"}])
	count(policy.deny) == 0 with input as binding("view", [{"kind": "ServiceAccount", "name": "ci"}])
}

test_unknown_rules_deferred if {
	count(policy.deferred) == 1 with input as object.union(role("__cairn_unknown__"), {"urn": "u", "unknowns": [["rules"]]})
}
