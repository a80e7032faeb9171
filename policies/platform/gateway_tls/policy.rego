# METADATA
# title: Gateway TLS 1.2 or newer, no plain-text listeners
# description: >-
#   Istio Gateways serve HTTPS/TLS with minProtocolVersion TLSV1_2 or TLSV1_3
#   and a credential, and plain HTTP servers only redirect to HTTPS. Envoy
#   Gateway ClientTrafficPolicies do not lower tls.minVersion below 1.2.
# related_resources:
#   - ref: https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings
# custom:
#   severity: high
#   remediation: Set tls.minProtocolVersion TLSV1_2 (or TLSV1_3) and credentialName; give HTTP servers tls.httpsRedirect true.
package cairn.platform.gateway_tls

import data.cairn.lib
import data.cairn.lib.kubernetes as k8s

modern_istio := ["TLSV1_2", "TLSV1_3"]

default istio_gateway := false

istio_gateway if {
	k8s.kind == "Gateway"
	startswith(lib.field(k8s.obj, "apiVersion", ""), "networking.istio.io/")
}

servers contains {"index": i, "server": server} if {
	istio_gateway
	some i, server in lib.field(k8s.obj, ["spec", "servers"], [])
}

protocol(server) := upper(lib.field(server, ["port", "protocol"], ""))

# METADATA
# title: TLS 1.2 minimum on Istio gateways
# description: HTTPS/TLS servers terminating TLS set tls.minProtocolVersion TLSV1_2 or TLSV1_3.
# custom:
#   remediation: Set tls.minProtocolVersion TLSV1_2.
deny contains lib.finding(["spec", "servers", s.index, "tls", "minProtocolVersion"], msg) if {
	some s in servers
	protocol(s.server) in ["HTTPS", "TLS"]
	lib.field(s.server, ["tls", "mode"], "SIMPLE") in ["SIMPLE", "MUTUAL", "OPTIONAL_MUTUAL"]
	version := lib.field(s.server, ["tls", "minProtocolVersion"], null)
	not version in modern_istio
	msg := concat("", [k8s.label, ": servers[", lib.path_text(s.index), "] (port ", lib.path_text(lib.field(s.server, ["port", "number"], "?")), ") has tls.minProtocolVersion ", lib.show(version), "; set TLSV1_2 or TLSV1_3"])
}

# METADATA
# title: Credentials on terminating servers
# description: SIMPLE/MUTUAL servers name a credentialName (or certificate files).
# custom:
#   remediation: Set tls.credentialName to the certificate Secret.
deny contains lib.finding(["spec", "servers", s.index, "tls", "credentialName"], msg) if {
	some s in servers
	protocol(s.server) in ["HTTPS", "TLS"]
	lib.field(s.server, ["tls", "mode"], "SIMPLE") in ["SIMPLE", "MUTUAL", "OPTIONAL_MUTUAL"]
	lib.field(s.server, ["tls", "credentialName"], "") == ""
	lib.field(s.server, ["tls", "serverCertificate"], "") == ""
	msg := concat("", [k8s.label, ": servers[", lib.path_text(s.index), "] terminates TLS without tls.credentialName; name the certificate Secret"])
}

# METADATA
# title: Plain HTTP only redirects
# description: HTTP servers set tls.httpsRedirect true.
# custom:
#   remediation: Set tls.httpsRedirect true on the HTTP server, or remove it.
deny contains lib.finding(["spec", "servers", s.index, "tls", "httpsRedirect"], msg) if {
	some s in servers
	protocol(s.server) in ["HTTP", "HTTP2"]
	lib.field(s.server, ["tls", "httpsRedirect"], false) != true
	msg := concat("", [k8s.label, ": servers[", lib.path_text(s.index), "] serves plain HTTP on port ", lib.path_text(lib.field(s.server, ["port", "number"], "?")), " without tls.httpsRedirect; redirect to HTTPS or remove it"])
}

# METADATA
# title: Envoy Gateway TLS 1.2 minimum
# description: ClientTrafficPolicy spec.tls.minVersion is not 1.0 or 1.1.
# custom:
#   remediation: Set spec.tls.minVersion "1.2" or remove it.
deny contains lib.finding(["spec", "tls", "minVersion"], msg) if {
	k8s.kind == "ClientTrafficPolicy"
	startswith(lib.field(k8s.obj, "apiVersion", ""), "gateway.envoyproxy.io/")
	version := k8s.obj.spec.tls.minVersion
	version in ["1.0", "1.1", "Auto"]
	msg := concat("", [k8s.label, ": spec.tls.minVersion is ", lib.show(version), "; use \"1.2\" or \"1.3\""])
}

# METADATA
# title: Deferred while servers are unknown
# description: Values unknown at preview are checked by `pulumi up`.
deferred contains finding if {
	k8s.kind in ["Gateway", "ClientTrafficPolicy"]
	some finding in lib.deferred_paths([["spec"]])
}
