# METADATA
# title: Gray releases are gated and reach full promotion
# description: >-
#   Argo Rollouts canaries end at weight 100, run an analysis that gates every
#   weight (no weight is set before the analysis starts), a VirtualService's
#   header route never matches all traffic, a canary breaker is no looser than
#   the error budget of the SLO it protects, and the rollouts controller is
#   never bound to cluster-admin.
# related_resources:
#   - ref: https://argo-rollouts.readthedocs.io/en/stable/features/canary/
#   - ref: https://istio.io/latest/docs/reference/config/networking/virtual-service/#StringMatch
# custom:
#   severity: high
#   remediation: >-
#     Use cairn:delivery:Canary (steps ending at 100, an analysis step after
#     each weight, an exact header value, a breaker within the SLO), and
#     cairn:delivery:RolloutsController (least-privilege RBAC).
package cairn.platform.canary

import data.cairn.lib
import data.cairn.lib.kubernetes as k8s

default is_rollout := false

is_rollout if {
	startswith(lib.field(k8s.obj, "apiVersion", ""), "argoproj.io/")
	k8s.kind == "Rollout"
}

canary := object.get(k8s.obj, ["spec", "strategy", "canary"], null)

steps := object.get(canary, "steps", [])

weights := [s.setWeight | some s in steps; s.setWeight]

# METADATA
# title: Canary steps reach 100
# description: The last setWeight of a canary with steps is 100.
# custom:
#   remediation: End spec.strategy.canary.steps with setWeight 100.
deny contains lib.finding(["spec", "strategy", "canary", "steps"], msg) if {
	is_rollout
	count(weights) > 0
	last := weights[count(weights) - 1]
	last != 100
	msg := concat("", [k8s.label, ": canary steps end at weight ", lib.show(last), ", so the release is never fully promoted by its gate; end with setWeight 100"])
}

default has_background := false

has_background if canary.analysis.templates[0]

inline_analysis_at contains i if {
	some i, s in steps
	s.analysis
}

# METADATA
# title: Canary has an analysis
# description: A canary runs a background analysis or an analysis step.
# custom:
#   remediation: Set spec.strategy.canary.analysis.templates (cairn:delivery:Canary builds it from the SLO).
deny contains lib.finding(["spec", "strategy", "canary"], msg) if {
	is_rollout
	canary != null
	not has_background
	count(inline_analysis_at) == 0
	msg := concat("", [k8s.label, ": canary has no analysis, so nothing gates its promotion; add spec.strategy.canary.analysis from the service's SLO"])
}

background_from := object.get(canary, ["analysis", "startingStep"], 0) if has_background

# A weight is gated by a background analysis started at or before it, or by an analysis step
# after it and before the next weight.
gated(i) if background_from <= i

gated(i) if {
	some j in inline_analysis_at
	j > i
	not weight_between(i, j)
}

weight_between(i, j) if {
	some k, s in steps
	k > i
	k < j
	s.setWeight
}

# METADATA
# title: Every weight is gated
# description: >-
#   Each setWeight below 100 is covered by a background analysis that has
#   started, or followed by an analysis step before the next weight.
# custom:
#   remediation: Add an analysis step after each setWeight (cairn:delivery:Canary does), or start the background analysis at step 0.
deny contains lib.finding(["spec", "strategy", "canary", "steps", i], msg) if {
	is_rollout
	some i, s in steps
	s.setWeight < 100
	not gated(i)
	msg := concat("", [k8s.label, ": step ", lib.path_text(i), " sends weight ", lib.show(s.setWeight), " to the canary and no analysis gates it before the next weight; add an analysis step after it"])
}

catch_all_regex := ["", ".*", "^.*$", ".+", "^.+$", "(.*)"]

matches_everything(m) if m.prefix == ""

matches_everything(m) if m.exact == ""

matches_everything(m) if m.regex in catch_all_regex

# METADATA
# title: Header route does not match all traffic
# description: >-
#   No VirtualService header match is an empty exact/prefix value or a catch-all
#   regex, which would send every request with the header (any value) to one version.
# custom:
#   remediation: Match an exact header value such as gray-version exact "beta".
deny contains lib.finding(["spec", "http", i, "match", j, "headers", h], msg) if {
	endswith(split(lib.field(k8s.obj, "apiVersion", ""), "/")[0], ".istio.io")
	k8s.kind == "VirtualService"
	some i, route in lib.field(k8s.obj, ["spec", "http"], [])
	some j, match in object.get(route, "match", [])
	some h, m in object.get(match, "headers", {})
	matches_everything(m)
	msg := concat("", [k8s.label, ": http[", lib.path_text(i), "] (", lib.show(object.get(route, "name", "")), ") matches header ", lib.text(h), " with ", lib.show(m), ", which matches any value; use an exact value"])
}

# METADATA
# title: Rollout header route does not match all traffic
# description: >-
#   No setHeaderRoute step of a Rollout matches an empty exact/prefix value or a
#   catch-all regex, which would send every request with the header to the canary.
# custom:
#   remediation: Match an exact header value such as gray-version exact "beta".
deny contains lib.finding(["spec", "strategy", "canary", "steps", i, "setHeaderRoute", "match", j, "headerValue"], msg) if {
	is_rollout
	some i, s in steps
	some j, m in object.get(s, ["setHeaderRoute", "match"], [])
	matches_everything(object.get(m, "headerValue", {}))
	msg := concat("", [k8s.label, ": step ", lib.path_text(i), " routes header ", lib.show(object.get(m, "headerName", "")), " with ", lib.show(m.headerValue), " to the canary, which matches any value; use an exact value"])
}

default is_envoy_filter := false

is_envoy_filter if {
	endswith(split(lib.field(k8s.obj, "apiVersion", ""), "/")[0], ".istio.io")
	k8s.kind == "EnvoyFilter"
}

# The SLO's fast-burn page factor (components/observability/slo.ts BURN_RATE_ALERTS[0]).
fast_burn_factor := 14.4

# The error percentage above which the SLO gate aborts, and the loosest breaker it allows as
# Envoy's whole percent (at least 1: Envoy ejects every host at 0).
abort_percent(availability) := round(((fast_burn_factor * (100 - availability)) / 100) * 1e8) / 1e6

breaker_limit(availability) := max([1, floor(abort_percent(availability))])

# METADATA
# title: Breaker within the SLO's error budget
# description: >-
#   An EnvoyFilter failure-percentage breaker annotated with the availability
#   objective it protects (cairn.dev/slo-availability) ejects at or below the
#   error percentage at which that SLO's fast-burn gate aborts (14.4 x budget).
# custom:
#   remediation: Lower failure_percentage_threshold to the SLO's limit (cairn:delivery:Canary derives it when breaker.failurePercent is left out).
deny contains lib.finding(["spec", "configPatches", i, "patch", "value", "outlier_detection", "failure_percentage_threshold"], msg) if {
	is_envoy_filter
	objective := to_number(lib.field(k8s.obj, ["metadata", "annotations", "cairn.dev/slo-availability"], null))
	some i, p in lib.field(k8s.obj, ["spec", "configPatches"], [])
	threshold := p.patch.value.outlier_detection.failure_percentage_threshold
	is_number(threshold)
	limit := breaker_limit(objective)
	threshold > limit
	msg := concat("", [k8s.label, ": configPatches[", lib.path_text(i), "] ejects canary endpoints only above ", lib.path_text(threshold), " % errors, looser than the ", lib.path_text(objective), " % availability SLO allows (its gate aborts above ", lib.path_text(abort_percent(objective)), " %); set failure_percentage_threshold to at most ", lib.path_text(limit)])
}

default is_binding := false

is_binding if k8s.kind in ["ClusterRoleBinding", "RoleBinding"]

# METADATA
# title: Rollouts controller without cluster-admin
# description: No binding gives cluster-admin to a service account of an Argo Rollouts controller.
# custom:
#   remediation: Bind the controller to a least-privilege role (cairn:delivery:RolloutsController).
deny contains lib.finding(["roleRef", "name"], msg) if {
	is_binding
	lib.field(k8s.obj, ["roleRef", "name"], "") == "cluster-admin"
	some s in lib.field(k8s.obj, "subjects", [])
	s.kind == "ServiceAccount"
	contains(s.name, "rollouts")
	msg := concat("", [k8s.label, ": binds cluster-admin to the rollouts controller's ServiceAccount ", lib.text(object.get(s, "namespace", "-")), "/", lib.text(s.name), "; give it a least-privilege role"])
}

# METADATA
# title: Deferred while the spec is unknown
# description: Values unknown at preview are checked by `pulumi up`.
deferred contains finding if {
	is_rollout
	some finding in lib.deferred_paths([["spec", "strategy"]])
}
