package alert

import (
	"math"
	"testing"
)

// linearMotion moves a zone from a start offset at a constant velocity.
type linearMotion struct{ e0, n0, ve, vn float64 }

func (m linearMotion) OffsetAt(t float64) (float64, float64) { return m.e0 + m.ve*t, m.n0 + m.vn*t }
func (m linearMotion) MaxSpeedMPS() float64                  { return math.Hypot(m.ve, m.vn) }

// TestMovingZone: a zone that moves toward a hovering track is, seen from
// the zone, the track flying at it. The pad of TestEnterCrossLeave, moving
// east at 10 m/s from 1000 m west of a track hovering at the origin, gives
// exactly that test's alerts at the same times: predicted entry 60 s
// ahead at t = 18, imminent at 58, inside from 80, past the rim at 121,
// cleared at 133. The same pad left where it starts gives no alert.
func TestMovingZone(t *testing.T) {
	m := &mover{id: 7, pos: line([3]float64{0, 0, 100}, [3]float64{}), sigma: 10, sigmaZ: 5}
	moving := pad
	moving.Motion = linearMotion{e0: -1000, ve: 10}
	if got := runAlerts(defaults, []Zone{moving}, 200, m); got != enterCrossLeave {
		t.Errorf("events:\n%s\nwant those of TestEnterCrossLeave:\n%s", got, enterCrossLeave)
	}
	still := moving.At(0)
	if got := runAlerts(defaults, []Zone{still}, 200, m); got != "" {
		t.Errorf("the pad left at its start: events\n%s\nwant none", got)
	}
	if c := moving.At(80); c.Center != [2]float64{-200, 0} || c.Motion != nil || !c.Contains(-200, 150) || c.Contains(0, 0) == false {
		t.Errorf("the pad at 80 s: centre %v, want (−200, 0), fixed, holding the origin on its rim", c.Center)
	}
}
