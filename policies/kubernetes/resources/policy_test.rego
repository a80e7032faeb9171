package cairn.kubernetes.resources_test

import data.cairn.kubernetes.resources as policy

job(resources) := {"review": {"object": {"kind": "Job", "metadata": {"name": "j", "namespace": "n"}, "spec": {"template": {"spec": {
	"initContainers": [{"name": "init", "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}, "limits": {"memory": "32Mi"}}}],
	"containers": [{"name": "main", "resources": resources}],
}}}}}}

test_complete_resources_pass if {
	count(policy.deny) == 0 with input as job({"requests": {"cpu": "100m", "memory": "64Mi"}, "limits": {"memory": "128Mi"}})
}

test_missing_values_named if {
	some msg in {f.message | some f in policy.deny} with input as job({"requests": {"cpu": "100m"}})
	contains(msg, "container \"main\": resources requests.memory, limits.memory not set")
}

test_no_resources_denied if {
	count(policy.deny) == 1 with input as job({})
}

test_unknown_resources_deferred if {
	inp := object.union(job({}), {"unknowns": [["spec", "template", "spec", "containers", "0", "resources"]]})
	count(policy.deferred) == 1 with input as inp
}

test_unresolved_pod_spec_deferred if {
	inp := {"review": {"object": {"kind": "Deployment", "metadata": {"name": "d", "namespace": "n"}, "spec": "__cairn_unknown__"}}, "unknowns": [["spec"]]}
	count(policy.deferred) == 1 with input as inp
}
