// opa-anchor: the fair anchor for bench/policy.ts. OPA's own Go evaluator, as a
// Go service embedding OPA would use it: the same Rego sources as the wasm
// bundle, each query prepared once (rego.PrepareForEval), then one Eval per
// input, timed one by one. Usage:
//
//	opa-anchor -inputs cases.json file.rego...
//
// cases.json is [{"entrypoint": "pack/k8s_workload_violations", "input": {...}}, ...]
// (bench/policy.ts writes it from the same mapped inputs the pack evaluates).
// Prints one JSON object: resources/s, median and p99 latency in µs, findings.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/rego"
)

type testCase struct {
	Entrypoint string `json:"entrypoint"`
	Input      any    `json:"input"`
}

type report struct {
	Resources     int     `json:"resources"`
	Queries       int     `json:"queries"`
	PrepareMs     float64 `json:"prepare_ms"`
	ResourcesPerS float64 `json:"resources_per_s"`
	MedianUs      float64 `json:"median_us"`
	P99Us         float64 `json:"p99_us"`
	Findings      int     `json:"findings"`
	WarmupRounds  int     `json:"warmup_rounds"`
	EvalTotalMs   float64 `json:"eval_total_ms"`
	Notes         string  `json:"notes"`
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "opa-anchor: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	inputsPath := flag.String("inputs", "", "JSON file of [{entrypoint, input}]")
	warmup := flag.Int("warmup", 500, "evaluations before timing (the pack's bench warms up the same way)")
	flag.Parse()
	if *inputsPath == "" || flag.NArg() == 0 {
		fail("usage: opa-anchor -inputs cases.json file.rego...")
	}
	raw, err := os.ReadFile(*inputsPath)
	if err != nil {
		fail("reading %s: %v", *inputsPath, err)
	}
	var cases []testCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		fail("parsing %s: %v", *inputsPath, err)
	}
	modules := make([]func(*rego.Rego), 0, flag.NArg())
	for _, f := range flag.Args() {
		src, err := os.ReadFile(f)
		if err != nil {
			fail("reading %s: %v", f, err)
		}
		modules = append(modules, rego.Module(f, string(src)))
	}

	ctx := context.Background()
	prepareStart := time.Now()
	queries := map[string]rego.PreparedEvalQuery{}
	for _, c := range cases {
		if _, ok := queries[c.Entrypoint]; ok {
			continue
		}
		opts := append([]func(*rego.Rego){rego.Query("data." + strings.ReplaceAll(c.Entrypoint, "/", "."))}, modules...)
		q, err := rego.New(opts...).PrepareForEval(ctx)
		if err != nil {
			fail("preparing %s: %v", c.Entrypoint, err)
		}
		queries[c.Entrypoint] = q
	}
	prepareMs := float64(time.Since(prepareStart).Microseconds()) / 1000

	eval := func(c testCase) int {
		q := queries[c.Entrypoint]
		rs, err := q.Eval(ctx, rego.EvalInput(c.Input))
		if err != nil {
			fail("evaluating %s: %v", c.Entrypoint, err)
		}
		if len(rs) != 1 || len(rs[0].Expressions) != 1 {
			fail("%s returned no result set", c.Entrypoint)
		}
		findings, ok := rs[0].Expressions[0].Value.([]any)
		if !ok {
			fail("%s returned %T, not a set of findings", c.Entrypoint, rs[0].Expressions[0].Value)
		}
		return len(findings)
	}
	for i := 0; i < *warmup && i < len(cases); i++ {
		eval(cases[i])
	}
	latencies := make([]float64, len(cases))
	findings := 0
	start := time.Now()
	for i, c := range cases {
		t := time.Now()
		findings += eval(c)
		latencies[i] = float64(time.Since(t).Nanoseconds()) / 1000
	}
	total := time.Since(start)
	sort.Float64s(latencies)
	pct := func(p float64) float64 {
		i := int(p / 100 * float64(len(latencies)))
		if i >= len(latencies) {
			i = len(latencies) - 1
		}
		return latencies[i]
	}
	out := report{
		Resources:     len(cases),
		Queries:       len(queries),
		PrepareMs:     prepareMs,
		ResourcesPerS: float64(len(cases)) / total.Seconds(),
		MedianUs:      pct(50),
		P99Us:         pct(99),
		Findings:      findings,
		WarmupRounds:  *warmup,
		EvalTotalMs:   float64(total.Microseconds()) / 1000,
		Notes:         "rego.PrepareForEval once per query, Eval(rego.EvalInput) per resource, one goroutine",
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		fail("writing the report: %v", err)
	}
}
