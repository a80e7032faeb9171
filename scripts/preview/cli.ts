import * as fs from "node:fs";
import { parse as parseYaml } from "yaml";
import { affectedStacks, ciStacks } from "./affected";
import { type Allowance, formatGuard, guardPreview } from "./guard";
import { type ExportedStack, planChanges, type SavedPlan } from "./plan";
import { parsePreview, PreviewFormatError } from "./preview";
import { scrubPreview } from "./scrub";
import { summarize } from "./summary";

const USAGE = `usage:
  affected <changed-files.txt|-> <stack file>...   (prints a JSON list of stacks to preview)
  scrub   <preview.json|->   (a recorded preview without debug messages or state bodies, for test fixtures)
  guard   <preview.json|-> [--allow <urn glob>=<reason>]... [--allow-file <yaml>]
  summary <preview.json|-> [--stack <name>] [--guard] [--allow-file <yaml>]
  changes <plan.json> <stack-export.json>   (exit 0: an update would change nothing; 1: prints why it would)`;

/** Reads an allow file: `allow: [{ pattern: "*::local-consul-server", reason: "..." }]`. */
export function readAllowFile(text: string, file: string): Allowance[] {
  const doc = parseYaml(text) as { allow?: unknown } | null;
  const list = doc?.allow ?? [];
  if (!Array.isArray(list)) throw new Error(`${file}: allow must be a list of { pattern, reason }`);
  return list.map((entry, i) => {
    const e = entry as { pattern?: unknown; reason?: unknown } | null;
    if (typeof e?.pattern !== "string" || !e.pattern || typeof e.reason !== "string" || !e.reason.trim()) {
      throw new Error(
        `${file}: allow[${i}] needs a pattern and a non-empty reason (say why destroying it is safe)`,
      );
    }
    return { pattern: e.pattern, reason: e.reason };
  });
}

function readIfExists(io: Io, file: string): string | undefined {
  try {
    return io.readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}

interface Io {
  readFile(path: string): string;
  write(text: string): void;
  error(text: string): void;
}

/** Runs a command; returns the exit code (0 ok, 1 guard failed, 2 usage or input error). */
export function main(argv: readonly string[], io: Io): number {
  const [command, input, ...rest] = argv;
  if (command === "affected" && input) {
    const changed = io
      .readFile(input === "-" ? "/dev/stdin" : input)
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    io.write(`${JSON.stringify(affectedStacks(changed, ciStacks(rest)))}\n`);
    return 0;
  }
  if (command === "scrub" && input) {
    io.write(scrubPreview(io.readFile(input === "-" ? "/dev/stdin" : input)));
    return 0;
  }
  if (command === "changes" && input && rest.length === 1) {
    let reasons: string[];
    try {
      const plan = JSON.parse(io.readFile(input)) as SavedPlan;
      reasons = planChanges(plan, JSON.parse(io.readFile(rest[0])) as ExportedStack);
    } catch (e) {
      io.error(
        `changes: cannot read the plan ${input} or the stack export ${rest[0]}: ${(e as Error).message}`,
      );
      return 2;
    }
    const shown = reasons.slice(0, 10).map((r) => `  ${r}\n`);
    if (reasons.length > 10) shown.push(`  ... ${reasons.length - 10} more\n`);
    io.write(shown.join(""));
    return reasons.length ? 1 : 0;
  }
  if ((command !== "guard" && command !== "summary") || !input) {
    io.error(USAGE);
    return 2;
  }
  try {
    const allowances: Allowance[] = [];
    let stack: string | undefined;
    let withGuard = command === "guard";
    for (let i = 0; i < rest.length; i++) {
      const flag = rest[i];
      const value = rest[i + 1];
      if (flag === "--guard") {
        withGuard = true;
        continue;
      }
      if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      i++;
      if (flag === "--stack") stack = value;
      else if (flag === "--allow-file") {
        // A stack without an allow file allows nothing.
        const text = readIfExists(io, value);
        if (text !== undefined) allowances.push(...readAllowFile(text, value));
      } else if (flag === "--allow") {
        const [pattern, ...reason] = value.split("=");
        if (!pattern || reason.join("=").trim() === "")
          throw new Error(`--allow needs <pattern>=<reason>, got ${value}`);
        allowances.push({ pattern, reason: reason.join("=") });
      } else throw new Error(`unknown flag ${flag}\n${USAGE}`);
    }
    const preview = parsePreview(io.readFile(input === "-" ? "/dev/stdin" : input));
    const guard = withGuard ? guardPreview(preview, allowances) : undefined;
    if (command === "summary")
      io.write(summarize(preview, { ...(stack ? { stack } : {}), ...(guard ? { guard } : {}) }));
    else io.write(`${formatGuard(guard!)}\n`);
    return guard && !guard.ok ? 1 : 0;
  } catch (e) {
    io.error(`${e instanceof PreviewFormatError ? "not a preview: " : ""}${(e as Error).message}`);
    return 2;
  }
}

// Only when run as a program (scripts/preview/run), not when imported by tests.
if (process.argv[1]?.endsWith("cli.ts")) {
  process.exitCode = main(process.argv.slice(2), {
    readFile: (path) => fs.readFileSync(path, "utf8"),
    write: (text) => process.stdout.write(text),
    error: (text) => process.stderr.write(`${text}\n`),
  });
}
