package cairn.kubernetes.pod_security_restricted_test

import data.cairn.kubernetes.pod_security_restricted as policy

good_ctx := {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}

good_pod := {"runAsNonRoot": true, "runAsUser": 65532, "seccompProfile": {"type": "RuntimeDefault"}}

workload(pod_ctx, ctx, volumes) := {"review": {"object": {
	"kind": "StatefulSet",
	"metadata": {"name": "db", "namespace": "data"},
	"spec": {"template": {"spec": {
		"securityContext": pod_ctx,
		"volumes": volumes,
		"containers": [{"name": "db", "securityContext": ctx}],
	}}},
}}}

test_restricted_pod_passes if {
	count(policy.deny) == 0 with input as workload(good_pod, good_ctx, [{"name": "data", "persistentVolumeClaim": {"claimName": "d"}}])
}

test_host_volume_type_denied if {
	some msg in {f.message | some f in policy.deny} with input as workload(good_pod, good_ctx, [{"name": "sock", "nfs": {"server": "x", "path": "/"}}])
	contains(msg, "type nfs")
}

test_privilege_escalation_must_be_false if {
	some msg in {f.message | some f in policy.deny} with input as workload(good_pod, {"capabilities": {"drop": ["ALL"]}}, [])
	contains(msg, "allowPrivilegeEscalation is null")
	count(policy.deny) == 1 with input as workload(good_pod, object.union(good_ctx, {"allowPrivilegeEscalation": true}), [])
}

test_run_as_non_root_required if {
	pod := object.remove(good_pod, ["runAsNonRoot"])
	count(policy.deny) == 1 with input as workload(pod, good_ctx, [])
	count(policy.deny) == 0 with input as workload(pod, object.union(good_ctx, {"runAsNonRoot": true}), [])
	count(policy.deny) == 1 with input as workload(good_pod, object.union(good_ctx, {"runAsNonRoot": false}), [])
}

test_root_uid_denied if {
	count(policy.deny) == 1 with input as workload(object.union(good_pod, {"runAsUser": 0}), good_ctx, [])
	count(policy.deny) == 1 with input as workload(good_pod, object.union(good_ctx, {"runAsUser": 0}), [])
}

test_seccomp_required if {
	pod := object.remove(good_pod, ["seccompProfile"])
	some msg in {f.message | some f in policy.deny} with input as workload(pod, good_ctx, [])
	contains(msg, "seccompProfile.type is null")
	count(policy.deny) == 0 with input as workload(pod, object.union(good_ctx, {"seccompProfile": {"type": "Localhost"}}), [])
}

test_capabilities_drop_all_required if {
	count(policy.deny) == 1 with input as workload(good_pod, {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["NET_RAW"]}}, [])
}

test_only_net_bind_service_added if {
	ctx := {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"], "add": ["NET_BIND_SERVICE", "CHOWN"]}}
	some msg in {f.message | some f in policy.deny} with input as workload(good_pod, ctx, [])
	contains(msg, "\"CHOWN\"")
	count(policy.deny) == 1 with input as workload(good_pod, ctx, [])
}

test_unknown_security_context_deferred if {
	inp := object.union(workload(good_pod, good_ctx, []), {"unknowns": [["spec", "template", "spec", "securityContext"]]})
	count(policy.deferred) == 1 with input as inp
}
