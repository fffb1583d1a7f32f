package alert

import (
	"math"
	"slices"
)

// CurveAlerter runs the alert rules at every P(drone) threshold at once:
// after each Update it gives, for each track, the highest threshold at
// which the track has an alert in force on some zone. The other rules
// (min_quality, hysteresis, clear_after_s, min_track_age_s and the
// geometry) are those of its Config; its PDrone is not read.
//
// # Nesting
//
// For thresholds a < b the alerts in force at b are, at every evaluation,
// among those in force at a. Write raise(t) for the rules that raise an
// alert (age, quality ≥ min_quality, P(drone) ≥ t, geometry) and hold(t)
// for those that keep one (quality ≥ min_quality−hysteresis, P(drone) ≥
// t−hysteresis, geometry). Both are monotone: raise(b) implies raise(a)
// and hold(b) implies hold(a); and raise(t) implies hold(t) since the
// hysteresis is not negative. Let F(t) be when the current run of failed
// evaluations of a (track, zone) began at threshold t (+∞ when the rules
// held at the last evaluation). By induction over the evaluations: when
// the alert is on at b, it is on at a and F(a) ≥ F(b). At an evaluation
// after which it is on at b,
//
//   - b raises: raise(a) holds too, so a raises, or holds if already on;
//     F(a) = F(b) = +∞;
//   - b holds: a was on (induction) and hold(a) holds; F(a) = F(b) = +∞;
//   - b fails and does not clear: a was on. If hold(a) holds, F(a) = +∞.
//     If a's run was in progress, F(a) ≥ F(b) (induction), so b's was too
//     and neither changes; if a's starts now, F(a) = now ≥ F(b). Either
//     way a has failed for no longer than b and does not clear either.
//
// A track that ends ends its alerts at every threshold. So at each
// evaluation the thresholds at which a (track, zone) has an alert in
// force are a down-set, closed since every rule compares t by ≤: (−∞, θ],
// and θ is all there is to know.
//
// The failure run at threshold t is the run of evaluations, ending now,
// at which hold(t) failed; as hold(t) fails exactly when t exceeds a limit
// v (P(drone)+hysteresis, or −∞ when quality or geometry fail), F is a
// step function of t, an older run the higher t. It is kept as a short
// list of pieces (v, start), one per run begun within the last
// clear_after_s, and at each evaluation
//
//	θ ← max(ρ, min(θ, c))
//
// where ρ is P(drone) when the other raise rules hold (−∞ otherwise) and
// c is the boundary above which the runs have lasted clear_after_s (+∞
// if none has). TestCurveAlerterNesting checks the nesting on Alerters,
// and TestCurveAlerterMatchesAlerter θ against Alerters at many
// thresholds.
type CurveAlerter struct {
	// Memo, when set, shares the assessments of one evaluation with
	// alerters of the same geometry, as Alerter.Memo.
	Memo *Memo

	rules     *Alerter // the rules and zones; assesses
	minPDrone float64
	ids       []int         // track IDs with state, sorted
	state     []*curveTrack // their state, in the order of ids
	pool      []*curveTrack // forgotten states, for reuse
	theta     []float64     // by track of the last Update
	stamp     int
}

// curveTrack is one track's state: per zone the highest threshold with an
// alert in force and the failure runs below it.
type curveTrack struct {
	zones []curveZone
	stamp int // the last Update that saw the track
}

type curveZone struct {
	theta float64 // −Inf: no alert at any threshold
	// runs are the failure runs in force at thresholds up to theta, by
	// decreasing above (and decreasing age): at thresholds t above
	// runs[k].above, and not above runs[k-1].above, the rules have
	// failed since runs[k].sinceS; at t ≤ runs[len−1].above they hold.
	runs []failRun
}

type failRun struct {
	above, sinceS float64
}

// NewCurveAlerter returns an alerter of every P(drone) threshold from
// minPDrone up (the lower thresholds are not followed: the results are
// exact for thresholds at or above minPDrone), with the rules of cfg
// other than PDrone.
func NewCurveAlerter(cfg Config, zones []Zone, minPDrone float64) *CurveAlerter {
	return &CurveAlerter{rules: New(cfg, zones), minPDrone: minPDrone}
}

// Config returns the rules.
func (c *CurveAlerter) Config() Config { return c.rules.cfg }

// MinPDrone returns the lowest threshold followed.
func (c *CurveAlerter) MinPDrone() float64 { return c.minPDrone }

// HoldLimit returns the highest threshold t at which P(drone) p satisfies
// the hold rule p ≥ t − hysteresis, as Alerter.Update computes it in
// floating point: p + hysteresis, give or take the rounding.
func HoldLimit(p, hysteresis float64) float64 {
	t := p + hysteresis
	for p < t-hysteresis {
		t = math.Nextafter(t, math.Inf(-1))
	}
	for u := math.Nextafter(t, math.Inf(1)); p >= u-hysteresis; u = math.Nextafter(t, math.Inf(1)) {
		t = u
	}
	return t
}

// Update evaluates the rules at time nowS on the confirmed tracks given
// (every confirmed track, as for Alerter.Update) and returns, for each,
// the highest P(drone) threshold at which it has an alert in force on
// some zone: at threshold t an Alerter with these rules would have one
// exactly when t ≤ the value, for t ≥ MinPDrone; −Inf when at none. The
// slice is reused by the next call.
func (c *CurveAlerter) Update(nowS float64, tracks []TrackState) []float64 {
	cfg := &c.rules.cfg
	c.stamp++
	c.theta = slices.Grow(c.theta[:0], len(tracks))[:len(tracks)]
	minAgeS := cfg.MinTrackAgeS - 1e-9
	c.rules.Memo = c.Memo
	for i := range tracks {
		ts := &tracks[i]
		c.theta[i] = math.Inf(-1)
		canRaise := ts.AgeS >= minAgeS && ts.Existence >= cfg.MinQuality && ts.PDrone >= c.minPDrone
		var st *curveTrack
		if len(c.ids) > 0 {
			st = c.find(ts.ID)
		}
		if st == nil && !canRaise {
			continue // no alert at any threshold, none to raise
		}
		canHold := ts.Existence >= cfg.MinQuality-cfg.Hysteresis
		hold := math.Inf(-1)
		if canHold {
			hold = HoldLimit(ts.PDrone, cfg.Hysteresis)
		}
		for zi := range c.rules.zones {
			var cz *curveZone
			on := st != nil && !math.IsInf(st.zones[zi].theta, -1)
			if on {
				cz = &st.zones[zi]
			}
			if !canRaise && !on {
				continue
			}
			geomOK := false
			if canRaise || canHold {
				_, geomOK = c.rules.assess(nowS, i, ts, zi)
			}
			raise := math.Inf(-1)
			if canRaise && geomOK {
				raise = ts.PDrone
			}
			if !on {
				if math.IsInf(raise, -1) {
					continue
				}
				if st == nil {
					st = c.newTrack()
					c.insert(ts.ID, st)
				}
				cz = &st.zones[zi]
			}
			v := math.Inf(-1)
			if geomOK {
				v = hold
			}
			cz.update(nowS, v, raise, cfg.ClearAfterS, c.minPDrone)
		}
		if st != nil {
			st.stamp = c.stamp
			for zi := range st.zones {
				c.theta[i] = max(c.theta[i], st.zones[zi].theta)
			}
		}
	}
	// Tracks gone, or with no alert at any threshold, are forgotten.
	keep, keepSt := c.ids[:0], c.state[:0]
	for k, id := range c.ids {
		st := c.state[k]
		any := false
		if st.stamp == c.stamp {
			for zi := range st.zones {
				any = any || !math.IsInf(st.zones[zi].theta, -1)
			}
		}
		if any {
			keep, keepSt = append(keep, id), append(keepSt, st)
		} else {
			c.pool = append(c.pool, st)
		}
	}
	clear(c.state[len(keepSt):])
	c.ids, c.state = keep, keepSt
	return c.theta
}

// update advances a (track, zone) by one evaluation at nowS: the hold
// rules pass at thresholds up to v (−Inf: at none), the raise rules at
// thresholds up to raise (−Inf: at none).
func (cz *curveZone) update(nowS, v, raise, clearAfterS, minPDrone float64) {
	// The failure runs: at thresholds up to v the rules hold; above v a
	// run in progress goes on, and one starts now where none was.
	r := cz.runs
	for len(r) >= 2 && r[len(r)-2].above <= v {
		r = r[:len(r)-1]
	}
	if n := len(r); n > 0 && r[n-1].above <= v {
		r[n-1].above = v
	} else {
		r = append(r, failRun{above: v, sinceS: nowS})
	}
	// The alert clears at the thresholds whose run has lasted the clear
	// delay: above the boundary of the most recent such run.
	clearAbove := math.Inf(1)
	for k := len(r) - 1; k >= 0; k-- {
		if nowS-r[k].sinceS >= clearAfterS-1e-9 {
			clearAbove = r[k].above
			break
		}
	}
	theta := max(raise, min(cz.theta, clearAbove))
	if theta < minPDrone {
		theta = math.Inf(-1)
	}
	cz.theta = theta
	// Runs above theta concern thresholds with no alert in force: drop
	// them (among them every run that has lasted the clear delay).
	k := 0
	for k < len(r) && r[k].above >= theta {
		k++
	}
	if k > 0 {
		r = r[:copy(r, r[k:])]
	}
	cz.runs = r
}

// Reset forgets every track, as at the start of a run, keeping the memory
// for reuse.
func (c *CurveAlerter) Reset() {
	c.pool = append(c.pool, c.state...)
	clear(c.state)
	c.ids, c.state = c.ids[:0], c.state[:0]
}

// newTrack returns a track state with every zone off, reusing a
// forgotten one when there is one.
func (c *CurveAlerter) newTrack() *curveTrack {
	var st *curveTrack
	if n := len(c.pool); n > 0 {
		st, c.pool = c.pool[n-1], c.pool[:n-1]
	} else {
		st = &curveTrack{zones: make([]curveZone, len(c.rules.zones))}
		// Room for the failure runs a zone can hold: one per evaluation
		// within the clear delay, and one more.
		n := 2
		if cfg := &c.rules.cfg; cfg.UpdatePeriodS > 0 {
			n += int(cfg.ClearAfterS / cfg.UpdatePeriodS)
		}
		for zi := range st.zones {
			st.zones[zi].runs = make([]failRun, 0, n)
		}
	}
	for zi := range st.zones {
		st.zones[zi].theta = math.Inf(-1)
		st.zones[zi].runs = st.zones[zi].runs[:0]
	}
	return st
}

// find returns the state of the track with the given ID, nil if none.
func (c *CurveAlerter) find(id int) *curveTrack {
	if i, found := slices.BinarySearch(c.ids, id); found {
		return c.state[i]
	}
	return nil
}

// insert adds the state of a track that has none.
func (c *CurveAlerter) insert(id int, st *curveTrack) {
	i, _ := slices.BinarySearch(c.ids, id)
	c.ids = slices.Insert(c.ids, i, id)
	c.state = slices.Insert(c.state, i, st)
}
