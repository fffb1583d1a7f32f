package radials

import (
	"context"
	"testing"

	"github.com/cuasim/cuasim/scenarios"
)

// BenchmarkAirportRun is one radial run of the airport: one bearing (0°,
// from the north) and one replication, its three layouts in lockstep, the
// default design otherwise (quad-small at 12.5 m/s and 90 m toward the
// apron from beyond every sensor's reach, 15 km). The default cuasim
// radials airport is 36 bearings × 20 replications of it, spread over the
// cores.
func BenchmarkAirportRun(b *testing.B) {
	sc, err := scenarios.Open("airport")
	if err != nil {
		b.Fatal(err)
	}
	d, err := NewDesign("airport", sc, Options{StepDeg: 360, Replications: 1})
	if err != nil {
		b.Fatal(err)
	}
	rn := &Runner{Design: d, Scenario: sc, Workers: 1}
	for b.Loop() {
		if _, err := rn.Run(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}
