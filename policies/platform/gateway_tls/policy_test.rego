package cairn.platform.gateway_tls_test

import data.cairn.platform.gateway_tls as policy

gateway(servers) := {"review": {"object": {"apiVersion": "networking.istio.io/v1", "kind": "Gateway", "metadata": {"name": "public", "namespace": "istio-ingress"}, "spec": {"selector": {"istio": "ingressgateway"}, "servers": servers}}}}

https(tls) := {"port": {"number": 443, "name": "https", "protocol": "HTTPS"}, "hosts": ["*.example.com"], "tls": tls}

test_modern_https_with_redirect_passes if {
	servers := [
		https({"mode": "SIMPLE", "credentialName": "web-cert", "minProtocolVersion": "TLSV1_2"}),
		{"port": {"number": 80, "name": "http", "protocol": "HTTP"}, "hosts": ["*.example.com"], "tls": {"httpsRedirect": true}},
	]
	count(policy.deny) == 0 with input as gateway(servers)
}

test_missing_or_old_min_version_denied if {
	some msg in {f.message | some f in policy.deny} with input as gateway([https({"mode": "SIMPLE", "credentialName": "c"})])
	contains(msg, "servers[0] (port 443) has tls.minProtocolVersion null")
	count(policy.deny) == 1 with input as gateway([https({"mode": "SIMPLE", "credentialName": "c", "minProtocolVersion": "TLSV1_1"})])
}

test_passthrough_needs_no_version if {
	count(policy.deny) == 0 with input as gateway([https({"mode": "PASSTHROUGH"})])
}

test_missing_credential_denied if {
	count(policy.deny) == 1 with input as gateway([https({"mode": "SIMPLE", "minProtocolVersion": "TLSV1_3"})])
}

test_plain_http_denied if {
	some msg in {f.message | some f in policy.deny} with input as gateway([{"port": {"number": 80, "protocol": "HTTP"}, "hosts": ["*"]}])
	contains(msg, "plain HTTP on port 80")
}

test_envoy_gateway_old_tls_denied if {
	ctp := {"review": {"object": {"apiVersion": "gateway.envoyproxy.io/v1alpha1", "kind": "ClientTrafficPolicy", "metadata": {"name": "tls", "namespace": "gw"}, "spec": {"tls": {"minVersion": "1.1"}}}}}
	count(policy.deny) == 1 with input as ctp
	ok := {"review": {"object": {"apiVersion": "gateway.envoyproxy.io/v1alpha1", "kind": "ClientTrafficPolicy", "metadata": {"name": "tls", "namespace": "gw"}, "spec": {"tls": {"minVersion": "1.3"}}}}}
	count(policy.deny) == 0 with input as ok
}

test_unknown_servers_deferred if {
	inp := object.union(gateway("__cairn_unknown__"), {"urn": "u", "unknowns": [["spec", "servers"]]})
	count(policy.deferred) == 1 with input as inp
}
