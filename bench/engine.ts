// The real engine on the embedded cluster: preview and up times with and without Cairn's policy pack.
import * as path from "path";
import {
  cairnEnv,
  kubeconfigPath,
  ROOT,
  run as runCommand,
  type RunResult,
  TestStack,
} from "../test/helpers/engine";
import { median } from "./stats";
import { type BenchResult } from "./types";

const RUNS = 3;
const COUNT = 100;
/** The scale run: a stack of this many Kubernetes objects, previewed. */
const LARGE = 1000;
const PACK = ["--policy-pack", path.join(ROOT, "policies")];

const seconds = (r: RunResult) => r.ms / 1000;
const overhead = (withPack: number, without: number) =>
  Math.round(((withPack - without) / without) * 1000) / 10;

/** Median seconds of RUNS runs of each variant, interleaved (plain, pack, plain, ...) so load hits both alike. */
async function interleaved(
  runOnce: (withPack: boolean) => Promise<number>,
): Promise<{ plain: number; pack: number }> {
  const plain: number[] = [];
  const pack: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    plain.push(await runOnce(false));
    pack.push(await runOnce(true));
  }
  return { plain: median(plain), pack: median(pack) };
}

/** No-change runs of the main job's `local` stack: `preview`, or `up --yes` (preview and update). */
async function local(action: "preview" | "up"): Promise<{ plain: number; pack: number }> {
  const stack = await TestStack.local();
  const args = action === "up" ? ["up", "--yes"] : ["preview"];
  return interleaved(async (withPack) => seconds(await stack.pulumiOk(...args, ...(withPack ? PACK : []))));
}

/** One `./cairn up`: wall seconds and the seconds of each step scripts/stack reports ("[stack] time: <step> <s> s"). */
async function cairnUpOnce(
  env: NodeJS.ProcessEnv,
): Promise<{ seconds: number; steps: Record<string, number> }> {
  const r = await runCommand(path.join(ROOT, "cairn"), ["up"], { cwd: ROOT, env });
  if (r.code !== 0) throw new Error(`./cairn up exited ${r.code}\n${r.stdout}\n${r.stderr}`);
  const steps: Record<string, number> = {};
  for (const m of r.stderr.matchAll(/^\[stack\] time: (.+) ([\d.]+) s$/gm)) steps[m[1]] = Number(m[2]);
  return { seconds: seconds(r), steps };
}

/**
 * No-change `./cairn up` of `local`, the command users run: as it is (a preview
 * with the pack, update skipped) and with CAIRN_FULL_UP=1 (preview, then the
 * update: what every no-change run did before), interleaved, median of RUNS.
 */
async function cairnUpNoChange(): Promise<{ skipped: number; full: number; steps: Record<string, number> }> {
  const env = cairnEnv();
  await cairnUpOnce(env); // converges, and records the state the next runs compare with
  const skipped: { seconds: number; steps: Record<string, number> }[] = [];
  const full: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    skipped.push(await cairnUpOnce(env));
    full.push((await cairnUpOnce({ ...env, CAIRN_FULL_UP: "1" })).seconds);
  }
  const mid = [...skipped].sort((a, b) => a.seconds - b.seconds)[Math.floor(RUNS / 2)];
  if ("update" in mid.steps) throw new Error("a no-change ./cairn up ran the update: the skip did not apply");
  return { skipped: mid.seconds, full: median(full), steps: mid.steps };
}

/** Seconds to deploy COUNT ConfigMaps plus a namespace baseline from scratch on a throw-away stack. */
async function upFromScratch(withPack: boolean): Promise<{ seconds: number; resources: number }> {
  const stack = await TestStack.create("many", {
    CAIRN_TEST_KUBECONFIG: kubeconfigPath(),
    CAIRN_TEST_NAMESPACE: `bench-${withPack ? "pack" : "plain"}-${process.pid}`,
    CAIRN_TEST_COUNT: String(COUNT),
  });
  try {
    const up = await stack.pulumiOk("up", "--yes", ...(withPack ? PACK : []));
    const resources = Number(/\+ (\d+) created/.exec(up.stdout)?.[1] ?? NaN);
    return { seconds: seconds(up), resources };
  } finally {
    await stack.dispose();
  }
}

/** Median seconds of previews of a fresh stack of LARGE ConfigMaps (every one a create), without and with the pack. */
async function previewLarge(): Promise<{ plain: number; pack: number; resources: number }> {
  const stack = await TestStack.create("many", {
    CAIRN_TEST_KUBECONFIG: kubeconfigPath(),
    CAIRN_TEST_NAMESPACE: `bench-large-${process.pid}`,
    CAIRN_TEST_COUNT: String(LARGE),
  });
  let resources = NaN;
  try {
    const times = await interleaved(async (withPack) => {
      const r = await stack.pulumiOk("preview", ...(withPack ? PACK : []));
      resources = Number(/\+ (\d+) to create/.exec(r.stdout)?.[1] ?? NaN);
      return seconds(r);
    });
    return { ...times, resources };
  } finally {
    await stack.dispose();
  }
}

export async function run(): Promise<BenchResult[]> {
  const cairnUp = await cairnUpNoChange();
  const preview = await local("preview");
  const up = await local("up");
  const upPlain = await upFromScratch(false);
  const upPack = await upFromScratch(true);
  const large = await previewLarge();
  const stepSum = Object.values(cairnUp.steps).reduce((a, b) => a + b, 0);
  return [
    {
      name: `engine: ./cairn up of the local stack, no changes (median of ${RUNS}, interleaved with CAIRN_FULL_UP=1)`,
      metrics: {
        seconds: cairnUp.skipped,
        seconds_with_full_update: cairnUp.full,
        ...Object.fromEntries(
          Object.entries(cairnUp.steps).map(([k, v]) => [`${k.replaceAll(" ", "_")}_s`, v]),
        ),
        setup_and_cluster_check_s: Math.round((cairnUp.skipped - stepSum) * 10) / 10,
      },
      anchors: { seconds: { name: "with the update (CAIRN_FULL_UP=1)", value: cairnUp.full } },
      targets: { seconds: "< 10" },
    },
    {
      name: `engine: pulumi preview of the local stack (no changes, median of ${RUNS}, interleaved)`,
      metrics: {
        seconds_without_pack: preview.plain,
        seconds_with_pack: preview.pack,
        pack_overhead_percent: overhead(preview.pack, preview.plain),
      },
      anchors: { seconds_with_pack: { name: "without pack", value: preview.plain } },
      targets: { pack_overhead_percent: "< 20" },
    },
    {
      name: `engine: pulumi up of the local stack (no changes, preview included, median of ${RUNS}, interleaved)`,
      metrics: {
        seconds_without_pack: up.plain,
        seconds_with_pack: up.pack,
        pack_overhead_percent: overhead(up.pack, up.plain),
      },
      anchors: { seconds_with_pack: { name: "without pack", value: up.plain } },
      targets: { pack_overhead_percent: "< 20" },
    },
    {
      name: `engine: pulumi up from scratch (${COUNT} ConfigMaps + namespace baseline, preview included)`,
      metrics: {
        resources: upPlain.resources,
        seconds_without_pack: upPlain.seconds,
        seconds_with_pack: upPack.seconds,
        resources_per_s_without_pack: Math.round(upPlain.resources / upPlain.seconds),
        pack_overhead_percent: overhead(upPack.seconds, upPlain.seconds),
      },
      anchors: { seconds_with_pack: { name: "without pack", value: upPlain.seconds } },
      targets: { pack_overhead_percent: "< 20" },
    },
    {
      name: `engine: pulumi preview of ${LARGE} ConfigMaps + namespace baseline on the embedded cluster (median of ${RUNS})`,
      metrics: {
        resources: large.resources,
        seconds_without_pack: large.plain,
        seconds_with_pack: large.pack,
        pack_overhead_percent: overhead(large.pack, large.plain),
      },
      anchors: { seconds_with_pack: { name: "without pack", value: large.plain } },
      targets: { pack_overhead_percent: "< 20" },
    },
  ];
}
