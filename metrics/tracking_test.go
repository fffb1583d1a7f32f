package metrics_test

import (
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/track"
)

// confirmed returns a confirmed track at p with a 5 m standard deviation
// on each axis.
func confirmed(id int, p r3.Vec) *track.Track {
	t := &track.Track{ID: id, Status: track.Confirmed}
	t.Est.Comb.X = [6]float64{p.X, p.Y, p.Z}
	for i := range 6 {
		t.Est.Comb.P[i][i] = 25
	}
	return t
}

// TestTrackStatsCauses: each second the confirmed tracks are assigned to
// the drones and birds present (within the 100 m gate); a track assigned
// nothing follows the drone within the gate that another track holds (a
// duplicate), a bird within the gate, or nothing. What a track mostly
// followed is its cause: a duplicate on a drone is no false drone track.
func TestTrackStatsCauses(t *testing.T) {
	w := world() // drone-a, drone-b, bird
	s := metrics.NewTrackStats(w, 100)
	w.Step()
	w.Entities[0].Pos = r3.Vec{X: 1000, Z: 50}
	w.Entities[1].Pos = r3.Vec{Y: 3000, Z: 50}
	w.Entities[2].Pos = r3.Vec{X: -2000, Z: 20}
	tracks := []*track.Track{
		confirmed(1, r3.Vec{X: 1005, Z: 50}),          // on drone-a
		confirmed(2, r3.Vec{X: 1040, Z: 50}),          // 40 m from drone-a, which track 1 holds
		confirmed(3, r3.Vec{X: -2030, Z: 20}),         // on the bird
		confirmed(4, r3.Vec{X: -2060, Z: 20}),         // 60 m from the bird, which track 3 holds
		confirmed(5, r3.Vec{X: 1000, Y: 1500, Z: 50}), // 1.5 km from anything
	}
	s.Add(w, tracks)
	want := map[int]string{1: "drone", 2: "duplicate", 3: "bird", 4: "bird", 5: "clutter"}
	for id, cause := range want {
		f := s.Tracks[id]
		if f == nil {
			t.Fatalf("track %d not scored", id)
		}
		if got := f.Cause(); got != cause {
			t.Errorf("track %d: cause %q (on drone %d, bird %d, duplicate %d, nothing %d), want %q",
				id, got, f.OnDrone, f.OnBird, f.OnDuplicate, f.OnNothing, cause)
		}
	}
	for id, f := range s.Tracks {
		f.PDrone, f.PBird, f.PClutter = 0.9, 0.05, 0.05 // all classified drone
		if want := id == 3 || id == 4 || id == 5; f.FalseDrone() != want {
			t.Errorf("track %d (%s): false drone track %v, want %v", id, f.Cause(), f.FalseDrone(), want)
		}
	}
	// The alert rules see the same: track 2 near drone-a, track 4 near
	// the bird, track 5 near nothing.
	obs := s.Observe(tracks, w.TimeS(), nil)
	wantNear := map[int]int32{1: -1, 2: 0, 3: -1, 4: 2, 5: -1}
	for _, o := range obs {
		if o.Near != wantNear[o.ID] {
			t.Errorf("observed track %d: near %d, want %d", o.ID, o.Near, wantNear[o.ID])
		}
	}
	// Track 2 drifts 150 m off drone-a: beyond the gate (and its own
	// ellipsoid), on nothing; after two such seconds of three it is
	// clutter.
	for range 2 {
		w.Step()
		tracks[1] = confirmed(2, r3.Vec{X: 1150, Z: 50})
		s.Add(w, tracks)
	}
	if f := s.Tracks[2]; f.Cause() != "clutter" || f.OnDuplicate != 1 || f.OnNothing != 2 {
		t.Errorf("track 2 after drifting off: cause %q, duplicate %d, nothing %d", f.Cause(), f.OnDuplicate, f.OnNothing)
	}
}
