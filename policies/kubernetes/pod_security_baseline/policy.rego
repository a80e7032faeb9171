# METADATA
# title: Pod Security Standards, baseline
# description: >-
#   Every object that runs pods (Pod, Deployment, StatefulSet, DaemonSet,
#   ReplicaSet, Job, CronJob, PodTemplate, and everything a Helm chart renders)
#   meets the Kubernetes Pod Security Standards baseline profile, as upstream's
#   Pod Security admission (k8s.io/pod-security-admission) decides it at the
#   version in the podSecurityVersion parameter (default: the newest).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
#   - ref: https://github.com/kubernetes/pod-security-admission/tree/master/policy
# custom:
#   severity: critical
#   parameters:
#     podSecurityVersion:
#       type: string
#       description: >-
#         The Pod Security Standards version to apply ("latest", or "v1.N" as in a namespace's
#         pod-security.kubernetes.io/enforce-version label), for this policy and
#         kubernetes.pod_security_restricted; default "latest" (the toolchain's Kubernetes).
#     podSecurityLevel:
#       type: string
#       enum: [restricted, baseline]
#       description: >-
#         The level in force: "restricted" (the default, with kubernetes.pod_security_restricted
#         enforced) or "baseline". It only decides what restricted overrides: at restricted, a
#         Windows pod's capabilities and seccomp profile are left to restricted's checks, which
#         exempt Windows pods from v1.25, as upstream's restricted level does.
#   remediation: Remove the host access or privilege named in the message, or run the workload elsewhere.
package cairn.kubernetes.pod_security_baseline

import data.cairn.lib
import data.cairn.lib.kubernetes as k8s

allowed_capabilities := [
	"AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
	"NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
]

# The safe sysctls by the version that allowed them (upstream's sysctls check).
sysctls_by_version := [
	[0, ["kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start"]],
	[27, ["net.ipv4.ip_local_reserved_ports"]],
	[29, ["net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes"]],
	[32, ["net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem"]],
]

# METADATA
# description: The sysctls baseline allows at the policy's version.
allowed_sysctls := [name |
	some entry in sysctls_by_version
	entry[0] <= k8s.pss_minor
	some name in entry[1]
]

# METADATA
# description: The SELinux types baseline allows at the policy's version (container_engine_t from v1.31).
allowed_selinux_types := ["", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"] if {
	k8s.pss_minor >= 31
} else := ["", "container_t", "container_init_t", "container_kvm_t"]

# Security contexts to check: the pod's and each container's, with a label for messages.
# The label is only built for a finding (context_label).
contexts := array.concat(
	[{"field": "spec.securityContext", "path": k8s.spec_path(["securityContext"]), "ctx": ctx} |
		ctx := lib.field(k8s.pod_spec, "securityContext", {})
	],
	[{"entry": entry, "field": "securityContext", "path": array.concat(entry.path, ["securityContext"]), "ctx": ctx} |
		some entry in k8s.containers
		ctx := entry.security_context
	],
)

context_label(c) := k8s.container_label(c.entry) if {
	c.entry
} else := k8s.label

# METADATA
# title: A Pod Security Standards version
# description: The podSecurityVersion parameter, when set, is "latest" or a version "v1.N".
# custom:
#   remediation: Set podSecurityVersion to "latest" or "v1.N", or remove it.
deny contains lib.finding([], k8s.pss_version_error) if {
	k8s.is_workload
	k8s.pss_version_error != ""
}

# METADATA
# title: A Pod Security level
# description: The podSecurityLevel parameter, when set, is "restricted" or "baseline".
# custom:
#   remediation: Set podSecurityLevel to "restricted" or "baseline", or remove it.
deny contains lib.finding([], msg) if {
	k8s.is_workload
	not pss_level in ["restricted", "baseline"]
	msg := concat("", [k8s.label, ": policy parameter podSecurityLevel=", lib.show(pss_level), " is not a Pod Security level; use \"restricted\" or \"baseline\""])
}

pss_level := lib.field(input, ["parameters", "podSecurityLevel"], "restricted")

# METADATA
# description: >-
#   True when restricted's checks replace baseline's capabilities and seccomp
#   checks for this pod and exempt it: at level restricted (the default),
#   upstream's restricted capabilities and seccomp checks override baseline's,
#   and from v1.25 they pass Windows pods (spec.os.name windows), so upstream
#   admits a Windows pod at restricted that baseline alone would reject.
#   (Linux capabilities and seccomp do not apply to Windows containers.)
default windows_left_to_restricted := false

windows_left_to_restricted if {
	k8s.pss_windows
	pss_level == "restricted"
}

# METADATA
# title: No Windows HostProcess
# description: windowsOptions.hostProcess must be unset or false on the pod and every container.
# custom:
#   remediation: Remove windowsOptions.hostProcess.
deny contains lib.finding(array.concat(c.path, ["windowsOptions", "hostProcess"]), msg) if {
	some c in contexts
	c.ctx.windowsOptions.hostProcess == true
	msg := concat("", [context_label(c), ": ", lib.text(c.field), ".windowsOptions.hostProcess=true is not allowed (PSS baseline); remove it"])
}

# METADATA
# title: No host namespaces
# description: hostNetwork, hostPID and hostIPC must be unset or false.
# custom:
#   remediation: Remove hostNetwork/hostPID/hostIPC from the pod spec.
deny contains lib.finding(k8s.spec_path([field]), msg) if {
	some field in ["hostNetwork", "hostPID", "hostIPC"]
	k8s.pod_spec[field] == true
	msg := concat("", [k8s.label, ": spec.", lib.text(field), "=true shares a host namespace (PSS baseline); remove it"])
}

# METADATA
# title: No privileged containers
# description: securityContext.privileged must be unset or false.
# custom:
#   remediation: Remove securityContext.privileged or set it to false.
deny contains lib.finding(array.concat(entry.path, ["securityContext", "privileged"]), msg) if {
	some entry in k8s.containers
	entry.security_context.privileged == true
	msg := concat("", [k8s.container_label(entry), ": securityContext.privileged=true is not allowed (PSS baseline); set it to false"])
}

# METADATA
# title: Only baseline capabilities
# description: >-
#   capabilities.add may only hold the capabilities the baseline profile
#   allows (left to restricted for a Windows pod: see windows_left_to_restricted).
# custom:
#   remediation: Drop the extra capability from securityContext.capabilities.add.
deny contains lib.finding(array.concat(entry.path, ["securityContext", "capabilities", "add"]), msg) if {
	not windows_left_to_restricted
	some entry in k8s.containers
	some cap in lib.field(entry.security_context, ["capabilities", "add"], [])
	not cap in allowed_capabilities
	msg := concat("", [k8s.container_label(entry), ": capability ", lib.show(cap), " in securityContext.capabilities.add is not allowed (PSS baseline); remove it"])
}

# METADATA
# title: No hostPath volumes
# description: spec.volumes[*].hostPath must be unset.
# custom:
#   remediation: Use an emptyDir, configMap, secret or persistentVolumeClaim volume instead.
deny contains lib.finding(k8s.spec_path(["volumes", vi, "hostPath"]), msg) if {
	some vi, volume in lib.field(k8s.pod_spec, "volumes", [])
	volume.hostPath
	msg := concat("", [k8s.label, ": volume ", lib.show(volume.name), " mounts hostPath ", lib.show(lib.field(volume.hostPath, "path", "")), " (PSS baseline); use emptyDir, a PVC or a projected volume"])
}

# METADATA
# title: No host ports
# description: containers[*].ports[*].hostPort must be unset or 0.
# custom:
#   remediation: Remove hostPort and expose the port through a Service.
deny contains lib.finding(array.concat(entry.path, ["ports", pi, "hostPort"]), msg) if {
	some entry in k8s.containers
	some pi, port in lib.field(entry.container, "ports", [])
	lib.field(port, "hostPort", 0) != 0
	msg := concat("", [k8s.container_label(entry), ": hostPort ", lib.path_text(port.hostPort), " is not allowed (PSS baseline); remove it and use a Service"])
}

# METADATA
# title: No probe or lifecycle host
# description: >-
#   Probes and lifecycle handlers must not target another host
#   (httpGet.host/tcpSocket.host), from v1.34.
# custom:
#   remediation: Remove the host field so the probe targets the pod itself.
deny contains lib.finding(array.concat(entry.path, array.concat(path, [handler, "host"])), msg) if {
	k8s.pss_minor >= 34
	some entry in k8s.containers
	some path in [
		["livenessProbe"], ["readinessProbe"], ["startupProbe"],
		["lifecycle", "postStart"], ["lifecycle", "preStop"],
	]
	probe := object.get(entry.container, path, null)
	is_object(probe)
	some handler in ["httpGet", "tcpSocket"]
	host := lib.field(probe, [handler, "host"], "")
	host != ""
	msg := concat("", [k8s.container_label(entry), ": ", concat(".", path), ".", lib.text(handler), ".host=", lib.show(host), " is not allowed (PSS baseline); remove it"])
}

# METADATA
# title: AppArmor profile not unconfined
# description: appArmorProfile.type must be unset, RuntimeDefault or Localhost; annotations runtime/default or localhost/*.
# custom:
#   remediation: Use appArmorProfile.type RuntimeDefault.
deny contains lib.finding(array.concat(c.path, ["appArmorProfile", "type"]), msg) if {
	some c in contexts
	apparmor := c.ctx.appArmorProfile
	is_object(apparmor)
	profile := object.get(apparmor, "type", "")
	not profile in ["RuntimeDefault", "Localhost"]
	msg := concat("", [context_label(c), ": ", lib.text(c.field), ".appArmorProfile.type=", lib.show(profile), " is not allowed (PSS baseline); use RuntimeDefault"])
}

# METADATA
# title: AppArmor annotations allowed
# description: >-
#   Legacy container.apparmor.security.beta.kubernetes.io/* annotations are
#   runtime/default, localhost/* or empty.
# custom:
#   remediation: Set the annotation to runtime/default (or use securityContext.appArmorProfile).
deny contains lib.finding(array.concat(k8s.pod_metadata_path("annotations"), [key]), msg) if {
	some key, value in k8s.pod_annotations
	startswith(key, "container.apparmor.security.beta.kubernetes.io/")
	not value in ["", "runtime/default"]
	not startswith(value, "localhost/")
	msg := concat("", [k8s.label, ": annotation ", lib.text(key), "=", lib.show(value), " is not allowed (PSS baseline); use runtime/default"])
}

# METADATA
# title: SELinux options restricted
# description: seLinuxOptions.type must be a container type; user and role must be unset.
# custom:
#   remediation: Remove seLinuxOptions or use type container_t.
deny contains lib.finding(array.concat(c.path, ["seLinuxOptions", "type"]), msg) if {
	some c in contexts
	selinux_type := lib.field(c.ctx, ["seLinuxOptions", "type"], "")
	not selinux_type in allowed_selinux_types
	msg := concat("", [context_label(c), ": ", lib.text(c.field), ".seLinuxOptions.type=", lib.show(selinux_type), " is not allowed (PSS baseline); use container_t"])
}

# METADATA
# title: No custom SELinux user or role
# description: >-
#   seLinuxOptions.user and seLinuxOptions.role are not set, on the pod or any
#   container.
# custom:
#   remediation: Remove seLinuxOptions.user and seLinuxOptions.role.
deny contains lib.finding(array.concat(c.path, ["seLinuxOptions", field]), msg) if {
	some c in contexts
	some field in ["user", "role"]
	value := lib.field(c.ctx, ["seLinuxOptions", field], "")
	value != ""
	msg := concat("", [context_label(c), ": ", lib.text(c.field), ".seLinuxOptions.", lib.text(field), "=", lib.show(value), " is not allowed (PSS baseline); remove it"])
}

# METADATA
# title: Default /proc mount
# description: >-
#   securityContext.procMount must be unset or Default, unless the pod has its
#   own user namespace (spec.hostUsers false) from v1.35.
# custom:
#   remediation: Remove securityContext.procMount.
deny contains lib.finding(array.concat(entry.path, ["securityContext", "procMount"]), msg) if {
	not k8s.pss_user_namespace
	some entry in k8s.containers
	mount := lib.field(entry.security_context, "procMount", "Default")
	mount != "Default"
	msg := concat("", [k8s.container_label(entry), ": securityContext.procMount=", lib.show(mount), " is not allowed (PSS baseline); remove it"])
}

# METADATA
# title: Seccomp not unconfined
# description: >-
#   A seccompProfile that is set has type RuntimeDefault or Localhost (not
#   Unconfined), from v1.19 (left to restricted for a Windows pod: see
#   windows_left_to_restricted).
# custom:
#   remediation: Use seccompProfile.type RuntimeDefault.
deny contains lib.finding(array.concat(c.path, ["seccompProfile", "type"]), msg) if {
	k8s.pss_minor >= 19
	not windows_left_to_restricted
	some c in contexts
	seccomp := c.ctx.seccompProfile
	is_object(seccomp)
	profile := object.get(seccomp, "type", "")
	not profile in ["RuntimeDefault", "Localhost"]
	msg := concat("", [context_label(c), ": ", lib.text(c.field), ".seccompProfile.type=", lib.show(profile), " is not allowed (PSS baseline); use RuntimeDefault"])
}

# METADATA
# title: Seccomp annotations not unconfined
# description: >-
#   Before v1.19, the seccomp.security.alpha.kubernetes.io/pod and
#   container.seccomp.security.alpha.kubernetes.io/<container> annotations are
#   runtime/default, docker/default or localhost/*.
# custom:
#   remediation: Set the annotation to runtime/default.
deny contains lib.finding(array.concat(k8s.pod_metadata_path("annotations"), [key]), msg) if {
	k8s.pss_minor < 19
	some key in array.concat(["seccomp.security.alpha.kubernetes.io/pod"], [concat("", ["container.seccomp.security.alpha.kubernetes.io/", name]) |
		some entry in k8s.containers
		name := lib.text(object.get(entry.container, "name", ""))
	])
	value := k8s.pod_annotations[key]
	not value in ["runtime/default", "docker/default"]
	not startswith(value, "localhost/")
	msg := concat("", [k8s.label, ": annotation ", key, "=", lib.show(value), " is not allowed (PSS baseline before v1.19); use runtime/default"])
}

# METADATA
# title: Safe sysctls only
# description: spec.securityContext.sysctls may only name the sysctls the baseline profile allows.
# custom:
#   remediation: Remove the sysctl or set it on the node instead.
deny contains lib.finding(k8s.spec_path(["securityContext", "sysctls"]), msg) if {
	some sysctl in lib.field(k8s.pod_spec, ["securityContext", "sysctls"], [])
	not sysctl.name in allowed_sysctls
	msg := concat("", [k8s.label, ": sysctl ", lib.show(sysctl.name), " is not allowed (PSS baseline); remove it"])
}

# METADATA
# title: Deferred while the pod spec is unknown
# description: A pod spec with values unknown at preview is checked again by `pulumi up`.
deferred contains finding if some finding in k8s.deferred_pod_spec
