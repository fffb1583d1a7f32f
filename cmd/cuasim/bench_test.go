package main

import (
	"context"
	"io"
	"strconv"
	"testing"

	"github.com/cuasim/cuasim/internal/cmdopts"
	"github.com/cuasim/cuasim/internal/rusage"
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
		if code, err := runSearch(context.Background(), compareOptions{Compare: cmdopts.Compare{Scenario: "airport", Replications: 200, RequiredWarningS: 60, BudgetPerDay: 2, Confidence: 0.95, MaxReplications: 2000, Out: dir, Quiet: true}},
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

// benchmarkAirbaseSwarm runs the embedded airbase for 10 simulated minutes
// with its group entry set to `groups` groups of n drones in random
// formation, set off within the first 100 s (from 120° to 170°), as
// docs/tracking.md "Swarms" describes; the scenario holds groups of at most
// 1000 drones. Besides the wall time it reports the process's CPU time per
// run (user and system, from getrusage: on a shared machine the wall time
// also counts the waits for a core) and its peak resident set (the
// process's, so run one benchmark per process), on Linux.
func benchmarkAirbaseSwarm(b *testing.B, groups, n int) {
	var sets []scenarios.Override
	for _, s := range []string{
		"traffic[group].count=" + strconv.Itoa(groups),
		"traffic[group].group.size=" + strconv.Itoa(n),
		"traffic[group].group.formation=random",
		"traffic[group].start_s=0",
		"traffic[group].end_s=100",
	} {
		ov, err := scenarios.ParseOverride(s)
		if err != nil {
			b.Fatal(err)
		}
		sets = append(sets, ov)
	}
	b.ReportAllocs()
	cpu0, _, ok := rusage.Self()
	for b.Loop() {
		if err := run(context.Background(), runOptions{scenario: "airbase", sets: sets, duration: 600, quiet: true}, io.Discard, io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	if cpu1, rss, _ := rusage.Self(); ok {
		b.ReportMetric((cpu1-cpu0)/float64(b.N), "cpu-s/op")
		b.ReportMetric(rss, "peak-RSS-MiB")
	}
}

// BenchmarkAirbaseSwarm100 is the airbase with a 100-drone group.
func BenchmarkAirbaseSwarm100(b *testing.B) { benchmarkAirbaseSwarm(b, 1, 100) }

// BenchmarkAirbaseSwarm300 is the airbase with a 300-drone group.
func BenchmarkAirbaseSwarm300(b *testing.B) { benchmarkAirbaseSwarm(b, 1, 300) }

// BenchmarkAirbaseSwarm1000 is the airbase with a 1000-drone group.
func BenchmarkAirbaseSwarm1000(b *testing.B) { benchmarkAirbaseSwarm(b, 1, 1000) }

// BenchmarkAirbaseSwarm5000 is the airbase with five 1000-drone groups.
func BenchmarkAirbaseSwarm5000(b *testing.B) { benchmarkAirbaseSwarm(b, 5, 1000) }
