// The real engine on the embedded cluster: preview and up times with and without Cairn's policy pack.
import * as path from "path";
import { kubeconfigPath, ROOT, type RunResult, TestStack } from "../test/helpers/engine";
import { type BenchResult } from "./types";

const RUNS = 3;
const COUNT = 100;
const PACK = ["--policy-pack", path.join(ROOT, "policies")];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (r: RunResult) => r.ms / 1000;
const overhead = (withPack: number, without: number) =>
  Math.round(((withPack - without) / without) * 1000) / 10;

/** Median seconds of RUNS no-change previews of the main job's `local` stack. */
async function previewLocal(withPack: boolean): Promise<number> {
  const local = await TestStack.local();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    times.push(seconds(await local.pulumiOk("preview", ...(withPack ? PACK : []))));
  }
  return median(times);
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

export async function run(): Promise<BenchResult[]> {
  const previewPlain = await previewLocal(false);
  const previewPack = await previewLocal(true);
  const upPlain = await upFromScratch(false);
  const upPack = await upFromScratch(true);
  return [
    {
      name: `engine: pulumi preview of the local stack (no changes, median of ${RUNS})`,
      metrics: {
        seconds_without_pack: previewPlain,
        seconds_with_pack: previewPack,
        pack_overhead_percent: overhead(previewPack, previewPlain),
      },
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
      targets: { pack_overhead_percent: "< 20" },
    },
  ];
}
