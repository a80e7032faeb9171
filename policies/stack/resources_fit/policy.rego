# METADATA
# title: Workloads fit their namespace's LimitRange and ResourceQuota
# description: >-
#   Every container's requests and limits, after the namespace's LimitRange
#   defaults fill in what it leaves out, are ones the API server admits: no
#   request above its limit and no limit above the LimitRange's max. The pods
#   of the namespace's workloads at their replica counts fit its ResourceQuota.
#   Otherwise the API server refuses the pods and the update waits for a
#   rollout that never happens.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/policy/limit-range/
#   - ref: https://kubernetes.io/docs/concepts/policy/resource-quotas/
# custom:
#   severity: high
#   remediation: Set the workload's resources (requests and limits) to what it needs, or raise the namespace's LimitRange or quota.
package cairn.stack.resources_fit

import data.cairn.lib
import data.cairn.lib.stack

resource_names := ["cpu", "memory"]

# Quantity suffixes (k8s.io/apimachinery resource.Quantity).
multiplier := {
	"": 1, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
	"Ki": 1024, "Mi": 1048576, "Gi": 1073741824, "Ti": 1099511627776, "Pi": 1125899906842624, "Ei": 1152921504606846976,
}

# METADATA
# description: A quantity in base units (cores, bytes); undefined when it is not one.
quantity(q) := q if is_number(q)

quantity(q) := to_number(parts[1]) * multiplier[parts[2]] if {
	parts := quantity_parts(q)
	parts[2] != "m"
}

# Milli-units divide, so 500m is exactly 0.5.
quantity(q) := to_number(parts[1]) / 1000 if {
	parts := quantity_parts(q)
	parts[2] == "m"
}

quantity_parts(q) := regex.find_all_string_submatch_n(`^([0-9]+(?:\.[0-9]+)?)([a-zA-Z]*)$`, q, 1)[0] if is_string(q)

pod_path(obj) := ["spec"] if obj.kind == "Pod"

pod_path(obj) := ["spec", "template", "spec"] if obj.kind in {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"}

pod_path(obj) := ["spec", "jobTemplate", "spec", "template", "spec"] if obj.kind == "CronJob"

# The LimitRange Container entries of each namespace that has one.
container_ranges[ns] contains entry if {
	some item in stack.kubernetes_objects
	item.object.kind == "LimitRange"
	ns := lib.field(item.object, ["metadata", "namespace"], "default")
	some entry in lib.field(item.object, ["spec", "limits"], [])
	entry.type == "Container"
}

# The one that applies (a namespace with several is judged by the first, in sorted order).
container_limits[ns] := sort_entries(entries)[0] if some ns, entries in container_ranges

sort_entries(entries) := [e | some e in entries]

# Every container of every workload, with what the API server gives it after the LimitRange.
containers contains {"item": item, "ns": ns, "path": path, "name": c.name, "limits": limits, "requests": requests} if {
	some item in stack.kubernetes_objects
	spec_path := pod_path(item.object)
	ns := lib.field(item.object, ["metadata", "namespace"], "default")
	range := object.get(container_limits, ns, {})
	some list in ["containers", "initContainers"]
	some i, c in lib.field(item.object, array.concat(spec_path, [list]), [])
	path := array.concat(spec_path, [list, i])
	own_limits := lib.field(c, ["resources", "limits"], {})
	own_requests := lib.field(c, ["resources", "requests"], {})
	limits := {r: v | some r in resource_names; v := effective_limit(own_limits, range, r)}
	requests := {r: v | some r in resource_names; v := effective_request(own_requests, own_limits, range, r)}
}

effective_limit(own, _, r) := own[r]

effective_limit(own, range, r) := range["default"][r] if not own[r]

# A request left out is the container's own limit if it sets one, else the LimitRange's defaultRequest.
effective_request(own, _, _, r) := own[r]

effective_request(own, own_limits, _, r) := own_limits[r] if {
	not own[r]
	own_limits[r]
}

effective_request(own, own_limits, range, r) := range.defaultRequest[r] if {
	not own[r]
	not own_limits[r]
}

source(c, r) := "its own" if {
	object.get(c.item.object, array.concat(c.path, ["resources", "limits", r]), null) != null
} else := sprintf("the LimitRange default of namespace %s", [lib.show(c.ns)])

# METADATA
# title: Request above its limit
# description: A container whose request is above its limit (its own or the LimitRange default) is refused.
# custom:
#   remediation: Set resources.limits at or above the request, or lower the request.
deny contains lib.finding_about(c.item.resource.urn, array.concat(c.path, ["resources"]), msg) if {
	some c in containers
	some r in resource_names
	quantity(c.requests[r]) > quantity(c.limits[r])
	msg := sprintf(
		"%s container %s requests %s %s but its limit is %s (%s): the API server refuses its pods; set resources.limits.%s to at least %s",
		[stack.object_label(c.item.object), lib.show(c.name), lib.text(c.requests[r]), r, lib.text(c.limits[r]), source(c, r), r, lib.text(c.requests[r])],
	)
}

# METADATA
# title: Limit above the LimitRange's max
# description: A container whose limit is above the namespace's LimitRange max is refused.
# custom:
#   remediation: Lower the container's limit, or raise the LimitRange max.
deny contains lib.finding_about(c.item.resource.urn, array.concat(c.path, ["resources", "limits"]), msg) if {
	some c in containers
	some r in resource_names
	max := container_limits[c.ns].max[r]
	quantity(c.limits[r]) > quantity(max)
	msg := sprintf(
		"%s container %s has a %s limit of %s, above the LimitRange max %s of namespace %s: the API server refuses its pods",
		[stack.object_label(c.item.object), lib.show(c.name), r, lib.text(c.limits[r]), lib.text(max), lib.show(c.ns)],
	)
}

replicas(obj) := object.get(obj, ["spec", "replicas"], 1) if obj.kind in {"Deployment", "StatefulSet", "ReplicaSet"}

replicas(obj) := 1 if not obj.kind in {"Deployment", "StatefulSet", "ReplicaSet"}

# Every ResourceQuota: each one binds on its own.
quotas contains {"item": item, "ns": ns, "hard": lib.field(item.object, ["spec", "hard"], {})} if {
	some item in stack.kubernetes_objects
	item.object.kind == "ResourceQuota"
	ns := lib.field(item.object, ["metadata", "namespace"], "default")
}

# What a namespace's workloads ask for at their replica counts (long-running ones: Jobs come and go).
demand(ns, kind, r) := sum([n |
	some c in containers
	c.ns == ns
	not c.item.object.kind in {"Job", "CronJob"}
	n := quantity(object.get(c, [kind, r], "0")) * replicas(c.item.object)
])

quota_keys := {"requests.cpu": ["requests", "cpu"], "requests.memory": ["requests", "memory"], "limits.cpu": ["limits", "cpu"], "limits.memory": ["limits", "memory"]}

# METADATA
# title: Workloads above the namespace quota
# description: The namespace's long-running workloads at their replica counts ask for more than its ResourceQuota allows.
# custom:
#   remediation: Raise the namespace's quota, or lower the workloads' replicas or resources.
deny contains lib.finding_about(q.item.resource.urn, ["spec", "hard", key], msg) if {
	some q in quotas
	some key, at in quota_keys
	allowed := quantity(q.hard[key])
	asked := demand(q.ns, at[0], at[1])
	asked > allowed
	msg := sprintf(
		"namespace %s: its workloads at their replica counts need %s of %s, above %s's %s: pods beyond it are refused; raise the quota or lower replicas or resources",
		[lib.show(q.ns), format_quantity(asked, at[1]), key, stack.object_label(q.item.object), lib.text(q.hard[key])],
	)
}

format_quantity(n, "cpu") := sprintf("%dm", [round(n * 1000)])

format_quantity(n, "memory") := sprintf("%dMi", [ceil(n / 1048576)])
