# METADATA
# title: Prometheus not exposed unauthenticated
# description: >-
#   Prometheus has no authentication of its own, so it is never exposed
#   outside the cluster without an authenticating proxy: no LoadBalancer or
#   NodePort Service in front of it, no Ingress without an auth annotation,
#   and no admin or lifecycle API (which can delete data or shut it down).
#   Applies to rendered objects, prometheus-operator Prometheus resources and
#   the values of the prometheus and kube-prometheus-stack charts.
# related_resources:
#   - ref: https://prometheus.io/docs/operating/security/
# custom:
#   severity: high
#   remediation: Keep Prometheus on a ClusterIP Service and reach it through an authenticating gateway or kubectl port-forward.
package cairn.platform.prometheus

import data.cairn.lib
import data.cairn.lib.helm
import data.cairn.lib.kubernetes as k8s

exposed_types := ["LoadBalancer", "NodePort"]

dangerous_flags := ["--web.enable-admin-api", "--web.enable-lifecycle"]

auth_annotations := ["nginx.ingress.kubernetes.io/auth-url", "nginx.ingress.kubernetes.io/auth-type", "cairn.dev/auth-proxy"]

prometheus_selector(selector) if selector["app.kubernetes.io/name"] == "prometheus"

prometheus_selector(selector) if selector.app == "prometheus"

prometheus_selector(selector) if selector.prometheus

default fronts_prometheus := false

fronts_prometheus if prometheus_selector(lib.field(k8s.obj, ["spec", "selector"], {}))

fronts_prometheus if {
	contains(lib.field(k8s.metadata, "name", ""), "prometheus")
	some port in lib.field(k8s.obj, ["spec", "ports"], [])
	9090 in [lib.field(port, "port", 0), lib.field(port, "targetPort", 0)]
}

# METADATA
# title: No external Service for Prometheus
# description: A Service selecting Prometheus pods is not LoadBalancer or NodePort.
# custom:
#   remediation: Use type ClusterIP.
deny contains lib.finding(["spec", "type"], msg) if {
	k8s.kind == "Service"
	fronts_prometheus
	service_type := lib.field(k8s.obj, ["spec", "type"], "ClusterIP")
	service_type in exposed_types
	msg := concat("", [k8s.label, ": type ", lib.text(service_type), " exposes Prometheus, which has no authentication, outside the cluster; use ClusterIP behind an authenticating proxy"])
}

# METADATA
# title: No unauthenticated Ingress to Prometheus
# description: An Ingress routing to a Prometheus Service carries an auth annotation.
# custom:
#   remediation: Add nginx.ingress.kubernetes.io/auth-url (or auth-type) or remove the Ingress.
deny contains lib.finding(["spec", "rules"], msg) if {
	k8s.kind == "Ingress"
	some rule in lib.field(k8s.obj, ["spec", "rules"], [])
	some path in lib.field(rule, ["http", "paths"], [])
	backend := lib.field(path, ["backend", "service", "name"], "")
	contains(backend, "prometheus")
	annotations := lib.field(k8s.metadata, "annotations", {})
	count({a | some a in auth_annotations; annotations[a]}) == 0
	msg := concat("", [k8s.label, ": routes to Prometheus Service ", lib.show(backend), " without an auth annotation (", concat(", ", sort(auth_annotations)), "); add one or remove the route"])
}

# METADATA
# title: No admin or lifecycle API
# description: Prometheus containers do not pass --web.enable-admin-api or --web.enable-lifecycle.
# custom:
#   remediation: Remove the flag.
deny contains lib.finding(array.concat(entry.path, ["args"]), msg) if {
	some entry in k8s.containers
	prometheus_container(entry.container)
	some arg in lib.field(entry.container, "args", [])
	some flag in dangerous_flags
	startswith(arg, flag)
	msg := concat("", [k8s.container_label(entry), ": argument ", lib.show(arg), " enables an unauthenticated API that can delete data or stop Prometheus; remove it"])
}

prometheus_container(c) if c.name == "prometheus"

prometheus_container(c) if contains(lib.field(c, "image", ""), "prometheus/prometheus")

# METADATA
# title: No admin API on the Prometheus resource
# description: >-
#   A monitoring.coreos.com Prometheus does not set spec.enableAdminAPI true.
# custom:
#   remediation: Remove spec.enableAdminAPI (it defaults to false).
deny contains lib.finding(["spec", "enableAdminAPI"], msg) if {
	k8s.kind == "Prometheus"
	startswith(lib.field(k8s.obj, "apiVersion", ""), "monitoring.coreos.com/")
	k8s.obj.spec.enableAdminAPI == true
	msg := concat("", [k8s.label, ": spec.enableAdminAPI is true; remove it"])
}

# METADATA
# title: Chart values keep Prometheus internal
# description: The prometheus / kube-prometheus-stack charts do not set an external service type or the admin API.
# custom:
#   remediation: Remove the service type override or the admin API flag from the chart values.
deny contains lib.finding(array.concat(["values"], split(path, ".")), msg) if {
	helm.chart_name in ["prometheus", "kube-prometheus-stack"]
	some path in ["server.service.type", "prometheus.service.type"]
	service_type := helm.value(path, "ClusterIP")
	service_type in exposed_types
	msg := concat("", [lib.resource_label, ": Helm value ", lib.text(path), " is ", lib.show(service_type), ", which exposes Prometheus without authentication; use ClusterIP"])
}

# METADATA
# title: No admin API in kube-prometheus-stack values
# description: >-
#   The kube-prometheus-stack chart value
#   prometheus.prometheusSpec.enableAdminAPI is not true.
# custom:
#   remediation: Remove prometheus.prometheusSpec.enableAdminAPI from the chart values.
deny contains lib.finding(["values", "prometheus", "prometheusSpec", "enableAdminAPI"], msg) if {
	helm.chart_name == "kube-prometheus-stack"
	helm.value("prometheus.prometheusSpec.enableAdminAPI", false) == true
	msg := concat("", [lib.resource_label, ": Helm value prometheus.prometheusSpec.enableAdminAPI is true; remove it"])
}

# METADATA
# title: No admin or lifecycle flags in prometheus chart values
# description: >-
#   The prometheus chart value server.extraFlags does not enable
#   web.enable-admin-api or web.enable-lifecycle.
# custom:
#   remediation: Remove the flag from server.extraFlags.
deny contains lib.finding(["values", "server", "extraFlags"], msg) if {
	helm.chart_name == "prometheus"
	some flag in helm.value("server.extraFlags", [])
	some bad in dangerous_flags
	endswith(bad, lib.path_text(flag))
	msg := concat("", [lib.resource_label, ": Helm value server.extraFlags enables ", lib.text(bad), "; remove it"])
}

# METADATA
# title: Deferred while values are unknown
# description: Values unknown at preview are checked by `pulumi up`.
deferred contains finding if {
	k8s.kind in ["Service", "Ingress"]
	some finding in lib.deferred_paths([["spec"]])
}

# METADATA
# title: Deferred while chart values are unknown
# description: >-
#   Prometheus chart values unknown at preview are checked by `pulumi up`.
deferred contains finding if {
	helm.chart_name in ["prometheus", "kube-prometheus-stack"]
	some finding in helm.deferred
}
