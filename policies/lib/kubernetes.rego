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
