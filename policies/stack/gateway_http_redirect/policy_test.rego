package cairn.stack.gateway_http_redirect_test

import data.cairn.stack.gateway_http_redirect as policy

k8s(obj) := {"type": "kubernetes:gateway.networking.k8s.io/v1:x", "urn": "urn:x", "review": {"object": object.union({"apiVersion": "gateway.networking.k8s.io/v1"}, obj)}}

gateway := k8s({"kind": "Gateway", "metadata": {"name": "cairn", "namespace": "gw"}, "spec": {"listeners": [
	{"name": "https", "protocol": "HTTPS", "port": 443},
	{"name": "http", "protocol": "HTTP", "port": 80},
]}})

route(name, section, rules) := k8s({"kind": "HTTPRoute", "metadata": {"name": name, "namespace": "gw"}, "spec": {"parentRefs": [object.union({"name": "cairn"}, section)], "rules": rules}})

redirect := [{"filters": [{"type": "RequestRedirect", "requestRedirect": {"scheme": "https", "statusCode": 301}}]}]

test_redirect_route_passes if {
	count(policy.deny) == 0 with input as {"resources": [gateway, route("redirect", {"sectionName": "http"}, redirect)]}
}

test_http_listener_without_redirect_denied if {
	some msg in {f.message | some f in policy.deny} with input as {"resources": [gateway]}
	contains(msg, "Gateway gw/cairn: listener \"http\" (HTTP, port 80) has no HTTPRoute redirecting to HTTPS")
}

test_route_serving_plain_http_denied if {
	serving := route("app", {}, [{"backendRefs": [{"name": "app", "port": 8080}]}])
	some msg in {f.message | some f in policy.deny} with input as {"resources": [gateway, route("redirect", {"sectionName": "http"}, redirect), serving]}
	contains(msg, "HTTPRoute gw/app: rules [0] serve plain HTTP")
}

test_route_on_https_listener_allowed if {
	app := route("app", {"sectionName": "https"}, [{"backendRefs": [{"name": "app", "port": 8080}]}])
	count(policy.deny) == 0 with input as {"resources": [gateway, route("redirect", {"sectionName": "http"}, redirect), app]}
}

test_route_in_other_namespace_does_not_attach if {
	other := k8s({"kind": "HTTPRoute", "metadata": {"name": "r", "namespace": "shop"}, "spec": {"parentRefs": [{"name": "cairn", "sectionName": "http"}], "rules": redirect}})
	count(policy.deny) == 1 with input as {"resources": [gateway, other]}
}

test_https_only_gateway_passes if {
	https_only := k8s({"kind": "Gateway", "metadata": {"name": "cairn", "namespace": "gw"}, "spec": {"listeners": [{"name": "https", "protocol": "HTTPS", "port": 443}]}})
	count(policy.deny) == 0 with input as {"resources": [https_only]}
}

test_unknown_route_deferred if {
	unknown := object.union(route("redirect", {"sectionName": "http"}, "__cairn_unknown__"), {"unknowns": [["spec", "rules"]]})
	count(policy.deny) == 0 with input as {"resources": [gateway, unknown]}
	count(policy.deferred) == 1 with input as {"resources": [gateway, unknown]}
}
