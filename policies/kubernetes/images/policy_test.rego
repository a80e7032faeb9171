package cairn.kubernetes.images_test

import data.cairn.kubernetes.images as policy

pod(image) := {"review": {"object": {"kind": "Pod", "metadata": {"name": "p", "namespace": "n"}, "spec": {"containers": [{"name": "c", "image": image}]}}}}

test_tagged_image_from_allowed_registry_passes if {
	count(policy.deny) == 0 with input as pod("docker.io/istio/proxyv2:1.28.0")
	count(policy.deny) == 0 with input as pod("registry.k8s.io/pause@sha256:0123456789abcdef")
	count(policy.deny) == 0 with input as pod("quay.io/prometheus/prometheus:v3.5.0@sha256:abcd")
}

test_latest_and_untagged_denied if {
	some msg in {f.message | some f in policy.deny} with input as pod("docker.io/istio/proxyv2:latest")
	contains(msg, "is not pinned")
	count(policy.deny) == 1 with input as pod("docker.io/istio/proxyv2")
}

test_registry_port_is_not_a_tag if {
	params := {"allowedRegistries": ["localhost:5000/"]}
	count(policy.deny) == 1 with input as object.union(pod("localhost:5000/app"), {"parameters": params})
	count(policy.deny) == 0 with input as object.union(pod("localhost:5000/app:1.0"), {"parameters": params})
}

test_docker_hub_shorthand_normalised if {
	some msg in {f.message | some f in policy.deny} with input as pod("nginx:1.27")
	contains(msg, "docker.io/library/nginx:1.27")
	count(policy.deny) == 0 with input as object.union(pod("nginx:1.27"), {"parameters": {"allowedRegistries": ["docker.io/library/"]}})
	policy.normalise("istio/proxyv2:1") == "docker.io/istio/proxyv2:1"
}

test_unlisted_registry_denied if {
	some msg in {f.message | some f in policy.deny} with input as pod("evil.example.com/miner:1.0")
	contains(msg, "not from an allowed registry")
}

test_unknown_image_is_not_a_verdict if {
	some msg in {f.message | some f in policy.deny} with input as pod("__cairn_unknown__")
	contains(msg, "__cairn_unknown__")
	count(policy.deferred) == 1 with input as object.union(pod("__cairn_unknown__"), {"unknowns": [["spec", "containers", "0", "image"]]})
}

gateway_deployment(labels, annotations) := {"review": {"object": {"kind": "Deployment", "metadata": {"name": "gw", "namespace": "ingress"}, "spec": {"template": {"metadata": {"labels": labels, "annotations": annotations}, "spec": {"containers": [{"name": "istio-proxy", "image": "auto"}]}}}}}}

test_injector_placeholder_allowed_only_where_istio_injects if {
	injected := {"sidecar.istio.io/inject": "true", "istio.io/rev": "1-30-3"}
	template := {"inject.istio.io/templates": "gateway"}
	count(policy.deny) == 0 with input as gateway_deployment(injected, template)
	count(policy.deny) == 2 with input as gateway_deployment({"sidecar.istio.io/inject": "false"}, template)
	count(policy.deny) == 2 with input as gateway_deployment(injected, {})
	count(policy.deny) == 2 with input as pod("auto")
}

test_pinned_chart_registries_allowed_by_default if {
	count(policy.deny) == 0 with input as pod("registry.istio.io/release/pilot:1.30.3")
	count(policy.deny) == 0 with input as pod("quay.io/argoproj/argo-rollouts:v1.10.1")
	count(policy.deny) == 0 with input as pod("hashicorp/consul:1.22.7")
}
