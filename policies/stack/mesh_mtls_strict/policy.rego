# METADATA
# title: Mesh-wide mTLS STRICT
# description: >-
#   A stack that installs Istio (the cairn:mesh:ServiceMesh component, an
#   istiod chart, or any *.istio.io object) also declares a mesh-wide
#   PeerAuthentication: in the mesh root namespace (parameter
#   meshRootNamespace, default istio-system, or the istiod chart's
#   namespace), without a selector, with spec.mtls.mode STRICT.
# related_resources:
#   - ref: https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/#lock-down-mutual-tls-for-the-entire-mesh
# custom:
#   severity: critical
#   parameters:
#     meshRootNamespace:
#       type: string
#   remediation: Use the ServiceMesh component (mtlsMode STRICT) or add PeerAuthentication default in istio-system with mtls.mode STRICT.
package cairn.stack.mesh_mtls_strict

import data.cairn.lib
import data.cairn.lib.stack

mesh_evidence contains r.urn if {
	some r in stack.resources
	r.type == "cairn:mesh:ServiceMesh"
}

mesh_evidence contains r.urn if {
	some r in stack.resources
	stack.chart_name(r) == "istiod"
}

mesh_evidence contains entry.resource.urn if {
	some entry in stack.kubernetes_objects
	endswith(split(lib.field(entry.object, "apiVersion", ""), "/")[0], ".istio.io")
}

root_namespaces contains lib.field(input, ["parameters", "meshRootNamespace"], "istio-system")

root_namespaces contains ns if {
	some r in stack.resources
	stack.chart_name(r) == "istiod"
	ns := r.props.namespace
	is_string(ns)
}

mesh_wide_strict contains entry.resource.urn if {
	some entry in stack.kubernetes_objects
	entry.object.kind == "PeerAuthentication"
	lib.field(entry.object, ["metadata", "namespace"], "") in root_namespaces
	not entry.object.spec.selector
	entry.object.spec.mtls.mode == "STRICT"
}

# METADATA
# title: Mesh-wide STRICT PeerAuthentication present
# description: A stack with Istio has a selector-less STRICT PeerAuthentication in the root namespace.
# custom:
#   remediation: Add PeerAuthentication {metadata {name default, namespace istio-system}, spec {mtls {mode STRICT}}}.
deny contains lib.finding_about("stack", [], msg) if {
	count(mesh_evidence) > 0
	count(mesh_wide_strict) == 0
	not undecided
	msg := sprintf(
		"the stack installs Istio (%s) but has no mesh-wide PeerAuthentication with spec.mtls.mode STRICT in %s; add one (name default, no selector)",
		[concat(", ", sort(mesh_evidence)), lib.show(sort(root_namespaces))],
	)
}

undecided if {
	some entry in stack.kubernetes_objects
	entry.object.kind == "PeerAuthentication"
	some path in lib.field(entry.resource, "unknowns", [])
	path[0] in {"spec", "metadata"}
}

# METADATA
# title: Deferred while a PeerAuthentication is unknown
# description: A PeerAuthentication whose spec or namespace is unknown at preview is checked by `pulumi up`.
deferred contains lib.finding_about("stack", [], msg) if {
	count(mesh_evidence) > 0
	count(mesh_wide_strict) == 0
	undecided
	msg := "a PeerAuthentication's spec or namespace is unknown during preview, so the mesh-wide STRICT check is deferred to `pulumi up`"
}
