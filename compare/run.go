package compare

import (
	"cmp"
	"context"
	"math"
	"slices"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/internal/workpool"
	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/pipeline"
	"github.com/cuasim/cuasim/scenarios"
)

// Results are a comparison's rows: one per replication × layout × variant
// × threshold, and one per drone of each.
type Results struct {
	Design *Design
	Rows   []Row
	Drones []DroneRow
	// Curves holds each replication's threshold curve per layout and
	// variant, when the thresholds differ in P(drone) alone.
	Curves []CurveRow
	// Replications lists the complete replications, in order.
	Replications []int
	// Partial is true when the run stopped before every replication of
	// the design (or of its shard) was complete.
	Partial bool
	// Shard is "i/n" for one shard of a sharded run, "" otherwise.
	Shard string
}

// Runner runs a design.
type Runner struct {
	Design *Design
	// Scenario is the scenario the design was made from.
	Scenario *scenarios.Scenario
	// Workers is the number of replications run at once; 0 means one per
	// CPU. Results do not depend on it.
	Workers int
	// Shard and Shards select the replications r with r % Shards == Shard
	// (Shards 0 or 1: all of them).
	Shard, Shards int
	// Progress, if set, is called as units (one replication of one
	// variant, every layout) complete, with the number done and the total.
	Progress func(done, total int)
}

// Unit is one simulation of a comparison, the unit of work that Run hands
// its workers (and that a runner on a cluster hands its workers, see
// RunUnit): replication Replication (seed Design.Seed(Replication)) of
// variant Variant (an index into Design.Variants), every layout in
// lockstep on one world.
type Unit struct{ Replication, Variant int }

// UnitRows are a unit's rows: one per layout and threshold, the drones of
// each, and its layouts' threshold curves.
type UnitRows struct {
	Unit   Unit
	Rows   []Row
	Drones []DroneRow
	Curves []CurveRow
}

// Run runs the design's replications (of the runner's shard) not already
// in prior, which may be nil, and returns every complete replication's
// rows, prior ones included. When ctx is cancelled it returns what is
// complete, marked Partial, with ctx's error.
func (rn *Runner) Run(ctx context.Context, prior *Results) (*Results, error) {
	d := rn.Design
	cells, err := d.scenarios(rn.Scenario)
	if err != nil {
		return nil, err
	}
	res := &Results{Design: d, Shard: rn.shardName()}
	done := map[int]bool{}
	if prior != nil {
		res.Rows, res.Drones, res.Curves = prior.Rows, prior.Drones, prior.Curves
		for _, r := range prior.Replications {
			done[r] = true
		}
	}
	mine := func(r int) bool { return rn.Shards <= 1 || r%rn.Shards == rn.Shard }
	target := d.Replications
	for r := range done {
		target = max(target, r+1)
	}
	for {
		var reps []int
		for r := range target {
			if mine(r) && !done[r] {
				reps = append(reps, r)
			}
		}
		rows, drones, curves, complete, err := rn.runReplications(ctx, cells, reps)
		res.Rows, res.Drones, res.Curves = append(res.Rows, rows...), append(res.Drones, drones...), append(res.Curves, curves...)
		for _, r := range complete {
			done[r] = true
		}
		if err != nil {
			res.finish(done)
			res.Partial = true
			return res, err
		}
		if d.Precision == 0 || target >= d.MaxReplications {
			break
		}
		res.finish(done)
		if Summarise(res).Converged() {
			break
		}
		target = min(target+d.Replications, d.MaxReplications)
	}
	res.finish(done)
	return res, nil
}

// finish sorts the rows into design order and lists the complete
// replications.
func (res *Results) finish(done map[int]bool) {
	d := res.Design
	li, vi, ti := index(d.Layouts), variantIndex(d.Variants), variantIndex(d.Thresholds)
	slices.SortStableFunc(res.Rows, func(a, b Row) int {
		return cmp.Or(cmp.Compare(a.Replication, b.Replication), cmp.Compare(li[a.Layout], li[b.Layout]),
			cmp.Compare(vi[a.Variant], vi[b.Variant]), cmp.Compare(ti[a.Threshold], ti[b.Threshold]))
	})
	slices.SortStableFunc(res.Drones, func(a, b DroneRow) int {
		return cmp.Or(cmp.Compare(a.Replication, b.Replication), cmp.Compare(li[a.Layout], li[b.Layout]),
			cmp.Compare(vi[a.Variant], vi[b.Variant]), cmp.Compare(ti[a.Threshold], ti[b.Threshold]))
	})
	slices.SortStableFunc(res.Curves, func(a, b CurveRow) int {
		return cmp.Or(cmp.Compare(a.Replication, b.Replication), cmp.Compare(li[a.Layout], li[b.Layout]),
			cmp.Compare(vi[a.Variant], vi[b.Variant]))
	})
	res.Replications = res.Replications[:0]
	for r := range done {
		res.Replications = append(res.Replications, r)
	}
	slices.Sort(res.Replications)
}

func index(names []string) map[string]int {
	m := make(map[string]int, len(names))
	for i, n := range names {
		m[n] = i
	}
	return m
}

func variantIndex(vs []Variant) map[string]int {
	m := make(map[string]int, len(vs))
	for i, v := range vs {
		m[v.Label] = i
	}
	return m
}

// runReplications runs every unit of the given replications on the
// workers and returns the rows of the replications whose units all
// completed.
func (rn *Runner) runReplications(ctx context.Context, cells [][]cellScenarios, reps []int) ([]Row, []DroneRow, []CurveRow, []int, error) {
	d := rn.Design
	var units []Unit
	for _, r := range reps {
		for vi := range d.Variants {
			units = append(units, Unit{r, vi})
		}
	}
	results, firstErr := workpool.Run(ctx, len(units), rn.Workers, func(ctx context.Context, i int) (*UnitRows, error) {
		return rn.runUnit(ctx, cells, units[i])
	}, rn.Progress)
	var rows []Row
	var drones []DroneRow
	var curves []CurveRow
	var complete []int
	per := len(d.Variants)
	for k, r := range reps {
		ok := true
		for _, ur := range results[k*per : (k+1)*per] {
			ok = ok && ur != nil
		}
		if !ok {
			continue
		}
		complete = append(complete, r)
		for _, ur := range results[k*per : (k+1)*per] {
			rows = append(rows, ur.Rows...)
			drones = append(drones, ur.Drones...)
			curves = append(curves, ur.Curves...)
		}
	}
	return rows, drones, curves, complete, firstErr
}

// runUnit simulates one replication of one variant, every layout in
// lockstep on one world (pipeline.Lockstep: the same truth, each shared
// sensor simulated once), and evaluates every threshold's alert rules on
// each layout's tracks as they are observed.
func (rn *Runner) runUnit(ctx context.Context, cells [][]cellScenarios, u Unit) (*UnitRows, error) {
	d := rn.Design
	scs := make([]*scenarios.Scenario, len(d.Layouts))
	for li := range d.Layouts {
		sc := *cells[li][u.Variant].sc
		sc.Run.Seed, sc.Run.DurationS = d.Seed(u.Replication), d.DurationS
		scs[li] = &sc
	}
	l, err := pipeline.NewLockstep(scs)
	if err != nil {
		return nil, err
	}
	scorers := make([][]*metrics.AlertScorer, len(d.Layouts))
	curves := make([]*metrics.CurveScorer, len(d.Layouts))
	leads := make([]*metrics.LeadScorer, len(d.Layouts))
	for li, p := range l.Reps {
		lead := metrics.NewLeadScorer(len(p.World.Entities))
		leads[li] = lead
		p.Recorders = append(p.Recorders, pipeline.RecorderFunc(func(r *pipeline.Replication) error {
			if r.Evaluated {
				lead.Evaluate(r.TimeS(), r.Observed)
			}
			return nil
		}))
		rules := cells[li][u.Variant].rules
		if lo, ok := pDroneOnly(rules); ok {
			curves[li] = curveScorer(p, rules[0], lo)
		} else {
			scorers[li] = thresholdScorers(p, rules)
		}
	}
	if err := l.Run(ctx); err != nil {
		return nil, err
	}
	ur := &UnitRows{Unit: u}
	for li, p := range l.Reps {
		ids := make([]string, len(p.Net.Sensors))
		for i, sn := range p.Net.Sensors {
			ids[i] = sn.ID()
		}
		var curve *metrics.AlertCurve
		if curves[li] != nil {
			curve = curves[li].Result(p.World, p.Entries, p.Detections, p.Tracking)
			for _, pt := range curve.Points(d.RequiredWarningS) {
				ur.Curves = append(ur.Curves, CurveRow{Replication: u.Replication, Layout: d.Layouts[li], Variant: d.Variants[u.Variant].Label, CurvePoint: pt})
			}
		}
		for ti, rule := range cells[li][u.Variant].rules {
			var res *metrics.AlertResult
			if curve != nil {
				res = curve.At(rule.PDrone)
			} else {
				res = scorers[li][ti].Result(p.World, p.Entries, p.Detections, p.Tracking)
			}
			row, drones := rowsOf(u.Replication, d.Seed(u.Replication), d.Layouts[li], d.Variants[u.Variant].Label, d.Thresholds[ti].Label, res, ids, d.RequiredWarningS)
			for i := range drones {
				drones[i].LeadS = round(res.Drones[i].EntryS-leads[li].FirstHeldS(res.Drones[i].Entity, rule.PDrone), 3)
			}
			ur.Rows = append(ur.Rows, row)
			ur.Drones = append(ur.Drones, drones...)
		}
	}
	return ur, nil
}

// pDroneOnly reports whether the thresholds' rules differ in P(drone)
// alone, and their lowest P(drone): then one threshold curve
// (metrics.CurveScorer) gives every threshold's alerts exactly, and the
// whole curve besides.
func pDroneOnly(rules []alert.Config) (lowest float64, ok bool) {
	lowest = math.Inf(1)
	for _, r := range rules {
		a, b := r, rules[0]
		a.PDrone, b.PDrone = 0, 0
		if a != b {
			return 0, false
		}
		lowest = min(lowest, r.PDrone)
	}
	return lowest, len(rules) > 0
}

// curveScorer sets replication p to score the alert rules at every
// P(drone) threshold from lowest up on the tracks observed at each alert
// evaluation, instead of the scenario's own rules, and returns the scorer.
func curveScorer(p *pipeline.Replication, rules alert.Config, lowest float64) *metrics.CurveScorer {
	p.Alerts = nil
	p.Tracking.NoOSPA = true   // compare reports alerts, not OSPA,
	p.Tracking.NoErrors = true // nor position errors
	s := metrics.NewCurveScorer(rules, p.Zones, len(p.World.Entities), lowest)
	s.GroupMembers = metrics.GroupMembers(p.World) // a false track in a swarm's alert is no false alert
	p.Recorders = append(p.Recorders, pipeline.RecorderFunc(func(r *pipeline.Replication) error {
		if r.Evaluated {
			s.Evaluate(r.TimeS(), r.Observed)
		}
		return nil
	}))
	return s
}

// thresholdScorers sets replication p to run every threshold's rules on
// the tracks observed at each alert evaluation as the simulation goes
// (nothing to keep), sharing the assessments of the thresholds with one
// geometry, instead of the scenario's own rules, and returns the scorers.
func thresholdScorers(p *pipeline.Replication, rules []alert.Config) []*metrics.AlertScorer {
	p.Alerts = nil
	p.Tracking.NoOSPA = true   // compare reports alerts, not OSPA,
	p.Tracking.NoErrors = true // nor position errors
	scorers := make([]*metrics.AlertScorer, len(rules))
	memos := map[alert.Geometry]*alert.Memo{}
	members := metrics.GroupMembers(p.World)
	for ti, r := range rules {
		scorers[ti] = metrics.NewAlertScorer(r, p.Zones, len(p.World.Entities))
		scorers[ti].GroupMembers = members
		g := r.Geometry()
		if memos[g] == nil {
			memos[g] = &alert.Memo{}
		}
		scorers[ti].Alerter.Memo = memos[g]
	}
	var states []alert.TrackState // shared by the scorers
	p.Recorders = append(p.Recorders, pipeline.RecorderFunc(func(r *pipeline.Replication) error {
		if !r.Evaluated {
			return nil
		}
		for g, m := range memos {
			m.Reset(g, len(r.Observed), len(r.Zones))
		}
		states = metrics.States(r.Observed, states[:0])
		for _, s := range scorers {
			s.EvaluateStates(r.TimeS(), r.Observed, states)
		}
		return nil
	}))
	return scorers
}
