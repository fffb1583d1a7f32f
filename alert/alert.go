package alert

import (
	"math"
	"slices"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/track"
)

// Level is how urgent an alert is.
type Level uint8

// The alert levels, in increasing urgency.
const (
	None Level = iota
	Advisory
	Warning
	Critical
)

// String returns none, advisory, warning or critical.
func (l Level) String() string {
	return [...]string{"none", "advisory", "warning", "critical"}[l]
}

// Config is the alert rules' thresholds; see the package documentation
// and scenarios.Alerting, whose fields they are.
type Config struct {
	MinQuality       float64
	PDrone           float64
	Hysteresis       float64
	ClearAfterS      float64
	MinTrackAgeS     float64
	HorizonS         float64
	ImminentS        float64
	UncertaintySigma float64
	MaxMarginM       float64
	UpdatePeriodS    float64
}

// ConfigFrom returns the rules of a scenario's alerting section.
func ConfigFrom(a scenarios.Alerting) Config {
	return Config{MinQuality: a.MinQuality, PDrone: a.PDrone, Hysteresis: a.Hysteresis, ClearAfterS: a.ClearAfterS,
		MinTrackAgeS: a.MinTrackAgeS, HorizonS: a.HorizonS, ImminentS: a.ImminentS, UncertaintySigma: a.UncertaintySigma,
		MaxMarginM: a.MaxMarginM, UpdatePeriodS: a.UpdatePeriodS}
}

// TrackState is what the alert rules read of a confirmed track, brought
// to the time of the evaluation.
type TrackState struct {
	ID        int
	AgeS      float64 // since the track was started
	Existence float64 // track quality
	PDrone    float64
	Pos, Vel  [3]float64 // ENU metres and m/s
	// CovH is the covariance of (east, north, v_east, v_north); CovV that
	// of (up, v_up).
	CovH [4][4]float64
	CovV [2][2]float64
}

// StateOf returns what the alert rules read of track t at time nowS: its
// estimate extrapolated along its velocity from the time of the estimate
// (the covariance propagated without process noise).
func StateOf(t *track.Track, nowS float64) TrackState {
	x, P := &t.Est.Comb.X, &t.Est.Comb.P // t.State() and t.Covariance(), not copied
	dt := max(0, nowS-t.TimeS)
	s := TrackState{ID: t.ID, AgeS: nowS - t.BornS, Existence: t.Existence, PDrone: t.PDrone}
	for i := range 3 {
		s.Pos[i] = x[i] + dt*x[i+3]
		s.Vel[i] = x[i+3]
	}
	// P' = F P Fᵀ with F = [I dt·I; 0 I], only the entries kept.
	q := func(i, j int) float64 { return propagated(P, dt, i, j) }
	s.CovH = [4][4]float64{
		{q(0, 0), q(0, 1), q(0, 3), q(0, 4)},
		{q(1, 0), q(1, 1), q(1, 3), q(1, 4)},
		{q(3, 0), q(3, 1), q(3, 3), q(3, 4)},
		{q(4, 0), q(4, 1), q(4, 3), q(4, 4)},
	}
	s.CovV = [2][2]float64{{q(2, 2), q(2, 5)}, {q(5, 2), q(5, 5)}}
	return s
}

// propagated returns entry (i, j) of F·P·Fᵀ with F = [I dt·I; 0 I]:
// P[i][j], plus dt·P[i+3][j] when i is a position, dt·P[i][j+3] when j is
// one, and dt²·P[i+3][j+3] when both are, added in that order.
func propagated(P *[6][6]float64, dt float64, i, j int) float64 {
	v := P[i][j]
	if i < 3 {
		v += dt * P[i+3][j]
	}
	if j < 3 {
		v += dt * P[i][j+3]
	}
	if i < 3 && j < 3 {
		v += dt * dt * P[i+3][j+3]
	}
	return v
}

// horizontalStd returns the root of the largest eigenvalue of the
// horizontal position covariance propagated t seconds ahead.
func (s *TrackState) horizontalStd(t float64) float64 {
	c := &s.CovH
	a := c[0][0] + 2*t*c[0][2] + t*t*c[2][2]
	d := c[1][1] + 2*t*c[1][3] + t*t*c[3][3]
	b := c[0][1] + t*(c[0][3]+c[2][1]) + t*t*c[2][3]
	mean, diff := (a+d)/2, (a-d)/2
	return math.Sqrt(max(0, mean+math.Hypot(diff, b)))
}

// verticalStd returns the altitude's standard deviation t seconds ahead.
func (s *TrackState) verticalStd(t float64) float64 {
	c := &s.CovV
	return math.Sqrt(max(0, c[0][0]+2*t*c[0][1]+t*t*c[1][1]))
}

// EventKind says what happened to an alert.
type EventKind uint8

// The kinds of event.
const (
	Start  EventKind = iota // an alert is raised
	Change                  // its level changed
	End                     // it cleared, or its track ended
)

// String returns start, change or end.
func (k EventKind) String() string { return [...]string{"start", "change", "end"}[k] }

// Event is a change in the alerts: one track's alert on one zone started,
// changed level or ended, with the evidence at that moment.
type Event struct {
	TimeS  float64
	Kind   EventKind
	Track  int
	Zone   int // index into the zones
	Level  Level
	StartS float64 // when the alert started
	// Why the alert ended: "cleared" or "track ended"; empty otherwise.
	Reason string
	Assessment
	Existence, PDrone float64
}

// Assessment is where a track stands against a zone.
type Assessment struct {
	// Inside is true when the estimate is inside the zone.
	Inside bool
	// TimeToEntryS is when the prediction first comes within the
	// uncertainty allowance of the zone: 0 when it is within it now,
	// +Inf when not within the horizon.
	TimeToEntryS float64
	// DistanceM is the distance from the estimate to the zone's footprint.
	DistanceM float64
	// PositionStdM is the horizontal standard deviation (the root of the
	// largest eigenvalue of the position covariance).
	PositionStdM float64
}

// Threatens reports whether the assessment puts the track in the zone or
// on its way in within the horizon.
func (a Assessment) Threatens() bool { return a.Inside || !math.IsInf(a.TimeToEntryS, 1) }

// Alert is an alert in force.
type Alert struct {
	Track, Zone int
	Level       Level
	StartS      float64
	Assessment
}

// Alerter applies the alert rules to tracks over time.
type Alerter struct {
	// Memo, when set, keeps the assessments of one evaluation for other
	// alerters that evaluate the same tracks at the same time with the
	// same geometry (horizon, uncertainty allowance, zones): cuasim
	// compare evaluates many thresholds of P(drone) on one simulation.
	Memo *Memo

	cfg   Config
	zones []Zone

	ids    []int          // track IDs with state, sorted
	state  []*trackAlerts // their state, in the order of ids
	seen   []int          // scratch: IDs present in an update
	active []Alert
}

// trackAlerts is one track's alerts, by zone.
type trackAlerts struct {
	zones []zoneAlert
}

type zoneAlert struct {
	on     bool
	level  Level
	startS float64
	failS  float64 // first evaluation of the current run of failures; NaN while the rules hold
	last   Assessment
}

// fails records that the alert's conditions failed at nowS and reports
// whether they have now failed for the clear delay.
func (za *zoneAlert) fails(nowS, clearAfterS float64) bool {
	if math.IsNaN(za.failS) {
		za.failS = nowS
	}
	return nowS-za.failS >= clearAfterS-1e-9
}

// New returns an alerter for the given rules and zones.
func New(cfg Config, zones []Zone) *Alerter {
	return &Alerter{cfg: cfg, zones: zones}
}

// Config returns the rules.
func (a *Alerter) Config() Config { return a.cfg }

// Zones returns the zones.
func (a *Alerter) Zones() []Zone { return a.zones }

// Update evaluates the rules at time nowS on the confirmed tracks given
// (every confirmed track: an alert whose track is not among them ends, as
// its track has), appends the events to dst in (track, zone) order and
// returns dst.
func (a *Alerter) Update(nowS float64, tracks []TrackState, dst []Event) []Event {
	cfg := &a.cfg
	start := len(dst)
	minAgeS := cfg.MinTrackAgeS - 1e-9
	for i := range tracks {
		ts := &tracks[i]
		raiseOK := ts.AgeS >= minAgeS && ts.Existence >= cfg.MinQuality && ts.PDrone >= cfg.PDrone
		var st *trackAlerts
		if len(a.ids) > 0 {
			st = a.find(ts.ID)
		}
		if st == nil && !raiseOK {
			continue // nothing to raise, nothing to hold
		}
		holdOK := ts.Existence >= cfg.MinQuality-cfg.Hysteresis && ts.PDrone >= cfg.PDrone-cfg.Hysteresis
		for zi := range a.zones {
			var za *zoneAlert
			if st != nil {
				za = &st.zones[zi]
			}
			on := za != nil && za.on
			if !on && !raiseOK || on && !holdOK {
				if on && za.fails(nowS, cfg.ClearAfterS) {
					dst = append(dst, a.event(nowS, End, ts, zi, za, "cleared"))
					za.on = false
				}
				continue
			}
			as, ok := a.assess(nowS, i, ts, zi)
			if !ok {
				if on && za.fails(nowS, cfg.ClearAfterS) {
					dst = append(dst, a.event(nowS, End, ts, zi, za, "cleared"))
					za.on = false
				}
				continue
			}
			lvl := a.level(&a.zones[zi], as)
			if st == nil {
				st = &trackAlerts{zones: make([]zoneAlert, len(a.zones))}
				a.insert(ts.ID, st)
				za = &st.zones[zi]
			}
			za.failS, za.last = math.NaN(), as
			switch {
			case !on:
				*za = zoneAlert{on: true, level: lvl, startS: nowS, failS: math.NaN(), last: as}
				dst = append(dst, a.event(nowS, Start, ts, zi, za, ""))
			case lvl != za.level:
				za.level = lvl
				dst = append(dst, a.event(nowS, Change, ts, zi, za, ""))
			}
		}
	}
	// Tracks that are gone end their alerts; tracks left with no alert
	// are forgotten.
	if len(a.ids) == 0 {
		return dst // no alert, no state: nothing to end, no event
	}
	a.seen = a.seen[:0]
	for i := range tracks {
		a.seen = append(a.seen, tracks[i].ID)
	}
	slices.Sort(a.seen)
	keep, keepSt := a.ids[:0], a.state[:0]
	for k, id := range a.ids {
		st := a.state[k]
		_, present := slices.BinarySearch(a.seen, id)
		any := false
		for zi := range st.zones {
			za := &st.zones[zi]
			if za.on && !present {
				dst = append(dst, Event{TimeS: nowS, Kind: End, Track: id, Zone: zi, Level: za.level, StartS: za.startS,
					Reason: "track ended", Assessment: za.last})
				za.on = false
			}
			any = any || za.on
		}
		if any {
			keep, keepSt = append(keep, id), append(keepSt, st)
		}
	}
	clear(a.state[len(keepSt):])
	a.ids, a.state = keep, keepSt
	slices.SortStableFunc(dst[start:], func(x, y Event) int {
		if x.Track != y.Track {
			return x.Track - y.Track
		}
		return x.Zone - y.Zone
	})
	return dst
}

// find returns the state of the track with the given ID, nil if none.
func (a *Alerter) find(id int) *trackAlerts {
	if i, found := slices.BinarySearch(a.ids, id); found {
		return a.state[i]
	}
	return nil
}

// insert adds the state of a track that has none.
func (a *Alerter) insert(id int, st *trackAlerts) {
	i, _ := slices.BinarySearch(a.ids, id)
	a.ids = slices.Insert(a.ids, i, id)
	a.state = slices.Insert(a.state, i, st)
}

func (a *Alerter) event(nowS float64, k EventKind, ts *TrackState, zi int, za *zoneAlert, reason string) Event {
	return Event{TimeS: nowS, Kind: k, Track: ts.ID, Zone: zi, Level: za.level, StartS: za.startS, Reason: reason,
		Assessment: za.last, Existence: ts.Existence, PDrone: ts.PDrone}
}

// Active returns the alerts in force after the last Update, by track then
// zone. The slice is reused by the next call.
func (a *Alerter) Active() []Alert {
	a.active = a.active[:0]
	for k, id := range a.ids {
		for zi, za := range a.state[k].zones {
			if za.on {
				a.active = append(a.active, Alert{Track: id, Zone: zi, Level: za.level, StartS: za.startS, Assessment: za.last})
			}
		}
	}
	return a.active
}

// Geometry is what an assessment depends on besides the track and the
// zone: two rules with the same geometry assess a track alike.
type Geometry struct {
	HorizonS, UncertaintySigma, MaxMarginM float64
}

// Geometry returns the rules' geometry.
func (c Config) Geometry() Geometry {
	return Geometry{HorizonS: c.HorizonS, UncertaintySigma: c.UncertaintySigma, MaxMarginM: c.MaxMarginM}
}

// Memo holds the assessments of the tracks of one evaluation against each
// zone, as alerters with one geometry compute them, so that each is
// computed once. Reset it before each evaluation.
type Memo struct {
	geometry Geometry
	zones    int
	vals     []memoEntry // by track index × zone
}

type memoEntry struct {
	done, ok bool
	as       Assessment
}

// Reset empties the memo for an evaluation of n tracks against the given
// number of zones, with the given geometry.
func (m *Memo) Reset(g Geometry, tracks, zones int) {
	m.geometry, m.zones = g, zones
	m.vals = slices.Grow(m.vals[:0], tracks*zones)[:tracks*zones]
	clear(m.vals)
}

// assess assesses track i (ts) against zone zi at time nowS, through the
// memo when one is set for this geometry.
func (a *Alerter) assess(nowS float64, i int, ts *TrackState, zi int) (Assessment, bool) {
	m := a.Memo
	if m == nil || m.geometry != a.cfg.Geometry() || i*m.zones+zi >= len(m.vals) {
		return a.Assess(nowS, ts, &a.zones[zi])
	}
	e := &m.vals[i*m.zones+zi]
	if !e.done {
		e.as, e.ok = a.Assess(nowS, ts, &a.zones[zi])
		e.done = true
	}
	return e.as, e.ok
}

// level is the alert level for an assessment against zone z.
func (a *Alerter) level(z *Zone, as Assessment) Level {
	l := int(z.Severity)
	switch {
	case as.Inside:
	case as.TimeToEntryS <= a.cfg.ImminentS:
		l--
	default:
		l -= 2
	}
	return Level(min(max(l, int(Advisory)), int(Critical)))
}

// Assess returns where track ts stands against zone z at time nowS (the
// time of the track state): inside, or predicted to enter within the
// horizon (ok true), or neither (ok false). A zone that moves is taken
// where its schedule puts it at each time of the prediction.
func (a *Alerter) Assess(nowS float64, ts *TrackState, z *Zone) (as Assessment, ok bool) {
	cfg := &a.cfg
	// Positions relative to the zone's footprint: shifted by where the
	// zone is now (zero for a fixed zone).
	oe, on := z.OffsetAt(nowS)
	e, n, u := ts.Pos[0]-oe, ts.Pos[1]-on, ts.Pos[2]
	ve, vn, vu := ts.Vel[0], ts.Vel[1], ts.Vel[2]
	speed := math.Hypot(ve, vn)
	as.TimeToEntryS = math.Inf(1)
	as.PositionStdM = ts.horizontalStd(0)
	// Nothing within reach of the horizon: the common case, decided on
	// the bounding box (and on the zone's top speed, for a moving one).
	if z.boxDistance(e, n) > (speed+z.maxSpeed())*cfg.HorizonS+cfg.MaxMarginM {
		return as, false
	}
	as.DistanceM = z.Distance(e, n)
	k := cfg.UncertaintySigma
	if as.DistanceM == 0 && z.InBand(u, k*ts.verticalStd(0)) {
		as.Inside, as.TimeToEntryS = true, 0
		return as, true
	}
	// The largest allowance over the horizon is at one of its ends (σ(t)²
	// is a convex quadratic); a path that stays further than that from the
	// zone cannot enter it.
	reach := min(k*max(as.PositionStdM, ts.horizontalStd(cfg.HorizonS)), cfg.MaxMarginM)
	if z.Motion == nil && z.PathDistance([2]float64{e, n}, [2]float64{e + ve*cfg.HorizonS, n + vn*cfg.HorizonS}) > reach {
		return as, false
	}
	// Step along the prediction no more than 10 m or 1 s at a time.
	dt := 1.0
	if speed > 10 {
		dt = 10 / speed
	}
	steps := int(math.Ceil(cfg.HorizonS / dt))
	for i := 0; i <= steps; i++ {
		t := min(float64(i)*dt, cfg.HorizonS)
		pe, pn := e+ve*t, n+vn*t
		if z.Motion != nil { // where the zone will be then, not where it is
			de, dn := z.OffsetAt(nowS + t)
			pe, pn = pe+oe-de, pn+on-dn
		}
		box, slack := z.lowerBound(pe, pn)
		if box > cfg.MaxMarginM+slack {
			continue // beyond any margin: no need of the margin nor the distance
		}
		margin := min(k*ts.horizontalStd(t), cfg.MaxMarginM)
		if box > margin+slack {
			continue
		}
		if z.Distance(pe, pn) <= margin && z.InBand(u+vu*t, k*ts.verticalStd(t)) {
			as.TimeToEntryS = t
			return as, true
		}
	}
	return as, false
}
