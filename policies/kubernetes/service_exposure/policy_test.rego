package cairn.kubernetes.service_exposure_test

import data.cairn.kubernetes.service_exposure as policy

service(annotations, spec) := {"review": {"object": {"kind": "Service", "metadata": {"name": "web", "namespace": "shop", "annotations": annotations}, "spec": spec}}}

test_cluster_ip_passes if {
	count(policy.deny) == 0 with input as service({}, {"ports": [{"port": 80}]})
	count(policy.deny) == 0 with input as service({}, {"type": "ClusterIP"})
}

test_load_balancer_denied_without_annotation if {
	some msg in {f.message | some f in policy.deny} with input as service({}, {"type": "LoadBalancer"})
	contains(msg, "type LoadBalancer exposes")
	count(policy.deny) == 1 with input as service({}, {"type": "NodePort"})
}

test_annotated_load_balancer_needs_source_ranges if {
	some msg in {f.message | some f in policy.deny} with input as service({"cairn.dev/expose": "public storefront"}, {"type": "LoadBalancer"})
	contains(msg, "loadBalancerSourceRanges")
	count(policy.deny) == 0 with input as service({"cairn.dev/expose": "public storefront"}, {"type": "LoadBalancer", "loadBalancerSourceRanges": ["203.0.113.0/24"]})
}

test_annotated_node_port_allowed if {
	count(policy.deny) == 0 with input as service({"cairn.dev/expose": "kind ingress"}, {"type": "NodePort"})
}

test_unknown_type_deferred if {
	count(policy.deferred) == 1 with input as object.union(service({}, {"type": "__cairn_unknown__"}), {"urn": "u", "unknowns": [["spec", "type"]]})
}
