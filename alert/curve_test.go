package alert

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// curveStream is a random stream of evaluations: at each time the
// confirmed tracks, in ID order.
type curveStream struct {
	cfg    Config
	zones  []Zone
	timesS []float64
	tracks [][]TrackState
}

// randomStream draws tracks that appear and end, fly straight lines with
// turns past two zones (in and out of them, and of their predicted
// entry), with P(drone) and existence on random paths: often on a grid
// of round values (ties, and thresholds met exactly), else anywhere.
func randomStream(rnd *rand.Rand) *curveStream {
	s := &curveStream{
		cfg: Config{MinQuality: 0.5, Hysteresis: []float64{0, 0.1, 0.05, 0.3}[rnd.IntN(4)],
			ClearAfterS: []float64{0, 0.5, 2, 5, 10}[rnd.IntN(5)], MinTrackAgeS: []float64{0, 2}[rnd.IntN(2)],
			HorizonS: 10, ImminentS: 5, UncertaintySigma: 2, MaxMarginM: 50, UpdatePeriodS: []float64{1, 0.3}[rnd.IntN(2)]},
		zones: []Zone{
			NewCircleZone("circle", SeverityHigh, [2]float64{0, 0}, 300, math.Inf(-1), math.Inf(1)),
			NewPolygonZone("square", SeverityMedium, [][2]float64{{400, -200}, {800, -200}, {800, 200}, {400, 200}}, 0, 150),
		},
	}
	type live struct {
		ts     TrackState
		endS   float64
		pd, ex float64
	}
	value := func(x float64) float64 {
		x = min(max(x, 0), 1)
		if rnd.IntN(2) == 0 {
			return math.Round(x*20) / 20
		}
		return x
	}
	var alive []live
	nextID := 1
	nowS := 0.0
	for range 200 + rnd.IntN(200) {
		nowS += s.cfg.UpdatePeriodS
		// Births and deaths.
		if rnd.Float64() < 0.15 {
			a := 2 * math.Pi * rnd.Float64()
			r := 200 + 600*rnd.Float64()
			sp := 5 + 25*rnd.Float64()
			h := a + math.Pi + 0.6*rnd.NormFloat64()
			t := live{endS: nowS + 10 + 80*rnd.Float64(), pd: rnd.Float64(), ex: 0.3 + 0.7*rnd.Float64()}
			t.ts = TrackState{ID: nextID, AgeS: 0, Pos: [3]float64{r * math.Cos(a), r * math.Sin(a), 100 * rnd.Float64()},
				Vel: [3]float64{sp * math.Cos(h), sp * math.Sin(h), 0}}
			t.ts.CovH = [4][4]float64{{100, 0, 0, 0}, {0, 100, 0, 0}, {0, 0, 4, 0}, {0, 0, 0, 4}}
			t.ts.CovV = [2][2]float64{{25, 0}, {0, 1}}
			nextID++
			alive = append(alive, t)
		}
		alive = slices.DeleteFunc(alive, func(t live) bool { return nowS > t.endS })
		var evs []TrackState
		for k := range alive {
			t := &alive[k]
			t.ts.AgeS += s.cfg.UpdatePeriodS
			for i := range 3 {
				t.ts.Pos[i] += t.ts.Vel[i] * s.cfg.UpdatePeriodS
			}
			if rnd.Float64() < 0.05 { // a turn
				sp := math.Hypot(t.ts.Vel[0], t.ts.Vel[1])
				h := math.Atan2(-t.ts.Pos[1], -t.ts.Pos[0]) + 1.5*rnd.NormFloat64()
				t.ts.Vel[0], t.ts.Vel[1] = sp*math.Cos(h), sp*math.Sin(h)
			}
			switch u := rnd.Float64(); {
			case u < 0.1:
				t.pd = rnd.Float64()
			case u < 0.7:
				t.pd += 0.08 * rnd.NormFloat64()
			}
			if rnd.Float64() < 0.3 {
				t.ex += 0.1 * rnd.NormFloat64()
			}
			t.ts.PDrone, t.ts.Existence = value(t.pd), value(t.ex)
			evs = append(evs, t.ts)
		}
		s.timesS = append(s.timesS, nowS)
		s.tracks = append(s.tracks, evs)
	}
	return s
}

// curveOf runs a CurveAlerter on the stream and returns the highest
// threshold with an alert in force, by evaluation and track ID.
func (s *curveStream) curveOf(t *testing.T, minPDrone float64) []map[int]float64 {
	c := NewCurveAlerter(s.cfg, s.zones, minPDrone)
	out := make([]map[int]float64, len(s.timesS))
	maxRuns := 0
	for k, nowS := range s.timesS {
		th := c.Update(nowS, s.tracks[k])
		for _, st := range c.state {
			for _, z := range st.zones {
				maxRuns = max(maxRuns, len(z.runs))
			}
		}
		out[k] = map[int]float64{}
		for i, v := range th {
			out[k][s.tracks[k][i].ID] = v
		}
	}
	// The failure runs kept are those begun within the clear delay, at
	// most one per evaluation, and one more before the delay is up.
	if limit := int(s.cfg.ClearAfterS/s.cfg.UpdatePeriodS) + 2; maxRuns > limit {
		t.Fatalf("%d failure runs kept, more than %d", maxRuns, limit)
	}
	return out
}

// onAt runs an Alerter with p_drone t on the stream and returns the
// tracks with an alert in force, by evaluation.
func (s *curveStream) onAt(t float64) []map[int]bool {
	cfg := s.cfg
	cfg.PDrone = t
	a := New(cfg, s.zones)
	out := make([]map[int]bool, len(s.timesS))
	for k, nowS := range s.timesS {
		a.Update(nowS, s.tracks[k], nil)
		out[k] = map[int]bool{}
		for _, al := range a.Active() {
			out[k][al.Track] = true
		}
	}
	return out
}

// thresholdsOf returns the thresholds to try on a curve: a grid, and a
// sample of the values the curve took, each with its neighbours on both
// sides (the breakpoints, and just around them).
func thresholdsOf(rnd *rand.Rand, curve []map[int]float64, minPDrone float64) []float64 {
	var vals []float64
	for _, m := range curve {
		for _, v := range m {
			if !math.IsInf(v, -1) {
				vals = append(vals, v)
			}
		}
	}
	slices.Sort(vals)
	vals = slices.Compact(vals)
	ts := []float64{-0.5, 0, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 1, 1.2}
	for range 25 {
		if len(vals) == 0 {
			break
		}
		v := vals[rnd.IntN(len(vals))]
		ts = append(ts, v, math.Nextafter(v, math.Inf(-1)), math.Nextafter(v, math.Inf(1)))
	}
	return slices.DeleteFunc(ts, func(t float64) bool { return t < minPDrone })
}

// TestCurveAlerterMatchesAlerter runs random streams through a
// CurveAlerter and through Alerters at many thresholds (a grid, values the
// curve takes and their neighbouring floats): at every evaluation a track
// has an alert in force at threshold t exactly when t is at most its
// curve value. The reference is the Alerter itself, one threshold at a
// time.
func TestCurveAlerterMatchesAlerter(t *testing.T) {
	rnd := rand.New(rand.NewPCG(16, 1))
	streams := 60
	if testing.Short() {
		streams = 15
	}
	for n := range streams {
		s := randomStream(rnd)
		minP := math.Inf(-1)
		if n%3 == 2 {
			minP = 0.5
		}
		curve := s.curveOf(t, minP)
		for _, th := range thresholdsOf(rnd, curve, minP) {
			on := s.onAt(th)
			for k := range s.timesS {
				for _, ts := range s.tracks[k] {
					if want, got := on[k][ts.ID], th <= curve[k][ts.ID]; got != want {
						t.Fatalf("stream %d (%+v), threshold %v, evaluation %d (%.1f s), track %d: curve %v gives alert %v, Alerter %v",
							n, s.cfg, th, k, s.timesS[k], ts.ID, curve[k][ts.ID], got, want)
					}
				}
			}
		}
	}
}

// TestCurveAlerterNesting checks the property the curve rests on, on the
// Alerter alone: at thresholds a < b, the alerts in force at b are among
// those in force at a, at every evaluation.
func TestCurveAlerterNesting(t *testing.T) {
	rnd := rand.New(rand.NewPCG(16, 2))
	for n := range 20 {
		s := randomStream(rnd)
		ths := []float64{0, 0.2, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1}
		ons := make([][]map[int]bool, len(ths))
		for i, th := range ths {
			ons[i] = s.onAt(th)
		}
		alerts := 0
		for i := 1; i < len(ths); i++ {
			for k := range s.timesS {
				for id := range ons[i][k] {
					alerts++
					if !ons[i-1][k][id] {
						t.Fatalf("stream %d, evaluation %d: track %d alerted at %v, not at %v", n, k, id, ths[i], ths[i-1])
					}
				}
			}
		}
		if alerts == 0 {
			t.Fatalf("stream %d: no alert at any threshold above 0", n)
		}
	}
}

// TestHoldLimit: HoldLimit(p, h) is the highest float t with p ≥ t − h,
// as the Alerter computes it.
func TestHoldLimit(t *testing.T) {
	rnd := rand.New(rand.NewPCG(16, 3))
	for range 100000 {
		p, h := rnd.Float64(), []float64{0, 0.1, 0.3, 0.05, rnd.Float64()}[rnd.IntN(5)]
		if rnd.IntN(2) == 0 {
			p = math.Round(p*20) / 20
		}
		l := HoldLimit(p, h)
		if !(p >= l-h) || p >= math.Nextafter(l, math.Inf(1))-h {
			t.Fatalf("HoldLimit(%v, %v) = %v: p ≥ t−h at it %v, above it %v", p, h, l, p >= l-h, p >= math.Nextafter(l, 2)-h)
		}
	}
}
