# METADATA
# title: Pod Security Standards, restricted
# description: >-
#   Every object that runs pods also meets the restricted profile: safe volume
#   types, no privilege escalation, non-root, a seccomp profile, and all
#   capabilities dropped.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted
# custom:
#   severity: high
#   remediation: >-
#     Set securityContext on the pod (runAsNonRoot true, seccompProfile RuntimeDefault) and on every container
#     (allowPrivilegeEscalation false, capabilities.drop [ALL]).
package cairn.kubernetes.pod_security_restricted

import data.cairn.lib
import data.cairn.lib.kubernetes as k8s

allowed_volume_types := ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"]

pod_context := lib.field(k8s.pod_spec, "securityContext", {})

# METADATA
# title: Only restricted volume types
# description: Volumes may only be configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret.
# custom:
#   remediation: Replace the volume with one of the allowed types.
deny contains lib.finding(k8s.spec_path(["volumes", vi, field]), msg) if {
	some vi, volume in lib.field(k8s.pod_spec, "volumes", [])
	some field, _ in volume
	field != "name"
	not field in allowed_volume_types
	msg := concat("", [k8s.label, ": volume ", lib.show(volume.name), " has type ", lib.text(field), ", which the restricted profile does not allow; use ", concat(", ", sort(allowed_volume_types))])
}

# METADATA
# title: No privilege escalation
# description: Every container sets securityContext.allowPrivilegeEscalation to false.
# custom:
#   remediation: Set securityContext.allowPrivilegeEscalation false on the container.
deny contains lib.finding(array.concat(entry.path, ["securityContext", "allowPrivilegeEscalation"]), msg) if {
	some entry in k8s.containers
	value := object.get(entry.security_context, "allowPrivilegeEscalation", null)
	value != false
	msg := concat("", [k8s.container_label(entry), ": securityContext.allowPrivilegeEscalation is ", lib.show(value), "; set it to false (PSS restricted)"])
}

# METADATA
# title: Run as non-root
# description: runAsNonRoot is true on the pod or on every container, and no container sets it to false.
# custom:
#   remediation: Set spec.securityContext.runAsNonRoot true (and a non-zero runAsUser).
deny contains lib.finding(array.concat(entry.path, ["securityContext", "runAsNonRoot"]), msg) if {
	some entry in k8s.containers
	container_value := object.get(entry.security_context, "runAsNonRoot", null)
	not non_root(container_value)
	msg := concat("", [k8s.container_label(entry), ": runAsNonRoot is ", lib.show(container_value), " on the container and ", lib.show(lib.field(pod_context, "runAsNonRoot", null)), " on the pod; set spec.securityContext.runAsNonRoot true (PSS restricted)"])
}

non_root(container_value) if container_value == true

non_root(container_value) if {
	container_value == null
	pod_context.runAsNonRoot == true
}

# METADATA
# title: Non-zero user id
# description: runAsUser must not be 0 on the pod or any container.
# custom:
#   remediation: Set runAsUser to a non-zero UID (e.g. 65532) or remove it.
deny contains lib.finding(k8s.spec_path(["securityContext", "runAsUser"]), msg) if {
	pod_context.runAsUser == 0
	msg := concat("", [k8s.label, ": spec.securityContext.runAsUser=0 runs as root; use a non-zero UID (PSS restricted)"])
}

# METADATA
# title: No container running as root
# description: >-
#   No container sets securityContext.runAsUser to 0.
# custom:
#   remediation: Set securityContext.runAsUser to a non-zero UID, or remove it.
deny contains lib.finding(array.concat(entry.path, ["securityContext", "runAsUser"]), msg) if {
	some entry in k8s.containers
	entry.security_context.runAsUser == 0
	msg := concat("", [k8s.container_label(entry), ": securityContext.runAsUser=0 runs as root; use a non-zero UID (PSS restricted)"])
}

# METADATA
# title: Seccomp profile set
# description: seccompProfile.type is RuntimeDefault or Localhost on the pod or on every container.
# custom:
#   remediation: Set spec.securityContext.seccompProfile.type RuntimeDefault.
deny contains lib.finding(array.concat(entry.path, ["securityContext", "seccompProfile", "type"]), msg) if {
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
# description: Every container drops ALL capabilities and adds at most NET_BIND_SERVICE.
# custom:
#   remediation: Set securityContext.capabilities.drop [ALL] on the container.
deny contains lib.finding(array.concat(entry.path, ["securityContext", "capabilities", "drop"]), msg) if {
	some entry in k8s.containers
	entry.list != "ephemeralContainers"
	drop := lib.field(entry.security_context, ["capabilities", "drop"], [])
	not "ALL" in drop
	msg := concat("", [k8s.container_label(entry), ": securityContext.capabilities.drop is ", lib.show(drop), "; it must include ALL (PSS restricted)"])
}

# METADATA
# title: Only NET_BIND_SERVICE may be added
# description: >-
#   securityContext.capabilities.add lists nothing but NET_BIND_SERVICE.
# custom:
#   remediation: Remove every added capability except NET_BIND_SERVICE.
deny contains lib.finding(array.concat(entry.path, ["securityContext", "capabilities", "add"]), msg) if {
	some entry in k8s.containers
	some cap in lib.field(entry.security_context, ["capabilities", "add"], [])
	cap != "NET_BIND_SERVICE"
	msg := concat("", [k8s.container_label(entry), ": capability ", lib.show(cap), " may not be added (PSS restricted allows only NET_BIND_SERVICE); remove it"])
}

# METADATA
# title: Deferred while the pod spec is unknown
# description: A pod spec with values unknown at preview is checked again by `pulumi up`.
deferred contains finding if some finding in k8s.deferred_pod_spec
