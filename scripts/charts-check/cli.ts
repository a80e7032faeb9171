/**
 * `cairn charts check DIR [--json] [--profile production|dev]`, started by scripts/charts
 * with helm built (tools/helm/build) and the policy bundle compiled (scripts/build-policies).
 * Exit 0: every chart passes; 1: a chart has a mandatory denial, an unknown value key, an
 * unhandled hook or could not be checked; 2: bad usage, or DIR missing or holding no pinned chart.
 */
import { parseArgs } from "node:util";
import { PROFILES, type Profile } from "../../policies/config";
import { checkMirror, MirrorError } from "./check";
import { helmVersion } from "./render";
import { exitCode, formatReport, jsonReport } from "./report";

const USAGE = "usage: cairn charts check DIR [--json] [--profile production|dev]";

function main(argv: readonly string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        json: { type: "boolean", default: false },
        profile: { type: "string", default: "production" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    process.stderr.write(`charts: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [command, dir, ...rest] = positionals;
  if (command !== "check" || !dir || rest.length > 0) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (!(PROFILES as readonly string[]).includes(values.profile)) {
    process.stderr.write(`charts: --profile ${values.profile} is not one of ${PROFILES.join(", ")}\n`);
    return 2;
  }
  const helm = process.env.CAIRN_HELM;
  if (!helm) {
    process.stderr.write("charts: CAIRN_HELM is not set; run through ./cairn charts (it builds helm)\n");
    return 2;
  }
  try {
    const report = checkMirror(dir, {
      helm,
      helmVersion: helmVersion(helm),
      profile: values.profile as Profile,
    });
    process.stdout.write(values.json ? jsonReport(report) : formatReport(report));
    return exitCode(report);
  } catch (e) {
    if (e instanceof MirrorError) {
      process.stderr.write(`charts: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
