package metrics

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/sim"
	"github.com/cuasim/cuasim/track"
)

// Observed is one confirmed track at one alert evaluation: what the alert
// rules read of it, and, for scoring only, what it followed.
type Observed struct {
	alert.TrackState
	// Truth is the entity the track-to-truth assignment of TrackStats gave
	// the track at this evaluation, or −1.
	Truth int32
	// Near is, for a track assigned nothing, the nearest entity within the
	// scoring gate at the same evaluation (a duplicate of that entity's
	// track), or −1.
	Near int32
	// RFMostly is true when RF bearings updated the track more often than
	// radar plots: on nothing, such a track is an RF ghost.
	RFMostly bool
}

// Observe appends to dst the confirmed tracks at time nowS, by track ID,
// as the alert rules see them (alert.StateOf) with what each followed at
// the last evaluation of s. Call it after s.Add at the same time.
func (s *TrackStats) Observe(tracks []*track.Track, nowS float64, dst []Observed) []Observed {
	start := len(dst)
	for _, t := range tracks {
		if t.Status != track.Confirmed {
			continue
		}
		o := Observed{TrackState: alert.StateOf(t, nowS), Truth: -1, Near: -1, RFMostly: t.RFUpdates > t.RadarUpdates}
		if f := s.Tracks[t.ID]; f != nil {
			o.Truth, o.Near = int32(f.current), int32(f.near)
		}
		dst = append(dst, o)
	}
	// The tracker lists its tracks by ID already; sort only if not (the
	// IDs are distinct, so sorting sorted ones would change nothing).
	for i := start + 1; i < len(dst); i++ {
		if dst[i].ID < dst[i-1].ID {
			slices.SortFunc(dst[start:], func(a, b Observed) int { return a.ID - b.ID })
			break
		}
	}
	return dst
}

// ZoneEntries finds when each drone first enters a protected zone: its
// true position inside the zone's footprint and altitude band, where the
// zone is at that time.
type ZoneEntries struct {
	Zones []alert.Zone
	// EntryS is the time of each entity's first entry (NaN: never); birds
	// are not followed.
	EntryS []float64
	// Zone is the index of the zone entered, −1 if none.
	Zone []int
	// ObserveS is when each drone began to observe a zone from outside:
	// the first time it was within ObservationRangeM of a zone's footprint
	// with a line of sight to the zone's middle, ObservationHeightM up,
	// before entering any zone (NaN: never); ObserveZone that zone's index
	// (−1: none).
	ObserveS    []float64
	ObserveZone []int
	// ObservationRangeM is how far from a zone a drone is taken to observe
	// it (DefaultObservationRangeM unless set before the first Add).
	ObservationRangeM float64
	// approach is, by entity and zone, where the drone last was at least
	// ApproachRangeM from the zone's middle before it entered a zone (its
	// first position while it never was); seen marks the entities found.
	approach [][2]float64
	seen     []bool
}

// ApproachRangeM is the distance from a zone's middle at which a drone's
// approach bearing is taken: far enough out that a drone circling to its
// way in has chosen its direction, near enough that every library site's
// drones pass it.
const ApproachRangeM = 1500

// DefaultObservationRangeM is the distance from a zone's footprint within
// which a drone is taken to observe it: a small drone's camera makes out
// vehicles and people at about a kilometre (a generic figure for the
// commercial quadcopters cuasim models; set ZoneEntries.ObservationRangeM
// for others).
const DefaultObservationRangeM = 1000

// ObservationHeightM is the height above the ground of the point in a
// zone's middle a watching drone must see: roofs and vehicles, not the
// ground behind a wall.
const ObservationHeightM = 10

// NewZoneEntries prepares entry detection for a world's entities.
func NewZoneEntries(w *sim.World, zones []alert.Zone) *ZoneEntries {
	n := len(w.Entities)
	z := &ZoneEntries{Zones: zones, EntryS: make([]float64, n), Zone: make([]int, n), ObserveS: make([]float64, n), ObserveZone: make([]int, n),
		ObservationRangeM: DefaultObservationRangeM, approach: make([][2]float64, n*len(zones)), seen: make([]bool, n)}
	for i := range z.EntryS {
		z.EntryS[i], z.Zone[i], z.ObserveS[i], z.ObserveZone[i] = math.NaN(), -1, math.NaN(), -1
	}
	return z
}

// ApproachBearingDeg returns the bearing, in degrees clockwise from north
// in [0, 360), from the middle of the zone drone id entered to where it
// last was ApproachRangeM or more from it before entering (its first
// position if it appeared nearer); for a drone that entered no zone, from
// the middle of the first zone, at its last position so far. NaN for an
// entity never seen or when there is no zone.
func (z *ZoneEntries) ApproachBearingDeg(id int) float64 {
	if len(z.Zones) == 0 || !z.seen[id] {
		return math.NaN()
	}
	zi := max(z.Zone[id], 0)
	p := z.approach[id*len(z.Zones)+zi]
	me, mn := z.Zones[zi].Middle()
	b := math.Atan2(p[0]-me, p[1]-mn) * 180 / math.Pi // positions are kept in the zone's frame
	if b < 0 {
		b += 360
	}
	return b
}

// Add checks the drones present after the world's last step.
func (z *ZoneEntries) Add(w *sim.World) {
	now := w.TimeS()
	for _, id := range w.Active() {
		e := &w.Entities[id]
		if e.Kind != sim.Drone || z.Zone[id] >= 0 {
			continue
		}
		first := !z.seen[id]
		z.seen[id] = true
		for zi := range z.Zones {
			zn := &z.Zones[zi]
			de, dn := zn.OffsetAt(now) // a zone that follows a convoy is where the convoy is
			me, mn := zn.Middle()
			if ap, x, y := &z.approach[id*len(z.Zones)+zi], e.Pos.X-de-me, e.Pos.Y-dn-mn; first || x*x+y*y >= ApproachRangeM*ApproachRangeM {
				*ap = [2]float64{e.Pos.X - de, e.Pos.Y - dn}
			}
			if zn.InBand(e.Pos.Z, 0) && zn.Contains(e.Pos.X-de, e.Pos.Y-dn) {
				z.EntryS[id], z.Zone[id] = now, zi
				break
			}
			if z.ObserveZone[id] < 0 && zn.WithinM(e.Pos.X-de, e.Pos.Y-dn, z.ObservationRangeM) &&
				w.Site.LineOfSight(e.Pos, r3.Vec{X: me + de, Y: mn + dn, Z: ObservationHeightM}) {
				z.ObserveS[id], z.ObserveZone[id] = now, zi
			}
		}
	}
}

// Alert causes: what an alert's track mostly followed while the alert was
// in force.
const (
	CauseIntruder  = "intruder"  // a drone that entered a zone
	CauseOutside   = "outside"   // a drone that never entered one: useful, not false
	CauseBird      = "bird"      // a bird (its track, or a duplicate of it)
	CauseClutter   = "clutter"   // nothing, on a track made mostly of radar plots
	CauseRFGhost   = "rf-ghost"  // nothing, on a track made mostly of RF bearings
	CauseDuplicate = "duplicate" // a second track on a drone that another track holds
)

// FalseCauses lists the causes of false alerts, in report order.
var FalseCauses = []string{CauseBird, CauseClutter, CauseRFGhost, CauseDuplicate}

// Incident is one track's spell of alerts: from the evaluation when it
// first has an alert in force, on any zone, to the one when it has none.
// An operator sees it as one alert about one object, at its highest level,
// whatever zones it concerns.
type Incident struct {
	Track        int
	StartS, EndS float64
	MaxLevel     alert.Level
	Cause        string
	Entity       int // the drone or bird it was about, −1 for nothing
	// Group is the index in AlertResult.Groups of the group incident it
	// belongs to.
	Group int
	// InGroup is true when, at some evaluation of the incident, its
	// track alerted in a cluster of alerting tracks (within GroupLinkM of
	// one another, chained, at that evaluation) holding a track on a member
	// of a group of drones: it was part of that group's alert for the
	// operators, and is no false alert even when about no drone. Set only
	// when the scorer knows the group members (AlertScorer.GroupMembers).
	InGroup        bool
	seq            int // its number in the scorer's groups forest
	zones          uint64
	evaluations    int
	onEntity       map[int32]int
	near           map[int32]int
	ghost, clutter int
}

// Zones returns the indices of the zones the incident's alerts concerned.
func (in *Incident) Zones() []int {
	var zs []int
	for z := range 64 {
		if in.zones&(1<<z) != 0 {
			zs = append(zs, z)
		}
	}
	return zs
}

// AlertScorer runs the alert rules on observed tracks and scores the
// alerts against truth: when each drone was first alerted on, and what
// each incident was about. Fed the same observations it gives the same
// results, which is what lets cuasim compare evaluate other thresholds on
// recorded tracks without simulating again.
type AlertScorer struct {
	Alerter *alert.Alerter
	// GroupMembers, when set, tells by entity which drones fly in a group
	// (GroupMembers(w)): the scorer then sets each incident's InGroup.
	GroupMembers []bool

	firstAlertS []float64 // by entity
	open        map[int]*Incident
	done        []*Incident
	states      []alert.TrackState
	events      []alert.Event
	// parent is a disjoint-set forest over the incidents, by seq, linking
	// those whose tracks alerted near one another (GroupLinkM); linked is
	// the scratch of one evaluation's alerting tracks.
	parent []int
	linked []linkPoint
	// cluster and hasMember are the scratch of markInGroup.
	cluster   []int32
	hasMember []bool
}

// linkPoint is an alerting track's ground position and its incident.
type linkPoint struct {
	e, n      float64
	seq, root int
	in        *Incident
	member    bool // it follows a group member (GroupMembers)
}

// GroupLinkM is the ground distance within which two tracks alerting at
// the same evaluation are one group for the operators: their incidents
// join one group incident, and so, chained, do those of every track
// within GroupLinkM of one of them. A swarm in formation (members tens of
// metres apart, a random formation's members about 70 m apart at the
// scenario's 40 m spacing) is one group; two drones on separate
// approaches are not, unless they come within 300 m of each other while
// both alert, when an operator sees them together anyway.
const GroupLinkM = 300.0

// NewAlertScorer returns a scorer running the given rules for a run with
// nEntities entities.
func NewAlertScorer(cfg alert.Config, zones []alert.Zone, nEntities int) *AlertScorer {
	s := &AlertScorer{Alerter: alert.New(cfg, zones), firstAlertS: make([]float64, nEntities), open: map[int]*Incident{}}
	for i := range s.firstAlertS {
		s.firstAlertS[i] = math.NaN()
	}
	return s
}

// Evaluate applies the alert rules at time nowS to the observed tracks (in
// track ID order, as Observe gives them), scores the alerts in force, and
// returns the alert events. The events slice is reused by the next call.
func (s *AlertScorer) Evaluate(nowS float64, obs []Observed) []alert.Event {
	s.states = States(obs, s.states[:0])
	return s.EvaluateStates(nowS, obs, s.states)
}

// States appends the alert rules' view of each observed track,
// obs[i].TrackState, to dst and returns it.
func States(obs []Observed, dst []alert.TrackState) []alert.TrackState {
	for i := range obs {
		dst = append(dst, obs[i].TrackState)
	}
	return dst
}

// EvaluateStates is Evaluate with states, States(obs), made by the caller:
// scorers of several thresholds evaluated on the same observations share
// them.
func (s *AlertScorer) EvaluateStates(nowS float64, obs []Observed, states []alert.TrackState) []alert.Event {
	s.events = s.Alerter.Update(nowS, states, s.events[:0])
	active := s.Alerter.Active()
	s.linked = s.linked[:0]
	for i := 0; i < len(active); {
		id := active[i].Track
		in := s.open[id]
		if in == nil {
			in = &Incident{Track: id, StartS: nowS, Entity: -1, onEntity: map[int32]int{}, near: map[int32]int{}, seq: len(s.parent)}
			s.open[id] = in
			s.parent = append(s.parent, in.seq)
		}
		for ; i < len(active) && active[i].Track == id; i++ {
			in.zones |= 1 << min(active[i].Zone, 63)
			in.MaxLevel = max(in.MaxLevel, active[i].Level)
		}
		in.EndS = nowS
		in.evaluations++
		k, found := searchObserved(obs, id)
		if !found {
			continue // ended in this update: scored up to the last evaluation
		}
		o := &obs[k]
		s.linked = append(s.linked, linkPoint{e: o.Pos[0], n: o.Pos[1], seq: in.seq, in: in, member: isMember(s.GroupMembers, o)})
		switch {
		case o.Truth >= 0:
			in.onEntity[o.Truth]++
			if f := &s.firstAlertS[o.Truth]; math.IsNaN(*f) {
				*f = nowS
			}
		case o.Near >= 0:
			in.near[o.Near]++
		case o.RFMostly:
			in.ghost++
		default:
			in.clutter++
		}
	}
	s.link()
	if s.GroupMembers != nil {
		s.markInGroup()
	}
	// Tracks with no alert in force close their incidents.
	for id, in := range s.open {
		if !hasTrack(active, id) {
			s.done = append(s.done, in)
			delete(s.open, id)
		}
	}
	return s.events
}

// link joins the incidents of the tracks alerting at this evaluation
// that are within GroupLinkM of one another on the ground: a sweep along
// the east coordinate, so the cost follows the pairs within GroupLinkM in
// east rather than all pairs.
func (s *AlertScorer) link() {
	slices.SortFunc(s.linked, func(a, b linkPoint) int { return cmp.Compare(a.e, b.e) })
	// Each point's root as the evaluation starts: two points with the same
	// one are joined already and need no test (the roots go stale as the
	// sweep joins sets, which costs tests, never a join).
	for i := range s.linked {
		s.linked[i].root = findSet(s.parent, s.linked[i].seq)
	}
	for i, a := range s.linked {
		for _, b := range s.linked[i+1:] {
			if b.e-a.e > GroupLinkM {
				break
			}
			if b.root == a.root {
				continue
			}
			if de, dn := b.e-a.e, b.n-a.n; de*de+dn*dn <= GroupLinkM*GroupLinkM {
				unionSets(s.parent, a.seq, b.seq)
			}
		}
	}
}

// searchObserved returns the index of the track with the given ID in obs,
// sorted by ID, and whether it is there (slices.BinarySearchFunc without
// copying an Observed at each probe).
func searchObserved(obs []Observed, id int) (int, bool) {
	lo, hi := 0, len(obs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if obs[m].ID < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(obs) && obs[lo].ID == id
}

// hasTrack reports whether an alert of the given track is among active,
// sorted by track.
func hasTrack(active []alert.Alert, id int) bool {
	lo, hi := 0, len(active)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if active[m].Track < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo < len(active) && active[lo].Track == id
}

// AlertResult is how a run's alerts served the operators.
type AlertResult struct {
	// Drones lists every drone of the run, in entity order.
	Drones []DroneAlerting
	// Incidents lists every incident, by start time then track.
	Incidents []Incident
	// Groups lists the group incidents, by start time (that of their first
	// incident in Incidents' order).
	Groups []GroupIncident
	// DurationS is the simulated time the incidents happened in.
	DurationS float64
}

// GroupIncident is what the operators see of alerts on a group: the
// incidents whose tracks alerted within GroupLinkM of one another at the
// same evaluation, chained, as one incident about one group. A lone
// track's incident is a group incident of one.
type GroupIncident struct {
	StartS, EndS float64
	MaxLevel     alert.Level
	// Incidents is the number of its incidents; Drones the number of
	// drones they were about (intruders and drones outside the zones).
	Incidents, Drones int
	// Cause is intruder when any of its incidents was about a drone that
	// entered a zone, else outside when any was about a drone, else the
	// most frequent of its incidents' false causes (ties in FalseCauses'
	// order): the group is a false alert only when none of its incidents
	// was about a drone.
	Cause string
}

// DroneAlerting is how one drone was detected, tracked, alerted on and
// whether it reached a zone. Times are NaN for what did not happen.
type DroneAlerting struct {
	Entity int
	Name   string
	// Source is the traffic entry that made it, Type its UAV class, Group
	// the group it flew in (empty alone).
	Source, Type, Group string
	// ApproachBearingDeg is the bearing it came from, seen from the zone
	// (ZoneEntries.ApproachBearingDeg).
	ApproachBearingDeg float64
	// ObserveS is when it began to observe a zone from outside, NaN if it
	// never did before entering one (ZoneEntries.ObserveS); ObserveZone
	// names that zone.
	ObserveS    float64
	ObserveZone string
	// FirstSensor is the index of the sensor that detected it first, −1
	// if none did.
	FirstSensor     int
	StartS          float64 // when it appeared
	EntryS          float64 // first entry into a zone
	EntryZone       string
	FirstDetectionS float64 // by any sensor
	FirstTrackS     float64 // first held by a confirmed track
	FirstAlertS     float64 // first evaluation with an alert in force on a track holding it
}

// WarningS is the warning the alerts gave before the drone entered a zone:
// entry − first alert, negative when the first alert came after the entry;
// NaN when the drone never entered or was never alerted on.
func (d *DroneAlerting) WarningS() float64 { return d.EntryS - d.FirstAlertS }

// Watching reports whether the drone observed a zone from outside and
// never entered one: a watcher, scored by how soon after it began to
// observe it was alerted on, not by its warning.
func (d *DroneAlerting) Watching() bool { return math.IsNaN(d.EntryS) && !math.IsNaN(d.ObserveS) }

// WatchAlertDelayS is how long a watcher observed before its first alert:
// first alert − start of observation (negative when alerted on before it
// began to observe); NaN when never alerted on or not watching.
func (d *DroneAlerting) WatchAlertDelayS() float64 {
	if !d.Watching() {
		return math.NaN()
	}
	return d.FirstAlertS - d.ObserveS
}

// Drone outcomes against a required warning time.
const (
	OutcomeTimely  = "timely"   // alerted at least the required warning before entry
	OutcomeShort   = "short"    // alerted before entry, with less warning than required
	OutcomeLate    = "late"     // first alerted after entering
	OutcomeMissed  = "missed"   // entered and never alerted on
	OutcomeNoEntry = "no-entry" // never entered a zone
)

// Outcome classifies the drone's alerting against a required warning.
func (d *DroneAlerting) Outcome(requiredS float64) string {
	switch w := d.WarningS(); {
	case math.IsNaN(d.EntryS):
		return OutcomeNoEntry
	case math.IsNaN(d.FirstAlertS):
		return OutcomeMissed
	case w < 0:
		return OutcomeLate
	case w < requiredS-1e-9:
		return OutcomeShort
	}
	return OutcomeTimely
}

// Result classifies every incident's cause, counting those still open as
// ending now, and returns the run's alerting so far. entries gives the
// zone entries, det and ts the first detections and confirmed tracks; w
// names the entities. It may be called again later in the run.
func (s *AlertScorer) Result(w *sim.World, entries *ZoneEntries, det *DetectionStats, ts *TrackStats) *AlertResult {
	r := &AlertResult{DurationS: w.TimeS(), Drones: drones(w, entries, det, ts)}
	for i := range r.Drones {
		r.Drones[i].FirstAlertS = s.firstAlertS[r.Drones[i].Entity]
	}
	add := func(in *Incident) {
		c := *in
		c.Cause, c.Entity = cause(in, w, entries)
		r.Incidents = append(r.Incidents, c)
	}
	for _, in := range s.done {
		add(in)
	}
	for _, in := range s.open {
		add(in)
	}
	slices.SortFunc(r.Incidents, func(a, b Incident) int {
		if a.StartS != b.StartS {
			return cmp.Compare(a.StartS, b.StartS)
		}
		return a.Track - b.Track
	})
	s.groups(r)
	return r
}

// groups sets r.Groups and each incident's Group from the forest.
func (s *AlertScorer) groups(r *AlertResult) {
	byRoot := map[int]int{}
	type tally struct {
		drones map[int]bool
		causes map[string]int
	}
	var ts []tally
	for i := range r.Incidents {
		in := &r.Incidents[i]
		root := findSet(s.parent, in.seq)
		g, ok := byRoot[root]
		if !ok {
			g = len(r.Groups)
			byRoot[root] = g
			r.Groups = append(r.Groups, GroupIncident{StartS: in.StartS, EndS: in.EndS, MaxLevel: in.MaxLevel})
			ts = append(ts, tally{drones: map[int]bool{}, causes: map[string]int{}})
		}
		in.Group = g
		gr := &r.Groups[g]
		gr.StartS, gr.EndS = min(gr.StartS, in.StartS), max(gr.EndS, in.EndS)
		gr.MaxLevel = max(gr.MaxLevel, in.MaxLevel)
		gr.Incidents++
		ts[g].causes[in.Cause]++
		if in.Cause == CauseIntruder || in.Cause == CauseOutside {
			ts[g].drones[in.Entity] = true
		}
	}
	for g := range r.Groups {
		gr, t := &r.Groups[g], ts[g]
		gr.Drones = len(t.drones)
		switch {
		case t.causes[CauseIntruder] > 0:
			gr.Cause = CauseIntruder
		case t.causes[CauseOutside] > 0:
			gr.Cause = CauseOutside
		default:
			for _, c := range FalseCauses {
				if t.causes[c] > t.causes[gr.Cause] {
					gr.Cause = c
				}
			}
		}
	}
}

// FalseGroups returns the number of group incidents about no drone.
func (r *AlertResult) FalseGroups() int {
	n := 0
	for i := range r.Groups {
		if c := r.Groups[i].Cause; c != CauseIntruder && c != CauseOutside {
			n++
		}
	}
	return n
}

// drones returns every drone of the run so far, in entity order, with
// its entry, first detection and first track, and no alert (FirstAlertS
// NaN).
func drones(w *sim.World, entries *ZoneEntries, det *DetectionStats, ts *TrackStats) []DroneAlerting {
	var ds []DroneAlerting
	for i := range w.Entities {
		e := &w.Entities[i]
		if e.Kind != sim.Drone || e.StartS > w.TimeS() {
			continue
		}
		d := DroneAlerting{Entity: i, Name: e.Name, Source: e.Source, Type: e.Type, Group: e.Group, StartS: e.StartS,
			EntryS: entries.EntryS[i], FirstAlertS: math.NaN(), FirstDetectionS: math.NaN(), FirstSensor: -1,
			FirstTrackS: ts.Truth[i].FirstConfirmedS, ApproachBearingDeg: entries.ApproachBearingDeg(i), ObserveS: entries.ObserveS[i]}
		if z := entries.ObserveZone[i]; z >= 0 {
			d.ObserveZone = entries.Zones[z].Name
		}
		if z := entries.Zone[i]; z >= 0 {
			d.EntryZone = entries.Zones[z].Name
		}
		if f := det.Earliest(i); f.Seen {
			d.FirstDetectionS, d.FirstSensor = f.TimeS, det.EarliestSensor(i)
		}
		ds = append(ds, d)
	}
	return ds
}

// cause says what an incident was about: the category of evaluations its
// track spent most of the incident in (ties go to the first of: a drone,
// a bird, a duplicate, an RF ghost, clutter), and the entity.
func cause(in *Incident, w *sim.World, entries *ZoneEntries) (string, int) {
	tally := make([]catCount, 0, len(in.onEntity)+len(in.near)+2)
	for id, n := range in.onEntity {
		tally = append(tally, catCount{code: id, n: n})
	}
	for id, n := range in.near {
		tally = append(tally, catCount{code: nearCode - id, n: n})
	}
	tally = append(tally, catCount{code: codeGhost, n: in.ghost}, catCount{code: codeClutter, n: in.clutter})
	slices.SortFunc(tally, func(a, b catCount) int { return cmp.Compare(a.code, b.code) })
	return causeOf(tally, w, entries)
}

// catCount is how many evaluations of an incident its track spent
// following one category (a category code: see categoryOf).
type catCount struct {
	code int32
	n    int
}

// causeOf is the cause of an incident whose evaluations were spent as
// tally says, by increasing code; see cause.
func causeOf(tally []catCount, w *sim.World, entries *ZoneEntries) (string, int) {
	best, bestN, entity := CauseClutter, -1, -1
	consider := func(c string, n int, id int32) {
		if n > bestN {
			best, bestN, entity = c, n, int(id)
		}
	}
	// Codes increase: entities near (by decreasing index), clutter, RF
	// ghost, entities assigned (by increasing index).
	first := len(tally) // the first entity assigned
	for first > 0 && tally[first-1].code >= 0 {
		first--
	}
	for _, t := range tally[first:] {
		if w.Entities[t.code].Kind == sim.Drone {
			c := CauseOutside
			if !math.IsNaN(entries.EntryS[t.code]) {
				c = CauseIntruder
			}
			consider(c, t.n, t.code)
		}
	}
	for _, t := range tally[first:] {
		if w.Entities[t.code].Kind == sim.Bird {
			consider(CauseBird, t.n, t.code)
		}
	}
	for k := first - 1; k >= 0; k-- {
		if id := nearCode - tally[k].code; id >= 0 {
			c := CauseDuplicate
			if w.Entities[id].Kind == sim.Bird {
				c = CauseBird
			}
			consider(c, tally[k].n, id)
		}
	}
	for _, t := range tally[:first] {
		if t.code == codeGhost {
			consider(CauseRFGhost, t.n, -1)
		}
	}
	for _, t := range tally[:first] {
		if t.code == codeClutter {
			consider(CauseClutter, t.n, -1)
		}
	}
	return best, entity
}

// Counts returns the number of incidents by cause.
func (r *AlertResult) Counts() map[string]int {
	c := map[string]int{CauseIntruder: 0, CauseOutside: 0}
	for _, f := range FalseCauses {
		c[f] = 0
	}
	for i := range r.Incidents {
		c[r.Incidents[i].Cause]++
	}
	return c
}

// FalseAlerts returns the number of false alerts: incidents about no
// drone, but for those part of a group's alert (Incident.InGroup).
func (r *AlertResult) FalseAlerts() int {
	n := 0
	for i := range r.Incidents {
		if c := r.Incidents[i].Cause; c != CauseIntruder && c != CauseOutside && !r.Incidents[i].InGroup {
			n++
		}
	}
	return n
}
