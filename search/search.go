package search

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/spatial/r3"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/coverage"
	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sim"
	"github.com/cuasim/cuasim/track"
)

// Defaults of Options' fields left zero.
const (
	DefaultSamples  = 8
	DefaultWindowS  = 60
	DefaultKeep     = 3
	DefaultRequired = 60
	DefaultHistoryS = 300
	DefaultPDrone   = 0.9
)

// Objectives: the surrogate's mean over the sampled drones, or its mean
// over the drones of the approach sector (the eight of compare.Sectors)
// where it is lowest — a layout that warns well on average but leaves one
// direction open scores by that direction.
const (
	ObjectiveMean        = "mean"
	ObjectiveWorstSector = "worst-sector"
)

// Options say how to search.
type Options struct {
	// Seed gives the seeds of the traffic samples (sim.Stream(Seed,
	// "search/samples")): 64-bit seeds that no comparison's replications
	// (seeds first, first + 1, ...) are expected to share, so that the
	// comparison that confirms the search judges it on traffic it did not
	// search on.
	Seed uint64
	// Samples is the number of traffic samples (runs of the world).
	Samples int
	// DurationS is each sample's length; 0: the scenario's.
	DurationS float64
	// RequiredWarningS is the warning a timely alert gives before entry.
	RequiredWarningS float64
	// WindowS is the time before the required warning in which the sensors
	// must hold a drone.
	WindowS float64
	// HistoryS is how far back before the required warning a drone's
	// classification evidence is counted.
	HistoryS float64
	// PDrone is the P(drone) a track must reach to alert.
	PDrone float64
	// Objective is what the search maximises: ObjectiveMean (the default)
	// or ObjectiveWorstSector.
	Objective string
	// Keep is the number of layouts returned.
	Keep int
	// Workers share out the precomputation; 0: one per CPU. The result
	// does not depend on it.
	Workers int
	// Progress, if set, is called as the precomputation advances.
	Progress func(done, total int)
}

// Option is one way to place a sensor: a candidate position and boresight.
type Option struct {
	Site         int // index in Result.Sites
	BoresightDeg float64
}

// Unit is a sensor the search places: one of a search.place entry's count.
type Unit struct {
	Entry  int    // index in the scenario's search.place
	Sensor string // the listed sensor placed
	ID     string // its id in a layout: Sensor, or Sensor-2, -3, ... for copies
	Cost   float64
}

// Layout is a placement: for each of the units, the option it takes, −1 for
// a unit not placed (under a budget).
type Layout struct {
	Options []int // per unit, an index in its entry's options, or −1
	Score   float64
	// Located is the mean over the sampled drones of the first factor of
	// the score alone (located in enough seconds of the window): it breaks
	// ties of Score, which a sensor that classifies nothing leaves alone.
	Located float64
}

// better reports whether a beats b: a higher score, or an equal one and
// drones located more surely.
func (a Layout) better(b Layout) bool {
	const eps = 1e-12
	return a.Score > b.Score+eps || (a.Score >= b.Score-eps && a.Located > b.Located+eps)
}

// Step is one layout the search kept on its way: where it came from, and
// its score.
type Step struct {
	Start  string // "greedy" or "listed"
	Round  int    // 0: the start's construction; 1, 2, ...: swap rounds
	Move   string // what changed, for people
	Layout Layout
}

// Result is what a search found.
type Result struct {
	Sites []scenarios.SearchSite
	Units []Unit
	// EntryOptions are, per search.place entry, the options its units may
	// take.
	EntryOptions [][]Option
	// Listed is the listed layout: each placed sensor where it is listed.
	// When it costs more than the budget it is no layout the search may
	// propose, and Listed places nothing (ListedCost says what it costs,
	// Budget what may be spent).
	Listed Layout
	// ListedCost is the listed layout's cost; Budget the search section's
	// budget (0: none).
	ListedCost, Budget float64
	// Found are the best layouts found other than the listed one, best
	// first.
	Found []Layout
	// Steps are the layouts each start went through.
	Steps []Step
	// Scored is the number of layouts scored.
	Scored int
	// Drones is the number of sampled drones that entered a zone with a
	// window before the required warning; Points their window's points.
	Drones, Points int
	// SampleSeeds are the traffic samples' seeds.
	SampleSeeds []uint64
	// Objective is what the search maximised (ObjectiveMean or
	// ObjectiveWorstSector).
	Objective string
}

// Run searches the scenario's search section.
func Run(ctx context.Context, sc *scenarios.Scenario, o Options) (*Result, error) {
	if sc.Search == nil {
		return nil, fmt.Errorf("%s has no search section: nothing says where sensors may stand (see docs/placement.md)", sc.Name)
	}
	o = withDefaults(o)
	if o.Objective != ObjectiveMean && o.Objective != ObjectiveWorstSector {
		return nil, fmt.Errorf("search: objective %q: expected %s or %s", o.Objective, ObjectiveMean, ObjectiveWorstSector)
	}
	base, err := sc.WithLayout(scenarios.BaseLayout)
	if err != nil {
		return nil, err
	}
	res := &Result{Sites: sc.Search.Sites(), Objective: o.Objective}
	placed := map[string]bool{}
	for e, p := range sc.Search.Place {
		placed[p.Sensor] = true
		for k := 1; k <= p.Count; k++ {
			id := p.Sensor
			if k > 1 {
				id = fmt.Sprintf("%s-%d", p.Sensor, k)
			}
			res.Units = append(res.Units, Unit{Entry: e, Sensor: p.Sensor, ID: id, Cost: p.Cost})
		}
	}

	samples, err := sampleTraffic(ctx, base, o, res)
	if err != nil {
		return nil, err
	}
	ev, err := newEvaluator(ctx, base, placed, samples, o, res)
	if err != nil {
		return nil, err
	}
	s := &searcher{ev: ev, res: res, budget: sc.Search.Budget, seen: map[string]Layout{}}
	res.Listed = s.listed(sc)
	for _, start := range []string{"greedy", "listed"} {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var l Layout
		if start == "greedy" {
			l = s.greedy(start, s.empty())
		} else {
			l = s.greedy(start, res.Listed) // fills any copy the listed layout lacks
		}
		s.swaps(ctx, start, l)
	}
	res.Scored = len(s.seen)
	listedKey := s.key(res.Listed)
	type scored struct {
		key string
		Layout
	}
	var all []scored
	for k, v := range s.seen {
		if k != listedKey {
			all = append(all, scored{k, v})
		}
	}
	slices.SortFunc(all, func(a, b scored) int {
		switch {
		case a.better(b.Layout):
			return -1
		case b.better(a.Layout):
			return 1
		}
		return strings.Compare(a.key, b.key)
	})
	// The best is always kept, to be confirmed or refuted; the others only
	// when the surrogate puts them at least level with the listed layout
	// and gives them something: a layout it scores 0 is not worth
	// simulating.
	for i, a := range all[:min(o.Keep, len(all))] {
		if i > 0 && (a.Score < res.Listed.Score || a.Score <= 0) {
			break
		}
		res.Found = append(res.Found, a.Layout)
	}
	return res, nil
}

func withDefaults(o Options) Options {
	if o.Samples <= 0 {
		o.Samples = DefaultSamples
	}
	if o.WindowS <= 0 {
		o.WindowS = DefaultWindowS
	}
	if o.Keep <= 0 {
		o.Keep = DefaultKeep
	}
	if o.HistoryS <= 0 {
		o.HistoryS = DefaultHistoryS
	}
	if o.PDrone == 0 {
		o.PDrone = DefaultPDrone
	}
	if o.Objective == "" {
		o.Objective = ObjectiveMean
	}
	if o.RequiredWarningS == 0 {
		o.RequiredWarningS = DefaultRequired
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

// sample is a sampled drone before the required warning: its UAV class,
// the points it flew through, one a second, over the history (the last of
// them, from locFrom on, the window), and the kinematic log-odds its
// speeds earn a track of it.
type sample struct {
	class   string
	points  []r3.Vec
	locFrom int
	kin     float64
	sector  int // index in compare.Sectors of its approach bearing
}

// sampleTraffic runs the world for each sample seed and returns, for each
// drone that entered a zone, its window's points.
func sampleTraffic(ctx context.Context, sc *scenarios.Scenario, o Options, res *Result) ([]sample, error) {
	rnd := sim.Stream(o.Seed, "search/samples")
	var out []sample
	for range o.Samples {
		seed := rnd.Uint64()
		res.SampleSeeds = append(res.SampleSeeds, seed)
		run, err := sc.WithRun(&seed, o.DurationS)
		if err != nil {
			return nil, err
		}
		w, err := sim.New(run)
		if err != nil {
			return nil, fmt.Errorf("search: %w", err)
		}
		entries := metrics.NewZoneEntries(w, alert.ZonesFrom(run))
		// Positions at whole seconds, per drone.
		flown := make([][]r3.Vec, len(w.Entities))
		startS := make([]float64, len(w.Entities))
		next := 0.0
		for !w.Done() {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			w.Step()
			entries.Add(w)
			if t := w.TimeS(); t+1e-9 >= next {
				for _, id := range w.Active() {
					if e := &w.Entities[id]; e.Kind == sim.Drone {
						if flown[id] == nil {
							startS[id] = math.Round(t)
						}
						flown[id] = append(flown[id], e.Pos)
					}
				}
				next = math.Round(t) + 1
			}
		}
		ev := track.Classifier()
		for id, entry := range entries.EntryS {
			if math.IsNaN(entry) || flown[id] == nil {
				continue
			}
			hi := int(math.Floor(entry - o.RequiredWarningS - startS[id]))
			lo := max(0, hi-int(o.HistoryS))
			if hi < 0 || hi >= len(flown[id]) {
				continue
			}
			pts := slices.Clone(flown[id][lo : hi+1])
			smp := sample{class: w.Entities[id].Type, points: pts, locFrom: max(0, len(pts)-1-int(o.WindowS)),
				sector: slices.Index(compare.Sectors, compare.Sector(entries.ApproachBearingDeg(id)))}
			for i := 1; i < len(pts); i++ {
				switch v := r3.Norm(r3.Sub(pts[i], pts[i-1])); {
				case v < ev.HoverMPS:
					smp.kin += ev.Hover
				case v > ev.FastMPS:
					smp.kin += ev.Fast
				case v >= ev.BirdMinMPS && v <= ev.BirdMaxMPS:
					smp.kin += ev.BirdSpeed
				}
				smp.kin = max(-ev.MaxKinematic, min(ev.MaxKinematic, smp.kin))
			}
			out = append(out, smp)
			res.Points += len(pts)
		}
	}
	res.Drones = len(out)
	if len(out) == 0 {
		return nil, errors.New("search: no drone of the traffic samples entered a protected zone later than the required warning after it appeared: there is nothing to warn of; check the zones and traffic, or --required-warning")
	}
	return out, nil
}

// evaluator scores layouts: per option of each entry, and per fixed
// sensor, the per-second probabilities at every sampled point.
type evaluator struct {
	samples []sample
	confirm int
	// det is, per sensor (the fixed ones, then each entry's options in
	// order), the probability of a detection within a second at each point
	// (samples' points in order); labels the expected number of plots
	// labelled drone in that second (radars with micro-Doppler).
	det, labels [][]float32
	llr         []float64 // per sensor, the log-odds a drone label adds (coverage.Probe.LabelLogOdds)
	radar       []bool
	fixed       int   // the first fixed sensors are always there
	first       []int // per entry, the sensor index of its option 0
	// need is the log-odds a track of a drone must reach from the sensors'
	// evidence (labels and RF), before its kinematics: logit(PDrone) −
	// the prior.
	need float64
	cls  track.EvidenceModel
	// worst scores a layout by its worst approach sector.
	worst bool
	// bySector accumulates a layout's scores by sector (score's scratch).
	bySector, nSector []float64
}

func newEvaluator(ctx context.Context, base *scenarios.Scenario, placed map[string]bool, samples []sample, o Options, res *Result) (*evaluator, error) {
	prior := base.Tracker.DronePrior
	ev := &evaluator{samples: samples, confirm: base.Tracker.ConfirmM, cls: track.Classifier(), worst: o.Objective == ObjectiveWorstSector,
		need: math.Log(o.PDrone/(1-o.PDrone)) - math.Log(prior/(1-prior))}
	probeSc := *base
	probeSc.Sensors = nil
	for _, sn := range base.Sensors {
		if !placed[sn.ID] {
			probeSc.Sensors = append(probeSc.Sensors, sn)
		}
	}
	ev.fixed = len(probeSc.Sensors)
	// A probe of the listed sensors tells which have an azimuth field of
	// view narrower than all round.
	listedProbe, err := coverage.NewProbe(base)
	if err != nil {
		return nil, err
	}
	for e, p := range base.Search.Place {
		k := slices.IndexFunc(base.Sensors, func(x scenarios.Sensor) bool { return x.ID == p.Sensor })
		tmpl := base.Sensors[k]
		bores := p.BoresightsDeg
		if len(bores) == 0 {
			bores = []float64{tmpl.BoresightDeg}
			if listedProbe.Sensors[k].HalfRad < math.Pi {
				for b := 0.0; b < 360; b += 45 {
					if !slices.Contains(bores, b) {
						bores = append(bores, b)
					}
				}
			}
		}
		ev.first = append(ev.first, len(probeSc.Sensors))
		var opts []Option
		for si, site := range res.Sites { // another placed sensor's listed position too
			for _, b := range bores {
				opts = append(opts, Option{Site: si, BoresightDeg: b})
				c := tmpl
				c.ID = fmt.Sprintf("option-%d-%d", e, len(opts))
				c.Position = site.Position
				c.BoresightDeg = b
				probeSc.Sensors = append(probeSc.Sensors, c)
			}
		}
		res.EntryOptions = append(res.EntryOptions, opts)
	}
	probe, err := coverage.NewProbe(&probeSc)
	if err != nil {
		return nil, err
	}
	classes := make([]int, len(samples))
	for i, s := range samples {
		c, ok := probe.Class(s.class)
		if !ok {
			return nil, fmt.Errorf("search: drone class %q is not among the scenario's uav_types", s.class)
		}
		classes[i] = c
	}
	n := len(probe.Sensors)
	ev.det, ev.labels, ev.llr, ev.radar = make([][]float32, n), make([][]float32, n), make([]float64, n), make([]bool, n)
	var done atomic.Int64
	var next atomic.Int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range min(o.Workers, n) {
		wg.Go(func() {
			for s := int(next.Add(1) - 1); s < n && ctx.Err() == nil; s = int(next.Add(1) - 1) {
				sn := probe.Sensors[s]
				det := make([]float32, 0, res.Points)
				var labels []float32
				llr := probe.LabelLogOdds(s)
				if llr > 0 {
					labels = make([]float32, 0, res.Points)
				}
				for i, smp := range samples {
					for _, p := range smp.points {
						d, l := probe.Look(s, classes[i], p)
						det = append(det, float32(coverage.DwellPd(d, 1, sn.RevisitS)))
						if labels != nil {
							labels = append(labels, float32(l/sn.RevisitS))
						}
					}
				}
				ev.det[s], ev.labels[s], ev.llr[s], ev.radar[s] = det, labels, llr, sn.Radar
				if o.Progress != nil {
					mu.Lock()
					o.Progress(int(done.Add(1)), n)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return ev, nil
}

// score returns the surrogate score of the layout whose sensors (indices
// into det and labels, fixed ones included) are given: the mean over the
// sampled drones of P(located in confirm_m seconds of the window) ×
// P(enough drone labels, with the RF and kinematic evidence, for P(drone)
// to reach its threshold), see the package's documentation — with the
// worst-sector objective, that mean over the drones of the approach sector
// where it is lowest; and the mean of the first factor alone.
func (ev *evaluator) score(sensors []int) (score, located float64) {
	total, held, at := 0.0, 0.0, 0
	var rf []float64
	for _, smp := range ev.samples {
		located, nLabels, llr, rfPairs := 0.0, 0.0, 0.0, 0.0
		for i := range smp.points {
			missR := 1.0
			rf = rf[:0]
			for _, s := range sensors {
				d := float64(ev.det[s][at])
				switch {
				case ev.radar[s]:
					missR *= 1 - d
					if ev.labels[s] != nil {
						l := float64(ev.labels[s][at])
						nLabels += l
						llr += l * ev.llr[s]
					}
				case d > 0:
					rf = append(rf, d)
				}
			}
			pair := atLeastTwo(rf)
			rfPairs += pair
			if i >= smp.locFrom {
				located += 1 - missR*(1-pair)
			}
			at++
		}
		p := poissonTail(ev.confirm, located)
		held += p
		sc := p * ev.classified(smp.kin, rfPairs, nLabels, llr)
		total += sc
		if ev.worst && smp.sector >= 0 {
			if ev.bySector == nil {
				ev.bySector, ev.nSector = make([]float64, len(compare.Sectors)), make([]float64, len(compare.Sectors))
			}
			ev.bySector[smp.sector] += sc
			ev.nSector[smp.sector]++
		}
	}
	n := float64(len(ev.samples))
	if !ev.worst {
		return total / n, held / n
	}
	worst := math.Inf(1)
	for k := range ev.bySector {
		if ev.nSector[k] > 0 {
			worst = min(worst, ev.bySector[k]/ev.nSector[k])
		}
		ev.bySector[k], ev.nSector[k] = 0, 0
	}
	if math.IsInf(worst, 1) {
		worst = total / n
	}
	return worst, held / n
}

// classified returns the probability that a drone's track reaches the
// P(drone) threshold: its kinematic log-odds and the RF term (RFPerSecond
// for each second two RF sensors hear it, bounded) count in full; the
// labels needed for the rest come as a Poisson number with the expected
// count nLabels, each adding llr/nLabels on average, their sum bounded.
func (ev *evaluator) classified(kin, rfPairs, nLabels, llr float64) float64 {
	need := ev.need - kin - min(ev.cls.MaxRF, ev.cls.RFPerSecond*rfPairs)
	switch {
	case need <= 0:
		return 1
	case need > ev.cls.MaxLabels || nLabels <= 0 || llr <= 0:
		return 0
	}
	return poissonTail(int(math.Ceil(need/(llr/nLabels))), nLabels)
}

// atLeastTwo returns the probability that at least two of independent
// events of the given probabilities happen.
func atLeastTwo(p []float64) float64 {
	none, one := 1.0, 0.0
	for _, q := range p {
		one = one*(1-q) + none*q
		none *= 1 - q
	}
	return max(0, 1-none-one)
}

// poissonTail returns P(N ≥ m) for N Poisson with mean lambda.
func poissonTail(m int, lambda float64) float64 {
	if m <= 0 {
		return 1
	}
	if lambda <= 0 {
		return 0
	}
	return 1 - distuv.Poisson{Lambda: lambda}.CDF(float64(m-1))
}

// searcher runs the greedy and swap moves, remembering every layout
// scored.
type searcher struct {
	ev     *evaluator
	res    *Result
	budget float64
	seen   map[string]Layout
	buf    []int
}

func (s *searcher) empty() Layout {
	l := Layout{Options: make([]int, len(s.res.Units))}
	for i := range l.Options {
		l.Options[i] = -1
	}
	return l
}

// listed returns the listed layout: each entry's first unit at its
// sensor's listed position and boresight, copies not placed.
func (s *searcher) listed(sc *scenarios.Scenario) Layout {
	l := s.empty()
	for u, un := range s.res.Units {
		if un.ID != un.Sensor {
			continue
		}
		sn := sc.Sensors[slices.IndexFunc(sc.Sensors, func(x scenarios.Sensor) bool { return x.ID == un.Sensor })]
		for o, op := range s.res.EntryOptions[un.Entry] {
			if s.res.Sites[op.Site].Listed == un.Sensor && op.BoresightDeg == sn.BoresightDeg {
				l.Options[u] = o
				break
			}
		}
	}
	s.res.ListedCost, s.res.Budget = s.cost(l), s.budget
	if s.budget > 0 && s.cost(l) > s.budget {
		return s.empty()
	}
	s.eval(&l)
	return l
}

// key identifies a layout: units of one entry are interchangeable.
func (s *searcher) key(l Layout) string {
	var b strings.Builder
	for e := range s.res.EntryOptions {
		var opts []int
		for u, un := range s.res.Units {
			if un.Entry == e && l.Options[u] >= 0 {
				opts = append(opts, l.Options[u])
			}
		}
		slices.Sort(opts)
		fmt.Fprintf(&b, "%d:%v;", e, opts)
	}
	return b.String()
}

// eval scores l, remembering it.
func (s *searcher) eval(l *Layout) {
	k := s.key(*l)
	if v, ok := s.seen[k]; ok {
		l.Score, l.Located = v.Score, v.Located
		return
	}
	s.buf = s.buf[:0]
	for i := range s.ev.fixed {
		s.buf = append(s.buf, i)
	}
	for u, o := range l.Options {
		if o >= 0 {
			s.buf = append(s.buf, s.ev.first[s.res.Units[u].Entry]+o)
		}
	}
	l.Score, l.Located = s.ev.score(s.buf)
	s.seen[k] = Layout{Options: s.canonical(l.Options), Score: l.Score, Located: l.Located}
}

// canonical returns options with each entry's placed options in increasing
// order on its units, in the units' order, and its unplaced units last: the
// one arrangement of a layout's interchangeable units, the one Placed
// writes (the first placed the listed sensor, the others its copies), so
// that Describe and search.json say what search.yaml holds.
func (s *searcher) canonical(options []int) []int {
	out := slices.Clone(options)
	for e := range s.res.EntryOptions {
		var units, opts []int
		for u, un := range s.res.Units {
			if un.Entry == e {
				units = append(units, u)
				if options[u] >= 0 {
					opts = append(opts, options[u])
				}
			}
		}
		slices.Sort(opts)
		for k, u := range units {
			out[u] = -1
			if k < len(opts) {
				out[u] = opts[k]
			}
		}
	}
	return out
}

func (s *searcher) cost(l Layout) float64 {
	c := 0.0
	for u, o := range l.Options {
		if o >= 0 {
			c += s.res.Units[u].Cost
		}
	}
	return c
}

// free reports whether option o of unit u's entry stands on a site no other
// unit of l takes.
func (s *searcher) free(l Layout, u, o int) bool {
	site := s.res.EntryOptions[s.res.Units[u].Entry][o].Site
	for v, ov := range l.Options {
		if v != u && ov >= 0 && s.res.EntryOptions[s.res.Units[v].Entry][ov].Site == site {
			return false
		}
	}
	return true
}

// greedy places the units l leaves unplaced, one at a time, each where it
// raises the score most (per unit of cost, under a budget).
func (s *searcher) greedy(start string, l Layout) Layout {
	l = Layout{Options: slices.Clone(l.Options)}
	s.eval(&l)
	for {
		bestU, bestO, bestGain := -1, -1, math.Inf(-1)
		var best Layout
		for u, o := range l.Options {
			if o >= 0 {
				continue
			}
			un := s.res.Units[u]
			if s.budget > 0 && s.cost(l)+un.Cost > s.budget {
				continue
			}
			for o := range s.res.EntryOptions[un.Entry] {
				if !s.free(l, u, o) {
					continue
				}
				c := Layout{Options: slices.Clone(l.Options)}
				c.Options[u] = o
				s.eval(&c)
				gain := c.Score - l.Score
				if s.budget > 0 {
					gain /= max(un.Cost, 1e-12)
				}
				if gain > bestGain+1e-12 || (gain >= bestGain-1e-12 && c.Located > best.Located+1e-12) {
					bestU, bestO, bestGain, best = u, o, gain, c
				}
			}
			// Units of one entry are interchangeable: trying the first
			// unplaced one is enough.
			for u+1 < len(l.Options) && s.res.Units[u+1].Entry == un.Entry {
				u++
			}
		}
		if bestU < 0 || (s.budget > 0 && !best.better(l)) {
			return l
		}
		l = best
		s.res.Steps = append(s.res.Steps, Step{Start: start, Move: "place " + s.describe(bestU, bestO), Layout: l})
	}
}

// swaps moves placed units, the best move first, until no move raises the
// score.
func (s *searcher) swaps(ctx context.Context, start string, l Layout) {
	for round := 1; round <= 200 && ctx.Err() == nil; round++ {
		bestU, bestO := -1, -1
		best := l
		for u, cur := range l.Options {
			if cur < 0 {
				continue
			}
			for o := range s.res.EntryOptions[s.res.Units[u].Entry] {
				if o == cur || !s.free(l, u, o) {
					continue
				}
				c := Layout{Options: slices.Clone(l.Options)}
				c.Options[u] = o
				s.eval(&c)
				if c.better(best) {
					bestU, bestO, best = u, o, c
				}
			}
		}
		if bestU < 0 {
			return
		}
		l = best
		s.res.Steps = append(s.res.Steps, Step{Start: start, Round: round, Move: "move " + s.describe(bestU, bestO), Layout: l})
	}
}

// describe says where unit u stands with option o: "radar-main to c7 (boresight 90°)".
func (s *searcher) describe(u, o int) string {
	un := s.res.Units[u]
	op := s.res.EntryOptions[un.Entry][o]
	if s.res.turns(un.Entry) {
		return fmt.Sprintf("%s to %s (boresight %s°)", un.ID, s.res.Sites[op.Site].Name, fmtDeg(op.BoresightDeg))
	}
	return fmt.Sprintf("%s to %s", un.ID, s.res.Sites[op.Site].Name)
}

func fmtDeg(d float64) string {
	return strconv.FormatFloat(d, 'g', -1, 64)
}

// Describe says, for people, where each unit of l stands (and, for a
// sensor the search turns, its boresight).
func (r *Result) Describe(l Layout) string {
	var parts []string
	for u, o := range l.Options {
		un := r.Units[u]
		if o < 0 {
			parts = append(parts, un.ID+" not placed")
			continue
		}
		op := r.EntryOptions[un.Entry][o]
		p := un.ID + " at " + r.Sites[op.Site].Name
		if r.turns(un.Entry) {
			p += ", boresight " + fmtDeg(op.BoresightDeg) + "°"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "; ")
}

// turns reports whether the search tries several boresights for a
// search.place entry's sensor.
func (r *Result) turns(entry int) bool {
	opts := r.EntryOptions[entry]
	return len(opts) > 0 && slices.ContainsFunc(opts, func(o Option) bool { return o.BoresightDeg != opts[0].BoresightDeg })
}

// Placed returns a found layout as a scenario layout named name: listed
// sensors moved, copies added, and under a budget the listed sensors not
// placed removed. The units of one entry are interchangeable: the first
// placed (in the order of their options) is the listed sensor, the others
// its copies.
func (r *Result) Placed(name, description string, l Layout) scenarios.PlacedLayout {
	pl := scenarios.PlacedLayout{Name: name, Description: description}
	for e := range r.EntryOptions {
		var units []Unit
		var opts []int
		for u, un := range r.Units {
			if un.Entry == e {
				units = append(units, un)
				if l.Options[u] >= 0 {
					opts = append(opts, l.Options[u])
				}
			}
		}
		slices.Sort(opts)
		if len(opts) == 0 {
			pl.Remove = append(pl.Remove, units[0].Sensor)
		}
		for k, o := range opts {
			op := r.EntryOptions[e][o]
			pl.Placements = append(pl.Placements, scenarios.Placement{Sensor: units[k].Sensor, ID: units[k].ID, Position: r.Sites[op.Site].Position, BoresightDeg: op.BoresightDeg})
		}
	}
	return pl
}
