# METADATA
# title: Pod Security Standards, restricted
# description: >-
#   Every object that runs pods also meets the restricted profile: safe volume
#   types, no privilege escalation, non-root, a seccomp profile, and all
#   capabilities dropped, as upstream's Pod Security admission decides it at the
#   version in kubernetes.pod_security_baseline's podSecurityVersion parameter
#   (default: the newest).
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
#   - ref: https://github.com/kubernetes/pod-security-admission/tree/master/policy
# custom:
#   severity: high
#   remediation: >-
#     Set securityContext on the pod (runAsNonRoot true, seccompProfile RuntimeDefault) and on every container
#     (allowPrivilegeEscalation false, capabilities.drop [ALL]).
package cairn.kubernetes.pod_security_restricted

import data.cairn.lib
import data.cairn.lib.kubernetes as k8s

allowed_volume_types := ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image", "persistentVolumeClaim", "projected", "secret"]

pod_context := lib.field(k8s.pod_spec, "securityContext", {})

# METADATA
# title: Only restricted volume types
# description: >-
#   Volumes may only be configMap, csi, downwardAPI, emptyDir, ephemeral,
#   image, persistentVolumeClaim, projected or secret (a volume with no source
#   is an emptyDir: the API server defaults it so).
# custom:
#   remediation: Replace the volume with one of the allowed types.
deny contains lib.finding(k8s.spec_path(["volumes", vi, field]), msg) if {
	some vi, volume in lib.field(k8s.pod_spec, "volumes", [])
	is_object(volume)
	sources := [f | some f, v in volume; f != "name"; v != null]
	not allowed_source(sources)
	some field in sources
	msg := concat("", [k8s.label, ": volume ", lib.show(volume.name), " has type ", lib.text(field), ", which the restricted profile does not allow; use ", concat(", ", allowed_volume_types)])
}

allowed_source(sources) if {
	some field in sources
	field in allowed_volume_types
}

# METADATA
# title: No privilege escalation
# description: >-
#   Every container sets securityContext.allowPrivilegeEscalation to false
#   (from v1.8; Windows pods are exempt from v1.25).
# custom:
#   remediation: Set securityContext.allowPrivilegeEscalation false on the container.
deny contains lib.finding(array.concat(entry.path, ["securityContext", "allowPrivilegeEscalation"]), msg) if {
	k8s.pss_minor >= 8
	not k8s.pss_windows
	some entry in k8s.containers
	value := object.get(entry.security_context, "allowPrivilegeEscalation", null)
	value != false
	msg := concat("", [k8s.container_label(entry), ": securityContext.allowPrivilegeEscalation is ", lib.show(value), "; set it to false (PSS restricted)"])
}

# METADATA
# title: Run as non-root
# description: >-
#   runAsNonRoot is true on the pod or on every container, and no container
#   sets it to false (pods with their own user namespace, spec.hostUsers
#   false, are exempt from v1.35).
# custom:
#   remediation: Set spec.securityContext.runAsNonRoot true (and a non-zero runAsUser).
deny contains lib.finding(array.concat(entry.path, ["securityContext", "runAsNonRoot"]), msg) if {
	not k8s.pss_user_namespace
	some entry in k8s.containers
	container_value := object.get(entry.security_context, "runAsNonRoot", null)
	not non_root(container_value)
	msg := concat("", [k8s.container_label(entry), ": runAsNonRoot is ", lib.show(container_value), " on the container and ", lib.show(lib.field(pod_context, "runAsNonRoot", null)), " on the pod; set spec.securityContext.runAsNonRoot true (PSS restricted)"])
}

non_root(container_value) if container_value == true

# METADATA
# title: Pod not set to run as root
# description: >-
#   spec.securityContext.runAsNonRoot is not false, even when every container
#   sets it to true (exempt like the containers' rule).
# custom:
#   remediation: Set spec.securityContext.runAsNonRoot true, or remove it.
deny contains lib.finding(k8s.spec_path(["securityContext", "runAsNonRoot"]), msg) if {
	not k8s.pss_user_namespace
	pod_context.runAsNonRoot == false
	msg := concat("", [k8s.label, ": spec.securityContext.runAsNonRoot is false; set it to true (PSS restricted)"])
}

non_root(container_value) if {
	container_value == null
	pod_context.runAsNonRoot == true
}

# METADATA
# title: Non-zero user id
# description: >-
#   runAsUser must not be 0 on the pod (from v1.23; pods with their own user
#   namespace, spec.hostUsers false, are exempt from v1.35).
# custom:
#   remediation: Set runAsUser to a non-zero UID (e.g. 65532) or remove it.
deny contains lib.finding(k8s.spec_path(["securityContext", "runAsUser"]), msg) if {
	run_as_user_checked
	pod_context.runAsUser == 0
	msg := concat("", [k8s.label, ": spec.securityContext.runAsUser=0 runs as root; use a non-zero UID (PSS restricted)"])
}

# METADATA
# title: No container running as root
# description: >-
#   No container sets securityContext.runAsUser to 0 (versions and exemption
#   as for the pod).
# custom:
#   remediation: Set securityContext.runAsUser to a non-zero UID, or remove it.
deny contains lib.finding(array.concat(entry.path, ["securityContext", "runAsUser"]), msg) if {
	run_as_user_checked
	some entry in k8s.containers
	entry.security_context.runAsUser == 0
	msg := concat("", [k8s.container_label(entry), ": securityContext.runAsUser=0 runs as root; use a non-zero UID (PSS restricted)"])
}

default run_as_user_checked := false

run_as_user_checked if {
	k8s.pss_minor >= 23
	not k8s.pss_user_namespace
}

# METADATA
# title: Seccomp profile set
# description: >-
#   seccompProfile.type is RuntimeDefault or Localhost on the pod or on every
#   container (from v1.19; Windows pods are exempt from v1.25).
# custom:
#   remediation: Set spec.securityContext.seccompProfile.type RuntimeDefault.
deny contains lib.finding(array.concat(entry.path, ["securityContext", "seccompProfile", "type"]), msg) if {
	k8s.pss_minor >= 19
	not k8s.pss_windows
	some entry in k8s.containers
	container_type := object.get(entry.security_context, ["seccompProfile", "type"], null)
	not seccomp_ok(container_type)
	msg := concat("", [k8s.container_label(entry), ": seccompProfile.type is ", lib.show(container_type), " on the container and ", lib.show(lib.field(pod_context, ["seccompProfile", "type"], null)), " on the pod; set spec.securityContext.seccompProfile.type RuntimeDefault (PSS restricted)"])
}

seccomp_ok(container_type) if container_type in ["RuntimeDefault", "Localhost"]

seccomp_ok(container_type) if {
	container_type == null
	pod_context.seccompProfile.type in ["RuntimeDefault", "Localhost"]
}

# METADATA
# title: Capabilities dropped
# description: >-
#   Every container, ephemeral ones included, drops ALL capabilities (from
#   v1.22; Windows pods are exempt from v1.25).
# custom:
#   remediation: Set securityContext.capabilities.drop [ALL] on the container.
deny contains lib.finding(array.concat(entry.path, ["securityContext", "capabilities", "drop"]), msg) if {
	capabilities_checked
	some entry in k8s.containers
	drop := lib.field(entry.security_context, ["capabilities", "drop"], [])
	not "ALL" in drop
	msg := concat("", [k8s.container_label(entry), ": securityContext.capabilities.drop is ", lib.show(drop), "; it must include ALL (PSS restricted)"])
}

# METADATA
# title: Only NET_BIND_SERVICE may be added
# description: >-
#   securityContext.capabilities.add lists nothing but NET_BIND_SERVICE
#   (versions and exemption as for drop).
# custom:
#   remediation: Remove every added capability except NET_BIND_SERVICE.
deny contains lib.finding(array.concat(entry.path, ["securityContext", "capabilities", "add"]), msg) if {
	capabilities_checked
	some entry in k8s.containers
	some cap in lib.field(entry.security_context, ["capabilities", "add"], [])
	cap != "NET_BIND_SERVICE"
	msg := concat("", [k8s.container_label(entry), ": capability ", lib.show(cap), " may not be added (PSS restricted allows only NET_BIND_SERVICE); remove it"])
}

default capabilities_checked := false

capabilities_checked if {
	k8s.pss_minor >= 22
	not k8s.pss_windows
}

# METADATA
# title: Default /proc mount in a user namespace too
# description: >-
#   From v1.35 restricted keeps procMount unset or Default even in a pod with
#   its own user namespace (spec.hostUsers false), which baseline lets set it
#   (baseline denies it in any other pod).
# custom:
#   remediation: Remove securityContext.procMount.
deny contains lib.finding(array.concat(entry.path, ["securityContext", "procMount"]), msg) if {
	k8s.pss_user_namespace
	some entry in k8s.containers
	mount := lib.field(entry.security_context, "procMount", "Default")
	mount != "Default"
	msg := concat("", [k8s.container_label(entry), ": securityContext.procMount=", lib.show(mount), " is not allowed (PSS restricted, even with spec.hostUsers false); remove it"])
}

# METADATA
# title: A Pod Security Standards version
# description: The podSecurityVersion parameter, when set, is "latest" or a version "v1.N".
# custom:
#   remediation: Set podSecurityVersion (on kubernetes.pod_security_baseline) to "latest" or "v1.N", or remove it.
deny contains lib.finding([], k8s.pss_version_error) if {
	k8s.is_workload
	k8s.pss_version_error != ""
}

# METADATA
# title: Deferred while the pod spec is unknown
# description: A pod spec with values unknown at preview is checked again by `pulumi up`.
deferred contains finding if some finding in k8s.deferred_pod_spec
