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
