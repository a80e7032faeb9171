import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { affectedStacks, ciStacks } from "../../scripts/preview/affected";
import { main, readAllowFile } from "../../scripts/preview/cli";
import { guardPreview, protectedKind } from "../../scripts/preview/guard";
import { parsePreview, PreviewFormatError } from "../../scripts/preview/preview";
import { scrubPreview } from "../../scripts/preview/scrub";
import { componentOf, summarize } from "../../scripts/preview/summary";

// Recorded from the embedded cluster (see test/fixtures/previews/README.md):
// local.*: `pulumi preview` of the local stack's config on a fresh stack (the whole platform);
// risky.*: a deployed fixture program, then a change that renames a StatefulSet, drops a
// namespace and uses an unpinned image. *.digest.json is `pulumi preview --json`,
// *.events.jsonl the streaming JSON events (PULUMI_ENABLE_STREAMING_JSON_PREVIEW=true).
const ROOT = path.resolve(__dirname, "../..");
const FIXTURES = path.join(ROOT, "test/fixtures/previews");
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), "utf8");
const local = parsePreview(read("local.events.jsonl"));
const riskyDigest = parsePreview(read("risky.digest.json"));
const riskyEvents = parsePreview(read("risky.events.jsonl"));

describe("parsePreview on real previews", () => {
  it("reads the same changes from the digest and from the event stream", () => {
    const ops = (p: typeof riskyDigest) => p.changes.map((c) => `${c.op} ${c.name}`).sort();
    expect(ops(riskyEvents)).toEqual(ops(riskyDigest));
    expect(ops(riskyDigest)).toContain("replace db");
  });

  it("reads policy violations only from the event stream", () => {
    expect(riskyDigest.policyViolations).toBeUndefined();
    expect(riskyEvents.policyViolations?.map((v) => `${v.policy} ${v.enforcementLevel}`)).toEqual([
      "kubernetes-images mandatory",
      "kubernetes-images mandatory",
    ]);
  });

  it("reads the whole local platform: cluster, namespaces, mesh and Prometheus", () => {
    const types = new Set(local.changes.map((c) => c.type));
    for (const t of [
      "cairn:platform:Platform",
      "cairn:cluster:ExistingCluster",
      "cairn:k8s:NamespaceBaseline",
      "cairn:mesh:ServiceMesh",
      "cairn:observability:Prometheus",
      "cairn:consul:Consul",
      "cairn:gateway:Gateway",
    ]) {
      expect(types).toContain(t);
    }
    expect(local.changes.every((c) => c.op === "create")).toBe(true);
    expect(local.changeSummary).toEqual({ create: 119 });
  });

  it("leaves out debug messages, which echo secrets such as kubeconfigs", () => {
    const raw = `{"sequence":1,"timestamp":1,"diagnosticEvent":{"severity":"debug","message":"resp: client-key-data: abc"}}`;
    expect(parsePreview(raw).diagnostics).toEqual([]);
  });

  it("rejects input that is not a preview instead of reading it as no changes", () => {
    expect(() => parsePreview("")).toThrow(PreviewFormatError);
    expect(() => parsePreview('{"hello": 1}')).toThrow(/not `pulumi preview --json` output/);
    expect(() => parsePreview("Previewing update (local)\nerror: boom")).toThrow(/line 1 is not JSON/);
  });
});

describe("guardPreview", () => {
  it("fails a real preview that replaces a StatefulSet, naming it and the property forcing it", () => {
    for (const preview of [riskyDigest, riskyEvents]) {
      const result = guardPreview(preview);
      expect(result.ok).toBe(false);
      expect(result.findings.map((f) => `${f.change.op} ${f.what} ${f.change.name}`)).toEqual([
        "replace stateful workload db",
      ]);
      expect(result.findings[0].change.replaceReasons).toEqual(["metadata.name"]);
    }
  });

  it("passes it once the replacement is explicitly allowed with a reason", () => {
    const result = guardPreview(riskyEvents, [
      { pattern: "*StatefulSet::db", reason: "renamed, data restored" },
    ]);
    expect(result.ok).toBe(true);
    expect(result.findings[0].allowedBy?.reason).toBe("renamed, data restored");
  });

  it("ignores deletions of unprotected resources and passes the local platform preview", () => {
    expect(guardPreview(riskyEvents, [{ pattern: "db", reason: "x" }]).findings).toHaveLength(1);
    expect(guardPreview(local)).toEqual({ findings: [], ok: true });
  });

  it("treats mandatory policy violations' closing error as decidable, but any other error as undecidable", () => {
    expect(guardPreview(riskyEvents, [{ pattern: "db", reason: "x" }]).undecidable).toBeUndefined();
    const crashed = {
      ...local,
      diagnostics: [
        {
          severity: "error",
          message: "error: Running program 'index.ts' failed with an unhandled exception",
        },
      ],
    };
    const result = guardPreview(crashed);
    expect(result.ok).toBe(false);
    expect(result.undecidable).toMatch(/Running program/);
  });

  it.each([
    ["aws:eks/cluster:Cluster", "EKS cluster"],
    ["aws:eks/nodeGroup:NodeGroup", "EKS node group"],
    ["aws:kms/key:Key", "AWS KMS key"],
    ["alicloud:cs/managedKubernetes:ManagedKubernetes", "ACK cluster"],
    ["alicloud:cs/nodePool:NodePool", "ACK node pool"],
    ["alicloud:kms/key:Key", "Alibaba Cloud KMS key"],
    ["kubernetes:core/v1:PersistentVolumeClaim", "persistent volume claim"],
    [
      "kubernetes:containerservice.cairn.dev/v1alpha1:KubernetesCluster",
      "cluster or node pool (custom resource)",
    ],
  ])("protects %s", (type, what) => {
    expect(protectedKind(type)).toBe(what);
  });

  it.each(["kubernetes:apps/v1:Deployment", "kubernetes:core/v1:ConfigMap", "aws:ec2/subnet:Subnet"])(
    "lets %s be replaced",
    (type) => expect(protectedKind(type)).toBeUndefined(),
  );
});

describe("summarize", () => {
  const md = summarize(riskyEvents, { stack: "rec", guard: guardPreview(riskyEvents) });

  it("heads the digest with the counts and lists replacements and deletions first", () => {
    expect(md.split("\n")[0]).toBe("### Pulumi preview of `rec`: 1 to update, 1 to replace, 7 to delete");
    const destructive = md.slice(
      md.indexOf("Replacements and deletions"),
      md.indexOf("#### Replacement guard"),
    );
    expect(destructive).toContain(
      "**replace** `db` (kubernetes:apps/v1:StatefulSet) :rotating_light: stateful workload",
    );
    expect(destructive).toContain("**delete** `embedded-rec-web-namespace`");
  });

  it("groups changes by the Cairn component that owns them and by kind", () => {
    expect(md).toMatch(
      /\| cairn:k8s:NamespaceBaseline "embedded-rec-web" \| NetworkPolicy \(networking.k8s.io\/v1\) \|  \|  \|  \| 3 \|/,
    );
    const localMd = summarize(local);
    expect(localMd).toMatch(/\| cairn:mesh:ServiceMesh "local-mesh" \| Deployment \(apps\/v1\) \| 2 \|/);
    expect(localMd).toMatch(
      /\| cairn:observability:Prometheus "local-prometheus" \| Deployment \(apps\/v1\) \| 1 \|/,
    );
  });

  it("lists policy violations with the finding and its fix first", () => {
    expect(md).toContain(
      ':no_entry: **kubernetes-images** (mandatory) on `api` (kubernetes:apps/v1:Deployment): Deployment rec-data/api container "main": image "nginx:latest" is not pinned',
    );
    expect(md).toContain("use an explicit version tag or @sha256 digest");
  });

  it("says when the input cannot carry policy results rather than claiming none", () => {
    expect(summarize(riskyDigest)).toContain("_Not in this input");
    expect(summarize(local)).toContain("None: every resource passed the policy pack.");
  });

  it("finds the owning component through a chart between it and the resource", () => {
    const byUrn = new Map(local.changes.map((c) => [c.urn, c]));
    const istiod = local.changes.find(
      (c) => c.name.endsWith("istio-system/istiod-1-30-3") && c.type === "kubernetes:apps/v1:Deployment",
    )!;
    expect(componentOf(istiod, byUrn)).toBe('cairn:mesh:ServiceMesh "local-mesh"');
  });
});

describe("affectedStacks", () => {
  const stacks = ciStacks([
    "stacks/Pulumi.local.yaml",
    "stacks/Pulumi.aws-staging.yaml",
    "stacks/Pulumi.alicloud-prod.yaml",
  ]);

  it("previews every stack but local in CI", () => expect(stacks).toEqual(["alicloud-prod", "aws-staging"]));
  it("previews every stack when the program changes", () =>
    expect(affectedStacks(["components/mesh/build.ts"], stacks)).toEqual(stacks));
  it("previews only the stack whose config changed", () =>
    expect(affectedStacks(["stacks/Pulumi.aws-staging.yaml", "docs/x.md"], stacks)).toEqual(["aws-staging"]));
  it("previews nothing for docs-only changes", () =>
    expect(affectedStacks(["docs/architecture.md"], stacks)).toEqual([]));
});

describe("the command line", () => {
  const run = (argv: string[], files: Record<string, string> = {}) => {
    let out = "";
    let err = "";
    const code = main(argv, {
      readFile: (p) => files[p] ?? fs.readFileSync(p, "utf8"),
      write: (t) => (out += t),
      error: (t) => (err += t),
    });
    return { code, out, err };
  };

  it("exits 1 from the guard on the risky preview and 0 with an allow file", () => {
    const preview = path.join(FIXTURES, "risky.digest.json");
    expect(run(["guard", preview]).code).toBe(1);
    const allow = "allow:\n  - pattern: '*::db'\n    reason: renamed; data is restored from backup\n";
    const ok = run(["guard", preview, "--allow-file", "allow.yaml"], { "allow.yaml": allow });
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toContain("allowed by `*::db`: renamed; data is restored from backup");
  });

  it("rejects an allowance without a reason", () => {
    expect(() => readAllowFile("allow:\n  - pattern: db\n", "allow.yaml")).toThrow(
      /needs a pattern and a non-empty reason/,
    );
  });

  it("exits 2 on input that is not a preview", () => {
    const result = run(["summary", "x.json"], { "x.json": "not json" });
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/not a preview/);
  });

  it("runs as a program with Node's TypeScript support (scripts/preview/run)", () => {
    const result = spawnSync(
      path.join(ROOT, "scripts/preview/run"),
      ["guard", path.join(FIXTURES, "risky.events.jsonl")],
      {
        encoding: "utf8",
      },
    );
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain("replace of stateful workload `db`");
  });
});

describe("scrubPreview", () => {
  it("keeps what the tools read and drops debug messages and state bodies", () => {
    const raw = [
      `{"sequence":1,"timestamp":1,"diagnosticEvent":{"severity":"debug","message":"client-key-data: abc"}}`,
      `{"sequence":2,"timestamp":1,"resourcePreEvent":{"metadata":{"op":"create","urn":"urn:pulumi:s::p::kubernetes:core/v1:Secret::s","type":"kubernetes:core/v1:Secret","new":{"parent":"urn:pulumi:s::p::cairn:x:Y::y","inputs":{"data":"[secret]"}}}}}`,
    ].join("\n");
    const scrubbed = scrubPreview(raw);
    expect(scrubbed).not.toContain("client-key-data");
    expect(scrubbed).not.toContain("inputs");
    expect(parsePreview(scrubbed).changes).toEqual(parsePreview(raw).changes);
  });
});
