package cairn.platform.prometheus_test

import data.cairn.platform.prometheus as policy

service(spec) := {"review": {"object": {"kind": "Service", "metadata": {"name": "prometheus", "namespace": "monitoring"}, "spec": spec}}}

test_cluster_ip_prometheus_passes if {
	count(policy.deny) == 0 with input as service({"selector": {"app.kubernetes.io/name": "prometheus"}, "ports": [{"port": 9090}]})
}

test_load_balancer_in_front_of_prometheus_denied if {
	some msg in {f.message | some f in policy.deny} with input as service({"type": "LoadBalancer", "selector": {"app.kubernetes.io/name": "prometheus"}})
	contains(msg, "exposes Prometheus")
	count(policy.deny) == 1 with input as service({"type": "NodePort", "ports": [{"port": 9090}]})
	count(policy.deny) == 1 with input as service({"type": "NodePort", "selector": {"prometheus": "k8s"}})
}

test_other_external_services_left_to_service_exposure if {
	other := {"review": {"object": {"kind": "Service", "metadata": {"name": "shop", "namespace": "x"}, "spec": {"type": "LoadBalancer", "selector": {"app": "shop"}}}}}
	count(policy.deny) == 0 with input as other
}

ingress(annotations) := {"review": {"object": {"kind": "Ingress", "metadata": {"name": "prom", "namespace": "monitoring", "annotations": annotations}, "spec": {"rules": [{"http": {"paths": [{"path": "/", "backend": {"service": {"name": "prometheus-server", "port": {"number": 9090}}}}]}}]}}}}

test_ingress_without_auth_denied if {
	count(policy.deny) == 1 with input as ingress({})
	count(policy.deny) == 0 with input as ingress({"nginx.ingress.kubernetes.io/auth-url": "https://auth.example.com/check"})
}

test_admin_api_flags_denied if {
	pod := {"review": {"object": {"kind": "StatefulSet", "metadata": {"name": "prometheus", "namespace": "monitoring"}, "spec": {"template": {"spec": {"containers": [{"name": "prometheus", "image": "quay.io/prometheus/prometheus:v3.5.0", "args": ["--config.file=/etc/prometheus/prometheus.yml", "--web.enable-admin-api", "--web.enable-lifecycle"]}]}}}}}}
	count(policy.deny) == 2 with input as pod
}

test_operator_admin_api_denied if {
	cr := {"review": {"object": {"apiVersion": "monitoring.coreos.com/v1", "kind": "Prometheus", "metadata": {"name": "k8s", "namespace": "monitoring"}, "spec": {"enableAdminAPI": true}}}}
	count(policy.deny) == 1 with input as cr
}

test_chart_values_checked if {
	chart := {"type": "kubernetes:helm.sh/v4:Chart", "urn": "u", "props": {"chart": "kube-prometheus-stack", "values": {"prometheus": {"service": {"type": "LoadBalancer"}, "prometheusSpec": {"enableAdminAPI": true}}}}}
	count(policy.deny) == 2 with input as chart
	plain := {"type": "kubernetes:helm.sh/v3:Release", "urn": "u", "props": {"chart": "prometheus", "values": {"server": {"extraFlags": ["web.enable-lifecycle"]}}}}
	count(policy.deny) == 1 with input as plain
}

test_unknown_service_type_deferred if {
	inp := object.union(service({"type": "__cairn_unknown__", "selector": {"app": "prometheus"}}), {"urn": "u", "unknowns": [["spec", "type"]]})
	count(policy.deny) == 0 with input as inp
	count(policy.deferred) == 1 with input as inp
}
