package e2e

import (
	"math"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/cuasim/cuasim/scene"
)

// TestReplay records a run with cuasim run --out, opens it as a replay and
// checks what the viewer would show: the drones and birds where truth.csv
// puts them (interpolated between its one-second samples), only the last
// seconds of detections, tracks, and a layout that cannot be changed; then
// the viewer renders it under Xvfb.
func TestReplay(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "cuasim")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/cuasim").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	run := filepath.Join(dir, "run")
	if out, err := exec.Command(bin, "run", "airport", "--duration", "300", "--out", run, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("cuasim run: %v\n%s", err, out)
	}
	r, err := scene.OpenReplay(run)
	if err != nil {
		t.Fatal(err)
	}
	r.AdvanceTo(200.5)
	f := r.Frame()
	if !f.Replay || f.TimeS != 200.5 || f.DurationS != 300 {
		t.Fatalf("frame: replay %v at %g of %g s", f.Replay, f.TimeS, f.DurationS)
	}
	if len(f.Entities) == 0 || len(f.Tracks) == 0 || len(f.Detections) == 0 {
		t.Fatalf("%d entities, %d tracks, %d detections at 200.5 s", len(f.Entities), len(f.Tracks), len(f.Detections))
	}
	for _, d := range f.Detections {
		if d.TimeS > 200.5+1e-9 || d.TimeS < 200.5-scene.FadeS {
			t.Fatalf("detection at %g s shown at 200.5 s", d.TimeS)
		}
	}
	// The same scenario live, at the same moment: the replay's truth is
	// the live truth, to the interpolation between 200 and 201 s.
	live, err := scene.NewSessionFromScenario(mustScenario(t, "airport"))
	if err != nil {
		t.Fatal(err)
	}
	live.Scenario.Run.DurationS = 300 // count arrivals spread over the run's length
	if err := live.Restart(live.Seed); err != nil {
		t.Fatal(err)
	}
	live.AdvanceTo(200.5)
	want := map[int][3]float64{}
	for _, e := range live.Frame().Entities {
		want[e.ID] = [3]float64{e.Pos.X, e.Pos.Y, e.Pos.Z}
	}
	for _, e := range f.Entities {
		w, ok := want[e.ID]
		if !ok {
			t.Errorf("replay shows entity %d (%s), absent live", e.ID, e.Name)
			continue
		}
		// Linear interpolation between one-second samples misses the
		// curvature of a bird's random walk by a few metres.
		if d := math.Hypot(math.Hypot(e.Pos.X-w[0], e.Pos.Y-w[1]), e.Pos.Z-w[2]); d > 6 {
			t.Errorf("%s at %.1f m from its live position", e.Name, d)
		}
	}
	if err := r.MoveSensor(0, 0, 0); err == nil {
		t.Error("a replay let a sensor move")
	}
	img := screenshot(t, "--replay", run, "--at", "200s", "--size", "640x480")
	if b := img.Bounds(); b.Dx() != 640 || b.Dy() != 480 {
		t.Fatalf("replay picture is %v", b)
	}
}
