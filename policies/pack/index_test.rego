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
