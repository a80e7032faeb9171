package cairn.kubernetes.pod_security_baseline_test

import data.cairn.kubernetes.pod_security_baseline as policy

deployment(pod) := {"review": {"object": {
	"apiVersion": "apps/v1",
	"kind": "Deployment",
	"metadata": {"name": "web", "namespace": "shop"},
	"spec": {"template": {"metadata": {"annotations": object.get(pod, "annotations", {})}, "spec": object.remove(pod, ["annotations"])}},
}}}

with_container(ctx) := deployment({"containers": [{"name": "app", "image": "registry.k8s.io/pause:3.10", "securityContext": ctx}]})

test_clean_pod_passes if {
	count(policy.deny) == 0 with input as with_container({"privileged": false, "seccompProfile": {"type": "RuntimeDefault"}})
}

test_privileged_container_denied if {
	some msg in {f.message | some f in policy.deny} with input as with_container({"privileged": true})
	contains(msg, "Deployment shop/web container \"app\"")
	contains(msg, "privileged=true")
}

test_host_namespaces_denied if {
	denials := policy.deny with input as deployment({"hostNetwork": true, "hostPID": true, "hostIPC": true, "containers": []})
	count(denials) == 3
}

test_host_process_denied if {
	count(policy.deny) == 1 with input as with_container({"windowsOptions": {"hostProcess": true}})
}

test_extra_capability_denied if {
	some msg in {f.message | some f in policy.deny} with input as with_container({"capabilities": {"add": ["NET_BIND_SERVICE", "SYS_ADMIN"]}})
	contains(msg, "\"SYS_ADMIN\"")
}

test_baseline_capability_allowed if {
	count(policy.deny) == 0 with input as with_container({"capabilities": {"add": ["NET_BIND_SERVICE", "CHOWN"]}})
}

test_host_path_denied if {
	some msg in {f.message | some f in policy.deny} with input as deployment({"containers": [], "volumes": [{"name": "root", "hostPath": {"path": "/"}}]})
	contains(msg, "hostPath \"/\"")
}

test_host_port_denied if {
	some msg in {f.message | some f in policy.deny} with input as deployment({"containers": [{"name": "app", "ports": [{"containerPort": 80, "hostPort": 8080}]}]})
	contains(msg, "hostPort 8080")
}

test_host_port_zero_allowed if {
	count(policy.deny) == 0 with input as deployment({"containers": [{"name": "app", "ports": [{"containerPort": 80, "hostPort": 0}]}]})
}

test_probe_host_denied if {
	probe := {"httpGet": {"host": "10.0.0.1", "path": "/", "port": 80}}
	some msg in {f.message | some f in policy.deny} with input as deployment({"containers": [{"name": "app", "livenessProbe": probe}]})
	contains(msg, "livenessProbe.httpGet.host")
}

test_lifecycle_host_denied if {
	hook := {"tcpSocket": {"host": "metadata", "port": 80}}
	count(policy.deny) == 1 with input as deployment({"containers": [{"name": "app", "lifecycle": {"preStop": hook}}]})
}

test_apparmor_unconfined_denied if {
	count(policy.deny) == 1 with input as with_container({"appArmorProfile": {"type": "Unconfined"}})
	count(policy.deny) == 0 with input as with_container({"appArmorProfile": {"type": "RuntimeDefault"}})
}

test_apparmor_annotation_denied if {
	pod := {"annotations": {"container.apparmor.security.beta.kubernetes.io/app": "unconfined"}, "containers": []}
	count(policy.deny) == 1 with input as deployment(pod)
	ok := {"annotations": {"container.apparmor.security.beta.kubernetes.io/app": "localhost/strict"}, "containers": []}
	count(policy.deny) == 0 with input as deployment(ok)
}

test_selinux_denied if {
	count(policy.deny) == 1 with input as with_container({"seLinuxOptions": {"type": "spc_t"}})
	count(policy.deny) == 2 with input as with_container({"seLinuxOptions": {"user": "root", "role": "sysadm_r"}})
	count(policy.deny) == 0 with input as with_container({"seLinuxOptions": {"type": "container_t"}})
}

test_proc_mount_denied if {
	count(policy.deny) == 1 with input as with_container({"procMount": "Unmasked"})
	count(policy.deny) == 0 with input as with_container({"procMount": "Default"})
}

test_seccomp_unconfined_denied if {
	pod := {"securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": []}
	some msg in {f.message | some f in policy.deny} with input as deployment(pod)
	contains(msg, "spec.securityContext.seccompProfile")
}

test_unsafe_sysctl_denied if {
	pod := {"securityContext": {"sysctls": [{"name": "kernel.msgmax", "value": "1"}, {"name": "net.ipv4.tcp_syncookies", "value": "1"}]}, "containers": []}
	count(policy.deny) == 1 with input as deployment(pod)
}

test_cronjob_pod_spec_found if {
	cronjob := {"review": {"object": {
		"kind": "CronJob",
		"metadata": {"name": "backup", "namespace": "ops"},
		"spec": {"jobTemplate": {"spec": {"template": {"spec": {"hostPID": true, "containers": []}}}}},
	}}}
	count(policy.deny) == 1 with input as cronjob
}

test_bare_pod_checked if {
	pod := {"review": {"object": {"kind": "Pod", "metadata": {"name": "p", "namespace": "x"}, "spec": {"hostIPC": true, "containers": []}}}}
	count(policy.deny) == 1 with input as pod
}

test_init_and_ephemeral_containers_checked if {
	pod := {"initContainers": [{"name": "init", "securityContext": {"privileged": true}}], "ephemeralContainers": [{"name": "debug", "securityContext": {"privileged": true}}], "containers": []}
	count(policy.deny) == 2 with input as deployment(pod)
}

test_unknown_pod_spec_deferred if {
	inp := object.union(with_container({}), {"unknowns": [["spec", "template", "spec", "containers", "0", "securityContext"]]})
	some msg in {f.message | some f in policy.deferred} with input as inp
	contains(msg, "deferred to `pulumi up`")
}

test_non_workload_ignored if {
	count(policy.deny) == 0 with input as {"review": {"object": {"kind": "ConfigMap", "metadata": {"name": "c"}, "data": {"hostNetwork": "true"}}}}
	count(policy.deferred) == 0 with input as {"review": {"object": {"kind": "ConfigMap"}}, "unknowns": [["data"]]}
}

# The input at Pod Security Standards version `version` (the podSecurityVersion parameter).
at(inp, version) := object.union(inp, {"parameters": {"podSecurityVersion": version}})

sysctl_pod(name) := deployment({"securityContext": {"sysctls": [{"name": name, "value": "1"}]}, "containers": []})

test_sysctls_allowed_from_their_version if {
	every case in [
		["net.ipv4.ip_local_reserved_ports", "v1.26", "v1.27"],
		["net.ipv4.tcp_keepalive_time", "v1.28", "v1.29"],
		["net.ipv4.tcp_rmem", "v1.31", "v1.32"],
		["net.ipv4.tcp_wmem", "v1.31", "latest"],
	] {
		count(policy.deny) == 1 with input as at(sysctl_pod(case[0]), case[1])
		count(policy.deny) == 0 with input as at(sysctl_pod(case[0]), case[2])
	}
	count(policy.deny) == 0 with input as at(sysctl_pod("net.ipv4.ping_group_range"), "v1.0")
}

test_selinux_container_engine_t_from_1_31 if {
	ctx := {"seLinuxOptions": {"type": "container_engine_t"}}
	count(policy.deny) == 1 with input as at(with_container(ctx), "v1.30")
	count(policy.deny) == 0 with input as at(with_container(ctx), "v1.31")
}

test_probe_host_checked_from_1_34 if {
	probe := {"httpGet": {"host": "10.0.0.1", "path": "/", "port": 80}}
	pod := deployment({"containers": [{"name": "app", "livenessProbe": probe}]})
	count(policy.deny) == 0 with input as at(pod, "v1.33")
	count(policy.deny) == 1 with input as at(pod, "v1.34")
}

test_proc_mount_allowed_in_a_user_namespace_from_1_35 if {
	pod := deployment({"hostUsers": false, "containers": [{"name": "app", "securityContext": {"procMount": "Unmasked"}}]})
	count(policy.deny) == 1 with input as at(pod, "v1.34")
	count(policy.deny) == 0 with input as at(pod, "v1.35")
	count(policy.deny) == 0 with input as pod
	count(policy.deny) == 0 with input as with_container({"procMount": null})
}

test_seccomp_profile_must_name_an_allowed_type if {
	count(policy.deny) == 1 with input as with_container({"seccompProfile": {}})
	count(policy.deny) == 1 with input as with_container({"seccompProfile": {"type": "Custom"}})
	count(policy.deny) == 0 with input as with_container({"seccompProfile": {"type": "Localhost", "localhostProfile": "p.json"}})
}

test_seccomp_fields_before_1_19_are_not_checked if {
	count(policy.deny) == 0 with input as at(with_container({"seccompProfile": {"type": "Unconfined"}}), "v1.18")
}

annotated(annotations) := deployment({"annotations": annotations, "containers": [{"name": "app"}]})

test_seccomp_annotations_before_1_19 if {
	count(policy.deny) == 1 with input as at(annotated({"seccomp.security.alpha.kubernetes.io/pod": "unconfined"}), "v1.18")
	some msg in {f.message | some f in policy.deny} with input as at(annotated({"container.seccomp.security.alpha.kubernetes.io/app": "unconfined"}), "v1.18")
	contains(msg, "container.seccomp.security.alpha.kubernetes.io/app=\"unconfined\"")
	ok := {
		"seccomp.security.alpha.kubernetes.io/pod": "docker/default",
		"container.seccomp.security.alpha.kubernetes.io/app": "localhost/p.json",
		"container.seccomp.security.alpha.kubernetes.io/other": "unconfined",
	}
	count(policy.deny) == 0 with input as at(annotated(ok), "v1.18")
	count(policy.deny) == 0 with input as at(annotated({"seccomp.security.alpha.kubernetes.io/pod": "unconfined"}), "v1.19")
}

test_apparmor_empty_annotation_allowed_and_profile_without_type_denied if {
	count(policy.deny) == 0 with input as deployment({"annotations": {"container.apparmor.security.beta.kubernetes.io/app": ""}, "containers": []})
	count(policy.deny) == 1 with input as with_container({"appArmorProfile": {}})
}

test_bad_version_denied if {
	some msg in {f.message | some f in policy.deny} with input as at(with_container({}), "v1")
	contains(msg, "podSecurityVersion=\"v1\" is not a Pod Security Standards version")
	count(policy.deny) == 0 with input as at({"review": {"object": {"kind": "ConfigMap"}}}, "v1")
}

# At level restricted (the default) a Windows pod's capabilities and seccomp are restricted's to judge
# (which exempts Windows pods from v1.25); at level baseline, baseline judges them.
test_windows_capabilities_and_seccomp_left_to_restricted if {
	windows := deployment({"os": {"name": "windows"}, "securityContext": {"seccompProfile": {"type": "Unconfined"}}, "containers": [{"name": "app", "securityContext": {"capabilities": {"add": ["SYS_ADMIN"]}}}]})
	count(policy.deny) == 0 with input as windows
	count(policy.deny) == 0 with input as at(windows, "v1.25")
	count(policy.deny) == 2 with input as at(windows, "v1.24")
	count(policy.deny) == 2 with input as object.union(windows, {"parameters": {"podSecurityLevel": "baseline"}})
}

test_bad_level_denied if {
	some msg in {f.message | some f in policy.deny} with input as object.union(with_container({}), {"parameters": {"podSecurityLevel": "privileged"}})
	contains(msg, "podSecurityLevel=\"privileged\" is not a Pod Security level")
}
