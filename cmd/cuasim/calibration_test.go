package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/cuasim/cuasim/internal/docblock"
	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/pipeline"
	"github.com/cuasim/cuasim/report"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/track"
)

// librarySites are the scenarios of scenarios/library, in the order the
// docs list them.
var librarySites = []string{"airport", "base", "depot", "airbase", "convoy"}

// classRuns runs seeds first to last (the scenario's own duration, base
// layout) of each site and hands every confirmed-track evaluation of run
// (site i, seed) to the observer newObs(i) made for that run. Runs go in
// parallel, each with its own observer; the caller merges them.
func classRuns(t *testing.T, first, last int, newObs func(site int) metrics.ClassObserver) {
	t.Helper()
	type job struct{ site, seed int }
	jobs := make(chan job)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failed error
	for range max(1, min(4, runtime.GOMAXPROCS(0))) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if err := classRun(librarySites[j.site], j.seed, newObs(j.site)); err != nil {
					mu.Lock()
					failed = err
					mu.Unlock()
				}
			}
		}()
	}
	for i := range librarySites {
		for seed := first; seed <= last; seed++ {
			jobs <- job{i, seed}
		}
	}
	close(jobs)
	wg.Wait()
	if failed != nil {
		t.Fatal(failed)
	}
}

// classRun runs one seed of a library site with obs told every
// confirmed-track evaluation.
func classRun(name string, seed int, obs metrics.ClassObserver) error {
	sc, err := scenarios.Embedded(name)
	if err != nil {
		return err
	}
	c := *sc
	c.Run.Seed = uint64(seed)
	rep, err := pipeline.New(&c)
	if err != nil {
		return err
	}
	rep.Tracking.Class = obs
	for !rep.Done() {
		if err := rep.Step(); err != nil {
			return fmt.Errorf("%s seed %d: %w", name, seed, err)
		}
	}
	return nil
}

// lockedObserver serialises the observations of runs that share one
// observer.
type lockedObserver struct {
	mu  *sync.Mutex
	obs metrics.ClassObserver
}

func (l lockedObserver) ObserveClass(t *track.Track, onDrone bool) {
	l.mu.Lock()
	l.obs.ObserveClass(t, onDrone)
	l.mu.Unlock()
}

// reliabilityMinN is the fewest evaluations a bin of the reliability
// diagram must hold, over the ten held-out seeds, for the calibration
// criterion to apply to it (issue 16).
const reliabilityMinN = 200

// TestReliabilityDiagram runs seeds 1–10 of every library site (held out
// from the fit of the calibration, seeds 11–30: TestFitCalibration) and
// checks that P(drone) is calibrated at each (issue 16): every bin of the
// reliability diagram holding at least 200 confirmed-track evaluations
// has an observed fraction on a drone within 0.1 of its mean P(drone),
// and the expected calibration error is at most 0.02. It writes the table
// of docs/tracking.md and, with -update, the figure
// docs/images/reliability.png (go test ./cmd/cuasim -run
// TestReliabilityDiagram -update).
func TestReliabilityDiagram(t *testing.T) {
	if testing.Short() {
		t.Skip("fifty simulated runs")
	}
	if raceEnabled {
		t.Skip("fifty simulated runs: run without the race detector")
	}
	const first, last = 1, 10
	var mus [5]sync.Mutex
	diagrams := make([]*metrics.Reliability, len(librarySites))
	for i := range diagrams {
		r, err := metrics.NewReliability(metrics.ReliabilityEdges)
		if err != nil {
			t.Fatal(err)
		}
		diagrams[i] = r
	}
	classRuns(t, first, last, func(i int) metrics.ClassObserver { return lockedObserver{&mus[i], diagrams[i]} })
	var b strings.Builder
	b.WriteString("| P(drone) |")
	for _, name := range librarySites {
		fmt.Fprintf(&b, " %s |", name)
	}
	b.WriteString("\n|---|")
	for range librarySites {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	edges := metrics.ReliabilityEdges
	for k := range len(edges) - 1 {
		close := ")"
		if k == len(edges)-2 {
			close = "]"
		}
		fmt.Fprintf(&b, "| [%.2f, %.2f%s |", edges[k], edges[k+1], close)
		for _, r := range diagrams {
			bin := r.Bins[k]
			switch {
			case bin.N == 0:
				b.WriteString(" — |")
			default:
				mark := ""
				if bin.N < reliabilityMinN {
					mark = "*"
				}
				fmt.Fprintf(&b, " %.3f / %.3f (%d%s) |", bin.Observed(), bin.MeanP(), bin.N, mark)
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("| ECE |")
	for _, r := range diagrams {
		fmt.Fprintf(&b, " %.4f |", r.ECE())
	}
	b.WriteString("\n")
	for i, r := range diagrams {
		gap, bin := r.MaxGap(reliabilityMinN)
		t.Logf("%s: %d evaluations, ECE %.4f, largest gap %.3f in bin %d", librarySites[i], r.N(), r.ECE(), gap, bin)
		for k, bn := range r.Bins {
			if bn.N >= reliabilityMinN && math.Abs(bn.Observed()-bn.MeanP()) > 0.1 {
				t.Errorf("%s: P(drone) in [%.2f, %.2f): %d evaluations, %.3f on a drone, mean P(drone) %.3f: off by more than 0.1",
					librarySites[i], edges[k], edges[k+1], bn.N, bn.Observed(), bn.MeanP())
			}
		}
		if e := r.ECE(); !(e <= 0.02) {
			t.Errorf("%s: expected calibration error %.4f, want at most 0.02", librarySites[i], e)
		}
	}
	t.Logf("\n%s", b.String())
	if err := docblock.Sync("../../docs/tracking.md", "reliability", b.String(), *update,
		"go test ./cmd/cuasim -run TestReliabilityDiagram -update"); err != nil {
		t.Error(err)
	}
	fig, err := report.Reliability("P(drone) against drones observed, seeds 1–10 of each library site", librarySites, diagrams, reliabilityMinN)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		var png bytes.Buffer
		if err := fig.WritePNG(&png); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("../../docs/images/reliability.png", png.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
