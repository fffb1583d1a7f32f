package main

import (
	"context"
	"io"
	"testing"
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
