# METADATA
# title: Services not exposed without an explicit allow
# description: >-
#   A Service of type LoadBalancer or NodePort opens the workload outside the
#   cluster. It is allowed only with the annotation cairn.dev/expose whose
#   value says why (reviewed like any exemption); a LoadBalancer also needs
#   spec.loadBalancerSourceRanges.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types
# custom:
#   severity: high
#   remediation: Use type ClusterIP behind the gateway, or annotate cairn.dev/expose with the reason.
package cairn.kubernetes.service_exposure

import data.cairn.lib
import data.cairn.lib.kubernetes as k8s

expose_annotation := "cairn.dev/expose"

exposed_types := ["LoadBalancer", "NodePort"]

service_type := lib.field(k8s.obj, ["spec", "type"], "ClusterIP") if k8s.kind == "Service"

default allowed := false

allowed if k8s.annotation_reason(lib.field(k8s.metadata, "annotations", {}), expose_annotation)

# METADATA
# title: No unannounced external Service
# description: LoadBalancer/NodePort Services need the cairn.dev/expose annotation.
# custom:
#   remediation: Switch to ClusterIP, or annotate cairn.dev/expose with the reason.
deny contains lib.finding(["spec", "type"], msg) if {
	service_type in exposed_types
	not allowed
	msg := concat("", [k8s.label, ": type ", lib.text(service_type), " exposes the Service outside the cluster; use ClusterIP behind the gateway, or annotate ", lib.text(expose_annotation), " with the reason"])
}

# METADATA
# title: Load balancers restrict their sources
# description: An allowed LoadBalancer Service sets spec.loadBalancerSourceRanges.
# custom:
#   remediation: Set spec.loadBalancerSourceRanges to the client CIDRs.
deny contains lib.finding(["spec", "loadBalancerSourceRanges"], msg) if {
	service_type == "LoadBalancer"
	allowed
	count(lib.field(k8s.obj, ["spec", "loadBalancerSourceRanges"], [])) == 0
	msg := concat("", [k8s.label, ": LoadBalancer has no spec.loadBalancerSourceRanges, so it is open to 0.0.0.0/0; list the client CIDRs"])
}

# METADATA
# title: Deferred while the type is unknown
# description: A Service type unknown at preview is checked by `pulumi up`.
deferred contains finding if {
	k8s.kind == "Service"
	some finding in lib.deferred_paths([["spec", "type"], ["spec", "loadBalancerSourceRanges"]])
}
