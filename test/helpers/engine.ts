import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** Repository root (found from here, so it also works from the compiled copy under bin/). */
export const ROOT = findRoot(__dirname);

function findRoot(dir: string): string {
  if (fs.existsSync(path.join(dir, "cairn")) && fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
  const parent = path.dirname(dir);
  if (parent === dir) throw new Error(`no Cairn checkout above ${__dirname}`);
  return findRoot(parent);
}

/**
 * The environment scripts/env.sh sets up (pinned tools on PATH, offline
 * Pulumi settings), read from the script itself so there is one source of truth.
 */
export function cairnEnv(): NodeJS.ProcessEnv {
  const out = execFileSync("bash", ["-c", "source scripts/env.sh && env -0"], {
    cwd: ROOT,
    env: process.env,
  });
  const env: NodeJS.ProcessEnv = {};
  for (const entry of out.toString().split("\0")) {
    const i = entry.indexOf("=");
    if (i > 0) env[entry.slice(0, i)] = entry.slice(i + 1);
  }
  return env;
}

/** Path of the embedded cluster's kubeconfig (written by `scripts/cluster start`). */
export function kubeconfigPath(): string {
  const file = cairnEnv().KUBECONFIG_CAIRN!;
  if (!fs.existsSync(file)) throw new Error(`no kubeconfig at ${file}: run ./cairn cluster start`);
  return file;
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall-clock milliseconds. */
  readonly ms: number;
}

/** Runs a command to completion, capturing output. Never throws on a non-zero exit. */
export function run(
  cmd: string,
  args: readonly string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<RunResult> {
  const start = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr, ms: Date.now() - start }));
  });
}

/**
 * A stack driven through the real pulumi CLI. Test programs get a throw-away
 * stack with its own file backend in a temporary directory, so tests never
 * touch the user's state; `TestStack.local()` is the main job's own stack.
 */
export class TestStack {
  readonly env: NodeJS.ProcessEnv;

  private constructor(
    readonly programDir: string,
    readonly name: string,
    extraEnv: NodeJS.ProcessEnv,
    /** Temporary backend directory, removed on dispose; undefined for the persistent local stack. */
    private readonly backend?: string,
  ) {
    const base = cairnEnv();
    this.env = {
      ...base,
      ...extraEnv,
      PULUMI_BACKEND_URL: backend ? `file://${backend}` : base.PULUMI_BACKEND_URL,
    };
  }

  /** Creates a throw-away stack for a program under test/integration/programs/<program>. */
  static async create(program: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<TestStack> {
    const dir = path.join(ROOT, "test/integration/programs", program);
    const backend = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-state-"));
    const stack = new TestStack(dir, `it-${process.pid}-${Date.now() % 100000}`, extraEnv, backend);
    await stack.pulumiOk("stack", "init");
    return stack;
  }

  /**
   * The `local` stack of Cairn's own program, in the user's state backend:
   * tests drive it as `./cairn up` does, and dispose never destroys it.
   */
  static async local(): Promise<TestStack> {
    // As scripts/stack does: the file backend's directory exists before the first login.
    const url = process.env.PULUMI_BACKEND_URL ?? "";
    if (url.startsWith("file://")) fs.mkdirSync(url.slice("file://".length), { recursive: true });
    const stack = new TestStack(ROOT, "local", {});
    if ((await stack.pulumi("stack", "select")).code !== 0) await stack.pulumiOk("stack", "init");
    return stack;
  }

  /** Runs `pulumi <args>` on this stack. */
  pulumi(...args: string[]): Promise<RunResult> {
    return run("pulumi", [...args, "--stack", this.name, "--non-interactive"], {
      cwd: this.programDir,
      env: this.env,
    });
  }

  /** Runs `pulumi <args>` and throws with the CLI's output when it fails. */
  async pulumiOk(...args: string[]): Promise<RunResult> {
    const result = await this.pulumi(...args);
    if (result.code !== 0) {
      throw new Error(`pulumi ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    }
    return result;
  }

  up(...args: string[]): Promise<RunResult> {
    return this.pulumiOk("up", "--yes", "--skip-preview", ...args);
  }

  /** Stack outputs, secrets shown. */
  async outputs(): Promise<Record<string, unknown>> {
    return JSON.parse((await this.pulumiOk("stack", "output", "--json", "--show-secrets")).stdout);
  }

  /** Destroys the resources, removes the stack and its temporary backend. */
  async dispose(): Promise<void> {
    if (!this.backend) return;
    try {
      await this.pulumi("destroy", "--yes", "--skip-preview");
      await this.pulumi("stack", "rm", "--yes", "--force");
    } finally {
      fs.rmSync(this.backend, { recursive: true, force: true });
      fs.rmSync(path.join(this.programDir, `Pulumi.${this.name}.yaml`), { force: true });
    }
  }
}
