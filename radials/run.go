package radials

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/cuasim/cuasim/internal/workpool"
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

// Unit is one simulation of a radials run, the unit of work that Run
// hands its workers (and that a runner on a cluster hands its workers, see
// RunUnit): the radial drone on bearing Design.BearingsDeg[Bearing] in
// replication Replication (seed Design.Seed(Replication)), every layout in
// lockstep on one world.
type Unit struct{ Bearing, Replication int }

// UnitRows are a unit's rows, one per layout.
type UnitRows struct {
	Unit Unit
	Rows []Row
}

// Units lists every unit of the design, in design order: the work of Run,
// for a runner that executes units elsewhere (RunUnit) and joins their
// rows with Collect.
func (rn *Runner) Units() []Unit {
	d := rn.Design
	units := make([]Unit, 0, len(d.BearingsDeg)*d.Replications)
	for bi := range d.BearingsDeg {
		for r := range d.Replications {
			units = append(units, Unit{bi, r})
		}
	}
	return units
}

// layoutScenarios are the scenario with each of the design's layouts.
func (rn *Runner) layoutScenarios() ([]*scenarios.Scenario, error) {
	d := rn.Design
	layouts := make([]*scenarios.Scenario, len(d.Layouts))
	for li, l := range d.Layouts {
		sc, err := rn.Scenario.WithLayout(l)
		if err != nil {
			return nil, err
		}
		layouts[li] = sc
	}
	return layouts, nil
}

// Run runs every bearing and replication of the design. When ctx is
// cancelled it stops and returns ctx's error, and no results.
func (rn *Runner) Run(ctx context.Context) (*Results, error) {
	d := rn.Design
	layouts, err := rn.layoutScenarios()
	if err != nil {
		return nil, err
	}
	units := rn.Units()
	results, err := workpool.Run(ctx, len(units), rn.Workers, func(ctx context.Context, i int) (*UnitRows, error) {
		return d.runUnit(ctx, layouts, units[i])
	}, rn.Progress)
	if err != nil {
		return nil, err
	}
	return rn.Collect(results)
}

// RunUnit simulates one unit exactly as Run does (every layout in lockstep
// on one world) and returns its rows. It may be called from many
// goroutines at once, on the same runner. An error names the unit: its
// bearing, replication, seed and layouts.
func (rn *Runner) RunUnit(ctx context.Context, u Unit) (*UnitRows, error) {
	d := rn.Design
	if u.Bearing < 0 || u.Bearing >= len(d.BearingsDeg) || u.Replication < 0 || u.Replication >= d.Replications {
		return nil, fmt.Errorf("unit %+v: expected a bearing in [0, %d) and a replication in [0, %d)", u, len(d.BearingsDeg), d.Replications)
	}
	layouts, err := rn.layoutScenarios()
	if err != nil {
		return nil, err
	}
	ur, err := d.runUnit(ctx, layouts, u)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", d.UnitName(u), err)
	}
	return ur, nil
}

// UnitName names a unit in messages: its bearing, replication, seed and
// layouts.
func (d *Design) UnitName(u Unit) string {
	b := "(none)"
	if u.Bearing >= 0 && u.Bearing < len(d.BearingsDeg) {
		b = bearing(d.BearingsDeg[u.Bearing])
	}
	return fmt.Sprintf("bearing %s, replication %d (seed %d), layouts %s", b, u.Replication, d.Seed(u.Replication), strings.Join(d.Layouts, ","))
}

// Collect joins the rows of units into the Results that Run returns:
// rows in design order (bearing, replication, layout), whatever the order
// of units. units must hold every unit of Units exactly once, and nothing
// else.
func (rn *Runner) Collect(units []*UnitRows) (*Results, error) {
	d := rn.Design
	want := rn.Units()
	pending := make(map[Unit]bool, len(want))
	for _, u := range want {
		pending[u] = true
	}
	res := &Results{Design: d}
	for _, ur := range units {
		if ur == nil || !pending[ur.Unit] {
			name := "a nil unit"
			if ur != nil {
				name = d.UnitName(ur.Unit)
			}
			return nil, fmt.Errorf("%s: not a unit of this run, or given twice", name)
		}
		delete(pending, ur.Unit)
		res.Rows = append(res.Rows, ur.Rows...)
	}
	for _, u := range want {
		if pending[u] {
			return nil, fmt.Errorf("%s: missing", d.UnitName(u))
		}
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
func (d *Design) runUnit(ctx context.Context, layouts []*scenarios.Scenario, u Unit) (*UnitRows, error) {
	b := d.BearingsDeg[u.Bearing]
	scs := make([]*scenarios.Scenario, len(layouts))
	for li, lsc := range layouts {
		sc, err := d.RunScenario(lsc, b, u.Replication)
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
		row := Row{Layout: d.Layouts[li], BearingDeg: b, Replication: u.Replication, Seed: d.Seed(u.Replication),
			EntryS: dr.EntryS, EntryZone: dr.EntryZone, FirstDetectionS: dr.FirstDetectionS, FirstTrackS: dr.FirstTrackS,
			FirstAlertS: dr.FirstAlertS, FirstHeldS: leads[li].FirstHeldS(drone, d.PDrone), DurationS: l.World.TimeS()}
		for _, in := range res.Incidents {
			if slices.Contains(metrics.FalseCauses, in.Cause) {
				row.FalseAlerts++
			}
		}
		rows[li] = row
	}
	return &UnitRows{Unit: u, Rows: rows}, nil
}
