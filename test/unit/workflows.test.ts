import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";

const ROOT = path.resolve(__dirname, "../..");
const DIR = path.join(ROOT, ".github/workflows");

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
}
interface Job {
  needs?: string | string[];
  steps: Step[];
  strategy?: { matrix?: Record<string, unknown> };
  outputs?: Record<string, string>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  environment?: string;
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const load = (file: string) => parseYaml(fs.readFileSync(path.join(DIR, file), "utf8")) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const pulumiSteps = (w: Workflow) => steps(w).filter((s) => s.uses?.startsWith("pulumi/actions@"));

/**
 * The actions the workflows may use, at the major version pinned. actionlint (scripts/lint and the
 * test below) checks every workflow's syntax, expressions, `run:` scripts and, for the actions it
 * ships metadata for (`true` here), their inputs. For the others it cannot check inputs, so they
 * are listed from each action's action.yml (open-policy-agent/setup-opa,
 * aliyun/configure-aliyun-credentials-action, marocchino/sticky-pull-request-comment).
 */
const ACTIONS: Record<string, true | readonly string[]> = {
  "actions/checkout@v4": true,
  "actions/upload-artifact@v4": true,
  "actions/setup-node@v4": true,
  "actions/setup-go@v5": true,
  "aws-actions/configure-aws-credentials@v4": true,
  "pulumi/actions@v6": true,
  "open-policy-agent/setup-opa@v2": ["version", "static", "github-token"],
  "aliyun/configure-aliyun-credentials-action@v1": ["role-to-assume", "oidc-provider-arn"],
  "marocchino/sticky-pull-request-comment@v2": ["header", "path", "message", "recreate", "append"],
};

/** actionlint as scripts/toolchain builds it (scripts/env.sh puts this directory first on PATH). */
const ACTIONLINT = path.join(
  process.env.CAIRN_CACHE ?? path.join(os.homedir(), ".cache", "cairn"),
  "bin",
  "actionlint",
);

const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".yml"));

describe("GitHub workflows", () => {
  it("are the pull-request, deploy and drift workflows", () => {
    expect(files.sort()).toEqual(["deploy.yml", "drift.yml", "pr.yml"]);
  });

  it("pass actionlint", () => {
    expect(fs.existsSync(ACTIONLINT), `${ACTIONLINT} is not built: run scripts/toolchain actionlint`).toBe(
      true,
    );
    const r = spawnSync(ACTIONLINT, ["-no-color"], { cwd: ROOT, encoding: "utf8" });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it.each(files)("%s uses only reviewed actions, with inputs they declare", (file) => {
    for (const step of steps(load(file)).filter((s) => s.uses)) {
      const inputs = ACTIONS[step.uses!];
      expect(inputs, `${file}: unexpected action ${step.uses}`).toBeDefined();
      if (inputs === true) continue; // actionlint checks this action's inputs
      for (const key of Object.keys(step.with ?? {}))
        expect(inputs, `${file}: ${step.uses} has no input ${key}`).toContain(key);
    }
  });

  it.each(files)("%s gives every pulumi/actions command a stack and the pinned CLI version", (file) => {
    for (const step of pulumiSteps(load(file))) {
      expect(step.with?.["pulumi-version"]).toBe("${{ env.PULUMI_VERSION }}");
      if (step.with?.command) expect(step.with["stack-name"]).toBe("${{ matrix.stack }}");
    }
  });

  it.each(files)("%s runs only scripts that exist and npm scripts that are defined", (file) => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    for (const run of steps(load(file)).flatMap((s) => (s.run ? [s.run] : []))) {
      for (const [, script] of run.matchAll(/(scripts\/[\w/.-]+)/g)) {
        if (script.includes("*") || script.endsWith(".yaml")) continue;
        expect(fs.existsSync(path.join(ROOT, script)), `${file}: ${script}`).toBe(true);
      }
      for (const [, name] of run.matchAll(/npm run ([\w:-]+)/g))
        expect(pkg.scripts, `${file}: npm run ${name}`).toHaveProperty(name);
    }
  });

  it.each(files)("%s feeds each matrix from a job output that exists", (file) => {
    const w = load(file);
    for (const job of Object.values(w.jobs)) {
      const matrix = job.strategy?.matrix?.stack as string | undefined;
      if (!matrix) continue;
      const [, from, output] = /needs\.(\w+)\.outputs\.(\w+)/.exec(matrix) ?? [];
      expect([job.needs].flat(), file).toContain(from);
      expect(w.jobs[from].outputs, file).toHaveProperty(output);
    }
  });
});

describe("pr.yml", () => {
  const w = load("pr.yml");

  it("runs on pull requests to main with lint, type-check and unit tests", () => {
    expect(w.on).toHaveProperty("pull_request");
    const runs = w.jobs.checks.steps.map((s) => s.run).join("\n");
    expect(runs).toMatch(/npm run lint/);
    expect(runs).toMatch(/npm run typecheck/);
    expect(runs).toMatch(/npm run test:unit/);
  });

  it("previews each affected stack with the policy pack and a diff, commenting on the PR", () => {
    const [preview] = pulumiSteps(w);
    expect(preview.with).toMatchObject({
      command: "preview",
      policyPacks: "policies",
      diff: true,
      "comment-on-pr": true,
    });
    expect(w.permissions).toMatchObject({ "pull-requests": "write" });
  });

  it("posts Cairn's summary and fails on an unallowed replacement", () => {
    const job = w.jobs.preview;
    const names = job.steps.map((s) => s.run ?? s.uses ?? "");
    const summary = names.findIndex((r) => r.includes("scripts/preview/run summary"));
    const comment = names.findIndex((r) => r.startsWith("marocchino/sticky-pull-request-comment"));
    const guard = names.findIndex((r) => r.includes("scripts/preview/run guard"));
    expect(summary).toBeGreaterThan(-1);
    expect(comment).toBeGreaterThan(summary);
    expect(guard).toBeGreaterThan(comment);
    expect(job.steps[comment].with?.path).toBe("summary.md");
    expect(names.find((r) => r.includes("pulumi preview --json"))).toMatch(
      /pulumi preview --json .*--policy-pack policies/,
    );
  });
});

describe("deploy.yml", () => {
  const w = load("deploy.yml");

  it("applies the plan the pull request's preview saved, with the pack, after the replacement guard", () => {
    expect(w.on).toEqual({ push: { branches: ["main"] } });
    const job = w.jobs.up;
    const at = (pattern: RegExp) => job.steps.findIndex((s) => s.run !== undefined && pattern.test(s.run));
    const fetch = at(/gh run download "\$run" --name "plan-\$STACK"/);
    const guard = at(/scripts\/preview\/run guard/);
    const up = at(
      /pulumi up --yes --skip-preview --plan "plan-\$STACK.json" --stack "\$STACK" --policy-pack policies/,
    );
    expect([fetch, guard, up].every((i) => i > -1)).toBe(true);
    expect(fetch).toBeLessThan(up);
    expect(guard).toBeLessThan(up);
    // A plan the stack no longer matches stops the job with the resources that differ.
    expect(job.steps[up].run).toMatch(/violates plan/);
    expect(job.steps.some((s) => s.uses === "pulumi/actions@v6" && s.with?.command === "up")).toBe(false);
  });

  it("deploys stacks in parallel, one concurrency group and environment per stack, never cancelling an update", () => {
    const job = w.jobs.up;
    expect((w as unknown as { concurrency?: unknown }).concurrency).toBeUndefined();
    expect(job.concurrency).toEqual({ group: "deploy-${{ matrix.stack }}", "cancel-in-progress": false });
    expect(job.environment).toBe("${{ matrix.stack }}");
    expect(job.strategy).not.toHaveProperty("max-parallel");
  });
});

describe("pr.yml's plan for the deploy", () => {
  it("saves each stack's preview plan as the artifact deploy.yml downloads", () => {
    const job = load("pr.yml").jobs.preview;
    const save = job.steps.findIndex((s) => s.run?.includes('--save-plan "plan-${{ matrix.stack }}.json"'));
    const upload = job.steps.findIndex((s) => s.uses === "actions/upload-artifact@v4");
    expect(save).toBeGreaterThan(-1);
    expect(upload).toBeGreaterThan(save);
    expect(job.steps[upload].with).toMatchObject({
      name: "plan-${{ matrix.stack }}",
      path: "plan-${{ matrix.stack }}.json",
    });
  });
});

describe("drift.yml", () => {
  const w = load("drift.yml");

  it("runs on a schedule a refresh preview that fails on any change", () => {
    expect((w.on.schedule as { cron: string }[])[0].cron).toMatch(/^\S+ \S+ \* \* \*$/);
    const runs = steps(w).flatMap((s) => (s.run ? [s.run] : []));
    expect(runs.some((r) => /pulumi refresh --preview-only --expect-no-changes/.test(r))).toBe(true);
  });
});
