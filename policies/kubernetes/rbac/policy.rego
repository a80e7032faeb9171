# METADATA
# title: Least-privilege RBAC
# description: >-
#   Roles and ClusterRoles name their verbs, resources and API groups (no
#   wildcards, except read-only access to all resources of named non-core API
#   groups and any verb on named status subresources) and grant no escalation
#   verbs (bind, escalate, impersonate);
#   no workload identity (ServiceAccount or service-account group) is bound
#   to cluster-admin.
# related_resources:
#   - ref: https://kubernetes.io/docs/concepts/security/rbac-good-practices/
# custom:
#   severity: high
#   remediation: List the exact verbs, resources and API groups; bind workloads to a narrow Role instead of cluster-admin.
package cairn.kubernetes.rbac

import data.cairn.lib
import data.cairn.lib.kubernetes as k8s

role_kinds := ["Role", "ClusterRole"]

binding_kinds := ["RoleBinding", "ClusterRoleBinding"]

escalation_verbs := ["bind", "escalate", "impersonate"]

rules := lib.field(k8s.obj, "rules", []) if k8s.kind in role_kinds

read_verbs := {"get", "list", "watch"}

# METADATA
# title: No wildcards in rules
# description: >-
#   verbs, resources, apiGroups and nonResourceURLs do not contain "*". Two
#   narrow forms are allowed, as controllers of their own API groups need them:
#   resources "*" with only get/list/watch on named API groups other than the
#   core group (which holds Secrets), and verbs "*" on named status subresources.
# custom:
#   remediation: Replace "*" with the exact values the role needs.
deny contains lib.finding(["rules", i, field], msg) if {
	some i, rule in rules
	some field in ["verbs", "resources", "apiGroups", "nonResourceURLs"]
	"*" in lib.field(rule, field, [])
	not scoped_wildcard(rule, field)
	msg := concat("", [k8s.label, ": rules[", lib.path_text(i), "].", lib.text(field), " contains \"*\"; list the exact ", lib.text(field), " (CIS 5.1.3)"])
}

# Read-only access to every resource of named, non-core API groups.
scoped_wildcard(rule, "resources") if {
	groups := lib.field(rule, "apiGroups", [])
	count(groups) > 0
	every group in groups {
		not group in {"", "*"}
	}
	every verb in lib.field(rule, "verbs", []) {
		verb in read_verbs
	}
}

# Every verb on named status subresources (status writes cannot read or change specs).
scoped_wildcard(rule, "verbs") if {
	not "*" in lib.field(rule, "apiGroups", [])
	resources := lib.field(rule, "resources", [])
	count(resources) > 0
	every resource in resources {
		endswith(resource, "/status")
		not startswith(resource, "*")
	}
}

# METADATA
# title: No escalation verbs
# description: Rules do not grant bind, escalate or impersonate.
# custom:
#   remediation: Remove the verb; grant it only to cluster administrators outside workloads.
deny contains lib.finding(["rules", i, "verbs"], msg) if {
	some i, rule in rules
	some verb in lib.field(rule, "verbs", [])
	verb in escalation_verbs
	msg := concat("", [k8s.label, ": rules[", lib.path_text(i), "] grants ", lib.show(verb), ", which allows privilege escalation; remove it (CIS 5.1.8)"])
}

# METADATA
# title: No cluster-admin for workloads
# description: A binding to the cluster-admin ClusterRole has no ServiceAccount or service-account group subject.
# custom:
#   remediation: Bind the ServiceAccount to a Role with only the permissions it needs.
deny contains lib.finding(["subjects", si], msg) if {
	k8s.kind in binding_kinds
	k8s.obj.roleRef.name == "cluster-admin"
	some si, subject in lib.field(k8s.obj, "subjects", [])
	workload_subject(subject)
	msg := concat("", [k8s.label, ": binds ", lib.text(subject.kind), " ", lib.show(subject.name), " to cluster-admin; bind it to a narrow Role instead (CIS 5.1.1)"])
}

workload_subject(subject) if subject.kind == "ServiceAccount"

workload_subject(subject) if {
	subject.kind == "Group"
	startswith(subject.name, "system:serviceaccounts")
}

# METADATA
# title: Deferred while rules are unknown
# description: Rules or subjects unknown at preview are checked by `pulumi up`.
deferred contains finding if {
	k8s.kind in array.concat(role_kinds, binding_kinds)
	some finding in lib.deferred_paths([["rules"], ["subjects"], ["roleRef"]])
}
