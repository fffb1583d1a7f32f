package metrics_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/pipeline"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sim"
)

// observedRun is a run's observations at each alert evaluation, with what
// scoring needs at its end.
type observedRun struct {
	cfg     alert.Config
	zones   []alert.Zone
	timesS  []float64
	obs     [][]metrics.Observed
	world   *sim.World
	entries *metrics.ZoneEntries
	det     *metrics.DetectionStats
	ts      *metrics.TrackStats
	// members marks, by entity, the drones that fly in a group: the
	// scorers then find the incidents part of a group's alert.
	members []bool
}

// randomRun draws a stream of observed tracks: tracks appear and end,
// step in and out of a zone, with P(drone) and existence on random paths
// (often on a grid of round values, so that tracks tie), and follow a
// drone, a bird, a duplicate of either, or nothing (clutter or an RF
// ghost), changing now and then.
func randomRun(rnd *rand.Rand) *observedRun {
	const drones, birds = 6, 4
	w := &sim.World{StepS: 1, DurationS: 1e6}
	for i := range drones + birds {
		e := sim.Entity{ID: i, Name: fmt.Sprintf("drone-%d", i), Kind: sim.Drone}
		if i >= drones {
			e.Name, e.Kind = fmt.Sprintf("bird-%d", i), sim.Bird
		}
		w.Entities = append(w.Entities, e)
	}
	zone := alert.NewCircleZone("zone", alert.SeverityHigh, [2]float64{0, 0}, 500, math.Inf(-1), math.Inf(1))
	r := &observedRun{
		cfg: alert.Config{MinQuality: 0.5, Hysteresis: []float64{0, 0.1, 0.05}[rnd.IntN(3)], ClearAfterS: []float64{0, 2, 5}[rnd.IntN(3)],
			MinTrackAgeS: []float64{0, 2}[rnd.IntN(2)], HorizonS: 0, UncertaintySigma: 0, MaxMarginM: 0, UpdatePeriodS: 1},
		zones: []alert.Zone{zone}, world: w,
		entries: metrics.NewZoneEntries(w, []alert.Zone{zone}),
		det:     metrics.NewDetectionStats(w, 0), ts: metrics.NewTrackStats(w, 100),
	}
	for i := range w.Entities {
		switch {
		case i < drones && rnd.IntN(3) > 0:
			r.entries.EntryS[i], r.entries.Zone[i] = 50+300*rnd.Float64(), 0
		case i < drones:
			r.entries.ObserveS[i], r.entries.ObserveZone[i] = 50+300*rnd.Float64(), 0 // a watcher
		}
	}
	type live struct {
		o      metrics.Observed
		endS   float64
		pd, ex float64
		inside bool
	}
	value := func(x float64) float64 {
		x = min(max(x, 0), 1)
		if rnd.IntN(2) == 0 {
			return math.Round(x*20) / 20
		}
		return x
	}
	follow := func(o *metrics.Observed) {
		o.Truth, o.Near, o.RFMostly = -1, -1, rnd.IntN(2) == 0
		switch rnd.IntN(4) {
		case 0:
			o.Truth = int32(rnd.IntN(len(w.Entities)))
		case 1:
			o.Near = int32(rnd.IntN(len(w.Entities)))
		}
	}
	var alive []live
	nextID := 1
	for k := range 300 + rnd.IntN(300) {
		nowS := float64(k + 1)
		if rnd.Float64() < 0.1 {
			t := live{endS: nowS + 10 + 100*rnd.Float64(), pd: rnd.Float64(), ex: 0.3 + 0.7*rnd.Float64()}
			t.o.ID = nextID
			follow(&t.o)
			nextID++
			alive = append(alive, t)
		}
		alive = slices.DeleteFunc(alive, func(t live) bool { return nowS > t.endS })
		var evs []metrics.Observed
		for i := range alive {
			t := &alive[i]
			t.o.AgeS++
			if rnd.Float64() < 0.1 {
				t.inside = !t.inside
			}
			t.o.Pos = [3]float64{10000, 0, 50}
			if t.inside {
				t.o.Pos[0] = 0
			}
			if rnd.Float64() < 0.08 {
				follow(&t.o)
			}
			switch u := rnd.Float64(); {
			case u < 0.1:
				t.pd = rnd.Float64()
			case u < 0.7:
				t.pd += 0.1 * rnd.NormFloat64()
			}
			if rnd.Float64() < 0.3 {
				t.ex += 0.1 * rnd.NormFloat64()
			}
			t.o.PDrone, t.o.Existence = value(t.pd), value(t.ex)
			evs = append(evs, t.o)
		}
		r.timesS = append(r.timesS, nowS)
		r.obs = append(r.obs, evs)
	}
	return r
}

// curve runs a CurveScorer over the run.
func (r *observedRun) curve(minPDrone float64) *metrics.AlertCurve {
	s := metrics.NewCurveScorer(r.cfg, r.zones, len(r.world.Entities), minPDrone)
	s.GroupMembers = r.members
	var states []alert.TrackState
	for k, obs := range r.obs {
		states = metrics.States(obs, states[:0])
		s.EvaluateStates(r.timesS[k], obs, states)
	}
	return s.Result(r.world, r.entries, r.det, r.ts)
}

// at runs an AlertScorer with p_drone t over the run.
func (r *observedRun) at(t float64) *metrics.AlertResult {
	cfg := r.cfg
	cfg.PDrone = t
	s := metrics.NewAlertScorer(cfg, r.zones, len(r.world.Entities))
	s.GroupMembers = r.members
	for k, obs := range r.obs {
		s.Evaluate(r.timesS[k], obs)
	}
	return s.Result(r.world, r.entries, r.det, r.ts)
}

// summary prints what the curve is to give exactly of an alert result:
// each drone's alerting, each incident's track, times, cause and entity.
func summary(r *metrics.AlertResult) string {
	var b strings.Builder
	for _, d := range r.Drones {
		fmt.Fprintf(&b, "%+v\n", d) // printed, so that NaN equals NaN
	}
	for _, in := range r.Incidents {
		fmt.Fprintf(&b, "incident track %d %v–%v %s %d in group %v\n", in.Track, in.StartS, in.EndS, in.Cause, in.Entity, in.InGroup)
	}
	fmt.Fprintf(&b, "%v s\n", r.DurationS)
	return b.String()
}

// checkCurve compares the curve with AlertScorers at thresholds around
// its breakpoints (at each, and at the floats next to it) and on a grid:
// every drone's first alert, every incident and its cause, the P(timely)
// counts, the false alerts, and the curve's points. It returns the
// number of thresholds tried and the incidents and alerted drones seen.
func checkCurve(t *testing.T, name string, r *observedRun, c *metrics.AlertCurve, ths []float64) (incidents, alerted int) {
	t.Helper()
	const requiredS = 30
	pts := c.Points(requiredS)
	for _, in := range c.Incidents {
		if !(in.AboveP < in.UpToP) {
			t.Fatalf("%s: incident %+v happens at no threshold", name, in)
		}
	}
	for _, th := range ths {
		want := r.at(th)
		got := c.At(th)
		if g, w := summary(got), summary(want); g != w {
			t.Fatalf("%s: threshold %v: the curve gives\n%s\nan AlertScorer\n%s", name, th, g, w)
		}
		timely, entered := 0, 0
		for i := range want.Drones {
			switch want.Drones[i].Outcome(requiredS) {
			case metrics.OutcomeTimely:
				timely++
				entered++
			case metrics.OutcomeNoEntry:
			default:
				entered++
			}
			if !math.IsNaN(want.Drones[i].FirstAlertS) {
				alerted++
			}
		}
		incidents += len(want.Incidents)
		// Watchers alerted on within the required delay.
		watched, gotWatched := 0, 0
		for i := range want.Drones {
			if d := &want.Drones[i]; d.Watching() && d.WatchAlertDelayS() <= requiredS+1e-9 {
				watched++
			}
		}
		for i := range c.Drones {
			if th <= c.Drones[i].UpTo(func(d *metrics.DroneAlerting) bool {
				return d.Watching() && d.WatchAlertDelayS() <= requiredS+1e-9
			}) {
				gotWatched++
			}
		}
		if gotWatched != watched {
			t.Fatalf("%s: threshold %v: curve %d watchers alerted on in time, AlertScorer %d", name, th, gotWatched, watched)
		}
		if gt, ge := c.Timely(th, requiredS); gt != timely || ge != entered {
			t.Fatalf("%s: threshold %v: curve timely %d of %d, AlertScorer %d of %d", name, th, gt, ge, timely, entered)
		}
		if g, w := c.FalseAlerts(th), want.FalseAlerts(); g != w {
			t.Fatalf("%s: threshold %v: curve %d false alerts, AlertScorer %d", name, th, g, w)
		}
		p := metrics.PointAt(pts, th)
		if p.Timely != timely || p.Entered != entered || p.Incidents != len(want.Incidents) || p.FalseAlerts != want.FalseAlerts() {
			t.Fatalf("%s: threshold %v: curve point %+v; AlertScorer timely %d of %d, %d incidents, %d false", name, th, p,
				timely, entered, len(want.Incidents), want.FalseAlerts())
		}
	}
	return incidents, alerted
}

// aroundBreakpoints returns thresholds to try: a grid, and n of the
// curve's breakpoints (all when n ≤ 0) with the floats on either side.
func aroundBreakpoints(rnd *rand.Rand, c *metrics.AlertCurve, n int) []float64 {
	bs := c.Breakpoints()
	if n > 0 && len(bs) > n {
		rnd.Shuffle(len(bs), func(i, j int) { bs[i], bs[j] = bs[j], bs[i] })
		bs = bs[:n]
	}
	ths := []float64{0, 0.1, 0.3, 0.5, 0.7, 0.8, 0.85, 0.9, 0.92, 0.95, 0.98, 1, 1.1}
	for _, b := range bs {
		ths = append(ths, b, math.Nextafter(b, math.Inf(-1)), math.Nextafter(b, math.Inf(1)))
	}
	return slices.DeleteFunc(ths, func(t float64) bool { return t < c.MinPDrone })
}

// TestCurveScorerMatchesAlertScorer: on random streams of observed
// tracks, the curve at any threshold is what an AlertScorer with that
// p_drone gives (the reference: the rules run one threshold at a time).
func TestCurveScorerMatchesAlertScorer(t *testing.T) {
	rnd := rand.New(rand.NewPCG(16, 4))
	runs := 40
	if testing.Short() {
		runs = 10
	}
	incidents, alerted := 0, 0
	for n := range runs {
		r := randomRun(rnd)
		minP := math.Inf(-1)
		if n%4 == 3 {
			minP = 0.6
		}
		c := r.curve(minP)
		i, a := checkCurve(t, fmt.Sprintf("run %d (%+v)", n, r.cfg), r, c, aroundBreakpoints(rnd, c, 30))
		incidents, alerted = incidents+i, alerted+a
	}
	if incidents < 1000 || alerted < 100 {
		t.Errorf("%d incidents, %d alerted drones: too few to test", incidents, alerted)
	}
}

// TestCurveScorerGroupsMatchAlertScorer: with drones flying in groups and
// tracks spread over the zone (so that clusters of alerting tracks within
// metrics.GroupLinkM form, chain and part), the curve at any threshold
// gives the incidents part of a group's alert, and so the false alerts,
// that an AlertScorer with that p_drone gives.
func TestCurveScorerGroupsMatchAlertScorer(t *testing.T) {
	rnd := rand.New(rand.NewPCG(16, 6))
	runs := 40
	if testing.Short() {
		runs = 10
	}
	incidents, inGroup, falseInGroup := 0, 0, 0
	for n := range runs {
		r := randomRun(rnd)
		r.members = make([]bool, len(r.world.Entities))
		r.members[0], r.members[1], r.members[2] = true, true, true
		// Inside the zone (radius 500), each track about its own spot,
		// 900 m across at most, moving a little each evaluation.
		spot := map[int][2]float64{}
		for _, obs := range r.obs {
			for i := range obs {
				o := &obs[i]
				c, ok := spot[o.ID]
				if !ok {
					a, d := 2*math.Pi*rnd.Float64(), 450*math.Sqrt(rnd.Float64())
					c = [2]float64{d * math.Cos(a), d * math.Sin(a)}
					spot[o.ID] = c
				}
				if o.Pos[0] == 0 {
					o.Pos[0], o.Pos[1] = c[0]+20*rnd.NormFloat64(), c[1]+20*rnd.NormFloat64()
					if o.Pos[0]*o.Pos[0]+o.Pos[1]*o.Pos[1] > 490*490 {
						o.Pos[0], o.Pos[1] = c[0], c[1]
					}
				}
			}
		}
		minP := math.Inf(-1)
		if n%4 == 3 {
			minP = 0.6
		}
		c := r.curve(minP)
		i, _ := checkCurve(t, fmt.Sprintf("run %d (%+v)", n, r.cfg), r, c, aroundBreakpoints(rnd, c, 30))
		incidents += i
		if n == 0 { // linking groups allocates nothing once the scratch has grown
			s := metrics.NewCurveScorer(r.cfg, r.zones, len(r.world.Entities), minP)
			s.GroupMembers = r.members
			states := r.replay(s, nil)
			if a := testing.AllocsPerRun(1, func() { s.Reset(len(r.world.Entities)); r.replay(s, states) }); a != 0 {
				t.Errorf("%v allocations in a replay with groups, want none", a)
			}
		}
		for _, th := range []float64{0.5, 0.9} {
			for _, in := range r.at(th).Incidents {
				if in.InGroup {
					inGroup++
					if in.Cause != metrics.CauseIntruder && in.Cause != metrics.CauseOutside {
						falseInGroup++
					}
				}
			}
		}
	}
	t.Logf("%d incidents, %d in a group's alert at 0.5 or 0.9, %d of them about no drone", incidents, inGroup, falseInGroup)
	if incidents < 1000 || falseInGroup < 50 || inGroup == falseInGroup {
		t.Errorf("%d incidents, %d in a group's alert, %d of them about no drone: too few to test", incidents, inGroup, falseInGroup)
	}
}

// TestInGroupChain: a drone of a group and two birds alert in a line,
// 250 m apart, with P(drone) 0.9, 0.8 and 0.95. Up to 0.8 all three
// alert, and the far bird is linked to the group through the near one:
// no false alert. Above 0.8 the near bird no longer alerts and the far
// one, 500 m from the drone, is a false alert of its own; above 0.9 it
// alerts alone. The curve and AlertScorers say so.
func TestInGroupChain(t *testing.T) {
	w := &sim.World{StepS: 1, DurationS: 1e6}
	for i, k := range []sim.Kind{sim.Drone, sim.Bird, sim.Bird} {
		w.Entities = append(w.Entities, sim.Entity{ID: i, Name: fmt.Sprint("e", i), Kind: k, Group: []string{"g", "", ""}[i]})
	}
	zone := alert.NewCircleZone("zone", alert.SeverityHigh, [2]float64{0, 0}, 1000, math.Inf(-1), math.Inf(1))
	r := &observedRun{cfg: alert.Config{MinQuality: 0.5, UpdatePeriodS: 1}, zones: []alert.Zone{zone}, world: w,
		entries: metrics.NewZoneEntries(w, []alert.Zone{zone}), det: metrics.NewDetectionStats(w, 0), ts: metrics.NewTrackStats(w, 100),
		members: metrics.GroupMembers(w)}
	r.entries.EntryS[0], r.entries.Zone[0] = 1, 0
	for k := range 5 {
		var obs []metrics.Observed
		for i, pd := range []float64{0.9, 0.8, 0.95} {
			o := metrics.Observed{Truth: int32(i), Near: -1}
			o.ID, o.AgeS, o.Existence, o.PDrone, o.Pos = i+1, float64(k+1), 0.9, pd, [3]float64{250 * float64(i), 0, 50}
			obs = append(obs, o)
		}
		r.timesS, r.obs = append(r.timesS, float64(k+1)), append(r.obs, obs)
	}
	if m := r.members; len(m) != 3 || !m[0] || m[1] || m[2] {
		t.Fatalf("group members %v, want the drone alone", m)
	}
	c := r.curve(math.Inf(-1))
	for _, tc := range []struct {
		t                    float64
		incidents, falseOnes int
	}{{0.5, 3, 0}, {0.8, 3, 0}, {math.Nextafter(0.8, 1), 2, 1}, {0.9, 2, 1}, {0.92, 1, 1}, {0.96, 0, 0}} {
		got, want := c.At(tc.t), r.at(tc.t)
		if len(got.Incidents) != tc.incidents || c.FalseAlerts(tc.t) != tc.falseOnes || want.FalseAlerts() != tc.falseOnes || summary(got) != summary(want) {
			t.Errorf("threshold %v: curve %d incidents, %d false; AlertScorer %d false; want %d and %d\n%s",
				tc.t, len(got.Incidents), c.FalseAlerts(tc.t), want.FalseAlerts(), tc.incidents, tc.falseOnes, summary(got))
		}
	}
}

// recordAirport records the observations of an airport replication (the
// base layout, seed 1) of the given duration, once per duration.
var recorded sync.Map

func recordAirport(tb testing.TB, durationS float64) *observedRun {
	tb.Helper()
	if r, ok := recorded.Load(durationS); ok {
		return r.(*observedRun)
	}
	sc, err := scenarios.Embedded("airport")
	if err != nil {
		tb.Fatal(err)
	}
	c := *sc
	c.Run.DurationS, c.Run.Seed = durationS, 1
	p, err := pipeline.New(&c)
	if err != nil {
		tb.Fatal(err)
	}
	p.Alerts = nil
	r := &observedRun{cfg: alert.ConfigFrom(c.Alerting), zones: p.Zones}
	p.Recorders = append(p.Recorders, pipeline.RecorderFunc(func(p *pipeline.Replication) error {
		if p.Evaluated {
			r.timesS = append(r.timesS, p.TimeS())
			r.obs = append(r.obs, slices.Clone(p.Observed))
		}
		return nil
	}))
	if err := p.Run(context.Background(), nil); err != nil {
		tb.Fatal(err)
	}
	r.world, r.entries, r.det, r.ts = p.World, p.Entries, p.Detections, p.Tracking
	recorded.Store(durationS, r)
	return r
}

// TestCurveScorerAirport: on the tracks of an airport replication, the
// curve at thresholds around its breakpoints and on a grid is what an
// AlertScorer with that p_drone gives.
func TestCurveScorerAirport(t *testing.T) {
	durationS, n := 3600.0, 60
	if testing.Short() {
		durationS, n = 900, 20
	}
	r := recordAirport(t, durationS)
	c := r.curve(math.Inf(-1))
	incidents, alerted := checkCurve(t, "airport", r, c, aroundBreakpoints(rand.New(rand.NewPCG(16, 5)), c, n))
	if incidents == 0 || alerted == 0 {
		t.Errorf("%d incidents, %d alerted drones: nothing tested", incidents, alerted)
	}
	t.Logf("%d evaluations, %d breakpoints, %d incidents at some threshold", len(r.timesS), len(c.Breakpoints()), len(c.Incidents))
}

// replay evaluates the recorded run on a scorer.
func (r *observedRun) replay(s *metrics.CurveScorer, states []alert.TrackState) []alert.TrackState {
	for k, obs := range r.obs {
		states = metrics.States(obs, states[:0])
		s.EvaluateStates(r.timesS[k], obs, states)
	}
	return states
}

// TestCurveScorerAllocs: once its buffers have grown to a run's needs, a
// scorer evaluates an airport hour without allocating, and a reset
// scorer gives the same curve again.
func TestCurveScorerAllocs(t *testing.T) {
	durationS := 3600.0
	if testing.Short() {
		durationS = 900
	}
	r := recordAirport(t, durationS)
	s := metrics.NewCurveScorer(r.cfg, r.zones, len(r.world.Entities), 0)
	states := r.replay(s, nil)
	first := fmt.Sprintf("%+v", s.Result(r.world, r.entries, r.det, r.ts))
	allocs := testing.AllocsPerRun(1, func() {
		s.Reset(len(r.world.Entities))
		r.replay(s, states)
	})
	if allocs != 0 {
		t.Errorf("%v allocations in a replay of %d evaluations, want none", allocs, len(r.timesS))
	}
	if again := fmt.Sprintf("%+v", s.Result(r.world, r.entries, r.det, r.ts)); again != first {
		t.Errorf("the reset scorer's curve differs")
	}
}

// BenchmarkScorersAirport replays a recorded airport hour (3600
// evaluations) on a CurveScorer, on one AlertScorer, and on the default
// compare's eight AlertScorers (sharing assessments, as cuasim compare
// does), each new as in cuasim compare, Result included; ns/eval is the
// cost of one evaluation.
func BenchmarkScorersAirport(b *testing.B) {
	r := recordAirport(b, 3600)
	n := len(r.world.Entities)
	for _, minP := range []float64{0, 0.5} {
		b.Run(fmt.Sprintf("curve-from-%v", minP), func(b *testing.B) {
			var states []alert.TrackState
			for b.Loop() {
				s := metrics.NewCurveScorer(r.cfg, r.zones, n, minP)
				states = r.replay(s, states)
				s.Result(r.world, r.entries, r.det, r.ts)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(r.timesS)), "ns/eval")
		})
	}
	b.Run("curve-from-0-result-only", func(b *testing.B) {
		s := metrics.NewCurveScorer(r.cfg, r.zones, n, 0)
		r.replay(s, nil)
		for b.Loop() {
			s.Result(r.world, r.entries, r.det, r.ts)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(r.timesS)), "ns/eval")
	})
	b.Run("curve-reset", func(b *testing.B) {
		var states []alert.TrackState
		s := metrics.NewCurveScorer(r.cfg, r.zones, n, 0)
		for b.Loop() {
			s.Reset(n)
			states = r.replay(s, states)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(r.timesS)), "ns/eval")
	})
	for _, ths := range [][]float64{{0.9}, {0.5, 0.7, 0.8, 0.85, 0.9, 0.92, 0.95, 0.98}} {
		b.Run(fmt.Sprintf("alert-%d", len(ths)), func(b *testing.B) {
			var states []alert.TrackState
			for b.Loop() {
				memo := &alert.Memo{}
				var ss []*metrics.AlertScorer
				for _, th := range ths {
					cfg := r.cfg
					cfg.PDrone = th
					ss = append(ss, metrics.NewAlertScorer(cfg, r.zones, n))
					ss[len(ss)-1].Alerter.Memo = memo
				}
				for k, obs := range r.obs {
					memo.Reset(r.cfg.Geometry(), len(obs), len(r.zones))
					states = metrics.States(obs, states[:0])
					for _, s := range ss {
						s.EvaluateStates(r.timesS[k], obs, states)
					}
				}
				for _, s := range ss {
					s.Result(r.world, r.entries, r.det, r.ts)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(r.timesS)), "ns/eval")
		})
	}
}

// TestSumPoints: the sum of the random runs' curves, at thresholds around
// each run's breakpoints, is the sum of their figures there.
func TestSumPoints(t *testing.T) {
	rnd := rand.New(rand.NewPCG(16, 7))
	var curves []*metrics.AlertCurve
	var pts [][]metrics.CurvePoint
	var ths []float64
	for range 8 {
		c := randomRun(rnd).curve(math.Inf(-1))
		curves, pts = append(curves, c), append(pts, c.Points(30))
		ths = append(ths, aroundBreakpoints(rnd, c, 20)...)
	}
	sum := metrics.SumPoints(pts...)
	for _, th := range ths {
		var want metrics.CurvePoint
		for _, c := range curves {
			timely, entered := c.Timely(th, 30)
			want.Timely, want.Entered = want.Timely+timely, want.Entered+entered
			want.Incidents, want.FalseAlerts = want.Incidents+len(c.At(th).Incidents), want.FalseAlerts+c.FalseAlerts(th)
		}
		got := metrics.PointAt(sum, th)
		got.AboveP = 0
		if got != want {
			t.Fatalf("threshold %v: sum %+v, want %+v", th, got, want)
		}
	}
}
