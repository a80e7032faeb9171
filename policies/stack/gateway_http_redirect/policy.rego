# METADATA
# title: Plain-HTTP Gateway listeners only redirect to HTTPS
# description: >-
#   A Gateway API Gateway (gateway.networking.k8s.io) may have an HTTP
#   listener only to redirect clients to HTTPS: an HTTPRoute attached to it
#   (parentRefs name, and sectionName when given) must exist, and every route
#   attached to it must answer every request with a RequestRedirect to
#   scheme https. Anything else serves traffic in plain text.
# related_resources:
#   - ref: https://gateway-api.sigs.k8s.io/guides/http-redirect-rewrite/
# custom:
#   severity: high
#   remediation: Attach an HTTPRoute to the HTTP listener whose only rule has a RequestRedirect filter with scheme https, or remove the listener.
package cairn.stack.gateway_http_redirect

import data.cairn.lib
import data.cairn.lib.stack

gateway_api(obj) if startswith(lib.field(obj, "apiVersion", ""), "gateway.networking.k8s.io/")

namespace_of(obj) := lib.field(obj, ["metadata", "namespace"], "default")

plain_listeners contains {"gateway": entry.object, "listener": listener, "index": i} if {
	some entry in stack.kubernetes_objects
	entry.object.kind == "Gateway"
	gateway_api(entry.object)
	some i, listener in lib.field(entry.object, ["spec", "listeners"], [])
	upper(lib.field(listener, "protocol", "")) == "HTTP"
}

routes contains entry.object if {
	some entry in stack.kubernetes_objects
	entry.object.kind == "HTTPRoute"
	gateway_api(entry.object)
}

attached(route, gateway, listener) if {
	some ref in lib.field(route, ["spec", "parentRefs"], [])
	lib.field(ref, "kind", "Gateway") == "Gateway"
	ref.name == gateway.metadata.name
	lib.field(ref, "namespace", namespace_of(route)) == namespace_of(gateway)
	lib.field(ref, "sectionName", listener.name) == listener.name
}

redirects_to_https(rule) if {
	some filter in lib.field(rule, "filters", [])
	filter.type == "RequestRedirect"
	filter.requestRedirect.scheme == "https"
}

serving_rules(route) := [i | some i, rule in lib.field(route, ["spec", "rules"], [{}]); not redirects_to_https(rule)]

# METADATA
# title: HTTP listener without a redirect
# description: No HTTPRoute redirecting to HTTPS is attached to the plain-HTTP listener.
# custom:
#   remediation: Attach an HTTPRoute with a RequestRedirect (scheme https) to the listener, or remove it.
deny contains lib.finding_about(stack.object_label(p.gateway), ["spec", "listeners", p.index], msg) if {
	some p in plain_listeners
	count([r | some r in routes; attached(r, p.gateway, p.listener)]) == 0
	not undecided
	msg := sprintf("%s: listener %s (HTTP, port %v) has no HTTPRoute redirecting to HTTPS; attach one with a RequestRedirect filter (scheme https) or remove the listener", [stack.object_label(p.gateway), lib.show(p.listener.name), lib.field(p.listener, "port", "?")])
}

# METADATA
# title: Route serving plain HTTP
# description: A route attached to the plain-HTTP listener has a rule that does not redirect to HTTPS.
# custom:
#   remediation: Attach the route to the HTTPS listener (sectionName https) instead.
deny contains lib.finding_about(stack.object_label(route), ["spec", "rules"], msg) if {
	some p in plain_listeners
	some route in routes
	attached(route, p.gateway, p.listener)
	rules := serving_rules(route)
	count(rules) > 0
	msg := sprintf("%s: rules %s serve plain HTTP on %s listener %s; attach the route to the HTTPS listener or make it a redirect to https", [stack.object_label(route), lib.show(rules), stack.object_label(p.gateway), lib.show(p.listener.name)])
}

undecided if {
	some entry in stack.kubernetes_objects
	entry.object.kind in {"Gateway", "HTTPRoute"}
	count(lib.field(entry.resource, "unknowns", [])) > 0
	some path in entry.resource.unknowns
	path[0] in {"spec", "metadata"}
}

# METADATA
# title: Deferred while routes are unknown
# description: Gateways or routes with values unknown at preview are checked by `pulumi up`.
deferred contains lib.finding_about("stack", [], msg) if {
	count(plain_listeners) > 0
	undecided
	msg := "a Gateway or HTTPRoute has values unknown during preview, so the HTTP-redirect check is deferred to `pulumi up`"
}
