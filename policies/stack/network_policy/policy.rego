# METADATA
# title: Default-deny NetworkPolicy in every workload namespace
# description: >-
#   Every namespace in which the stack runs pods has a NetworkPolicy that
#   selects all pods (podSelector {}) and denies all ingress (policyTypes
#   includes Ingress, no ingress rules). Allow rules then open only what is needed.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic
# custom:
#   severity: high
#   remediation: Add a NamespaceBaseline (components/k8s) or a NetworkPolicy with podSelector {} and policyTypes [Ingress, Egress].
package cairn.stack.network_policy

import data.cairn.lib
import data.cairn.lib.stack

workload_kinds := {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job", "CronJob"}

workload_namespaces[ns] contains stack.object_label(entry.object) if {
	some entry in stack.kubernetes_objects
	entry.object.kind in workload_kinds
	ns := lib.field(entry.object, ["metadata", "namespace"], "default")
	not lib.is_unknown(ns)
}

default_deny_namespaces contains ns if {
	some entry in stack.kubernetes_objects
	entry.object.kind == "NetworkPolicy"
	spec := lib.field(entry.object, "spec", {})
	lib.field(spec, "podSelector", {}) == {}
	"Ingress" in lib.field(spec, "policyTypes", [])
	count(lib.field(spec, "ingress", [])) == 0
	ns := lib.field(entry.object, ["metadata", "namespace"], "default")
}

# METADATA
# title: Workload namespace without default deny
# description: A namespace with workloads must have a default-deny ingress NetworkPolicy.
# custom:
#   remediation: Create a NetworkPolicy with podSelector {} and policyTypes [Ingress, Egress] in the namespace.
deny contains lib.finding_about(sprintf("Namespace -/%s", [ns]), [], msg) if {
	some ns, workloads in workload_namespaces
	not ns in default_deny_namespaces
	not preview_default(ns)
	msg := sprintf(
		"namespace %s runs %s but has no default-deny NetworkPolicy (podSelector {}, policyTypes [Ingress], no ingress rules); add one, e.g. with a NamespaceBaseline",
		[lib.show(ns), concat(", ", sort(workloads))],
	)
}

# METADATA
# title: Deferred while a workload namespace is unknown
# description: A workload whose namespace is unknown at preview is checked by `pulumi up`.
deferred contains lib.finding_about(entry.resource.urn, ["metadata", "namespace"], msg) if {
	some entry in stack.kubernetes_objects
	entry.object.kind in workload_kinds
	lib.is_unknown(entry.object.metadata.namespace)
	msg := sprintf("%s: the namespace is unknown during preview, so the default-deny check is deferred to `pulumi up`", [entry.resource.urn])
}

# During preview the Kubernetes provider shows a namespace computed from another resource as "default".
preview_default(ns) if {
	ns == "default"
	input.preview == true
}

# METADATA
# title: Deferred while workloads show the default namespace during preview
# description: >-
#   During preview the Kubernetes provider shows a namespace computed from
#   another resource as "default"; `pulumi up` checks the real namespace for a
#   default-deny NetworkPolicy.
deferred contains lib.finding_about("Namespace -/default", ["metadata", "namespace"], msg) if {
	some ns, workloads in workload_namespaces
	not ns in default_deny_namespaces
	preview_default(ns)
	msg := sprintf("%s run in namespace \"default\" during preview, which is also how the Kubernetes provider shows a namespace computed from another resource; `pulumi up` checks the real namespace for a default-deny NetworkPolicy", [concat(", ", sort(workloads))])
}
