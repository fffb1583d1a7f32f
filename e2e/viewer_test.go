package e2e

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/scene"
)

// display returns how to run a windowed program here: directly when a
// display is set, under xvfb-run otherwise. Without either the test is
// skipped, unless CUASIM_REQUIRE_DISPLAY is set (the test script sets it,
// so CI cannot skip it silently).
func display(t testing.TB) (prefix []string) {
	t.Helper()
	if os.Getenv("DISPLAY") != "" {
		return nil
	}
	if p, err := exec.LookPath("xvfb-run"); err == nil {
		return []string{p, "-a", "-s", "-screen 0 1280x1024x24"}
	}
	if os.Getenv("CUASIM_REQUIRE_DISPLAY") != "" {
		t.Fatal("no DISPLAY and no xvfb-run; install Xvfb (scripts/test.sh does)")
	}
	t.Skip("no DISPLAY and no xvfb-run")
	return nil
}

// screenshot builds the viewer, runs it under Xvfb with --screenshot and
// the given arguments, and returns the picture.
func screenshot(t *testing.T, args ...string) image.Image {
	t.Helper()
	prefix := display(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "cuasim-view")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/cuasim-view").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	shot := filepath.Join(dir, "shot.png")
	cmd := append(append(prefix, bin, "--screenshot", shot), args...)
	if out, err := exec.Command(cmd[0], cmd[1:]...).CombinedOutput(); err != nil {
		t.Fatalf("%v: %v\n%s", cmd, err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestScreenshot starts the viewer under Xvfb and renders the airport at
// 300 s: with every layer the picture has the asked size and is far from
// blank; with the site alone (no moving objects to cover them) every
// sensor is drawn where the camera puts it, in its colour.
func TestScreenshot(t *testing.T) {
	img := screenshot(t, "--at", "300s", "--size", "800x600", "airport")
	if b := img.Bounds(); b.Dx() != 800 || b.Dy() != 600 {
		t.Fatalf("picture is %v, want 800x600", b)
	}
	colours := map[color.RGBA]bool{}
	for y := 0; y < 600; y += 3 {
		for x := 0; x < 800; x += 3 {
			colours[rgba(img, x, y)] = true
		}
	}
	if len(colours) < 50 {
		t.Errorf("only %d colours: a blank picture?", len(colours))
	}

	img = screenshot(t, "--at", "300s", "--size", "800x600", "--layers", "none", "airport")

	// Where the viewer's camera puts each sensor, and its colour there.
	checkSensors(t, img, 800, 600, 800, 600, 13)
}

func rgba(img image.Image, x, y int) color.RGBA {
	r, g, b, a := img.At(x, y).RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

func near(a, b color.RGBA) bool {
	d := func(x, y uint8) int {
		if x > y {
			return int(x - y)
		}
		return int(y - x)
	}
	return d(a.R, b.R) <= 6 && d(a.G, b.G) <= 6 && d(a.B, b.B) <= 6
}

// BenchmarkDrawCrowd measures the viewer's draw path with about 190
// confirmed tracks (and their 200 drones) on screen, at 1280x800: the CPU
// time per frame of Draw — what must fit in 16.7 ms for 60 frames per
// second — and the wall time per frame on this machine's OpenGL (under
// Xvfb that is Mesa's software renderer; a GPU renders far faster). Run:
//
//	go test ./e2e -run '^$' -bench DrawCrowd -benchtime 1x
func BenchmarkDrawCrowd(b *testing.B) {
	prefix := display(b)
	dir := b.TempDir()
	bin := filepath.Join(dir, "cuasim-view")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/cuasim-view").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	for b.Loop() {
		cmd := append(prefix, bin, "--measure-frames", "300", "--at", "60s", "--size", "1280x800", "testdata/crowd.yaml")
		out, err := exec.Command(cmd[0], cmd[1:]...).Output()
		if err != nil {
			b.Fatalf("%v: %v", cmd, err)
		}
		var frames, w, h, tracks int
		var cpuMS, cpuFPS, wallMS, wallFPS float64
		if _, err := fmt.Sscanf(string(out), "%d frames of %dx%d with %d tracks: draw path %f ms of CPU per frame (%f frames per second of budget); %f ms per frame on this display's renderer (%f fps)",
			&frames, &w, &h, &tracks, &cpuMS, &cpuFPS, &wallMS, &wallFPS); err != nil {
			b.Fatalf("cannot read %q: %v", out, err)
		}
		b.ReportMetric(float64(tracks), "tracks")
		b.ReportMetric(cpuMS, "draw-ms/frame")
		b.ReportMetric(wallMS, "wall-ms/frame")
	}
}

// BenchmarkDrawSwarm measures the viewer with a 1000-drone swarm: the
// embedded swarm scenario with its group of 200 set to 1000 (the most a
// group holds), at 12:00, when the group circles the ammunition dump
// (1012 drones and birds, about 470 tracks, 4300 plots and bearings of
// the last 4 s, 220 alerts), at 1280x800 with every layer shown. It
// reports the draw path's CPU time and allocations per frame of a still
// frame (--measure-frames 300), then the game played as its window plays
// it (--measure-play 300: 60 ticks a second, the run going on at ×4):
// the frames and ticks per second, and the CPU time of an update (the
// simulation's steps) and of a draw. Under Xvfb the frames per second are
// Mesa's software renderer's, on the CPU cores the game shares; a GPU
// renders far faster. Run:
//
//	go test ./e2e -run '^$' -bench DrawSwarm -benchtime 1x
func BenchmarkDrawSwarm(b *testing.B) {
	prefix := display(b)
	dir := b.TempDir()
	bin := filepath.Join(dir, "cuasim-view")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/cuasim-view").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	src, err := os.ReadFile("../scenarios/library/swarm.yaml")
	if err != nil {
		b.Fatal(err)
	}
	yaml := bytes.Replace(src, []byte("group: {size: 200,"), []byte("group: {size: 1000,"), 1)
	if bytes.Equal(yaml, src) {
		b.Fatal("swarm.yaml has no group of size 200 to enlarge")
	}
	scenario := filepath.Join(dir, "swarm1000.yaml")
	if err := os.WriteFile(scenario, yaml, 0o644); err != nil {
		b.Fatal(err)
	}
	run := func(args ...string) string {
		cmd := append(append(prefix, bin), append(args, "--at", "12m", "--size", "1280x800", scenario)...)
		out, err := exec.Command(cmd[0], cmd[1:]...).Output()
		if err != nil {
			b.Fatalf("%v: %v", cmd, err)
		}
		return string(out)
	}
	for b.Loop() {
		out := run("--measure-frames", "300")
		var frames, w, h, tracks int
		var cpuMS, cpuFPS, wallMS, wallFPS, allocs float64
		if _, err := fmt.Sscanf(out, "%d frames of %dx%d with %d tracks: draw path %f ms of CPU per frame (%f frames per second of budget); %f ms per frame on this display's renderer (%f fps); %f allocations per frame",
			&frames, &w, &h, &tracks, &cpuMS, &cpuFPS, &wallMS, &wallFPS, &allocs); err != nil {
			b.Fatalf("cannot read %q: %v", out, err)
		}
		b.ReportMetric(float64(tracks), "tracks")
		b.ReportMetric(cpuMS, "draw-ms/frame")
		b.ReportMetric(allocs, "draw-allocs/frame")
		b.ReportMetric(wallMS, "wall-ms/frame")

		out = run("--measure-play", "300")
		var simS, speed, fps, tps, actualFPS, actualTPS, updateMS, drawMS float64
		if _, err := fmt.Sscanf(out, "played %d frames of %dx%d (%f simulated s at ×%f): %f frames and %f ticks per second (ebiten's ActualFPS %f, ActualTPS %f); update %f ms, draw %f ms of CPU; %f allocations per frame",
			&frames, &w, &h, &simS, &speed, &fps, &tps, &actualFPS, &actualTPS, &updateMS, &drawMS, &allocs); err != nil {
			b.Fatalf("cannot read %q: %v", out, err)
		}
		b.ReportMetric(fps, "played-fps")
		b.ReportMetric(tps, "played-tps")
		b.ReportMetric(updateMS, "update-ms/tick")
		b.ReportMetric(drawMS, "played-draw-ms/frame")
	}
}

func mustScenario(t *testing.T, name string) *scenarios.Scenario {
	t.Helper()
	sc, err := scenarios.Embedded(name)
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// checkSensors checks that every airport sensor is drawn in its colour
// where the viewer's camera puts it: framed for a fitW × fitH view, shown
// in a w × h picture. The marker is a filled square or triangle around
// the point; bearing lines may cross it, so at least minMatch of the 25
// pixels of its core must match.
func checkSensors(t *testing.T, img image.Image, fitW, fitH, w, h, minMatch int) {
	t.Helper()
	sc := mustScenario(t, "airport")
	s, err := scene.NewSessionFromScenario(sc)
	if err != nil {
		t.Fatal(err)
	}
	cam := scene.NewView(s.Frame(), fitW, fitH, 4).Cam
	cam.W, cam.H = w, h
	want := map[string]color.RGBA{"radar": {0x3d, 0xa5, 0xf4, 0xff}, "rf": {0xc0, 0x7b, 0xf0, 0xff}}
	for _, sn := range sc.Sensors {
		x, y := cam.ToScreen(sn.Position.EastM, sn.Position.NorthM)
		match := 0
		for dy := -1; dy <= 3; dy++ {
			for dx := -2; dx <= 2; dx++ {
				if near(rgba(img, int(x)+dx, int(y)+dy), want[sn.Type]) {
					match++
				}
			}
		}
		if match < minMatch {
			t.Errorf("sensor %s at pixel (%.0f, %.0f): %d of 25 pixels in its colour %v (centre %v)", sn.ID, x, y, match, want[sn.Type], rgba(img, int(x), int(y)+1))
		}
	}
}

// TestLayoutScreenshot starts the viewer in another of the airport's
// layouts (--layout rf-ring: the K-band radar's budget spent on two more
// RF detectors) and checks the sensors drawn where that layout puts them:
// the added RF detectors in their colour, and no radar where the removed
// one stood.
func TestLayoutScreenshot(t *testing.T) {
	const w, h = 800, 600
	img := screenshot(t, "--at", "60s", "--size", fmt.Sprintf("%dx%d", w, h), "--layers", "none", "--layout", "rf-ring", "airport")
	s, err := scene.NewSessionFromScenario(mustScenario(t, "airport"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetLayout("rf-ring"); err != nil {
		t.Fatal(err)
	}
	f := s.Frame()
	cam := scene.NewView(f, w, h, 4).Cam
	radar, rf := color.RGBA{0x3d, 0xa5, 0xf4, 0xff}, color.RGBA{0xc0, 0x7b, 0xf0, 0xff}
	core := func(e, n float64, col color.RGBA) int {
		x, y := cam.ToScreen(e, n)
		match := 0
		for dy := -1; dy <= 3; dy++ {
			for dx := -2; dx <= 2; dx++ {
				if near(rgba(img, int(x)+dx, int(y)+dy), col) {
					match++
				}
			}
		}
		return match
	}
	for _, sv := range f.Sensors {
		o := sv.Coverage.Origin
		want := radar
		if sv.Type == "rf" {
			want = rf
		}
		if m := core(o.X, o.Y, want); m < 13 {
			t.Errorf("sensor %s of rf-ring: %d of 25 pixels in its colour", sv.ID, m)
		}
	}
	for _, sn := range mustScenario(t, "airport").Sensors {
		if sn.ID == "radar-east" {
			if m := core(sn.Position.EastM, sn.Position.NorthM, radar); m > 0 {
				t.Errorf("radar-east, which rf-ring removes, drawn: %d pixels in radar colour", m)
			}
		}
	}
	if ids := sensorIDs(f); !slices.Contains(ids, "rf-north") || !slices.Contains(ids, "rf-far-east") || slices.Contains(ids, "radar-east") {
		t.Errorf("rf-ring's sensors are %v", ids)
	}
}

// TestScreenshotIsAStill: a screenshot shows nothing of playing the
// run — the same moment paused or playing, at any speed, gives the same
// picture — and is written readable by all (0644), as a user's files are.
func TestScreenshotIsAStill(t *testing.T) {
	prefix := display(t)
	bin := buildViewer(t)
	dir := t.TempDir()
	var pics [][]byte
	for i, extra := range [][]string{nil, {"--paused"}} {
		shot := filepath.Join(dir, fmt.Sprintf("shot%d.png", i))
		cmd := append(append(prefix, bin, "--screenshot", shot, "--at", "5m", "--size", "800x600", "base"), extra...)
		if out, err := exec.Command(cmd[0], cmd[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", cmd, err, out)
		}
		fi, err := os.Stat(shot)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("%s written with mode %v, want 0644", shot, fi.Mode().Perm())
		}
		b, err := os.ReadFile(shot)
		if err != nil {
			t.Fatal(err)
		}
		pics = append(pics, b)
	}
	if !bytes.Equal(pics[0], pics[1]) {
		t.Error("the same moment paused and playing gives two pictures: the playback state is drawn")
	}
}
