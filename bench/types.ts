/** One measured scenario: a name and its figures (units in the metric names, e.g. `resources_per_s`). */
export interface BenchResult {
  readonly name: string;
  readonly metrics: Record<string, number>;
  /** Targets the scenario is judged against, e.g. `{ resources_per_s: ">= 20000" }`. */
  readonly targets?: Record<string, string>;
  /**
   * What a metric is compared with, measured in the same run: `{ resources_per_s: { name: "OPA Go
   * evaluator", value: 722 } }`. The summary prints the metric as a ratio to it.
   */
  readonly anchors?: Record<string, { readonly name: string; readonly value: number }>;
}

/** A benchmark module: `run` measures and returns its results. */
export type BenchModule = { run(): Promise<BenchResult[]> };
