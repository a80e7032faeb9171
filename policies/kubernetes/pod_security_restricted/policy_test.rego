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

# The input at Pod Security Standards version `version` (the podSecurityVersion parameter).
at(inp, version) := object.union(inp, {"parameters": {"podSecurityVersion": version}})

pod(spec) := {"review": {"object": {"kind": "Pod", "metadata": {"name": "p", "namespace": "x"}, "spec": spec}}}

bare_containers := [{"name": "app"}]

test_windows_pods_exempt_from_escalation_capabilities_and_seccomp_from_1_25 if {
	windows := pod({"os": {"name": "windows"}, "securityContext": {"runAsNonRoot": true}, "containers": bare_containers})
	count(policy.deny) == 0 with input as windows
	count(policy.deny) == 0 with input as at(windows, "v1.25")
	count(policy.deny) == 3 with input as at(windows, "v1.24")
	linux := pod({"os": {"name": "linux"}, "securityContext": {"runAsNonRoot": true}, "containers": bare_containers})
	count(policy.deny) == 3 with input as linux
}

test_rules_start_at_their_versions if {
	bare := pod({"securityContext": {"runAsNonRoot": true}, "containers": bare_containers})

	# allowPrivilegeEscalation from 1.8, seccomp from 1.19, capabilities from 1.22.
	count(policy.deny) == 0 with input as at(bare, "v1.7")
	count(policy.deny) == 1 with input as at(bare, "v1.18")
	count(policy.deny) == 2 with input as at(bare, "v1.21")
	count(policy.deny) == 3 with input as at(bare, "v1.22")
}

test_run_as_user_zero_denied_from_1_23 if {
	root := workload(object.union(good_pod, {"runAsUser": 0}), good_ctx, [])
	count(policy.deny) == 0 with input as at(root, "v1.22")
	count(policy.deny) == 1 with input as at(root, "v1.23")
}

test_user_namespace_pods_may_run_as_root_from_1_35 if {
	spec := {"hostUsers": false, "securityContext": {"runAsNonRoot": false, "runAsUser": 0, "seccompProfile": {"type": "RuntimeDefault"}}, "containers": [{"name": "app", "securityContext": object.union(good_ctx, {"runAsUser": 0})}]}
	count(policy.deny) == 0 with input as at(pod(spec), "v1.35")
	count(policy.deny) == 4 with input as at(pod(spec), "v1.34")
}

test_pod_run_as_non_root_false_denied_even_when_containers_set_true if {
	spec := {"securityContext": {"runAsNonRoot": false, "seccompProfile": {"type": "RuntimeDefault"}}, "containers": [{"name": "app", "securityContext": object.union(good_ctx, {"runAsNonRoot": true})}]}
	some msg in {f.message | some f in policy.deny} with input as pod(spec)
	contains(msg, "spec.securityContext.runAsNonRoot is false")
}

test_proc_mount_denied_in_a_user_namespace_from_1_35 if {
	ctx := object.union(good_ctx, {"procMount": "Unmasked"})
	spec := {"hostUsers": false, "securityContext": good_pod, "containers": [{"name": "app", "securityContext": ctx}]}
	count(policy.deny) == 1 with input as at(pod(spec), "v1.35")
	count(policy.deny) == 0 with input as at(pod(spec), "v1.34")
	count(policy.deny) == 0 with input as pod(object.remove(spec, ["hostUsers"]))
}

test_image_and_sourceless_volumes_allowed if {
	volumes := [{"name": "img", "image": {"reference": "registry.k8s.io/pause:3.10"}}, {"name": "defaulted"}, {"name": "cache", "emptyDir": {}, "hostPath": null}]
	count(policy.deny) == 0 with input as workload(good_pod, good_ctx, volumes)
}

test_ephemeral_containers_drop_all if {
	spec := {"securityContext": good_pod, "containers": [], "ephemeralContainers": [{"name": "debug", "securityContext": {"allowPrivilegeEscalation": false}}]}
	count(policy.deny) == 1 with input as pod(spec)
}

test_bad_version_denied if {
	some msg in {f.message | some f in policy.deny} with input as at(workload(good_pod, good_ctx, []), "1.x")
	contains(msg, "podSecurityVersion=\"1.x\"")
}
