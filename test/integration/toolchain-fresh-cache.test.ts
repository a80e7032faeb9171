import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, run, type RunResult } from "../helpers/engine";

// scripts/toolchain --prepare on a machine that has never built Cairn: a throw-away Go module
// cache, GOPATH and cache root, and a PATH without any previously built tool, so nothing can be
// warm by accident. Only the preparation runs (module download, generated embed files, stamps,
// versions file); the long `go build`s are what these outputs feed.
const pinned = Object.fromEntries(
  fs
    .readFileSync(path.join(ROOT, "tools/versions.env"), "utf8")
    .split("\n")
    .filter((l) => /^[A-Z0-9_]+=/.test(l))
    .map((l) => l.split("=") as [string, string]),
);

describe("toolchain preparation from empty Go and Cairn caches", () => {
  let home: string;
  let cache: string;
  let result: RunResult;

  beforeAll(async () => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-fresh-"));
    cache = path.join(home, "cache");
    const goDir = path.dirname(execFileSync("bash", ["-c", "command -v go"]).toString().trim());
    result = await run(path.join(ROOT, "scripts/toolchain"), ["--prepare"], {
      cwd: ROOT,
      env: {
        HOME: home,
        PATH: [path.dirname(process.execPath), goDir, "/usr/bin", "/bin"].join(":"),
        GOMODCACHE: path.join(home, "gomod"),
        GOPATH: path.join(home, "go"),
        GOCACHE: path.join(home, "gobuild"),
        CAIRN_CACHE: cache,
        ...(process.env.GOPROXY ? { GOPROXY: process.env.GOPROXY } : {}),
      },
    });
  });

  afterAll(() => {
    // The module cache is read-only by design; make it writable so it can be removed.
    if (home) execFileSync("chmod", ["-R", "u+w", home]);
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it("runs to the end without reading anything before it exists", () => {
    expect(result.stderr).not.toMatch(/cannot stat|No such file/);
    expect(result.code, result.stderr).toBe(0);
  });

  it("writes the provider's embed files, with the pinned version in schema-embed.json", () => {
    const work = path.join(cache, "src/k8s-provider");
    const schema = JSON.parse(fs.readFileSync(path.join(work, "schema-embed.json"), "utf8")) as {
      name: string;
      version: string;
      resources: Record<string, unknown>;
    };
    expect(schema.name).toBe("kubernetes");
    expect(schema.version).toBe(pinned.K8S_PROVIDER_VERSION);
    expect(Object.keys(schema.resources)).toContain("kubernetes:apps/v1:Deployment");
    const mapping = fs.readFileSync(path.join(work, "terraform-mapping-embed.json"), "utf8");
    expect(() => JSON.parse(mapping) as unknown).not.toThrow();
    for (const f of ["go.mod", "go.sum", "main.go"]) {
      expect(fs.readFileSync(path.join(work, f), "utf8")).toBe(
        fs.readFileSync(path.join(ROOT, "tools/k8s-provider", f), "utf8"),
      );
    }
  });

  it("writes a versions file naming every built tool with its pinned version and stamp", () => {
    const lines = fs.readFileSync(path.join(cache, "versions.env"), "utf8").trim().split("\n");
    const byTool = Object.fromEntries(lines.map((l) => l.split(" ")).map(([t, v, s]) => [t, { v, s }]));
    const want: Record<string, string> = {
      pulumi: pinned.PULUMI_VERSION,
      "pulumi-language-nodejs": pinned.PULUMI_VERSION,
      "pulumi-resource-kubernetes": pinned.K8S_PROVIDER_VERSION,
      opa: pinned.OPA_VERSION,
      etcd: pinned.ETCD_VERSION,
      kwok: pinned.KWOK_VERSION,
      "kube-apiserver": pinned.KUBERNETES_VERSION,
      "kube-controller-manager": pinned.KUBERNETES_VERSION,
      "kube-scheduler": pinned.KUBERNETES_VERSION,
      actionlint: pinned.ACTIONLINT_VERSION,
      gator: pinned.GATEKEEPER_VERSION,
      gatekeeper: pinned.GATEKEEPER_VERSION,
      "rollouts-controller": pinned.ROLLOUTS_VERSION,
    };
    for (const [tool, version] of Object.entries(want)) {
      expect(byTool[tool], `${tool} in versions.env`).toEqual({
        v: version,
        s: expect.stringMatching(/^[0-9a-f]{16}$/),
      });
    }
  });

  it("computes the same stamps as this machine's toolchain run, so a cached binary is reused", () => {
    // ./cairn test ran scripts/toolchain on the real cache first; for every tool this checkout pins,
    // its line there must match (same version, same stamp), so the stamp depends on nothing but the
    // checkout. The real file also keeps lines of tools other checkouts built (it is merged per tool),
    // and tools linked from PATH have no stamp: neither is compared.
    const real = process.env.CAIRN_CACHE ?? path.join(os.homedir(), ".cache/cairn");
    const lines = (file: string) =>
      new Map(
        fs
          .readFileSync(file, "utf8")
          .trim()
          .split("\n")
          .map((l) => l.split(" "))
          .map(([t, v, s]) => [t, `${v} ${s}`]),
      );
    const fresh = lines(path.join(cache, "versions.env"));
    const warm = lines(path.join(real, "versions.env"));
    // The provider is never taken from PATH, so at least its stamp is always compared.
    expect(fresh.get("pulumi-resource-kubernetes")).toMatch(/^\S+ [0-9a-f]{16}$/);
    for (const [tool, stamp] of fresh) {
      if (!warm.get(tool)?.includes(" path:")) expect(warm.get(tool), tool).toBe(stamp);
    }
  });

  it("installs the dynamic-resource shim and builds nothing", () => {
    const bin = fs.readdirSync(path.join(cache, "bin"));
    expect(bin).toEqual(["pulumi-resource-pulumi-nodejs"]);
    expect(fs.readdirSync(path.join(cache, "stamps"))).toEqual([]);
  });
});
