package radials

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"sync"

	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/pipeline"
	"github.com/cuasim/cuasim/scenarios"
)

// Row is one run of the radial drone: one layout, bearing and replication.
// Times are seconds from the start of the run, NaN for what did not
// happen.
type Row struct {
	Layout      string
	BearingDeg  float64
	Replication int
	Seed        uint64
	// EntryS is when the drone first entered a protected zone (any of the
	// scenario's zones, as cuasim compare scores it), EntryZone which.
	EntryS    float64
	EntryZone string
	// FirstDetectionS by any sensor, FirstTrackS by a confirmed track,
	// FirstAlertS the first alert evaluation with an alert in force on a
	// track holding it (the scenario's alert rule).
	FirstDetectionS, FirstTrackS, FirstAlertS float64
	// FirstHeldS is the first time a confirmed track with P(drone) at the
	// rule's threshold held it.
	FirstHeldS float64
	// FalseAlerts is the number of incidents about no drone (birds,
	// clutter, RF ghosts, duplicates) over the run.
	FalseAlerts int
	// DurationS is how long the run went on.
	DurationS float64
}

// WarningS is entry − first alert: −Inf when the drone entered and was
// never alerted on, NaN when it never entered.
func (r *Row) WarningS() float64 { return sinceOrNever(r.EntryS, r.FirstAlertS) }

// LeadS is entry − the first time a confirmed track with P(drone) at the
// rule's threshold held the drone: −Inf when never, NaN without entry.
func (r *Row) LeadS() float64 { return sinceOrNever(r.EntryS, r.FirstHeldS) }

func sinceOrNever(entry, t float64) float64 {
	switch {
	case math.IsNaN(entry):
		return math.NaN()
	case math.IsNaN(t):
		return math.Inf(-1)
	}
	return entry - t
}

// Outcome classifies the run as metrics.DroneAlerting.Outcome does:
// timely, short, late, missed or no-entry.
func (r *Row) Outcome(requiredS float64) string {
	d := metrics.DroneAlerting{EntryS: r.EntryS, FirstAlertS: r.FirstAlertS}
	return d.Outcome(requiredS)
}

// Results are a radials run's rows, in design order: bearing, then
// replication, then layout.
type Results struct {
	Design *Design
	Rows   []Row
}

// Runner runs a design.
type Runner struct {
	Design *Design
	// Scenario is the scenario the design was made from.
	Scenario *scenarios.Scenario
	// Workers is the number of runs at once; 0 means one per CPU. Results
	// do not depend on it.
	Workers int
	// Progress, if set, is called as units (one bearing and replication,
	// every layout) complete, with the number done and the total.
	Progress func(done, total int)
}

// unit is one bearing (index) and replication, every layout in lockstep.
type unit struct{ bi, r int }

// Run runs every bearing and replication of the design. When ctx is
// cancelled it stops and returns ctx's error, and no results.
func (rn *Runner) Run(ctx context.Context) (*Results, error) {
	d := rn.Design
	layouts := make([]*scenarios.Scenario, len(d.Layouts))
	for li, l := range d.Layouts {
		sc, err := rn.Scenario.WithLayout(l)
		if err != nil {
			return nil, err
		}
		layouts[li] = sc
	}
	var units []unit
	for bi := range d.BearingsDeg {
		for r := range d.Replications {
			units = append(units, unit{bi, r})
		}
	}
	results := make([][]Row, len(units))
	workers := rn.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu       sync.Mutex
		next     int
		finished int
		firstErr error
		wg       sync.WaitGroup
	)
	for range min(workers, len(units)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				if next >= len(units) || firstErr != nil {
					mu.Unlock()
					return
				}
				i := next
				next++
				mu.Unlock()
				rows, err := d.runUnit(ctx, layouts, units[i])
				mu.Lock()
				if err != nil {
					if firstErr == nil {
						firstErr = err
						cancel()
					}
					mu.Unlock()
					return
				}
				results[i] = rows
				finished++
				if rn.Progress != nil {
					rn.Progress(finished, len(units))
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	res := &Results{Design: d}
	for _, rows := range results {
		res.Rows = append(res.Rows, rows...)
	}
	li := map[string]int{}
	for i, l := range d.Layouts {
		li[l] = i
	}
	slices.SortStableFunc(res.Rows, func(a, b Row) int {
		return cmp.Or(cmp.Compare(a.BearingDeg, b.BearingDeg), cmp.Compare(a.Replication, b.Replication), cmp.Compare(li[a.Layout], li[b.Layout]))
	})
	return res, nil
}

// runUnit flies the radial drone on one bearing in one replication, every
// layout in lockstep on one world, and scores it on each.
func (d *Design) runUnit(ctx context.Context, layouts []*scenarios.Scenario, u unit) ([]Row, error) {
	b := d.BearingsDeg[u.bi]
	scs := make([]*scenarios.Scenario, len(layouts))
	for li, lsc := range layouts {
		sc, err := d.RunScenario(lsc, b, u.r)
		if err != nil {
			return nil, err
		}
		scs[li] = sc
	}
	l, err := pipeline.NewLockstep(scs)
	if err != nil {
		return nil, err
	}
	leads := make([]*metrics.LeadScorer, len(l.Reps))
	for li, p := range l.Reps {
		p.Tracking.NoOSPA = true   // the drone's alerting is scored,
		p.Tracking.NoErrors = true // not the tracks' accuracy
		lead := metrics.NewLeadScorer(len(p.World.Entities))
		leads[li] = lead
		p.Recorders = append(p.Recorders, pipeline.RecorderFunc(func(r *pipeline.Replication) error {
			if r.Evaluated {
				lead.Evaluate(r.TimeS(), r.Observed)
			}
			return nil
		}))
	}
	const drone = 0 // the radial drone is the world's first entity
	entries := l.Reps[0].Entries
	for step := 1; !l.World.Done(); step++ {
		if step%256 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if err := l.Step(); err != nil {
			return nil, err
		}
		// Every layout shares the truth's zone entries (the layouts
		// change sensors only).
		if e := entries.EntryS[drone]; !math.IsNaN(e) && l.World.TimeS() >= e+TailS-1e-9 {
			break
		}
	}
	rows := make([]Row, len(l.Reps))
	for li, p := range l.Reps {
		res := p.AlertResult()
		dr := res.Drones[0]
		row := Row{Layout: d.Layouts[li], BearingDeg: b, Replication: u.r, Seed: d.Seed(u.r),
			EntryS: dr.EntryS, EntryZone: dr.EntryZone, FirstDetectionS: dr.FirstDetectionS, FirstTrackS: dr.FirstTrackS,
			FirstAlertS: dr.FirstAlertS, FirstHeldS: leads[li].FirstHeldS(drone, d.PDrone), DurationS: l.World.TimeS()}
		for _, in := range res.Incidents {
			if slices.Contains(metrics.FalseCauses, in.Cause) {
				row.FalseAlerts++
			}
		}
		rows[li] = row
	}
	return rows, nil
}
