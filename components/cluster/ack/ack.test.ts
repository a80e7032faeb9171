import { describe, expect, it } from "vitest";
import { cidrContains, firstOverlap } from "../../shared/cidr";
import { ackWeakenings, buildAckPosture, normaliseAckLogs, pickAckVersion, resolveAckCluster } from "./build";

describe("resolveAckCluster", () => {
  it("defaults to ACK Pro, an intranet-only API, all log components for 90 days, RRSA and deletion protection", () => {
    const r = resolveAckCluster("prod");
    expect(r).toMatchObject({
      clusterName: "prod",
      clusterSpec: "ack.pro.small",
      kubernetesVersion: "1.35",
      endpointPublicAccess: false,
      logComponents: ["apiserver", "kcm", "scheduler", "ccm", "controlplane-events"],
      logTtlDays: 90,
      auditLog: true,
      rrsa: true,
      deletionProtection: true,
      keyPendingWindowDays: 30,
      serviceCidr: "172.21.0.0/20",
      network: { kind: "new", zoneCount: 3 },
    });
    expect(r.nodePools[0]).toMatchObject({ name: "system", scaling: { minSize: 3, maxSize: 6 } });
  });

  it("carves node and pod vSwitches that never overlap and lie inside the VPC", () => {
    const r = resolveAckCluster("prod");
    if (r.network.kind !== "new") throw new Error("expected a new network");
    const all = [...r.network.podVswitchCidrs, ...r.network.nodeVswitchCidrs];
    expect(r.network.podVswitchCidrs).toEqual(["10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19"]);
    expect(r.network.nodeVswitchCidrs).toHaveLength(3);
    expect(all.every((c) => cidrContains("10.0.0.0/16", c))).toBe(true);
    expect(firstOverlap(all)).toBeUndefined();
  });

  it("accepts full ACK version strings on the allowlist", () => {
    expect(resolveAckCluster("prod", { kubernetesVersion: "1.34.1-aliyun.1" }).kubernetesVersion).toBe(
      "1.34.1-aliyun.1",
    );
  });

  it("turns control-plane logs off only when asked with an empty list", () => {
    const r = resolveAckCluster("prod", { controlPlaneLogComponents: [] });
    expect(buildAckPosture(r).controlPlaneLogs).toEqual(["audit"]);
    expect(ackWeakenings(r)).toContain(
      "cluster prod: control-plane logs off: api, authenticator, controllerManager, scheduler",
    );
  });
});

describe("pickAckVersion", () => {
  const offered = ["1.33.3-aliyun.1", "1.34.10-aliyun.1", "1.34.9-aliyun.2", "1.35.1-aliyun.1"];

  it("picks ACK's newest release of a bare minor version, comparing numerically", () => {
    expect(pickAckVersion("1.34", offered)).toBe("1.34.10-aliyun.1");
  });

  it("keeps a full version as given", () => {
    expect(pickAckVersion("1.34.9-aliyun.2", offered)).toBe("1.34.9-aliyun.2");
  });

  it("says which versions exist when the minor is not offered", () => {
    expect(() => pickAckVersion("1.36", offered)).toThrow(/no 1.36 release.*1.35.1-aliyun.1/);
  });
});

describe("buildAckPosture", () => {
  it("maps ACK log components onto the contract's log types", () => {
    expect(normaliseAckLogs(["scheduler", "apiserver"], false)).toEqual([
      "api",
      "authenticator",
      "scheduler",
    ]);
    expect(normaliseAckLogs(["ccm", "controlplane-events"], true)).toEqual(["audit"]);
  });

  it("reports no identity without RRSA and lists the weakenings", () => {
    const r = resolveAckCluster("prod", {
      rrsa: false,
      deletionProtection: false,
      endpointPublicAccess: true,
      publicAccessCidrs: ["198.51.100.0/24"],
      nodePools: [{ name: "ops", sshKeyName: "ops", sshSourceCidrs: ["10.9.0.0/24"] }],
    });
    expect(buildAckPosture(r)).toMatchObject({
      workloadIdentity: "none",
      endpointPublic: true,
      deletionProtection: false,
    });
    expect(ackWeakenings(r)).toEqual([
      "cluster prod: API endpoint reachable from the internet (allowed CIDRs: 198.51.100.0/24)",
      "cluster prod: no workload identity: pods would need static cloud credentials",
      "cluster prod: deletion protection off for the cluster and its key",
      "cluster prod: the API allowlist is an SLB access-control list that ACK does not attach itself; attach it to the API server listener (port 6443)",
      "node pool ops: SSH open from 10.9.0.0/24 with key ops",
    ]);
  });
});
