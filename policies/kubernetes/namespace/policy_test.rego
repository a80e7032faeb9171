package cairn.kubernetes.namespace_test

import data.cairn.kubernetes.namespace as policy

obj(kind, metadata) := {"review": {"object": {"kind": kind, "metadata": metadata}}}

test_own_namespace_passes if {
	count(policy.deny) == 0 with input as obj("Deployment", {"name": "w", "namespace": "shop"})
}

test_default_namespace_deferred_during_preview if {
	inp := object.union(obj("Deployment", {"name": "w", "namespace": "default"}), {"preview": true})
	count(policy.deny) == 0 with input as inp
	some msg in {f.message | some f in policy.deferred} with input as inp
	contains(msg, "`pulumi up` checks the real value")
}

test_default_namespace_denied if {
	some msg in {f.message | some f in policy.deny} with input as obj("ConfigMap", {"name": "c", "namespace": "default"})
	contains(msg, "ConfigMap default/c")
}

test_missing_namespace_denied_for_workloads if {
	count(policy.deny) == 1 with input as obj("Service", {"name": "s"})
}

test_missing_namespace_allowed_when_provider_sets_one if {
	count(policy.deny) == 0 with input as object.union(obj("Service", {"name": "s"}), {"provider": {"props": {"namespace": "apps"}}})
}

test_lookups_without_inputs_ignored if {
	count(policy.deny) == 0 with input as {"review": {"object": {"kind": "Secret"}}}
}

test_cluster_scoped_objects_ignored if {
	count(policy.deny) == 0 with input as obj("ClusterRole", {"name": "r"})
}

test_unknown_namespace_deferred if {
	count(policy.deferred) == 1 with input as object.union(obj("Service", {"name": "s", "namespace": "__cairn_unknown__"}), {"urn": "u", "unknowns": [["metadata", "namespace"]]})
}
