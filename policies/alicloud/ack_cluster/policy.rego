# METADATA
# title: ACK control plane hardened
# description: >-
#   An ACK managed cluster (alicloud:cs/managedKubernetes:ManagedKubernetes)
#   keeps its API server off the internet, encrypts secrets with a KMS key,
#   ships control-plane logs, uses RRSA for pod identity and is protected
#   from deletion.
# related_resources:
#   - ref: https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/use-kms-to-encrypt-kubernetes-secrets
# custom:
#   severity: critical
#   remediation: Use Cairn's AckCluster defaults (slbInternetEnabled false, encryptionProviderKey, control-plane logs, enableRrsa, deletionProtection).
package cairn.alicloud.ack_cluster

import data.cairn.lib

applies if input.type == "alicloud:cs/managedKubernetes:ManagedKubernetes"

required_log_components := {"apiserver", "kcm", "scheduler"}

# METADATA
# title: API server not on the internet
# description: slbInternetEnabled is false (the provider defaults it to true).
# custom:
#   remediation: Set slbInternetEnabled false and reach the API through the VPC.
deny contains lib.finding(["slbInternetEnabled"], msg) if {
	applies
	value := lib.field(lib.props, "slbInternetEnabled", true)
	value != false
	msg := sprintf("%s: slbInternetEnabled is %s, which gives the API server an internet-facing SLB; set it to false (CIS ACK 6.3.1)", [lib.resource_label, lib.show(value)])
}

# METADATA
# title: Secrets encrypted with KMS
# description: encryptionProviderKey names a KMS key.
# custom:
#   remediation: Set encryptionProviderKey to a KMS key id (ACK Pro clusters).
deny contains lib.finding(["encryptionProviderKey"], msg) if {
	applies
	key := lib.field(lib.props, "encryptionProviderKey", "")
	key == ""
	msg := sprintf("%s: encryptionProviderKey is not set; encrypt Kubernetes secrets with a KMS key (CIS ACK 6.2.1)", [lib.resource_label])
}

# METADATA
# title: Control-plane logs shipped
# description: controlPlaneLogComponents includes apiserver, kcm and scheduler, with controlPlaneLogTtl set.
# custom:
#   remediation: Set controlPlaneLogComponents [apiserver, kcm, scheduler] and controlPlaneLogTtl.
deny contains lib.finding(["controlPlaneLogComponents"], msg) if {
	applies
	components := lib.field(lib.props, "controlPlaneLogComponents", [])
	missing := required_log_components - {c | some c in components}
	count(missing) > 0
	msg := sprintf("%s: controlPlaneLogComponents is %s and lacks %s; ship every control-plane log (CIS ACK 6.5.1)", [lib.resource_label, lib.show(components), lib.show(sort(missing))])
}

# METADATA
# title: Control-plane log retention set
# description: >-
#   controlPlaneLogComponents is only applied with controlPlaneLogTtl; both
#   must be set.
# custom:
#   remediation: Set controlPlaneLogTtl (e.g. "30") next to controlPlaneLogComponents.
deny contains lib.finding(["controlPlaneLogTtl"], msg) if {
	applies
	count(lib.field(lib.props, "controlPlaneLogComponents", [])) > 0
	lib.field(lib.props, "controlPlaneLogTtl", "") == ""
	msg := sprintf("%s: controlPlaneLogComponents is set without controlPlaneLogTtl; the provider needs both, set controlPlaneLogTtl (e.g. \"30\")", [lib.resource_label])
}

# METADATA
# title: RRSA for pod identity
# description: enableRrsa is true, so pods assume RAM roles instead of using node credentials.
# custom:
#   remediation: Set enableRrsa true (it cannot be turned off later).
deny contains lib.finding(["enableRrsa"], msg) if {
	applies
	value := lib.field(lib.props, "enableRrsa", false)
	value != true
	msg := sprintf("%s: enableRrsa is %s; enable RRSA so pods get their own RAM roles", [lib.resource_label, lib.show(value)])
}

# METADATA
# title: Deletion protection
# description: deletionProtection is true.
# custom:
#   remediation: Set deletionProtection true.
deny contains lib.finding(["deletionProtection"], msg) if {
	applies
	value := lib.field(lib.props, "deletionProtection", false)
	value != true
	msg := sprintf("%s: deletionProtection is %s; set it to true", [lib.resource_label, lib.show(value)])
}

# METADATA
# title: Deferred while inputs are unknown
# description: Values unknown at preview are checked by `pulumi up`.
deferred contains finding if {
	applies
	some finding in lib.deferred_paths([["slbInternetEnabled"], ["encryptionProviderKey"], ["controlPlaneLogComponents"], ["controlPlaneLogTtl"], ["enableRrsa"], ["deletionProtection"]])
}
