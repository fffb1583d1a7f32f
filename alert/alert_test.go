package alert

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// defaults is the alerting section's defaults.
var defaults = Config{MinQuality: 0.9, PDrone: 0.5, Hysteresis: 0.1, ClearAfterS: 10, MinTrackAgeS: 0, HorizonS: 60,
	ImminentS: 20, UncertaintySigma: 2, MaxMarginM: 300, UpdatePeriodS: 1}

// mover is a hand-built track: a position as a function of time, with a
// fixed isotropic horizontal σ and class probabilities that may vary.
type mover struct {
	id     int
	pos    func(t float64) [3]float64
	sigma  float64 // horizontal position σ, m
	sigmaZ float64 // altitude σ, m
	pDrone func(t float64) float64
	exist  float64
	bornS  float64
	endS   float64 // gone from this time (0: never)
}

func (m *mover) state(t float64) TrackState {
	const h = 1e-3
	p, q := m.pos(t), m.pos(t+h)
	s := TrackState{ID: m.id, AgeS: t - m.bornS, Existence: m.exist, PDrone: 0.9}
	if m.exist == 0 {
		s.Existence = 0.99
	}
	if m.pDrone != nil {
		s.PDrone = m.pDrone(t)
	}
	for i := range 3 {
		s.Pos[i], s.Vel[i] = p[i], math.Round((q[i]-p[i])/h*1e6)/1e6 // exact for straight lines
	}
	s.CovH[0][0], s.CovH[1][1] = m.sigma*m.sigma, m.sigma*m.sigma
	s.CovV[0][0] = m.sigmaZ * m.sigmaZ
	return s
}

// runAlerts steps the alerter once a second from 0 to endS and returns the
// events, one per line: "t kind track zone level [reason]".
func runAlerts(cfg Config, zones []Zone, endS float64, ms ...*mover) string {
	a := New(cfg, zones)
	var out []string
	var evs []Event
	for t := 0.0; t <= endS; t++ {
		var ts []TrackState
		for _, m := range ms {
			if t >= m.bornS && (m.endS == 0 || t < m.endS) {
				ts = append(ts, m.state(t))
			}
		}
		evs = a.Update(t, ts, evs[:0])
		for _, e := range evs {
			line := fmt.Sprintf("%g %s %d %s %s", e.TimeS, e.Kind, e.Track, zones[e.Zone].Name, e.Level)
			if e.Reason != "" {
				line += " " + e.Reason
			}
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}

func line(from, vel [3]float64) func(float64) [3]float64 {
	return func(t float64) [3]float64 {
		return [3]float64{from[0] + vel[0]*t, from[1] + vel[1]*t, from[2] + vel[2]*t}
	}
}

var pad = NewCircleZone("pad", SeverityHigh, [2]float64{0, 0}, 200, 0, 300)

// TestEnterCrossLeave flies a track at 10 m/s straight across a circular
// zone of radius 200 m from 1000 m out. The allowance is 2σ = 20 m, so the
// prediction reaches the zone when the track is 220 + 10τ m from the
// centre: τ = 60 s ahead (the horizon) at t = 18, when the alert starts as
// an advisory (high severity less two). The entry turns imminent (τ ≤ 20 s)
// at t = 58: a warning; the track is inside from t = 80 (on the rim) to
// t = 120: critical. Past the rim it is within the allowance until
// t = 122 (220 m from the centre): a warning again; from t = 123 it fails
// the rules, and the alert clears 10 s later, at t = 133.
func TestEnterCrossLeave(t *testing.T) {
	m := &mover{id: 7, pos: line([3]float64{1000, 0, 100}, [3]float64{-10, 0, 0}), sigma: 10, sigmaZ: 5}
	if got := runAlerts(defaults, []Zone{pad}, 200, m); got != enterCrossLeave {
		t.Errorf("events:\n%s\nwant:\n%s", got, enterCrossLeave)
	}
}

// enterCrossLeave is the events of TestEnterCrossLeave.
var enterCrossLeave = strings.Join([]string{
	"18 start 7 pad advisory",
	"58 change 7 pad warning",
	"80 change 7 pad critical",
	"121 change 7 pad warning",
	"133 end 7 pad warning cleared",
}, "\n")

// TestSkirt passes 250 m from the centre, 50 m outside the rim: with
// σ = 10 m (allowance 20 m) there is no alert; with σ = 40 m (80 m) the
// track may enter, and an alert is raised but the track is never inside.
func TestSkirt(t *testing.T) {
	path := line([3]float64{1500, 250, 100}, [3]float64{-10, 0, 0})
	if got := runAlerts(defaults, []Zone{pad}, 300, &mover{id: 1, pos: path, sigma: 10, sigmaZ: 5}); got != "" {
		t.Errorf("σ 10 m: events\n%s\nwant none", got)
	}
	got := runAlerts(defaults, []Zone{pad}, 300, &mover{id: 1, pos: path, sigma: 40, sigmaZ: 5})
	if !strings.Contains(got, "start 1 pad advisory") || strings.Contains(got, "critical") {
		t.Errorf("σ 40 m: events\n%s\nwant an advisory that never turns critical", got)
	}
}

// TestMarginCap checks that max_margin_m bounds the uncertainty
// allowance: a track with σ = 1 km hovering 500 m outside the rim raises
// no alert under the default cap of 300 m, and one with the cap at 1 km.
func TestMarginCap(t *testing.T) {
	m := &mover{id: 1, pos: line([3]float64{700, 0, 100}, [3]float64{}), sigma: 1000, sigmaZ: 5}
	if got := runAlerts(defaults, []Zone{pad}, 5, m); got != "" {
		t.Errorf("cap 300 m: %s", got)
	}
	cfg := defaults
	cfg.MaxMarginM = 1000
	if got := runAlerts(cfg, []Zone{pad}, 5, m); got != "0 start 1 pad warning" {
		t.Errorf("cap 1 km: %q", got)
	}
}

// TestHoverAtEdgeHysteresis hovers 10 m outside the rim (inside the 20 m
// allowance: an entry "now", imminent) while P(drone) drifts: raised at
// 0.6 ≥ 0.5, held at 0.45 (≥ 0.5 − 0.1), dropped at 0.35 for 10 s.
func TestHoverAtEdgeHysteresis(t *testing.T) {
	pd := func(t float64) float64 {
		switch {
		case t < 30:
			return 0.6
		case t < 60:
			return 0.45
		case t < 100:
			return 0.35
		}
		return 0.6
	}
	m := &mover{id: 3, pos: line([3]float64{210, 0, 50}, [3]float64{}), sigma: 10, sigmaZ: 5, pDrone: pd}
	got := runAlerts(defaults, []Zone{pad}, 120, m)
	want := "0 start 3 pad warning\n70 end 3 pad warning cleared\n100 start 3 pad warning"
	if got != want {
		t.Errorf("events:\n%s\nwant:\n%s", got, want)
	}
}

// TestLeaveAndComeBack flies in, out beyond reach, and back: two alerts.
func TestLeaveAndComeBack(t *testing.T) {
	pos := func(t float64) [3]float64 {
		// In at 10 m/s from 400 m, out to 1400 m, back in.
		x := 400 - 10*t
		if t > 60 {
			x = -200 + 10*(t-60) // heads east from x = −200 at t = 60
			x = math.Abs(x)
		}
		if t > 220 {
			x = 1400 - 10*(t-220)
		}
		return [3]float64{x, 0, 100}
	}
	m := &mover{id: 4, pos: pos, sigma: 10, sigmaZ: 5}
	got := runAlerts(defaults, []Zone{pad}, 330, m)
	if n := strings.Count(got, " start "); n != 2 {
		t.Errorf("events:\n%s\nwant two starts", got)
	}
	if n := strings.Count(got, " end "); n != 1 {
		t.Errorf("events:\n%s\nwant one end between them", got)
	}
}

// TestTrackEnds ends an alert at once when its track goes.
func TestTrackEnds(t *testing.T) {
	m := &mover{id: 5, pos: line([3]float64{0, 0, 100}, [3]float64{}), sigma: 10, sigmaZ: 5, endS: 20}
	got := runAlerts(defaults, []Zone{pad}, 30, m)
	if want := "0 start 5 pad critical\n20 end 5 pad critical track ended"; got != want {
		t.Errorf("events:\n%s\nwant:\n%s", got, want)
	}
}

// TestGates checks quality, P(drone) and age.
func TestGates(t *testing.T) {
	inside := line([3]float64{0, 0, 100}, [3]float64{})
	for _, tc := range []struct {
		name string
		m    mover
		cfg  func(*Config)
		want string
	}{
		{"low quality", mover{exist: 0.8}, nil, ""},
		{"quality met", mover{exist: 0.95}, nil, "0 start 1 pad critical"},
		{"bird", mover{pDrone: func(float64) float64 { return 0.3 }}, nil, ""},
		{"p_drone 0 alerts on all", mover{pDrone: func(float64) float64 { return 0.01 }}, func(c *Config) { c.PDrone = 0 }, "0 start 1 pad critical"},
		{"young", mover{bornS: 0}, func(c *Config) { c.MinTrackAgeS = 5 }, "5 start 1 pad critical"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.m
			m.id, m.pos, m.sigma, m.sigmaZ = 1, inside, 10, 5
			cfg := defaults
			if tc.cfg != nil {
				tc.cfg(&cfg)
			}
			if got := runAlerts(cfg, []Zone{pad}, 8, &m); got != tc.want {
				t.Errorf("events %q, want %q", got, tc.want)
			}
		})
	}
}

// TestAltitudeBand: above the band with a known altitude, no alert; with
// an altitude nobody measured (σ 500 m), an alert.
func TestAltitudeBand(t *testing.T) {
	high := line([3]float64{0, 0, 400}, [3]float64{})
	if got := runAlerts(defaults, []Zone{pad}, 3, &mover{id: 1, pos: high, sigma: 10, sigmaZ: 10}); got != "" {
		t.Errorf("400 m, σz 10 m: %q", got)
	}
	if got := runAlerts(defaults, []Zone{pad}, 3, &mover{id: 1, pos: high, sigma: 10, sigmaZ: 500}); got != "0 start 1 pad critical" {
		t.Errorf("400 m, σz 500 m: %q", got)
	}
}

// TestLevels checks the level table: severity less 0, 1 or 2, clamped.
func TestLevels(t *testing.T) {
	a := New(defaults, nil)
	for _, tc := range []struct {
		sev    Severity
		inside bool
		tte    float64
		want   Level
	}{
		{SeverityCritical, true, 0, Critical}, {SeverityCritical, false, 10, Critical}, {SeverityCritical, false, 40, Warning},
		{SeverityHigh, true, 0, Critical}, {SeverityHigh, false, 20, Warning}, {SeverityHigh, false, 21, Advisory},
		{SeverityMedium, true, 0, Warning}, {SeverityMedium, false, 5, Advisory}, {SeverityMedium, false, 50, Advisory},
		{SeverityLow, true, 0, Advisory}, {SeverityLow, false, 50, Advisory},
	} {
		z := Zone{Severity: tc.sev}
		if got := a.level(&z, Assessment{Inside: tc.inside, TimeToEntryS: tc.tte}); got != tc.want {
			t.Errorf("%s, inside %v, tte %g: %s, want %s", tc.sev, tc.inside, tc.tte, got, tc.want)
		}
	}
}

// TestStateOf checks the extrapolation of the covariance: P(t) = F P Fᵀ.
func TestHorizontalStd(t *testing.T) {
	var s TrackState
	s.CovH = [4][4]float64{{100, 0, 0, 0}, {0, 25, 0, 0}, {0, 0, 4, 0}, {0, 0, 0, 1}}
	// At t = 10: east 100 + 400 = 500, north 25 + 100 = 125: σ = √500.
	if got := s.horizontalStd(10); math.Abs(got-math.Sqrt(500)) > 1e-12 {
		t.Errorf("σ(10) = %g, want √500", got)
	}
	// A correlated 2×2 [[5, 2], [2, 2]] has eigenvalues 6 and 1.
	s.CovH = [4][4]float64{{5, 2, 0, 0}, {2, 2, 0, 0}}
	if got := s.horizontalStd(0); math.Abs(got-math.Sqrt(6)) > 1e-12 {
		t.Errorf("σ = %g, want √6", got)
	}
}

func TestPolygonZone(t *testing.T) {
	// An L-shaped zone: the notch at (15, 15) is outside.
	z := NewPolygonZone("l", SeverityMedium, [][2]float64{{0, 0}, {20, 0}, {20, 10}, {10, 10}, {10, 20}, {0, 20}}, math.Inf(-1), math.Inf(1))
	for _, tc := range []struct {
		e, n, dist float64
	}{
		{5, 5, 0}, {15, 5, 0}, {5, 15, 0}, {15, 15, 5}, {0, 0, 0}, {20, 5, 0}, {25, 5, 5}, {-3, -4, 5}, {10, 15, 0},
	} {
		if got := z.Distance(tc.e, tc.n); math.Abs(got-tc.dist) > 1e-12 {
			t.Errorf("distance from (%g, %g) = %g, want %g", tc.e, tc.n, got, tc.dist)
		}
		if got := z.Contains(tc.e, tc.n); got != (tc.dist == 0) {
			t.Errorf("contains (%g, %g) = %v", tc.e, tc.n, got)
		}
	}
}

// TestVelocityUncertainty: a track passing 100 m outside the rim (along
// n = 300 m, eastward at 10 m/s from e = −500 m) with a well-known
// position (σ 10 m) but an uncertain velocity (σ 5 m/s per axis). Ahead in
// time its position spreads, σ(τ)² = 100 + 25τ², so the prediction comes
// within 2σ(τ) of the zone: at τ = 22 s it is at e = −280 m, 210.4 m from
// the rim, inside 2σ = 220.9 m (at τ = 21 s: 217.3 m against 211.1 m).
func TestVelocityUncertainty(t *testing.T) {
	a := New(defaults, []Zone{pad})
	s := TrackState{ID: 1, AgeS: 10, Existence: 0.99, PDrone: 0.9, Pos: [3]float64{-500, 300, 100}, Vel: [3]float64{10, 0, 0}}
	s.CovH = [4][4]float64{{100, 0, 0, 0}, {0, 100, 0, 0}, {0, 0, 25, 0}, {0, 0, 0, 25}}
	s.CovV[0][0] = 25
	as, ok := a.Assess(0, &s, &pad)
	if !ok || as.Inside || as.TimeToEntryS != 22 {
		t.Errorf("assessment %+v, ok %v: want an entry predicted in 22 s", as, ok)
	}
	s.CovH[2][2], s.CovH[3][3] = 0, 0
	if _, ok := a.Assess(0, &s, &pad); ok {
		t.Error("with an exact velocity the track cannot reach the zone")
	}
}

// TestPathDistance checks the segment-to-zone distance the prediction is
// pruned with against the smallest distance of many points along it.
func TestPathDistance(t *testing.T) {
	zones := []Zone{pad, NewPolygonZone("l", SeverityMedium, [][2]float64{{0, 0}, {20, 0}, {20, 10}, {10, 10}, {10, 20}, {0, 20}}, 0, 1)}
	rng := [][2][2]float64{{{-50, 30}, {50, 30}}, {{15, 15}, {30, 30}}, {{25, -5}, {25, 40}}, {{-300, -300}, {300, 300}},
		{{500, 0}, {400, 10}}, {{5, 5}, {6, 6}}, {{15, 40}, {15, 11}}, {{30, 15}, {11, 15}}}
	for _, z := range zones {
		for _, seg := range rng {
			a, b := seg[0], seg[1]
			want := math.Inf(1)
			for i := 0; i <= 20000; i++ {
				f := float64(i) / 20000
				want = math.Min(want, z.Distance(a[0]+f*(b[0]-a[0]), a[1]+f*(b[1]-a[1])))
			}
			if got := z.PathDistance(a, b); got > want+1e-9 || got < want-0.05 {
				t.Errorf("%s, %v-%v: %g, want %g", z.Name, a, b, got, want)
			}
		}
	}
}
