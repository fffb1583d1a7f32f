package metrics

import (
	"cmp"
	"math"
	"slices"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/sim"
)

// CurveScorer scores the alert rules at every P(drone) threshold at once:
// fed what an AlertScorer is fed, it gives, for any threshold t (at or
// above its MinPDrone), exactly what an AlertScorer whose rules have
// p_drone t would give (each drone's first alert, every incident and its
// cause), and every threshold where any of it changes. See
// alert.CurveAlerter for why one number per track and evaluation, the
// highest threshold with an alert in force, says it all.
//
// Each drone's first alert is a staircase: the threshold up to which a
// track holding it has been alerted on grows with time, and the drone's
// first alert at t is the first evaluation at which it reached t. The
// incidents at t are a track's spells of evaluations with that highest
// threshold at or above t; the scorer logs it, with what the track
// followed, at every evaluation where it is not −∞, and Result finds
// every spell at every threshold (at most one per logged evaluation) and
// its cause exactly, from the counts of what the track followed during it.
type CurveScorer struct {
	Alerter *alert.CurveAlerter
	// GroupMembers, when set, tells by entity which drones fly in a group
	// (GroupMembers(w)): the scorer then finds, at every threshold, the
	// incidents part of a group's alert (Incident.InGroup, CurveIncident).
	GroupMembers []bool

	evalS  []float64    // the time of each evaluation
	log    []curveEntry // by evaluation, then track
	steps  [][]AlertStep
	states []alert.TrackState
	index  []int32 // the observed track of each entry of an evaluation
	groups groupLinks
}

// curveEntry is one track at one evaluation with an alert in force at
// some threshold.
type curveEntry struct {
	track int
	eval  int32
	what  int32 // what it followed: a category code
	upToP float64
	// linkP is the highest threshold at which the track alerted among a
	// group's tracks at the evaluation (linkGroups), −Inf when at none.
	linkP float64
}

// Category codes of what a track followed at an evaluation: an entity's
// index (assigned to it), or one of these, or nearCode−id for the entity
// it was near (a duplicate of its track).
const (
	codeGhost   = -1 // nothing, mostly RF bearings
	codeClutter = -2 // nothing, mostly radar plots
	nearCode    = -3
)

// AlertStep is one step of a drone's first alert against the threshold:
// from TimeS on, the drone had been alerted on at every threshold up to
// UpToP.
type AlertStep struct {
	TimeS, UpToP float64
}

// NewCurveScorer returns a scorer of every P(drone) threshold from
// minPDrone up, with the rules of cfg besides PDrone, for a run with
// nEntities entities.
func NewCurveScorer(cfg alert.Config, zones []alert.Zone, nEntities int, minPDrone float64) *CurveScorer {
	return &CurveScorer{Alerter: alert.NewCurveAlerter(cfg, zones, minPDrone), steps: make([][]AlertStep, nEntities)}
}

// Reset prepares the scorer for another run with nEntities entities,
// keeping its memory: a scorer reset evaluates without allocating once
// its buffers have grown to a run's needs.
func (s *CurveScorer) Reset(nEntities int) {
	s.Alerter.Reset()
	s.evalS, s.log = s.evalS[:0], s.log[:0]
	for i := range s.steps {
		s.steps[i] = s.steps[i][:0]
	}
	if n := len(s.steps); nEntities > n {
		s.steps = append(s.steps, make([][]AlertStep, nEntities-n)...)
	}
	s.steps = s.steps[:nEntities]
}

// Evaluate applies the alert rules at time nowS to the observed tracks, in
// track ID order as Observe gives them, at every threshold.
func (s *CurveScorer) Evaluate(nowS float64, obs []Observed) {
	s.states = States(obs, s.states[:0])
	s.EvaluateStates(nowS, obs, s.states)
}

// EvaluateStates is Evaluate with states, States(obs), made by the
// caller, as AlertScorer.EvaluateStates.
func (s *CurveScorer) EvaluateStates(nowS float64, obs []Observed, states []alert.TrackState) {
	upTo := s.Alerter.Update(nowS, states)
	n := int32(len(s.evalS))
	s.evalS = append(s.evalS, nowS)
	first := len(s.log)
	s.index = s.index[:0]
	for i, th := range upTo {
		if math.IsInf(th, -1) {
			continue
		}
		o := &obs[i]
		s.log = append(s.log, curveEntry{track: o.ID, eval: n, what: categoryOf(o), upToP: th, linkP: math.Inf(-1)})
		if s.GroupMembers != nil {
			s.index = append(s.index, int32(i))
		}
		if o.Truth < 0 {
			continue
		}
		s.steps[o.Truth] = raiseStep(s.steps[o.Truth], nowS, th)
	}
	if s.GroupMembers != nil {
		s.linkGroups(first, obs, s.index)
	}
}

// raiseStep adds to a staircase of running maxima (by time) the value p
// reached at time nowS: nothing when the staircase is that high already;
// the last step raised when it is of the same time (a second track on the
// same entity); a new step otherwise.
func raiseStep(st []AlertStep, nowS, p float64) []AlertStep {
	switch k := len(st) - 1; {
	case k >= 0 && p <= st[k].UpToP: // reached already
	case k >= 0 && st[k].TimeS == nowS: // a second track on the entity
		st[k].UpToP = p
	default:
		st = append(st, AlertStep{TimeS: nowS, UpToP: p})
	}
	return st
}

// categoryOf is the category code of what an observed track followed.
func categoryOf(o *Observed) int32 {
	switch {
	case o.Truth >= 0:
		return o.Truth
	case o.Near >= 0:
		return nearCode - o.Near
	case o.RFMostly:
		return codeGhost
	}
	return codeClutter
}

// AlertCurve is how a run's alerts served the operators at every P(drone)
// threshold t ≥ MinPDrone. Every figure is a step function of t that is
// constant between consecutive breakpoints b < b′, at every t with
// b < t ≤ b′ (Breakpoints lists them).
type AlertCurve struct {
	MinPDrone float64
	DurationS float64
	// Drones lists every drone of the run, in entity order.
	Drones []DroneCurve
	// Incidents lists every incident at any threshold, by start time, then
	// track, then UpToP.
	Incidents []CurveIncident
}

// DroneCurve is one drone's alerting at every threshold: its entry,
// detection and tracking, and its first alert as a function of the
// threshold.
type DroneCurve struct {
	// DroneAlerting is the drone's alerting but for its first alert
	// (FirstAlertS is NaN).
	DroneAlerting
	// Steps is the drone's first alert against the threshold, by time
	// (and increasing UpToP): at threshold t the first alert is the time
	// of the first step with UpToP ≥ t, NaN if none.
	Steps []AlertStep
}

// FirstAlertAt returns the drone's first alert at threshold t, NaN if
// none.
func (d *DroneCurve) FirstAlertAt(t float64) float64 {
	for _, s := range d.Steps {
		if s.UpToP >= t {
			return s.TimeS
		}
	}
	return math.NaN()
}

// At returns the drone's alerting at threshold t.
func (d *DroneCurve) At(t float64) DroneAlerting {
	a := d.DroneAlerting
	a.FirstAlertS = d.FirstAlertAt(t)
	return a
}

// TimelyUpTo returns the highest threshold at which the drone's outcome
// against the required warning is timely (DroneAlerting.Outcome): it is
// timely at every threshold up to it and at none above; −Inf when at none.
func (d *DroneCurve) TimelyUpTo(requiredS float64) float64 {
	return d.UpTo(func(a *DroneAlerting) bool { return a.Outcome(requiredS) == OutcomeTimely })
}

// UpTo returns the highest threshold at which ok holds of the drone's
// alerting, −Inf when at none, for a condition that never holds of a
// drone not alerted on and holds of an earlier first alert whenever it
// holds of a later one (a timely outcome; a watcher alerted on within a
// delay of beginning to observe): as the first alert comes later at
// higher thresholds, ok holds at every threshold up to it.
func (d *DroneCurve) UpTo(ok func(*DroneAlerting) bool) float64 {
	best := math.Inf(-1)
	a := d.DroneAlerting
	for _, s := range d.Steps {
		a.FirstAlertS = s.TimeS
		if !ok(&a) {
			break // later steps come later still
		}
		best = s.UpToP
	}
	return best
}

// CurveIncident is an incident (a track's spell of alerts, see Incident)
// and the thresholds t at which it happens: AboveP < t ≤ UpToP.
type CurveIncident struct {
	Track         int
	StartS, EndS  float64
	AboveP, UpToP float64
	Cause         string
	Entity        int // the drone or bird it was about, −1 for nothing
	// InGroup is true when the incident is part of a group's alert at
	// these thresholds (Incident.InGroup): a spell is split into two
	// incidents, in a group's alert up to some threshold and not above.
	InGroup bool
}

// At reports whether the incident happens at threshold t.
func (in *CurveIncident) At(t float64) bool { return in.AboveP < t && t <= in.UpToP }

// False reports whether the incident is a false alert: about no drone,
// and not part of a group's alert.
func (in *CurveIncident) False() bool {
	return in.Cause != CauseIntruder && in.Cause != CauseOutside && !in.InGroup
}

// Result finds every incident at every threshold and its cause (those
// still open end now), and returns the run's alerting so far, as
// AlertScorer.Result does for one threshold.
func (s *CurveScorer) Result(w *sim.World, entries *ZoneEntries, det *DetectionStats, ts *TrackStats) *AlertCurve {
	c := &AlertCurve{MinPDrone: s.Alerter.MinPDrone(), DurationS: w.TimeS()}
	for _, d := range drones(w, entries, det, ts) {
		c.Drones = append(c.Drones, DroneCurve{DroneAlerting: d, Steps: slices.Clone(s.steps[d.Entity])})
	}
	log := byTrack(s.log)
	var sp spells
	for lo := 0; lo < len(log); {
		hi := lo + 1
		for hi < len(log) && log[hi].track == log[lo].track && log[hi].eval == log[hi-1].eval+1 {
			hi++
		}
		c.Incidents = sp.find(c.Incidents, log[lo:hi], s.evalS, w, entries)
		lo = hi
	}
	slices.SortFunc(c.Incidents, func(a, b CurveIncident) int {
		if a.StartS != b.StartS {
			return cmp.Compare(a.StartS, b.StartS)
		}
		if a.Track != b.Track {
			return a.Track - b.Track
		}
		return cmp.Compare(a.UpToP, b.UpToP)
	})
	return c
}

// byTrack returns the log's entries by track ID, each track's in the
// order of the log (of evaluations): a counting sort on the IDs, which
// are small integers.
func byTrack(log []curveEntry) []curveEntry {
	lo, hi := math.MaxInt, math.MinInt
	for i := range log {
		lo, hi = min(lo, log[i].track), max(hi, log[i].track)
	}
	if len(log) == 0 || hi-lo > 4*len(log)+1024 { // sparse IDs: sort
		out := slices.Clone(log)
		slices.SortStableFunc(out, func(a, b curveEntry) int { return cmp.Compare(a.track, b.track) })
		return out
	}
	start := make([]int, hi-lo+2) // where each ID's entries begin
	for i := range log {
		start[log[i].track-lo+1]++
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	out := make([]curveEntry, len(log))
	for i := range log {
		k := log[i].track - lo
		out[start[k]] = log[i]
		start[k]++
	}
	return out
}

// spells finds the spells of one track's run of consecutive evaluations
// with an alert in force at some threshold; its slices are reused.
type spells struct {
	left, right, leftEq, stack []int
	cats                       []int32 // the categories met, by code
	prefix                     []int   // by category, then evaluation: counts before it
	tally                      []catCount
}

// find appends to dst every incident of the run seg (one track's
// consecutive evaluations, in order): for each evaluation k, the spell
// around it of the evaluations whose upToP is at least k's is an
// incident at the thresholds above the larger upToP of its two
// neighbours (−Inf beyond the run) up to k's; evaluations with the same
// upToP in one spell make one incident.
func (sp *spells) find(dst []CurveIncident, seg []curveEntry, evalS []float64, w *sim.World, entries *ZoneEntries) []CurveIncident {
	n := len(seg)
	sp.left = slices.Grow(sp.left[:0], n)[:n]
	sp.right = slices.Grow(sp.right[:0], n)[:n]
	// left[k]: the nearest evaluation before k with a lower upToP, −1 if
	// none; right[k] the same after k, n if none.
	st := sp.stack[:0]
	for k := range n {
		for len(st) > 0 && seg[st[len(st)-1]].upToP >= seg[k].upToP {
			st = st[:len(st)-1]
		}
		sp.left[k] = -1
		if len(st) > 0 {
			sp.left[k] = st[len(st)-1]
		}
		st = append(st, k)
	}
	st = st[:0]
	for k := n - 1; k >= 0; k-- {
		for len(st) > 0 && seg[st[len(st)-1]].upToP >= seg[k].upToP {
			st = st[:len(st)-1]
		}
		sp.right[k] = n
		if len(st) > 0 {
			sp.right[k] = st[len(st)-1]
		}
		st = append(st, k)
	}
	sp.stack = st
	// Counts of each category met before each evaluation.
	sp.cats = sp.cats[:0]
	for k := range seg {
		if !slices.Contains(sp.cats, seg[k].what) {
			sp.cats = append(sp.cats, seg[k].what)
		}
	}
	slices.Sort(sp.cats)
	nc := len(sp.cats)
	sp.prefix = slices.Grow(sp.prefix[:0], nc*(n+1))[:nc*(n+1)]
	for ci, code := range sp.cats {
		p := sp.prefix[ci*(n+1) : (ci+1)*(n+1)]
		p[0] = 0
		for k := range seg {
			p[k+1] = p[k]
			if seg[k].what == code {
				p[k+1]++
			}
		}
	}
	// leftEq[k]: the nearest evaluation before k with an upToP at most
	// k's; when it is in k's spell it has the same upToP, and the same
	// spell.
	sp.leftEq = slices.Grow(sp.leftEq[:0], n)[:n]
	st = st[:0]
	for k := range n {
		for len(st) > 0 && seg[st[len(st)-1]].upToP > seg[k].upToP {
			st = st[:len(st)-1]
		}
		sp.leftEq[k] = -1
		if len(st) > 0 {
			sp.leftEq[k] = st[len(st)-1]
		}
		st = append(st, k)
	}
	sp.stack = st
	linked := maxLink(seg) > math.Inf(-1) // some evaluation in a group's alert
	for k := range n {
		l, r := sp.left[k], sp.right[k]
		if sp.leftEq[k] > l {
			continue // found at the earlier evaluation with the same upToP
		}
		above := math.Inf(-1)
		if l >= 0 {
			above = seg[l].upToP
		}
		if r < n {
			above = max(above, seg[r].upToP)
		}
		sp.tally = sp.tally[:0]
		for ci, code := range sp.cats {
			p := sp.prefix[ci*(n+1) : (ci+1)*(n+1)]
			if m := p[r] - p[l+1]; m > 0 {
				sp.tally = append(sp.tally, catCount{code: code, n: m})
			}
		}
		cause, entity := causeOf(sp.tally, w, entries)
		in := CurveIncident{Track: seg[k].track, StartS: evalS[seg[l+1].eval], EndS: evalS[seg[r-1].eval],
			AboveP: above, UpToP: seg[k].upToP, Cause: cause, Entity: entity}
		if linked {
			// In a group's alert at the thresholds up to the spell's
			// highest linkP.
			if m := maxLink(seg[l+1 : r]); m > in.AboveP {
				g := in
				g.UpToP, g.InGroup = min(in.UpToP, m), true
				dst = append(dst, g)
				if m >= in.UpToP {
					continue
				}
				in.AboveP = m
			}
		}
		dst = append(dst, in)
	}
	return dst
}

// At returns the run's alerting at threshold t ≥ MinPDrone: what
// AlertScorer.Result gives with p_drone t, but for the incidents' levels
// and zones, which the curve does not follow.
func (c *AlertCurve) At(t float64) *AlertResult {
	r := &AlertResult{DurationS: c.DurationS}
	for i := range c.Drones {
		r.Drones = append(r.Drones, c.Drones[i].At(t))
	}
	for i := range c.Incidents {
		if in := &c.Incidents[i]; in.At(t) {
			r.Incidents = append(r.Incidents, Incident{Track: in.Track, StartS: in.StartS, EndS: in.EndS, Cause: in.Cause, Entity: in.Entity, InGroup: in.InGroup})
		}
	}
	return r
}

// Timely returns, at threshold t, the number of drones timely against the
// required warning and the number that entered a zone: P(timely)'s
// numerator and denominator.
func (c *AlertCurve) Timely(t, requiredS float64) (timely, entered int) {
	for i := range c.Drones {
		d := &c.Drones[i]
		if math.IsNaN(d.EntryS) {
			continue
		}
		entered++
		if t <= d.TimelyUpTo(requiredS) {
			timely++
		}
	}
	return timely, entered
}

// FalseAlerts returns the number of false alerts (incidents about no
// drone, but for those part of a group's alert) at threshold t.
func (c *AlertCurve) FalseAlerts(t float64) int {
	n := 0
	for i := range c.Incidents {
		if in := &c.Incidents[i]; in.At(t) && in.False() {
			n++
		}
	}
	return n
}

// Breakpoints returns, in increasing order, every threshold b at which
// something changes just above b: a drone's first alert, an incident
// starting or ceasing to happen. Between consecutive breakpoints b < b′,
// at every t with b < t ≤ b′, the run's alerting is the same.
func (c *AlertCurve) Breakpoints() []float64 {
	var bs []float64
	for i := range c.Drones {
		for _, s := range c.Drones[i].Steps {
			bs = append(bs, s.UpToP)
		}
	}
	for i := range c.Incidents {
		in := &c.Incidents[i]
		bs = append(bs, in.UpToP)
		if !math.IsInf(in.AboveP, -1) {
			bs = append(bs, in.AboveP)
		}
	}
	slices.Sort(bs)
	return slices.Compact(bs)
}

// CurvePoint is the run's figures at the thresholds t with AboveP < t ≤
// the next point's AboveP (the last point: every t above it).
type CurvePoint struct {
	AboveP                 float64
	Timely, Entered        int
	Incidents, FalseAlerts int
}

// Points returns the run's figures between each pair of breakpoints: its
// P(timely) numerator and denominator against the required warning, its
// incidents and false alerts; the first point is at −Inf, and a point
// follows at each threshold where one of them changes.
func (c *AlertCurve) Points(requiredS float64) []CurvePoint {
	type change struct {
		at                     float64
		timely, incidents, fls int
	}
	base := CurvePoint{AboveP: math.Inf(-1)}
	var chs []change
	for i := range c.Drones {
		d := &c.Drones[i]
		if math.IsNaN(d.EntryS) {
			continue
		}
		base.Entered++
		if u := d.TimelyUpTo(requiredS); !math.IsInf(u, -1) {
			base.Timely++
			chs = append(chs, change{at: u, timely: -1})
		}
	}
	for i := range c.Incidents {
		in := &c.Incidents[i]
		f := 0
		if in.False() {
			f = 1
		}
		if math.IsInf(in.AboveP, -1) {
			base.Incidents++
			base.FalseAlerts += f
		} else {
			chs = append(chs, change{at: in.AboveP, incidents: 1, fls: f})
		}
		chs = append(chs, change{at: in.UpToP, incidents: -1, fls: -f})
	}
	slices.SortFunc(chs, func(a, b change) int { return cmp.Compare(a.at, b.at) })
	pts := []CurvePoint{base}
	for i := 0; i < len(chs); {
		p := pts[len(pts)-1]
		p.AboveP = chs[i].at
		for ; i < len(chs) && chs[i].at == p.AboveP; i++ {
			p.Timely += chs[i].timely
			p.Incidents += chs[i].incidents
			p.FalseAlerts += chs[i].fls
		}
		if q := pts[len(pts)-1]; p.Timely == q.Timely && p.Incidents == q.Incidents && p.FalseAlerts == q.FalseAlerts {
			continue // the incidents changed, not their numbers
		}
		pts = append(pts, p)
	}
	return pts
}

// PointAt returns the figures of the points pts (as Points gives them) at
// threshold t: those of the last point with AboveP < t.
func PointAt(pts []CurvePoint, t float64) CurvePoint {
	k, _ := slices.BinarySearchFunc(pts, t, func(p CurvePoint, t float64) int {
		if p.AboveP < t {
			return -1
		}
		return 1
	})
	if k == 0 {
		return CurvePoint{AboveP: math.Inf(-1)} // t = −Inf
	}
	return pts[k-1]
}

// SumPoints adds curves given as points (each as Points gives them, the
// first at −Inf): the figures of several runs, at every threshold, with a
// point wherever one of the sums changes.
func SumPoints(curves ...[]CurvePoint) []CurvePoint {
	base := CurvePoint{AboveP: math.Inf(-1)}
	var chs []CurvePoint // changes, at AboveP
	for _, c := range curves {
		for i, p := range c {
			if i == 0 {
				base.Timely, base.Entered = base.Timely+p.Timely, base.Entered+p.Entered
				base.Incidents, base.FalseAlerts = base.Incidents+p.Incidents, base.FalseAlerts+p.FalseAlerts
				continue
			}
			q := c[i-1]
			chs = append(chs, CurvePoint{AboveP: p.AboveP, Timely: p.Timely - q.Timely, Entered: p.Entered - q.Entered,
				Incidents: p.Incidents - q.Incidents, FalseAlerts: p.FalseAlerts - q.FalseAlerts})
		}
	}
	slices.SortStableFunc(chs, func(a, b CurvePoint) int { return cmp.Compare(a.AboveP, b.AboveP) })
	pts := []CurvePoint{base}
	for i := 0; i < len(chs); {
		p := pts[len(pts)-1]
		p.AboveP = chs[i].AboveP
		for ; i < len(chs) && chs[i].AboveP == p.AboveP; i++ {
			p.Timely, p.Entered = p.Timely+chs[i].Timely, p.Entered+chs[i].Entered
			p.Incidents, p.FalseAlerts = p.Incidents+chs[i].Incidents, p.FalseAlerts+chs[i].FalseAlerts
		}
		if q := pts[len(pts)-1]; p.Timely == q.Timely && p.Entered == q.Entered && p.Incidents == q.Incidents && p.FalseAlerts == q.FalseAlerts {
			continue
		}
		pts = append(pts, p)
	}
	return pts
}
