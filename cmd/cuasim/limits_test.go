package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cuasim/cuasim/internal/cmdopts"
)

// TestCompareChecksLimitsFirst: cuasim compare holds --duration to the
// week cuasim run does (one function, scenarios.WithRun, for both), and
// finds out that --out cannot be written before it simulates anything.
// Each case here would simulate for many minutes: a deadline of a minute
// stands in for Ctrl-C, and the command must return, refused, well before
// it. On today's main the long durations start simulating, and the
// unwritable directory is found only at the end.
func TestCompareChecksLimitsFirst(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	readOnly := filepath.Join(t.TempDir(), "read-only")
	if err := os.Mkdir(readOnly, 0o555); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		durationS float64
		out       string
		code      int
		want      string
	}{
		{"--duration 720h", 720 * 3600, "", exitUsage, "run.duration_s: expected a number in (0, 604800] (seconds), found 2.592e+06"},
		{"--duration 100000h", 100000 * 3600, "", exitUsage, "run.duration_s: expected a number in (0, 604800] (seconds), found 3.6e+08"},
		{"--out under a file", 3600, filepath.Join(file, "out"), exitFailure, "not a directory"},
		{"--out read-only", 3600, readOnly, exitFailure, "permission denied"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.out == readOnly && os.Geteuid() == 0 {
				t.Skip("root writes to read-only directories; run as another user to test")
			}
			out := tc.out
			if out == "" {
				out = filepath.Join(t.TempDir(), "out")
			}
			o := compareOptions{Compare: cmdopts.Compare{Scenario: "airport", Replications: 2000, DurationS: tc.durationS, RequiredWarningS: 60,
				BudgetPerDay: 2, Confidence: 0.95, MaxReplications: 2000, Quiet: true, Out: out}}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			var sink bytes.Buffer
			code, err := runCompare(ctx, o, &sink, &sink)
			if ctx.Err() != nil {
				t.Fatalf("still simulating a minute later")
			}
			if code != tc.code || err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("exit %d, %v; want exit %d and %q", code, err, tc.code, tc.want)
			}
			if tc.out == "" {
				if _, err := os.Stat(out); err == nil {
					t.Errorf("a refused comparison created %s", out)
				}
			}
		})
	}
}
