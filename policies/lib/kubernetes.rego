# METADATA
# title: Cairn Kubernetes helpers
# description: >-
#   Reads the object under review (input.review.object, the Gatekeeper shape)
#   and finds its pod spec and containers, whatever the workload kind.
package cairn.lib.kubernetes

import data.cairn.lib

obj := object.get(input, ["review", "object"], {})

kind := object.get(obj, "kind", "")

metadata := object.get(obj, "metadata", {})

namespace := object.get(metadata, "namespace", "")

# METADATA
# description: >-
#   How messages name the object, Kind namespace/name: the same text as
#   sprintf("%s %s/%s", ...), built with native built-ins (lib.text).
label := concat("", [lib.text(kind), " ", lib.text(object.get(metadata, "namespace", "-")), "/", lib.text(object.get(metadata, "name", "-"))])

# METADATA
# description: >-
#   {"path": the path of the pod spec inside the object}, or {} for an object
#   that runs no pods. Always defined, unlike pod_spec_path: OPA's wasm bundle
#   memoizes only defined values, so a rule left undefined (most objects have
#   no pod spec) would be evaluated again at every reference. Boolean rules
#   default to false for the same reason.
pod := {"path": ["spec"]} if {
	kind == "Pod"
} else := {"path": ["spec", "template", "spec"]} if {
	obj.spec.template.spec
} else := {"path": ["spec", "jobTemplate", "spec", "template", "spec"]} if {
	obj.spec.jobTemplate.spec.template.spec
} else := {"path": ["template", "spec"]} if {
	kind == "PodTemplate"
} else := {}

# METADATA
# description: The path of the pod spec inside the object (also the path inside Pulumi props).
pod_spec_path := pod.path

# METADATA
# description: The pod spec of any object that runs pods (Pod, workloads, CronJob, PodTemplate).
pod_spec := object.get(obj, pod_spec_path, {})

# METADATA
# description: The annotations of the pods (template) or, for a Pod, its own.
pod_annotations := object.get(obj, pod_metadata_path("annotations"), {})

# METADATA
# description: The path of a field of the pods' metadata (the template's, or a Pod's own).
pod_metadata_path(field) := array.concat(array.slice(pod_spec_path, 0, count(pod_spec_path) - 1), ["metadata", field])

default is_workload := false

is_workload if pod.path

# METADATA
# description: >-
#   Every container with its list name (containers, initContainers,
#   ephemeralContainers), its path in the object (for findings' `field`) and
#   its securityContext ({} when unset or not an object) and image ("" when
#   unset), read once here for every policy. An array, not a set: the wasm
#   bundle re-hashes a set's element at every step of a walk over it.
containers := [{"list": list, "container": c, "path": array.concat(pod_spec_path, [list, format_int(i, 10)]), "security_context": object_or_empty(object.get(c, "securityContext", {})), "image": lib.field(c, "image", "")} |
	some list in ["containers", "initContainers", "ephemeralContainers"]
	some i, c in object.get(pod_spec, list, [])
]

object_or_empty(x) := x if {
	is_object(x)
} else := {}

# METADATA
# description: The path of a field under the pod spec (`rel` relative to it).
spec_path(rel) := array.concat(pod_spec_path, rel)

container_label(entry) := concat("", [label, " container ", json.marshal(object.get(entry.container, "name", "?"))])

# METADATA
# description: Deferral notices for unknown values under the pod spec (or the whole object).
deferred_pod_spec := lib.deferred_paths([pod_spec_path]) if {
	is_workload
} else := lib.deferred_paths([["spec"], ["template"]]) if {
	kind in workload_kinds
}

workload_kinds := [
	"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
	"ReplicationController", "Job", "CronJob", "PodTemplate",
]

annotation_reason(annotations, key) := reason if {
	reason := annotations[key]
	is_string(reason)
	trim_space(reason) != ""
}

# METADATA
# description: >-
#   The newest Pod Security Standards version Cairn knows: the Kubernetes minor
#   of the toolchain's kube-apiserver (tools/versions.env), whose
#   k8s.io/pod-security-admission the PSS policies are tested against.
pss_latest_minor := 36

# METADATA
# description: >-
#   The policy parameter podSecurityVersion as given ("v1.N", "1.N" or "latest";
#   "latest" when unset), the version whose Pod Security Standards the
#   pod_security_baseline and pod_security_restricted policies apply, as a
#   namespace's pod-security.kubernetes.io/enforce-version label does.
pss_version := lib.field(input, ["parameters", "podSecurityVersion"], "latest")

# METADATA
# description: >-
#   The minor number N of pss_version (1.N), pss_latest_minor for "latest",
#   or -1 when the parameter is not a version (the policies then deny: a
#   policy that cannot decide denies). A version newer than Cairn knows gets
#   the newest rules, as upstream gives it.
pss_minor := pss_latest_minor if {
	pss_version == "latest"
} else := minor if {
	is_string(pss_version)
	startswith(pss_version, "1.")
	minor := pss_minor_of(substring(pss_version, 2, -1))
} else := minor if {
	is_string(pss_version)
	startswith(pss_version, "v1.")
	minor := pss_minor_of(substring(pss_version, 3, -1))
} else := -1

pss_minor_of(digits) := minor if {
	minor := to_number(digits)
	format_int(minor, 10) == digits
}

# METADATA
# description: >-
#   The message when podSecurityVersion is not a version (both PSS policies
#   deny every workload with it), or "" when it is one.
pss_version_error := concat("", [label, ": policy parameter podSecurityVersion=", lib.show(pss_version), " is not a Pod Security Standards version; use \"latest\" or \"v1.N\" (e.g. \"v1.", format_int(pss_latest_minor, 10), "\")"]) if {
	pss_minor < 0
} else := ""

# METADATA
# description: >-
#   True for a pod in its own user namespace (spec.hostUsers false), which
#   upstream's rules relax from v1.35 (procMount in baseline; runAsNonRoot and
#   runAsUser in restricted).
default pss_user_namespace := false

pss_user_namespace if {
	pss_minor >= 35
	pod_spec.hostUsers == false
}

# METADATA
# description: >-
#   True for a Windows pod (spec.os.name windows), which restricted exempts
#   from allowPrivilegeEscalation, capabilities and seccomp from v1.25.
default pss_windows := false

pss_windows if {
	pss_minor >= 25
	pod_spec.os.name == "windows"
}
