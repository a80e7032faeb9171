# METADATA
# title: No default namespace
# description: >-
#   Nothing is created in the default namespace, explicitly or by omission:
#   workloads and Services without metadata.namespace land in the provider's
#   namespace, which is "default" unless the provider sets one.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/
# custom:
#   severity: medium
#   remediation: Set metadata.namespace to a namespace created by a NamespaceBaseline.
package cairn.kubernetes.namespace

import data.cairn.lib
import data.cairn.lib.kubernetes as k8s

placed_kinds := array.concat(k8s.workload_kinds, ["Service", "ConfigMap", "Secret", "ServiceAccount", "Role", "RoleBinding", "Ingress"])

# The namespace Pulumi's Kubernetes provider uses when the object has none.
provider_namespace := lib.field(input, ["provider", "props", "namespace"], "default")

# METADATA
# title: Explicit default namespace
# description: metadata.namespace is "default".
# custom:
#   remediation: Move the object to its own namespace.
deny contains lib.finding(["metadata", "namespace"], msg) if {
	k8s.namespace == "default"
	not input.preview
	msg := concat("", [k8s.label, ": metadata.namespace is \"default\"; put it in a dedicated namespace (CIS 4.5.2)"])
}

# METADATA
# title: Default namespace by omission
# description: >-
#   A namespaced object without metadata.namespace while the provider's namespace
#   is default. Objects Pulumi creates always have metadata.name (given or
#   auto-named); a bare lookup such as Secret.get has no inputs and is skipped.
# custom:
#   remediation: Set metadata.namespace.
deny contains lib.finding(["metadata", "namespace"], msg) if {
	k8s.kind in placed_kinds
	k8s.metadata.name
	not k8s.metadata.namespace
	provider_namespace == "default"
	msg := concat("", [k8s.label, ": metadata.namespace is not set, so it lands in the provider namespace ", lib.show(provider_namespace), "; set metadata.namespace"])
}

# METADATA
# title: Deferred while the namespace is unknown
# description: >-
#   A namespace unknown at preview is checked by `pulumi up`. The Kubernetes
#   provider also reports a namespace taken from another resource's output as
#   "default" during preview, so "default" is only a verdict outside preview.
deferred contains finding if some finding in lib.deferred_paths([["metadata", "namespace"]])

# METADATA
# title: Deferred while the namespace shows as default during preview
# description: >-
#   During preview the Kubernetes provider shows a namespace computed from
#   another resource as "default"; `pulumi up` checks the real value.
deferred contains lib.finding(["metadata", "namespace"], msg) if {
	k8s.namespace == "default"
	input.preview == true
	msg := concat("", [k8s.label, ": metadata.namespace is \"default\" during preview, which is also how the Kubernetes provider shows a namespace computed from another resource; `pulumi up` checks the real value"])
}
