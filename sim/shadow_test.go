package sim

import (
	"math"
	"testing"
)

// shadowBody is a convoy on a road with a 45° bend, driving at 4 m/s from
// 60 s, and drones that shadow it: the test scenario's quad flies at
// 9 m/s about the convoy, a ground speed of 5 to 13 m/s within its 15.
const shadowBody = `roads:
  - {name: road, points: [[-3000, 0], [0, 0], [3000, 3000]]}
convoys:
  - {name: column, road: road, vehicles: 5, spacing_m: 50, depart_s: 60, speed_mps: 4}
traffic:
  - {name: watcher, kind: shadow, type: quad, count: 3, end_s: 300, convoy: column, start_range_m: 900,
     orbit_radius_m: {min: 150, max: 250}, duration_s: {min: 600, max: 600}, alt_m: {min: 80, max: 100}, speed_mps: {min: 9, max: 9}}`

// orbitStats follows one drone's orbit about a moving centre.
type orbitStats struct {
	settled      float64 // time from which it is scored
	worst, sq    float64 // largest and summed squared radius errors, m
	n            int     // steps scored
	turned, prev float64 // angle swept about the centre (+ clockwise), last bearing
}

// TestShadowKeepsItsRadius: a drone shadowing a convoy holds its orbit's
// radius about the convoy's scheduled centre while the convoy drives,
// round the road's bend too: over 5 seeds × 3 drones, from a minute after
// reaching the circle to the orbit's end, the distance to the centre stays
// within 10 % of the radius and its RMS error under 2 % of it; and the
// drone goes round the centre at its speed relative to it, in its sense.
func TestShadowKeepsItsRadius(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		sc := scenario(t, shadowBody, 1200, seed)
		route := sc.ConvoyRoute("column")
		w, err := New(sc)
		if err != nil {
			t.Fatal(err)
		}
		stats := make([]orbitStats, len(w.Entities))
		for i := range stats {
			stats[i] = orbitStats{settled: math.Inf(1), prev: math.NaN()}
		}
		for !w.Done() {
			w.Step()
			now := w.TimeS()
			for i := range w.Entities {
				e, f, s := &w.Entities[i], w.movers[i].(*planFollower), &stats[i]
				if !e.Active || f.cur != 0 {
					continue
				}
				if f.onCircle && math.IsInf(s.settled, 1) {
					s.settled = now + 60
				}
				if now < s.settled {
					continue
				}
				c := route.CentreAt(now)
				dx, dy := e.Pos.X-c.EastM, e.Pos.Y-c.NorthM
				err := math.Hypot(dx, dy) - f.legs[0].radiusM
				s.worst, s.sq, s.n = math.Max(s.worst, math.Abs(err)), s.sq+err*err, s.n+1
				a := math.Atan2(dx, dy)
				if !math.IsNaN(s.prev) {
					s.turned += math.Remainder(a-s.prev, 2*math.Pi)
				}
				s.prev = a
			}
		}
		for i, s := range stats {
			l := w.movers[i].(*planFollower).legs[0]
			r, name := l.radiusM, w.Entities[i].Name
			rms := math.Sqrt(s.sq / float64(s.n))
			turns := s.turned / (2 * math.Pi)
			want := 9 * float64(s.n) * w.StepS / (2 * math.Pi * r)
			t.Logf("seed %d %s: r %.0f m, %d steps, worst %.1f m, RMS %.2f m, %.2f turns (want %.2f)", seed, name, r, s.n, s.worst, rms, turns, want)
			if s.n < 4000 || s.worst > 0.1*r || rms > 0.02*r {
				t.Errorf("seed %d %s: over %d steps, worst %.1f m and RMS %.2f m from the %.0f m radius", seed, name, s.n, s.worst, rms, r)
			}
			if math.Abs(math.Abs(turns)-want) > 0.05*want {
				t.Errorf("seed %d %s: %.2f turns about the convoy, want %.2f at 9 m/s relative to it", seed, name, math.Abs(turns), want)
			}
			if (turns > 0) != l.clockwise {
				t.Errorf("seed %d %s: %.2f turns, clockwise %v", seed, name, turns, l.clockwise)
			}
		}
	}
}
