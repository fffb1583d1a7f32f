package compare

import (
	"context"
	"testing"

	"github.com/cuasim/cuasim/scenarios"
)

// BenchmarkCompareAirport is the default cuasim compare airport: three
// layouts × the default thresholds × 200 one-hour replications, on every
// CPU, without writing files. Run it once:
//
//	go test ./compare -run '^$' -bench CompareAirport -benchtime 1x
func BenchmarkCompareAirport(b *testing.B) {
	sc, err := scenarios.Embedded("airport")
	if err != nil {
		b.Fatal(err)
	}
	d, err := NewDesign("airport", sc, Options{Replications: 200, RequiredWarningS: 60, BudgetPerDay: 2, Confidence: 0.95})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		res, err := (&Runner{Design: d, Scenario: sc}).Run(context.Background(), nil)
		if err != nil {
			b.Fatal(err)
		}
		Summarise(res)
	}
}
