# METADATA
# title: ACK workers span several zones
# description: >-
#   The node pools of each ACK cluster (alicloud:cs/nodePool:NodePool) place
#   workers in at least minWorkerZones zones (default 3), read from the zoneId
#   of the vswitches (alicloud:vpc/switch:Switch) their vswitchIds come from.
#   When the vswitches are not in the stack, the number of distinct vswitches
#   is the upper bound used instead.
# related_resources:
#   - ref: https://www.alibabacloud.com/help/en/ack/ack-managed-and-ack-dedicated/user-guide/best-practices-for-high-availability
# custom:
#   severity: medium
#   parameters:
#     minWorkerZones:
#       type: integer
#   remediation: Give the cluster's node pools vswitches in at least three zones.
package cairn.stack.ack_multi_zone

import data.cairn.lib
import data.cairn.lib.stack

min_zones := lib.field(input, ["parameters", "minWorkerZones"], 3)

pools := [r | some r in stack.resources; r.type == "alicloud:cs/nodePool:NodePool"]

# The cluster a pool belongs to: the URN it depends on for clusterId, else the literal id.
cluster_of(pool) := deps[0] if {
	deps := lib.field(pool, ["dependencies", "clusterId"], [])
	count(deps) > 0
} else := lib.field(pool, ["props", "clusterId"], "unknown cluster")

# Zones of a pool: zoneId of each vswitch it depends on, else one placeholder per vswitch id.
pool_zones(pool) := {zone |
	some urn in lib.field(pool, ["dependencies", "vswitchIds"], [])
	zone := stack.by_urn[urn].props.zoneId
} if {
	count(lib.field(pool, ["dependencies", "vswitchIds"], [])) > 0
} else := {sprintf("vswitch %s", [id]) | some id in lib.field(pool, ["props", "vswitchIds"], [])}

cluster_zones[cluster] contains zone if {
	some pool in pools
	cluster := cluster_of(pool)
	some zone in pool_zones(pool)
	not lib.is_unknown(zone)
}

clusters contains cluster_of(pool) if some pool in pools

# METADATA
# title: At least minWorkerZones zones
# description: The union of a cluster's node-pool zones has at least minWorkerZones entries.
# custom:
#   remediation: Add vswitches in more zones to the node pools.
deny contains lib.finding_about(cluster, [], msg) if {
	some cluster in clusters
	not undecided(cluster)
	zones := lib.field(cluster_zones, cluster, set())
	count(zones) < min_zones
	msg := sprintf("ACK cluster %s runs workers in %v zone(s) %s; spread node pools over at least %v zones so one zone outage leaves capacity", [cluster, count(zones), lib.show(sort(zones)), min_zones])
}

undecided(cluster) if {
	some pool in pools
	cluster_of(pool) == cluster
	some path in lib.field(pool, "unknowns", [])
	path[0] == "vswitchIds"
	count(lib.field(pool, ["dependencies", "vswitchIds"], [])) == 0
}

undecided(cluster) if {
	some pool in pools
	cluster_of(pool) == cluster
	some urn in lib.field(pool, ["dependencies", "vswitchIds"], [])
	lib.is_unknown(stack.by_urn[urn].props.zoneId)
}

# METADATA
# title: Deferred while zones are unknown
# description: Zones unknown at preview are counted by `pulumi up`.
deferred contains lib.finding_about(cluster, [], msg) if {
	some cluster in clusters
	undecided(cluster)
	msg := sprintf("ACK cluster %s: node-pool zones are unknown during preview, so the multi-zone check is deferred to `pulumi up`", [cluster])
}
