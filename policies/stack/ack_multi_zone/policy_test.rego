package cairn.stack.ack_multi_zone_test

import data.cairn.stack.ack_multi_zone as policy

switch(zone) := {"type": "alicloud:vpc/switch:Switch", "urn": sprintf("urn:vsw:%s", [zone]), "props": {"zoneId": zone, "cidrBlock": "10.0.0.0/24"}}

pool(name, zones) := {"type": "alicloud:cs/nodePool:NodePool", "urn": sprintf("urn:pool:%s", [name]), "props": {"clusterId": "__cairn_unknown__", "vswitchIds": ["__cairn_unknown__"]}, "dependencies": {"clusterId": ["urn:ack"], "vswitchIds": [sprintf("urn:vsw:%s", [z]) | some z in zones]}}

switches := [switch("cn-hangzhou-h"), switch("cn-hangzhou-i"), switch("cn-hangzhou-j")]

test_three_zones_pass if {
	count(policy.deny) == 0 with input as {"resources": array.concat(switches, [pool("a", ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"])])}
}

test_zones_add_up_across_pools if {
	pools := [pool("a", ["cn-hangzhou-h"]), pool("b", ["cn-hangzhou-i", "cn-hangzhou-j"])]
	count(policy.deny) == 0 with input as {"resources": array.concat(switches, pools)}
}

test_single_zone_denied if {
	some msg in {f.message | some f in policy.deny} with input as {"resources": array.concat(switches, [pool("a", ["cn-hangzhou-h", "cn-hangzhou-h"])])}
	contains(msg, "ACK cluster urn:ack runs workers in 1 zone(s) [\"cn-hangzhou-h\"]")
}

test_literal_vswitch_ids_counted if {
	literal := {"type": "alicloud:cs/nodePool:NodePool", "urn": "urn:pool:x", "props": {"clusterId": "c-123", "vswitchIds": ["vsw-1", "vsw-2"]}}
	some msg in {f.message | some f in policy.deny} with input as {"resources": [literal]}
	contains(msg, "ACK cluster c-123 runs workers in 2 zone(s)")
	count(policy.deny) == 0 with input as {"resources": [literal], "parameters": {"minWorkerZones": 2}}
}

test_unknown_vswitches_deferred if {
	unknown := {"type": "alicloud:cs/nodePool:NodePool", "urn": "urn:pool:x", "props": {"clusterId": "c-1", "vswitchIds": "__cairn_unknown__"}, "unknowns": [["vswitchIds"]]}
	count(policy.deny) == 0 with input as {"resources": [unknown]}
	count(policy.deferred) == 1 with input as {"resources": [unknown]}
}
