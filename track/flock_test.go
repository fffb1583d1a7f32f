package track

import (
	"math"
	"testing"

	"github.com/cuasim/cuasim/sensors"
)

// plotTrack starts a track on a radar plot (with elevation) at east e,
// north n, 50 m up, at time ts, as the tracker does for a plot no track
// took, and returns it.
func plotTrack(tr *Tracker, e, n, ts float64) *Track {
	rng := math.Sqrt(e*e + n*n + 50*50)
	d := sensors.Detection{TimeS: ts, Kind: sensors.RadarPlot, RangeM: rng, AzimuthRad: math.Atan2(e, n),
		ElevationRad: math.Asin(50 / rng), HasElevation: true,
		RangeStdM: 5, AzimuthStdRad: 0.01, ElevationStdRad: 0.01}
	m := FromDetection(&d)
	tr.initiatePlot(0, &m)
	return tr.tracks[len(tr.tracks)-1]
}

// TestFlockEvidence: a track started on a plot within 150 m of a
// confirmed track whose micro-Doppler labels say bird takes the most
// bird-like such neighbour's label evidence as a prior, bounded to −4.6;
// so does one within 150 m + 5 m/s × age of where such a track ended up
// to 30 s before. Nothing is taken farther away, later, from a tentative
// track or from a track whose labels say drone. With the prior, a
// fragment of a flock's track whose first two labels say drone is called
// bird, where it is called drone elsewhere, and a drone born among birds
// is called drone after two labels more.
func TestFlockEvidence(t *testing.T) {
	naiveClass(t)
	bird := func(tr *Tracker, labels float64, status Status) *Track {
		tk := classTrack(tr, 10, 0.01) // at (0, 1000, 50)
		tk.Status, tk.class.labels = status, labels
		return tk
	}
	for _, c := range []struct {
		name      string
		neighbour float64 // its labels term
		status    Status
		e, n      float64 // where the plot is
		want      float64
	}{
		{"beside a bird's track", -8, Confirmed, 100, 1000, -4.6},
		{"beside a track of one bird label", -2.2, Confirmed, 0, 1100, -2.2},
		{"150 m off", -8, Confirmed, 0, 1149, -4.6},
		{"160 m off", -8, Confirmed, 0, 1160, 0},
		{"beside a tentative track", -8, Tentative, 100, 1000, 0},
		{"beside a drone's track", +8, Confirmed, 100, 1000, 0},
	} {
		tr := classTracker()
		bird(tr, c.neighbour, c.status)
		tk := plotTrack(tr, c.e, c.n, 0)
		if !near(tk.class.flock, c.want) {
			t.Errorf("%s: flock term %.3f, want %.3f", c.name, tk.class.flock, c.want)
		}
		if !near(tk.Evidence.FlockLogOdds, c.want) || !near(tk.class.logOdds(), tr.priorLogOdds+c.want) {
			t.Errorf("%s: evidence %.3f, log-odds %.3f, want the prior %+.3f", c.name, tk.Evidence.FlockLogOdds, tk.class.logOdds(), c.want)
		}
	}

	// Where a bird's track ended, at 10 s (it flew east at 10 m/s, to
	// (100, 1000)): remembered for 30 s, in a circle growing at 5 m/s.
	for _, c := range []struct {
		name  string
		at, n float64
		want  float64
	}{
		{"10 s later, 190 m off", 20, 1190, -4.6},
		{"10 s later, 210 m off", 20, 1210, 0},
		{"29 s later, 240 m off", 39, 1240, -4.6},
		{"31 s later, beside it", 41, 1000, 0},
	} {
		tr := classTracker()
		gone := bird(tr, -8, Confirmed)
		gone.updated, gone.Misses = false, tr.cfg.DeleteMisses
		tr.housekeeping(10)
		if gone.Status != Deleted || len(tr.Tracks()) != 0 {
			t.Fatalf("the bird's track did not end")
		}
		tk := plotTrack(tr, 100, c.n, c.at)
		if !near(tk.class.flock, c.want) {
			t.Errorf("ended track, %s: flock term %.3f, want %.3f", c.name, tk.class.flock, c.want)
		}
	}

	// What the prior does: two drone labels (+2.42 each) on a fragment.
	label := func(tr *Tracker, tk *Track, at float64, c sensors.Class) {
		tr.credit(tk, 0, &Measurement{TimeS: at, Sensor: 0, Kind: sensors.RadarPlot, Class: c}, 1)
	}
	tr := classTracker()
	bird(tr, -8, Confirmed)
	among, alone := plotTrack(tr, 50, 1000, 0), plotTrack(tr, 3000, 1000, 0)
	for k := range 2 {
		label(tr, among, float64(k)+0.5, sensors.ClassDrone)
		label(tr, alone, float64(k)+0.5, sensors.ClassDrone)
	}
	if among.PDrone >= among.PBird || alone.PDrone <= alone.PBird {
		t.Errorf("two drone labels: among birds P(drone) %.2f P(bird) %.2f, alone P(drone) %.2f P(bird) %.2f",
			among.PDrone, among.PBird, alone.PDrone, alone.PBird)
	}
	for k := range 2 {
		label(tr, among, float64(k)+2.5, sensors.ClassDrone)
	}
	if among.PDrone <= among.PBird {
		t.Errorf("four drone labels among birds: P(drone) %.2f, P(bird) %.2f", among.PDrone, among.PBird)
	}
}

// TestMergeKeepsObservedClass: when duplicates merge, the survivor keeps
// the class evidence that its own observations make surer; a flock's
// prior is no observation. A drone's track (+10 from labels) that absorbs
// a fragment born among birds with a little bird evidence of its own
// stays a drone, though the fragment's log-odds, prior included, is
// further from zero.
func TestMergeKeepsObservedClass(t *testing.T) {
	naiveClass(t)
	tr := classTracker()
	drone := classTrack(tr, 10, 0.01)
	drone.class.labels = 10
	frag := classTrack(tr, 10, 0.01)
	frag.class.flock, frag.class.labels = -4.6, -6
	if !(math.Abs(frag.class.logOdds()) > math.Abs(drone.class.logOdds())) {
		t.Fatalf("the case needs the fragment's log-odds (%.1f) further from zero than the drone's (%.1f)", frag.class.logOdds(), drone.class.logOdds())
	}
	drone.absorb(frag)
	if drone.class.labels != 10 || drone.class.flock != 0 || drone.PDrone <= drone.PBird {
		t.Errorf("the drone's track took the fragment's class: labels %.1f, flock %.1f, P(drone) %.2f", drone.class.labels, drone.class.flock, drone.PDrone)
	}
	frag.absorb(drone) // the other way round: the drone's evidence wins
	if frag.class.labels != 10 || frag.class.flock != 0 {
		t.Errorf("the fragment kept its class over the drone's: labels %.1f, flock %.1f", frag.class.labels, frag.class.flock)
	}
}
