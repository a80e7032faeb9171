package cairn.kubernetes.service_account_token_test

import data.cairn.kubernetes.service_account_token as policy

daemonset(annotations, automount) := {"review": {"object": {"kind": "DaemonSet", "metadata": {"name": "agent", "namespace": "ops", "annotations": annotations}, "spec": {"template": {"spec": object.union({"containers": []}, automount)}}}}}

test_automount_off_passes if {
	count(policy.deny) == 0 with input as daemonset({}, {"automountServiceAccountToken": false})
}

test_automount_default_denied if {
	some msg in {f.message | some f in policy.deny} with input as daemonset({}, {})
	contains(msg, "automountServiceAccountToken is null")
	count(policy.deny) == 1 with input as daemonset({}, {"automountServiceAccountToken": true})
}

test_reason_annotation_allows_token if {
	count(policy.deny) == 0 with input as daemonset({"cairn.dev/service-account-token": "watches nodes"}, {})
	count(policy.deny) == 1 with input as daemonset({"cairn.dev/service-account-token": " "}, {})
}

test_pod_template_annotation_counts if {
	inp := {"review": {"object": {"kind": "Deployment", "metadata": {"name": "d", "namespace": "n"}, "spec": {"template": {"metadata": {"annotations": {"cairn.dev/service-account-token": "reads leases"}}, "spec": {"containers": []}}}}}}
	count(policy.deny) == 0 with input as inp
}

test_service_account_denied_unless_off if {
	sa := {"kind": "ServiceAccount", "metadata": {"name": "app", "namespace": "n"}}
	count(policy.deny) == 1 with input as {"review": {"object": sa}}
	count(policy.deny) == 0 with input as {"review": {"object": object.union(sa, {"automountServiceAccountToken": false})}}
}
