import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { buildSloRules, sloSpecSchema } from "./slo";

const SLOS = [
  { service: "checkout", namespace: "shop", availability: 99.9 },
  { service: "catalog", namespace: "shop", availability: 99.9 },
  { service: "search", latency: { objective: 99, thresholdMs: 250 } },
];

/** Writes files to a fresh directory and runs promtool there; throws with promtool's output on failure. */
function promtool(files: Record<string, unknown>, ...args: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cairn-slo-"));
  for (const [name, content] of Object.entries(files))
    fs.writeFileSync(path.join(dir, name), stringify(content));
  try {
    return execFileSync("promtool", args, { cwd: dir, encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`promtool ${args.join(" ")} failed:\n${err.stdout ?? ""}${err.stderr ?? ""}`);
  }
}

const series = (labels: string, values: string) => ({ series: `${labels}`, values });
const req = (svc: string, code: string) =>
  `istio_requests_total{reporter="destination",destination_service_name="${svc}",destination_service_namespace="shop",response_code="${code}"}`;
const dur = (name: string, extra = "") =>
  `istio_request_duration_milliseconds_${name}{reporter="destination",destination_service_name="search"${extra}}`;

const alert = (svc: string, slo: string, severity: "page" | "ticket", objective: string) => ({
  exp_labels: { service: svc, slo, severity },
  exp_annotations: {
    summary: `${svc} ${slo} SLO (${objective}%) is burning its error budget ${severity === "page" ? "fast" : "slowly"}`,
  },
});

describe("buildSloRules", () => {
  it("records error ratios for every burn-rate window and alerts on four window pairs", () => {
    const [group] = buildSloRules([SLOS[0]]);
    expect(group.rules.filter((r) => r.record).map((r) => r.record)).toEqual([
      "slo:sli_error:ratio_rate5m",
      "slo:sli_error:ratio_rate30m",
      "slo:sli_error:ratio_rate1h",
      "slo:sli_error:ratio_rate2h",
      "slo:sli_error:ratio_rate6h",
      "slo:sli_error:ratio_rate1d",
      "slo:sli_error:ratio_rate3d",
    ]);
    const page = group.rules.find((r) => r.alert === "SLOErrorBudgetBurnFast");
    expect(page?.expr).toContain(
      'slo:sli_error:ratio_rate1h{service="checkout",slo="availability"} > 0.0144',
    );
    expect(page?.expr).toContain(
      'slo:sli_error:ratio_rate30m{service="checkout",slo="availability"} > 0.006',
    );
    const ticket = group.rules.find((r) => r.alert === "SLOErrorBudgetBurnSlow");
    expect(ticket?.expr).toContain(
      'slo:sli_error:ratio_rate1d{service="checkout",slo="availability"} > 0.003',
    );
    expect(ticket?.expr).toContain(
      'slo:sli_error:ratio_rate3d{service="checkout",slo="availability"} > 0.001',
    );
  });

  it("passes promtool check rules", () => {
    const out = promtool({ "rules.yaml": { groups: buildSloRules(SLOS) } }, "check", "rules", "rules.yaml");
    expect(out).toMatch(/SUCCESS: \d+ rules found/);
  });

  it("fires for a burning service and stays silent for a healthy one (promtool test rules)", () => {
    const test = {
      rule_files: ["rules.yaml"],
      evaluation_interval: "1m",
      tests: [
        {
          interval: "1m",
          input_series: [
            // checkout: ~9% of requests fail against a 0.1% budget.
            series(req("checkout", "200"), "0+100x120"),
            series(req("checkout", "503"), "0+10x120"),
            // catalog: 0.05% of requests fail, inside a 0.1% budget.
            series(req("catalog", "200"), "0+1000x120"),
            series(req("catalog", "503"), "0+0.5x120"),
            // search: 10% of requests slower than 250ms against a 1% budget (above 6x, below 14.4x).
            series(dur("bucket", ',le="250"'), "0+90x120"),
            series(dur("count"), "0+100x120"),
          ],
          alert_rule_test: [
            {
              eval_time: "70m",
              alertname: "SLOErrorBudgetBurnFast",
              exp_alerts: [
                alert("checkout", "availability", "page", "99.9"),
                alert("search", "latency", "page", "99"),
              ],
            },
            {
              eval_time: "70m",
              alertname: "SLOErrorBudgetBurnSlow",
              exp_alerts: [
                alert("checkout", "availability", "ticket", "99.9"),
                alert("search", "latency", "ticket", "99"),
              ],
            },
            // Before the `for` duration has passed nothing fires.
            { eval_time: "1m", alertname: "SLOErrorBudgetBurnFast", exp_alerts: [] },
          ],
        },
      ],
    };
    const out = promtool(
      { "rules.yaml": { groups: buildSloRules(SLOS) }, "test.yaml": test },
      "test",
      "rules",
      "test.yaml",
    );
    expect(out).toContain("SUCCESS");
  });

  it("catches a wrong expectation (the promtool harness can fail)", () => {
    const test = {
      rule_files: ["rules.yaml"],
      tests: [
        {
          interval: "1m",
          input_series: [
            series(req("catalog", "200"), "0+1000x120"),
            series(req("catalog", "503"), "0+0.5x120"),
          ],
          alert_rule_test: [
            {
              eval_time: "70m",
              alertname: "SLOErrorBudgetBurnFast",
              exp_alerts: [alert("catalog", "availability", "page", "99.9")],
            },
          ],
        },
      ],
    };
    expect(() =>
      promtool(
        { "rules.yaml": { groups: buildSloRules(SLOS) }, "test.yaml": test },
        "test",
        "rules",
        "test.yaml",
      ),
    ).toThrow(/FAILED/);
  });
});

describe("sloSpecSchema", () => {
  it.each([
    [{ service: "a", availability: 100 }, "between 0 and 100"],
    [{ service: "a", latency: { objective: 99, thresholdMs: 300 } }, "Istio histogram bucket"],
    [{ service: "a" }, "availability, latency or both"],
  ])("rejects %j", (spec, message) => {
    const result = sloSpecSchema.safeParse(spec);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain(message);
  });
});
