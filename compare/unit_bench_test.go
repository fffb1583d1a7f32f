package compare

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/cuasim/cuasim/scenarios"
)

// BenchmarkCompareUnits runs CUASIM_UNITS (default 2) one-hour airport
// replications of the default compare (three layouts in lockstep, the
// default thresholds) on one worker: the unit of work of cuasim compare,
// for profiling.
func BenchmarkCompareUnits(b *testing.B) {
	n := 2
	if s := os.Getenv("CUASIM_UNITS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	sc, err := scenarios.Embedded("airport")
	if err != nil {
		b.Fatal(err)
	}
	d, err := NewDesign("airport", sc, Options{Replications: n, RequiredWarningS: 60, BudgetPerDay: 2, Confidence: 0.95})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := (&Runner{Design: d, Scenario: sc, Workers: 1}).Run(context.Background(), nil); err != nil {
			b.Fatal(err)
		}
	}
}
