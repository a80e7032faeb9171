# METADATA
# title: Cairn stack helpers
# description: >-
#   Views over the stack input ({resources: [...]}, each resource in the same
#   shape as a resource-level input) for the stack-level policies.
package cairn.lib.stack

resources := object.get(input, "resources", [])

# METADATA
# description: Kubernetes objects in the stack (each resource's review.object), with the resource.
kubernetes_objects contains {"resource": r, "object": r.review.object} if {
	some r in resources
	is_object(r.review.object)
}

# METADATA
# description: Label of a Kubernetes object for messages (kind namespace/name).
object_label(obj) := sprintf("%s %s/%s", [
	object.get(obj, "kind", "object"),
	object.get(obj, ["metadata", "namespace"], "-"),
	object.get(obj, ["metadata", "name"], "-"),
])

# METADATA
# description: Resources of one Pulumi type.
of_type(t) := [r | some r in resources; r.type == t]

# METADATA
# description: The base name of a Helm chart resource's chart, for chart resources in the stack.
chart_name(r) := name if {
	r.type in ["kubernetes:helm.sh/v3:Chart", "kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"]
	parts := split(trim_suffix(object.get(r, ["props", "chart"], ""), "/"), "/")
	name := parts[count(parts) - 1]
}

# METADATA
# description: Resources by URN.
by_urn[r.urn] := r if some r in resources
