package sensors

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/stat"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sim"
)

// TestBudgetBoundsARun runs the built-in scenarios for ten minutes at
// several seeds and checks the loader's cost estimate (scenarios.Budget)
// against what the runs made: the expected entity count matches the mean
// count within four standard errors, and the mean presence
// (entity-seconds) and detections stay under their upper estimates, within
// four standard errors (Poisson arrivals make single runs vary). Limits
// computed from an estimate that undercounts would let a costly run
// through.
func TestBudgetBoundsARun(t *testing.T) {
	const seeds = 8
	for _, name := range scenarios.Names() {
		t.Run(name, func(t *testing.T) {
			sc, err := scenarios.Embedded(name)
			if err != nil {
				t.Fatal(err)
			}
			sc.Run.DurationS = 600
			b := sc.Budget()
			var entities float64
			var presence, detections []float64
			for seed := range uint64(seeds) {
				sc.Run.Seed = seed + 1
				w, err := sim.New(sc)
				if err != nil {
					t.Fatal(err)
				}
				n, err := NewNetwork(sc, w)
				if err != nil {
					t.Fatal(err)
				}
				entities += float64(len(w.Entities))
				var present float64
				var dets, step []Detection
				for !w.Done() {
					w.Step()
					present += float64(len(w.Active())) * w.StepS
					step = n.Observe(w, step[:0])
					dets = append(dets, step...)
				}
				presence = append(presence, present)
				detections = append(detections, float64(len(dets)))
			}
			for _, c := range []struct {
				what  string
				runs  []float64
				bound float64
			}{{"entity-seconds", presence, b.EntitySeconds}, {"detections", detections, b.Detections}} {
				m, sd := stat.MeanStdDev(c.runs, nil)
				if m > c.bound+4*sd/math.Sqrt(seeds) {
					t.Errorf("%.0f %s on average (sd %.0f), over the estimate's bound %.0f", m, c.what, sd, c.bound)
				}
				t.Logf("%s: %.0f on average, bound %.0f", c.what, m, c.bound)
			}
			// Poisson counts: the mean over seeds has variance below b.Entities/seeds
			// (count generators and flocks add none).
			if mean := entities / seeds; math.Abs(mean-b.Entities) > 4*math.Sqrt(b.Entities/seeds)+1e-9 {
				t.Errorf("%.1f entities on average, the budget expects %.1f", mean, b.Entities)
			}
		})
	}
}
