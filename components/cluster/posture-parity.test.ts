import { describe, expect, it } from "vitest";
import { buildAckPosture, resolveAckCluster } from "./ack/build";
import { buildEksPosture, resolveEksCluster } from "./eks/build";
import { UNKNOWN_POSTURE } from "./existing/build";
import { postureWeakenings } from "./posture";

describe("posture parity across clouds", () => {
  it("gives EKS and ACK clusters with default args equal postures", () => {
    expect(buildEksPosture(resolveEksCluster("prod"))).toEqual(buildAckPosture(resolveAckCluster("prod")));
  });

  it("gives equal postures when both clouds are weakened the same way", () => {
    const weakened = {
      deletionProtection: false,
      endpointPublicAccess: true,
      publicAccessCidrs: ["203.0.113.0/24"],
      zoneCount: 2,
    };
    expect(buildEksPosture(resolveEksCluster("prod", weakened))).toEqual(
      buildAckPosture(resolveAckCluster("prod", weakened)),
    );
  });

  it("finds nothing weak in the default posture and everything weak in an unknown adopted cluster", () => {
    expect(postureWeakenings(buildEksPosture(resolveEksCluster("prod")))).toEqual([]);
    expect(postureWeakenings(UNKNOWN_POSTURE)).toHaveLength(7);
  });
});
