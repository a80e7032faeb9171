// pss-oracle answers with upstream's own Pod Security verdicts, for
// policies/test/pss-upstream.test.ts: one JSON request per stdin line,
// {"level": "baseline"|"restricted", "version": "v1.N"|"latest", "pod": <Pod>},
// one JSON answer per stdout line, {"allowed": bool, "reason": "..."}. It runs
// k8s.io/pod-security-admission's evaluator with its default checks, as the
// admission plugin does, after the one defaulting of the API server that the
// checks see in the module's fixtures: a volume with no source is an emptyDir.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
)

type request struct {
	Level   string          `json:"level"`
	Version string          `json:"version"`
	Pod     json.RawMessage `json:"pod"`
}

type answer struct {
	Allowed bool   `json:"allowed"`
	Reason  string `json:"reason,omitempty"`
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "pss-oracle:", err)
		os.Exit(1)
	}
}

func run() error {
	evaluator, err := policy.NewEvaluator(policy.DefaultChecks(), nil)
	if err != nil {
		return err
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for line := 1; in.Scan(); line++ {
		var req request
		if err := json.Unmarshal(in.Bytes(), &req); err != nil {
			return fmt.Errorf("line %d: %w", line, err)
		}
		level, err := api.ParseLevel(req.Level)
		if err != nil {
			return fmt.Errorf("line %d: level %q: %w", line, req.Level, err)
		}
		version, err := api.ParseVersion(req.Version)
		if err != nil {
			return fmt.Errorf("line %d: version %q: %w", line, req.Version, err)
		}
		var pod corev1.Pod
		if err := json.Unmarshal(req.Pod, &pod); err != nil {
			return fmt.Errorf("line %d: pod: %w", line, err)
		}
		defaultVolumes(&pod.Spec)
		results := evaluator.EvaluatePod(api.LevelVersion{Level: level, Version: version}, &pod.ObjectMeta, &pod.Spec)
		agg := policy.AggregateCheckResults(results)
		b, err := json.Marshal(answer{Allowed: agg.Allowed, Reason: agg.ForbiddenReason()})
		if err != nil {
			return err
		}
		fmt.Fprintln(out, string(b))
	}
	return in.Err()
}

// defaultVolumes gives a volume without any source an emptyDir, as the API
// server's defaulting (SetDefaults_Volume) does before admission.
func defaultVolumes(spec *corev1.PodSpec) {
	for i := range spec.Volumes {
		if spec.Volumes[i].VolumeSource == (corev1.VolumeSource{}) {
			spec.Volumes[i].EmptyDir = &corev1.EmptyDirVolumeSource{}
		}
	}
}
