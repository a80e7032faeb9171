package pack_test

import data.pack

pod(image) := {"urn": "urn:pod", "review": {"object": {"kind": "Pod", "metadata": {"name": "p", "namespace": "n"}, "spec": {"containers": [{"name": "c", "image": image}]}}}}

test_denials_carry_the_policy_id if {
	some f in pack.resource_violations with input as pod("nginx")
	f.policy == "kubernetes.images"
	f.kind == "deny"
}

test_findings_name_the_resource_and_the_offending_field if {
	some f in pack.resource_violations with input as pod("nginx")
	f.policy == "kubernetes.images"
	f.resource == "urn:pod"
	f.field == ["spec", "containers", "0", "image"]
	contains(f.message, "is not pinned")
}

# Whether a denial rests on an unknown value is the pack's decision, from the field: the entrypoint
# reports the denial as it is, with the field it is about.
test_a_denial_on_an_unknown_value_keeps_its_kind_and_field if {
	some f in pack.resource_violations with input as pod("__cairn_unknown__")
	f.policy == "kubernetes.images"
	f.kind == "deny"
	f.field == ["spec", "containers", "0", "image"]
}

test_deferrals_carry_the_unknown_path_as_field if {
	inp := object.union(pod("registry.k8s.io/pause:3.10"), {"unknowns": [["spec", "containers", "0", "securityContext"]]})
	some f in pack.resource_violations with input as inp
	f.policy == "kubernetes.pod_security_baseline"
	f.kind == "deferred"
	f.field == ["spec", "containers", "0", "securityContext"]
}

test_stack_findings_name_their_resource if {
	some f in pack.stack_violations with input as {"resources": [pod("x")]}
	f.policy == "stack.network_policy"
	f.resource == "Namespace -/n"
	f.field == []
}

test_deferred_rules_are_reported if {
	inp := object.union(pod("registry.k8s.io/pause:3.10"), {"unknowns": [["spec", "containers", "0", "securityContext"]]})
	some f in pack.resource_violations with input as inp
	f.kind == "deferred"
	contains(f.message, "deferred to `pulumi up`")
}

test_stack_findings if {
	some f in pack.stack_violations with input as {"resources": [pod("x")]}
	f.policy == "stack.network_policy"
}

aws_sg := {"type": "aws:ec2/securityGroup:SecurityGroup", "urn": "urn:sg", "props": {"ingress": [{"protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlocks": ["0.0.0.0/0"]}]}}

ack := {"type": "alicloud:cs/managedKubernetes:ManagedKubernetes", "urn": "urn:ack", "props": {"slbInternetEnabled": true}}

k8s_pod := object.union(pod("nginx"), {"type": "kubernetes:core/v1:Pod"})

test_the_aws_entrypoint_finds_what_the_full_entrypoint_finds if {
	full := pack.resource_violations with input as aws_sg
	count(full) > 0
	full == pack.aws_violations with input as aws_sg
}

test_the_alicloud_entrypoint_finds_what_the_full_entrypoint_finds if {
	full := pack.resource_violations with input as ack
	count(full) > 0
	full == pack.alicloud_violations with input as ack
}

test_the_kubernetes_entrypoint_finds_what_the_full_entrypoint_finds if {
	full := pack.resource_violations with input as k8s_pod
	count(full) > 0
	full == pack.kubernetes_violations with input as k8s_pod
}

# The per-provider and per-kind entrypoints (policies/dispatch.ts picks one per resource) give the
# all-policies findings for the inputs they are picked for. policies/test/dispatch.test.ts checks
# the same on every sample through the wasm bundle.
obj(api_version, kind, spec) := {"urn": "urn:x", "review": {"object": {"apiVersion": api_version, "kind": kind, "metadata": {"name": "x", "namespace": "n"}, "spec": spec}}}

same_as_all(entrypoint, inp) if {
	found := pack[entrypoint] with input as inp
	count(found) > 0
	found == pack.resource_violations with input as inp
}

test_workload_entrypoint if same_as_all("k8s_workload_violations", pod("nginx"))

test_kubernetes_entrypoint if same_as_all("kubernetes_violations", pod("nginx"))

test_rbac_entrypoint if {
	binding := {"urn": "urn:b", "review": {"object": {
		"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "b"},
		"roleRef": {"kind": "ClusterRole", "name": "cluster-admin"},
		"subjects": [{"kind": "ServiceAccount", "name": "argo-rollouts", "namespace": "n"}],
	}}}
	same_as_all("k8s_rbac_violations", binding)
}

test_service_entrypoint if same_as_all("k8s_service_violations", obj("v1", "Service", {"type": "LoadBalancer"}))

test_istio_entrypoint if same_as_all("k8s_istio_violations", obj("security.istio.io/v1", "PeerAuthentication", {"mtls": {"mode": "PERMISSIVE"}}))

test_gateway_entrypoint if {
	inp := object.union(obj("gateway.networking.k8s.io/v1", "Gateway", {}), {"unknowns": [["spec"]]})
	same_as_all("k8s_gateway_violations", inp)
}

test_object_entrypoint if same_as_all("k8s_object_violations", object.union(obj("v1", "ConfigMap", {}), {"review": {"object": {"metadata": {"namespace": "default"}}}}))

test_chart_entrypoint if same_as_all("k8s_chart_violations", {"type": "kubernetes:helm.sh/v3:Release", "urn": "urn:c", "props": {"chart": "consul", "values": {}}})

test_aws_entrypoint if same_as_all("aws_violations", {"type": "aws:ec2/securityGroupRule:SecurityGroupRule", "urn": "urn:r", "props": {"type": "ingress", "protocol": "-1", "fromPort": 0, "toPort": 0, "cidrBlocks": ["0.0.0.0/0"]}})

test_alicloud_entrypoint if same_as_all("alicloud_violations", {"type": "alicloud:kms/key:Key", "urn": "urn:k", "props": {"pendingWindowInDays": 60}})
