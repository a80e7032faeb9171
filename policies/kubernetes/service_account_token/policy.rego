# METADATA
# title: Service-account tokens not mounted unless needed
# description: >-
#   Pods and ServiceAccounts set automountServiceAccountToken false, so a
#   compromised container holds no API credentials. A workload that talks to
#   the API server says so with the annotation cairn.dev/service-account-token
#   whose value is the reason (on the object or its pod template).
# related_resources:
#   - ref: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting
# custom:
#   severity: medium
#   remediation: >-
#     Set automountServiceAccountToken false, or annotate cairn.dev/service-account-token
#     with why the workload needs the API.
package cairn.kubernetes.service_account_token

import data.cairn.lib
import data.cairn.lib.kubernetes as k8s

reason_annotation := "cairn.dev/service-account-token"

default needs_token := false

needs_token if k8s.annotation_reason(lib.field(k8s.metadata, "annotations", {}), reason_annotation)

needs_token if k8s.annotation_reason(k8s.pod_annotations, reason_annotation)

# METADATA
# title: Pods do not automount the token
# description: A pod spec sets automountServiceAccountToken false unless annotated with a reason.
# custom:
#   remediation: Set spec.automountServiceAccountToken false in the pod template.
deny contains lib.finding(k8s.spec_path(["automountServiceAccountToken"]), msg) if {
	k8s.is_workload
	value := lib.field(k8s.pod_spec, "automountServiceAccountToken", null)
	value != false
	not needs_token
	msg := concat("", [k8s.label, ": automountServiceAccountToken is ", lib.show(value), ", so every container gets an API token; set it to false or annotate ", lib.text(reason_annotation), " with the reason (CIS 5.1.6)"])
}

# METADATA
# title: ServiceAccounts do not automount the token
# description: A ServiceAccount sets automountServiceAccountToken false unless annotated with a reason.
# custom:
#   remediation: Set automountServiceAccountToken false on the ServiceAccount.
deny contains lib.finding(["automountServiceAccountToken"], msg) if {
	k8s.kind == "ServiceAccount"
	value := lib.field(k8s.obj, "automountServiceAccountToken", null)
	value != false
	not needs_token
	msg := concat("", [k8s.label, ": automountServiceAccountToken is ", lib.show(value), "; set it to false or annotate ", lib.text(reason_annotation), " with the reason (CIS 5.1.5)"])
}

# METADATA
# title: Deferred while the pod spec is unknown
# description: Values unknown at preview are checked by `pulumi up`.
deferred contains finding if some finding in k8s.deferred_pod_spec
