# METADATA
# title: Resource requests and limits
# description: >-
#   Every container (and init container) requests CPU and memory and limits
#   memory, so the scheduler can place it and a leak cannot starve its node.
#   CPU limits are not required: they throttle without protecting neighbours.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
# custom:
#   severity: medium
#   remediation: Set resources.requests.cpu, resources.requests.memory and resources.limits.memory on the container.
package cairn.kubernetes.resources

import data.cairn.lib
import data.cairn.lib.kubernetes as k8s

required := [["requests", "cpu"], ["requests", "memory"], ["limits", "memory"]]

# METADATA
# title: Requests and memory limit set
# description: requests.cpu, requests.memory and limits.memory are set on every container.
# custom:
#   remediation: Add the missing value under the container's resources.
deny contains lib.finding(array.concat(entry.path, ["resources"]), msg) if {
	some entry in k8s.containers
	entry.list != "ephemeralContainers"
	resources := lib.field(entry.container, "resources", {})
	missing := [concat(".", path) | some path in required; lib.field(resources, path, null) == null]
	count(missing) > 0
	msg := concat("", [k8s.container_label(entry), ": resources ", concat(", ", missing), " not set; set them (e.g. requests cpu 100m, memory 128Mi; limits memory 256Mi)"])
}

# METADATA
# title: Deferred while the pod spec is unknown
# description: Resources unknown at preview are checked by `pulumi up`.
deferred contains finding if some finding in k8s.deferred_pod_spec
