package metrics_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/sim"
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

// TestGroupTracking scores a group of two drones (and a lone one) over two
// evaluations, against figures worked out by hand and GOSPA by brute
// force: at t = 1 one track holds member a, none member b (half held:
// the group is tracked at 1 s); at t = 2 tracks hold both and a third
// track, assigned nothing, is 10 m from b (a duplicate on the group). A
// track on the lone drone is not on the group.
func TestGroupTracking(t *testing.T) {
	w := &sim.World{StepS: 1, DurationS: 10, Entities: []sim.Entity{
		{ID: 0, Name: "a", Kind: sim.Drone, Active: true, Group: "g"},
		{ID: 1, Name: "b", Kind: sim.Drone, Active: true, Group: "g"},
		{ID: 2, Name: "lone", Kind: sim.Drone, Active: true},
	}}
	s := metrics.NewTrackStats(w, 100)
	if len(s.Groups) != 1 || s.Groups[0].Name != "g" || len(s.Groups[0].Members) != 2 {
		t.Fatalf("groups %+v, want g of a and b", s.Groups)
	}
	a, b, lone := r3.Vec{Z: 50}, r3.Vec{X: 50, Z: 50}, r3.Vec{X: 1000, Z: 50}
	steps := [][]*track.Track{
		{confirmed(1, r3.Vec{X: 5, Z: 50}), confirmed(9, r3.Vec{X: 1003, Z: 50})},
		{confirmed(1, r3.Vec{X: 5, Z: 50}), confirmed(2, r3.Vec{X: 50, Y: 3, Z: 50}), confirmed(3, r3.Vec{X: 60, Z: 50}), confirmed(9, r3.Vec{X: 1003, Z: 50})},
	}
	wantGOSPA := 0.0
	for _, tracks := range steps {
		w.Step()
		w.Entities[0].Pos, w.Entities[1].Pos, w.Entities[2].Pos = a, b, lone
		s.Add(w, tracks)
		var onGroup []r3.Vec
		for _, tk := range tracks {
			if tk.ID != 9 {
				onGroup = append(onGroup, tk.Position())
			}
		}
		g, _ := bruteForceGOSPA([]r3.Vec{a, b}, onGroup, 100, 2)
		wantGOSPA += g
	}
	g := s.Groups[0]
	if g.Evaluations != 2 || g.Present != 4 || g.Held != 3 || g.HalfHeldS != 1 {
		t.Errorf("group: %d evaluations, %d present, %d held, half held at %g s; want 2, 4, 3, 1 s", g.Evaluations, g.Present, g.Held, g.HalfHeldS)
	}
	if math.Abs(g.GOSPASum-wantGOSPA) > 1e-9 || math.Abs(g.MeanGOSPA()-wantGOSPA/2) > 1e-9 {
		t.Errorf("group GOSPA sum %.6f (mean %.6f), want %.6f by brute force", g.GOSPASum, g.MeanGOSPA(), wantGOSPA)
	}
}
