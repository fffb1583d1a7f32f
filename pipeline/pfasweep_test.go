package pipeline

import (
	"context"
	"flag"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/cuasim/cuasim/internal/docblock"
	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sim"
	"github.com/cuasim/cuasim/track"
)

var update = flag.Bool("update", false, "rewrite the pfa sweep table of docs/compare.md")

// pfaFigures are what one radar pfa does along the pipeline, summed over
// replications: the radar's plots, the tracks they and the RF bearings
// start, and the false alerts of the scenario's own alert rule.
type pfaFigures struct {
	hours float64
	// radar-main's plots of drones, and its false alarms
	dronePlots, falseAlarms int
	// tracks started; of them started by RF triangulation (bearings of
	// two or more sensors), and how many of those were confirmed
	tracks, rfBorn, rfBornConfirmed int
	// RF bearings that updated tracks which were never confirmed
	bearingsUnconfirmed int
	// false alerts by cause
	falseAlerts map[string]int
}

// pfaRun runs one replication of the airport at the given seed with
// radar-main's pfa set, and returns its figures.
func pfaRun(t *testing.T, pfa string, seed uint64) pfaFigures {
	sc, err := scenarios.Embedded("airport")
	if err != nil {
		t.Fatal(err)
	}
	if sc, err = sc.With(scenarios.Override{Path: "sensors[radar-main].pfa", Value: pfa}); err != nil {
		t.Fatal(err)
	}
	c := *sc
	c.Run.Seed = seed
	r, err := New(&c)
	if err != nil {
		t.Fatal(err)
	}
	radar := -1
	for i, s := range r.Net.Sensors {
		if s.ID() == "radar-main" {
			radar = i
		}
	}
	f := pfaFigures{hours: c.Run.DurationS / 3600, falseAlerts: map[string]int{}}
	seen := map[int]bool{}
	ended := func(ts []*track.Track) {
		for _, tk := range ts {
			if math.IsNaN(tk.ConfirmedS) {
				f.bearingsUnconfirmed += tk.RFUpdates
			} else if rfBorn, ok := seen[tk.ID]; ok && rfBorn {
				f.rfBornConfirmed++
			}
		}
	}
	r.Recorders = append(r.Recorders, RecorderFunc(func(r *Replication) error {
		for i := range r.Dets {
			d := &r.Dets[i]
			switch {
			case d.Sensor != radar:
			case d.FalseAlarm():
				f.falseAlarms++
			case r.World.Entities[d.TruthID].Kind == sim.Drone:
				f.dronePlots++
			}
		}
		// A track is seen first in the step that started it: by a plot
		// (no updates yet) or by triangulation (two or more bearings).
		for _, tk := range r.Tracker.Tracks() {
			if _, ok := seen[tk.ID]; !ok {
				seen[tk.ID] = tk.RadarUpdates == 0 && tk.RFUpdates >= 2
			}
		}
		for _, tk := range r.Ended {
			if _, ok := seen[tk.ID]; !ok { // started and ended in one step
				seen[tk.ID] = tk.RadarUpdates == 0 && tk.RFUpdates >= 2
			}
		}
		ended(r.Ended)
		return nil
	}))
	if err := r.Run(context.Background(), nil); err != nil {
		t.Fatal(err)
	}
	ended(r.Tracker.Tracks())
	f.tracks = len(seen)
	for _, rfBorn := range seen {
		if rfBorn {
			f.rfBorn++
		}
	}
	for _, in := range r.AlertResult().Incidents {
		if in.Cause != metrics.CauseIntruder && in.Cause != metrics.CauseOutside {
			f.falseAlerts[in.Cause]++
		}
	}
	return f
}

func (f *pfaFigures) add(g pfaFigures) {
	f.hours += g.hours
	f.dronePlots += g.dronePlots
	f.falseAlarms += g.falseAlarms
	f.tracks += g.tracks
	f.rfBorn += g.rfBorn
	f.rfBornConfirmed += g.rfBornConfirmed
	f.bearingsUnconfirmed += g.bearingsUnconfirmed
	if f.falseAlerts == nil {
		f.falseAlerts = map[string]int{}
	}
	for k, v := range g.falseAlerts {
		f.falseAlerts[k] += v
	}
}

// TestPfaSweepEvidence runs the airport's pfa sweep of `cuasim help
// compare` (radar-main at pfa 1e-7, 1e-6 and 1e-5; seeds 1-10, one hour
// each, the base layout) and measures, along the pipeline, why a higher
// pfa gives fewer false alerts: it checks the receiver model (false alarms
// ten times more per decade of pfa, drone plots more) and the mechanism
// docs/compare.md explains (radar false alarms start tentative tracks that
// take RF bearings, so fewer tracks are started by triangulation, where the
// RF ghosts come from), and writes the table of docs/compare.md
// (go test ./pipeline -run TestPfaSweepEvidence -update).
func TestPfaSweepEvidence(t *testing.T) {
	if testing.Short() {
		t.Skip("thirty simulated hours")
	}
	if raceEnabled {
		t.Skip("thirty simulated hours: scripts/test.sh runs them without the race detector")
	}
	pfas := []string{"1e-7", "1e-6", "1e-5"}
	const seeds = 10
	figs := make([]pfaFigures, len(pfas))
	var mu sync.Mutex
	t.Run("runs", func(t *testing.T) {
		for i, pfa := range pfas {
			for seed := uint64(1); seed <= seeds; seed++ {
				t.Run(fmt.Sprintf("pfa%s-seed%d", pfa, seed), func(t *testing.T) {
					t.Parallel()
					f := pfaRun(t, pfa, seed)
					mu.Lock()
					figs[i].add(f)
					mu.Unlock()
				})
			}
		}
	})
	if t.Failed() {
		return
	}
	var b strings.Builder
	b.WriteString("| radar-main pfa | drone plots per hour | false alarms per hour | tracks started per hour | started by RF triangulation (confirmed) | RF bearings on tracks never confirmed, per hour | false alerts (RF ghost + bird + clutter + duplicate) per hour |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for i, pfa := range pfas {
		f := &figs[i]
		h := f.hours
		fa := f.falseAlerts
		n := fa[metrics.CauseRFGhost] + fa[metrics.CauseBird] + fa[metrics.CauseClutter] + fa[metrics.CauseDuplicate]
		fmt.Fprintf(&b, "| %s | %.0f | %.0f | %.0f | %.1f (%.1f) | %.0f | %.1f (%.1f + %.1f + %.1f + %.1f) |\n", pfa,
			float64(f.dronePlots)/h, float64(f.falseAlarms)/h, float64(f.tracks)/h,
			float64(f.rfBorn)/h, float64(f.rfBornConfirmed)/h, float64(f.bearingsUnconfirmed)/h,
			float64(n)/h, float64(fa[metrics.CauseRFGhost])/h, float64(fa[metrics.CauseBird])/h,
			float64(fa[metrics.CauseClutter])/h, float64(fa[metrics.CauseDuplicate])/h)
	}
	t.Logf("\n%s", b.String())
	for i := 1; i < len(pfas); i++ {
		lo, hi := &figs[i-1], &figs[i]
		// The receiver: false alarms are Poisson with a mean ten times
		// larger per decade (thousands an hour: ±10 % is over 10σ), and
		// the same hardware detects more at a higher pfa. For a Swerling
		// 1 look Pd becomes Pd^(5/6) from 1e-6 to 1e-5 (docs/models.md
		// §2): +1.8 % at Pd 0.9, more at lower Pd. The airport's drone
		// plots gain 3 % a decade; a radar re-calibrated at each pfa (Pd
		// fixed at the reference point) gains 0.3 %, and common random
		// numbers keep the difference's noise far below the 1.5 % bound.
		if ratio := float64(hi.falseAlarms) / float64(lo.falseAlarms); ratio < 9 || ratio > 11 {
			t.Errorf("pfa %s → %s: false alarms ×%.2f, want ×10 ± 1", pfas[i-1], pfas[i], ratio)
		}
		if gain := float64(hi.dronePlots)/float64(lo.dronePlots) - 1; gain < 0.015 {
			t.Errorf("pfa %s → %s: drone plots %d → %d (%+.1f %%), want at least +1.5 %%", pfas[i-1], pfas[i], lo.dronePlots, hi.dronePlots, 100*gain)
		}
	}
	// The mechanism: the tenfold false alarms of 1e-5 start tentative
	// tracks that take RF bearings away from triangulation.
	mid, high := &figs[1], &figs[2]
	if 2*high.rfBorn >= mid.rfBorn {
		t.Errorf("tracks started by triangulation: %d at 1e-6, %d at 1e-5; want under half", mid.rfBorn, high.rfBorn)
	}
	if high.bearingsUnconfirmed <= mid.bearingsUnconfirmed {
		t.Errorf("RF bearings on tracks never confirmed: %d at 1e-6, %d at 1e-5; want more", mid.bearingsUnconfirmed, high.bearingsUnconfirmed)
	}
	if err := docblock.Sync("../docs/compare.md", "pfa-sweep", b.String(), *update,
		"go test ./pipeline -run TestPfaSweepEvidence -update"); err != nil {
		t.Error(err)
	}
}
