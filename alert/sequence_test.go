package alert

import (
	"fmt"
	"strings"
	"testing"
)

// TestClearTimerRestarts: a track hovering at the pad's centre (inside:
// critical) whose P(drone) falls under the hold level (0.5 − 0.1 = 0.4)
// for 6 s, holds for 4 s, then falls again. The 10 s clear delay counts
// from the start of the current run of failures, so the alert clears 10 s
// after the second fall (at 30), not 10 s after the first (at 20).
func TestClearTimerRestarts(t *testing.T) {
	pd := func(t float64) float64 {
		switch {
		case t < 10:
			return 0.6 // raised
		case t < 16:
			return 0.3 // fails from 10
		case t < 20:
			return 0.45 // holds again (≥ 0.4): the timer restarts
		}
		return 0.3 // fails from 20: cleared at 30
	}
	m := &mover{id: 2, pos: line([3]float64{0, 0, 100}, [3]float64{}), sigma: 10, sigmaZ: 5, pDrone: pd}
	if got, want := runAlerts(defaults, []Zone{pad}, 40, m), "0 start 2 pad critical\n30 end 2 pad critical cleared"; got != want {
		t.Errorf("events:\n%s\nwant:\n%s", got, want)
	}
	// Failing for 9 s at a time, with one holding evaluation between,
	// never clears.
	pd2 := func(t float64) float64 {
		if t > 0 && int(t)%10 != 0 {
			return 0.3
		}
		return 0.6
	}
	m.pDrone = pd2
	if got, want := runAlerts(defaults, []Zone{pad}, 60, m), "0 start 2 pad critical"; got != want {
		t.Errorf("9 s failures: events:\n%s\nwant:\n%s", got, want)
	}
}

// TestQualityHysteresis: quality (existence) has the same hysteresis as
// P(drone): an alert raised at 0.95 ≥ 0.9 is held at 0.85 (≥ 0.9 − 0.1),
// dropped 10 s after it falls to 0.75; a track at 0.85 raises none.
func TestQualityHysteresis(t *testing.T) {
	a := New(defaults, []Zone{pad})
	m := &mover{id: 1, pos: line([3]float64{0, 0, 100}, [3]float64{}), sigma: 10, sigmaZ: 5}
	var got []string
	var evs []Event
	for now := 0.0; now <= 60; now++ {
		s := m.state(now)
		switch {
		case now < 10:
			s.Existence = 0.95
		case now < 30:
			s.Existence = 0.85
		default:
			s.Existence = 0.75
		}
		evs = a.Update(now, []TrackState{s}, evs[:0])
		for _, e := range evs {
			got = append(got, fmt.Sprintf("%s %g", e.Kind, e.TimeS))
		}
	}
	if want := "start 0,end 40"; strings.Join(got, ",") != want {
		t.Errorf("events %q, want %q", strings.Join(got, ","), want)
	}
	b := New(defaults, []Zone{pad})
	s := m.state(0)
	s.Existence = 0.85
	if evs := b.Update(0, []TrackState{s}, nil); len(evs) != 0 {
		t.Errorf("a track of quality 0.85 raised %v", evs)
	}
}

// TestMovingZoneDiagonal: TestMovingZone turned by atan2(8, 6) = 53°: the
// pad moving at (6, 8) m/s (10 m/s) from (−600, −800) m, 1 km from a track
// hovering at the origin, is TestEnterCrossLeave seen from the pad, with
// its alerts at the same times; moving the other way, (−6, −8) m/s from
// (600, 800) m, likewise; a pad moving away raises none.
func TestMovingZoneDiagonal(t *testing.T) {
	m := &mover{id: 7, pos: line([3]float64{0, 0, 100}, [3]float64{}), sigma: 10, sigmaZ: 5}
	for _, mo := range []linearMotion{{e0: -600, n0: -800, ve: 6, vn: 8}, {e0: 600, n0: 800, ve: -6, vn: -8}} {
		moving := pad
		moving.Motion = mo
		if got := runAlerts(defaults, []Zone{moving}, 200, m); got != enterCrossLeave {
			t.Errorf("pad moving %+v: events:\n%s\nwant those of TestEnterCrossLeave:\n%s", mo, got, enterCrossLeave)
		}
	}
	away := pad
	away.Motion = linearMotion{e0: -600, n0: -800, ve: -6, vn: -8}
	if got := runAlerts(defaults, []Zone{away}, 200, m); got != "" {
		t.Errorf("pad moving away: events\n%s\nwant none", got)
	}
}
