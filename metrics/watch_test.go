package metrics_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/sim"
)

// TestWatchersAndApproach moves two drones by hand about a circular zone of
// radius 100 m at the origin, with a 30 m building between the zone and
// the east: drone-a comes from the north-east, stops 900 m from the
// footprint (observing), then leaves; drone-b sits 500 m due east of the
// zone, low and hidden behind the building (not observing) until it climbs
// above it. It checks when each begins to observe, that neither entered,
// and the approach bearing: where each last was 1.5 km or more out.
func TestWatchersAndApproach(t *testing.T) {
	w := world()
	w.DurationS = 100
	w.Site.Obstacles = []sim.Obstacle{sim.NewObstacle("hangar", []r3.Vec{{X: 300, Y: -50}, {X: 320, Y: -50}, {X: 320, Y: 50}, {X: 300, Y: 50}}, 30)}
	zones := []alert.Zone{alert.NewCircleZone("pad", alert.SeverityHigh, [2]float64{0, 0}, 100, 0, 200)}
	z := metrics.NewZoneEntries(w, zones)
	ne := func(r float64) r3.Vec { return r3.Vec{X: r / math.Sqrt2, Y: r / math.Sqrt2, Z: 80} }
	a := []r3.Vec{ne(3000), ne(2000), ne(1600), ne(1400), ne(1001), ne(990), ne(3000)} // footprint at r − 100
	b := []r3.Vec{{X: 600, Y: 0, Z: 5}, {X: 600, Y: 0, Z: 5}, {X: 600, Y: 0, Z: 5}, {X: 600, Y: 0, Z: 5}, {X: 600, Y: 0, Z: 5}, {X: 600, Y: 0, Z: 60}, {X: 600, Y: 0, Z: 60}}
	for i := range a {
		w.Entities[0].Pos, w.Entities[1].Pos = a[i], b[i]
		w.Step()
		z.Add(w)
	}
	// drone-a: 1001 m from the centre is 901 m from the footprint, within
	// 1000 m: observing from the fifth step (t = 5 s).
	if got := z.ObserveS[0]; got != 5 || z.ObserveZone[0] != 0 {
		t.Errorf("drone-a began to observe at %g (zone %d), want 5 s (zone 0)", got, z.ObserveZone[0])
	}
	// drone-b: 500 m from the footprint, but at 5 m the hangar hides the
	// zone's middle 10 m up; climbing to 60 m it sees over it at t = 6 s.
	if got := z.ObserveS[1]; got != 6 {
		t.Errorf("drone-b began to observe at %g, want 6 s (hidden below the roof before)", got)
	}
	for id := range 2 {
		if !math.IsNaN(z.EntryS[id]) {
			t.Errorf("drone %d entered at %g: it never flew inside", id, z.EntryS[id])
		}
	}
	// drone-a was last 1.5 km or more out at 1600 m, to the north-east:
	// 45°. drone-b never was: its first position, due east, 90°.
	if got := z.ApproachBearingDeg(0); math.Abs(got-45) > 1e-9 {
		t.Errorf("drone-a's approach bearing %g°, want 45°", got)
	}
	if got := z.ApproachBearingDeg(1); math.Abs(got-90) > 1e-9 {
		t.Errorf("drone-b's approach bearing %g°, want 90°", got)
	}
	d := metrics.DroneAlerting{EntryS: math.NaN(), ObserveS: 5, FirstAlertS: 50}
	if !d.Watching() || d.WatchAlertDelayS() != 45 {
		t.Errorf("a watcher alerted on 45 s after it began to observe: watching %v, delay %g", d.Watching(), d.WatchAlertDelayS())
	}
	d.EntryS = 70 // it entered after all: an intruder, not a watcher
	if d.Watching() || !math.IsNaN(d.WatchAlertDelayS()) {
		t.Errorf("a drone that entered is no watcher")
	}
}
