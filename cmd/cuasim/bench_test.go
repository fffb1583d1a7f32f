package main

import (
	"context"
	"io"
	"testing"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/search"
)

// BenchmarkAirportReplication is one whole replication of the embedded
// airport hour as `cuasim run --quiet` does it — world, sensors, detection
// statistics, tracker and track scoring against truth every second — with
// the printed summary discarded and no files written: the unit of work of
// a Monte Carlo comparison of layouts.
func BenchmarkAirportReplication(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if err := run(context.Background(), runOptions{scenario: "airport", quiet: true}, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearchAirport is the default `cuasim search airport`: the
// surrogate over 30 candidates placing 3 sensors, and the confirming
// comparison of 6 layouts × 8 thresholds × 200 one-hour replications, with
// its plots and page (issue 17 asks for under 10 minutes on 2 cores).
func BenchmarkSearchAirport(b *testing.B) {
	for b.Loop() {
		dir := b.TempDir()
		if code, err := runSearch(context.Background(), compareOptions{scenario: "airport", reps: 200, required: 60, budget: 2, confidence: 0.95, maxReps: 2000, out: dir, quiet: true},
			searchOptions{samples: 8, keep: 3, window: 60, pDrone: 0.9}, io.Discard, io.Discard); code != exitOK || err != nil {
			b.Fatal(code, err)
		}
	}
}

// BenchmarkSearchSurrogate is the search alone on the airport, without the
// confirmation: the traffic samples, the probabilities of 300 placements
// at 14 000 points, greedy and swap moves.
func BenchmarkSearchSurrogate(b *testing.B) {
	sc, err := scenarios.Embedded("airport")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := search.Run(context.Background(), sc, search.Options{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
