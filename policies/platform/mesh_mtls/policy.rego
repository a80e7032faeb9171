# METADATA
# title: Mesh mTLS never weakened
# description: >-
#   No Istio PeerAuthentication sets mTLS mode PERMISSIVE or DISABLE (mesh
#   wide, per namespace, per workload or per port), and no DestinationRule
#   turns client TLS off. Only STRICT (or UNSET, inheriting STRICT) is allowed.
# related_resources:
#   - ref: https://istio.io/latest/docs/reference/config/security/peer_authentication/
# custom:
#   severity: critical
#   remediation: Set spec.mtls.mode STRICT (or remove the override so the mesh-wide STRICT applies).
package cairn.platform.mesh_mtls

import data.cairn.lib
import data.cairn.lib.kubernetes as k8s

weak_modes := ["PERMISSIVE", "DISABLE"]

default is_istio := false

is_istio if endswith(split(lib.field(k8s.obj, "apiVersion", ""), "/")[0], ".istio.io")

# METADATA
# title: No permissive or disabled PeerAuthentication
# description: spec.mtls.mode and spec.portLevelMtls[*].mode are not PERMISSIVE or DISABLE.
# custom:
#   remediation: Use mode STRICT.
deny contains lib.finding(["spec", "mtls", "mode"], msg) if {
	is_istio
	k8s.kind == "PeerAuthentication"
	mode := k8s.obj.spec.mtls.mode
	mode in weak_modes
	msg := concat("", [k8s.label, ": spec.mtls.mode is ", lib.show(mode), ", which accepts plain-text traffic; use STRICT"])
}

# METADATA
# title: No permissive port-level mTLS
# description: >-
#   No spec.portLevelMtls entry of a PeerAuthentication is PERMISSIVE or
#   DISABLE.
# custom:
#   remediation: Set mode STRICT on every port in spec.portLevelMtls, or remove the entry.
deny contains lib.finding(["spec", "portLevelMtls", port, "mode"], msg) if {
	is_istio
	k8s.kind == "PeerAuthentication"
	some port, setting in lib.field(k8s.obj, ["spec", "portLevelMtls"], {})
	setting.mode in weak_modes
	msg := concat("", [k8s.label, ": spec.portLevelMtls[", lib.path_text(port), "].mode is ", lib.show(setting.mode), "; use STRICT on every port"])
}

# METADATA
# title: No DestinationRule disabling TLS
# description: trafficPolicy.tls.mode (and per-port settings) is not DISABLE.
# custom:
#   remediation: Use tls.mode ISTIO_MUTUAL or remove the tls block.
deny contains lib.finding(["spec", "trafficPolicy"], msg) if {
	is_istio
	k8s.kind == "DestinationRule"
	some policy in traffic_policies
	policy.tls.mode == "DISABLE"
	msg := concat("", [k8s.label, ": trafficPolicy.tls.mode is \"DISABLE\" for host ", lib.show(lib.field(k8s.obj, ["spec", "host"], "")), ", which sends plain text; use ISTIO_MUTUAL"])
}

traffic_policies contains p if p := k8s.obj.spec.trafficPolicy

traffic_policies contains p if {
	some p in lib.field(k8s.obj, ["spec", "trafficPolicy", "portLevelSettings"], [])
}

# METADATA
# title: Deferred while the spec is unknown
# description: Values unknown at preview are checked by `pulumi up`.
deferred contains finding if {
	is_istio
	some finding in lib.deferred_paths([["spec"]])
}
