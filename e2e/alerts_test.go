package e2e

import (
	"fmt"
	"image/color"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/scene"
)

// The alert levels' colours in the viewer's palette.
var levelColours = map[alert.Level]color.RGBA{
	alert.Advisory: {0xf0, 0xe4, 0x42, 0xff},
	alert.Warning:  {0xff, 0x7a, 0x1a, 0xff},
	alert.Critical: {0xff, 0x3d, 0xb4, 0xff},
}

// alertKey is what identifies an alert in force and its state.
type alertKey struct {
	Track, Zone int
	Level       alert.Level
	StartS      float64
}

func alertKeys(as []scene.AlertView) []alertKey {
	var ks []alertKey
	for _, a := range as {
		ks = append(ks, alertKey{a.Track, a.Zone, a.Level, math.Round(a.StartS*1000) / 1000})
	}
	return ks
}

// TestReplayAlerts records fifteen minutes of the airport in its
// no-k-band layout with cuasim run --out, and replays it next to the same
// run live (the same seed and duration, switched to the same layout):
// second by second, the alerts the replay rebuilds from alerts.csv are
// those the live alert rules hold — same tracks, zones, levels and start
// times, in the same order — and at each recorded event the same
// assessment. The replay is in the recorded layout, and a recording
// without alerts.csv (made before alerting) replays with none.
func TestReplayAlerts(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "cuasim")
	if out, err := exec.Command("go", "build", "-o", bin, "../cmd/cuasim").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	run := filepath.Join(dir, "run")
	if out, err := exec.Command(bin, "run", "airport", "--layout", "no-k-band", "--duration", "15m", "--out", run, "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("cuasim run: %v\n%s", err, out)
	}
	r, err := scene.OpenReplay(run)
	if err != nil {
		t.Fatal(err)
	}
	live, err := scene.NewSessionFromScenario(mustScenario(t, "airport"))
	if err != nil {
		t.Fatal(err)
	}
	live.Scenario.Run.DurationS = 900
	if err := live.SetLayout("no-k-band"); err != nil {
		t.Fatal(err)
	}
	if f, l := r.Frame(), live.Frame(); f.Layout != "no-k-band" || !slices.Equal(sensorIDs(f), sensorIDs(l)) {
		t.Fatalf("replay in layout %q with sensors %v; live %q with %v", f.Layout, sensorIDs(f), l.Layout, sensorIDs(l))
	}
	if err := r.SetLayout("base"); err == nil {
		t.Error("a replay switched layouts")
	}
	compared, events := 0, 0
	for ts := 1.0; ts <= 900; ts++ {
		live.AdvanceTo(ts)
		r.AdvanceTo(ts)
		lf, rf := live.Frame(), r.Frame()
		got, want := alertKeys(rf.Alerts), alertKeys(lf.Alerts)
		if !slices.Equal(got, want) {
			t.Fatalf("at %g s the replay has alerts\n%+v\nlive\n%+v", ts, got, want)
		}
		if !slices.Equal(rf.ZoneLevels, lf.ZoneLevels) {
			t.Fatalf("at %g s zone levels %v in the replay, %v live", ts, rf.ZoneLevels, lf.ZoneLevels)
		}
		compared += len(got)
		for i, a := range rf.Alerts {
			if math.Abs(a.AssessedS-ts) > 1e-6 {
				continue
			}
			events++ // started or changed level now: the recorded assessment is now's
			w := lf.Alerts[i]
			if a.Inside != w.Inside || math.IsInf(a.TimeToEntryS, 1) != math.IsInf(w.TimeToEntryS, 1) ||
				!math.IsInf(w.TimeToEntryS, 1) && math.Abs(a.TimeToEntryS-w.TimeToEntryS) > 0.051 {
				t.Errorf("at %g s track %d on %s: replay inside %v, entry in %g s; live %v, %g s",
					ts, a.Track, a.ZoneName, a.Inside, a.TimeToEntryS, w.Inside, w.TimeToEntryS)
			}
		}
	}
	t.Logf("%d alert-seconds compared, %d assessments at recorded events", compared, events)
	if compared < 100 || events < 10 {
		t.Fatalf("only %d alert-seconds and %d events compared: the run should have alerts", compared, events)
	}

	// A recording from before alerting.
	if err := os.Remove(filepath.Join(run, "alerts.csv")); err != nil {
		t.Fatal(err)
	}
	old, err := scene.OpenReplay(run)
	if err != nil {
		t.Fatal(err)
	}
	old.AdvanceTo(720)
	if f := old.Frame(); len(f.Alerts) != 0 || len(f.Tracks) == 0 {
		t.Errorf("without alerts.csv: %d alerts, %d tracks", len(f.Alerts), len(f.Tracks))
	}
}

func sensorIDs(f *scene.Frame) []string {
	var ids []string
	for _, s := range f.Sensors {
		ids = append(ids, s.ID)
	}
	return ids
}

// TestAlertScreenshot renders the airport at 30:38, when a drone is over
// the apron and critical alerts are in force, and checks the picture
// where the same run, live, says the alerts are: the runway and the apron
// outlined in the critical colour, each critically alerting track's
// triangle in it, and the list's rows with their levels' colours, most
// urgent first.
func TestAlertScreenshot(t *testing.T) {
	const w, h, at, zoom = 1000, 700, 1838, 2
	// Zoomed on the airfield, without the legend, which would cover the
	// runway's west end.
	img := screenshot(t, "--at", fmt.Sprint(at), "--size", fmt.Sprintf("%dx%d", w, h), "--zoom", fmt.Sprint(zoom),
		"--layers", "coverage,truth,detections,tracks,labels", "airport")

	live, err := scene.NewSessionFromScenario(mustScenario(t, "airport"))
	if err != nil {
		t.Fatal(err)
	}
	live.AdvanceTo(at)
	f := live.Frame()
	cam := scene.NewView(f, w, h, 4).Cam
	cam.Zoom(zoom, w/2, h/2)
	zone := func(name string) int {
		return slices.IndexFunc(f.Zones, func(z scenarios.Zone) bool { return z.Name == name })
	}
	crit := levelColours[alert.Critical]
	for _, name := range []string{"runway", "apron"} {
		if l := f.ZoneLevels[zone(name)]; l != alert.Critical {
			t.Fatalf("live at %d s the %s is at level %v; the test needs a critical alert there", at, name, l)
		}
	}
	// found reports whether the colour is within r pixels of (x, y).
	found := func(x, y float32, r int, want color.RGBA) bool {
		for dy := -r; dy <= r; dy++ {
			for dx := -r; dx <= r; dx++ {
				if near(rgba(img, int(x)+dx, int(y)+dy), want) {
					return true
				}
			}
		}
		return false
	}

	// The runway, a long strip: its outline is in the critical colour
	// along its length (tracks and labels may cover a few points).
	match := 0
	for e := -1400.0; e <= 1400; e += 200 {
		x, y0 := cam.ToScreen(e, 23)
		_, y1 := cam.ToScreen(e, -23)
		if found(x, y0, 1, crit) || found(x, y1, 1, crit) {
			match++
		}
	}
	if match < 11 {
		t.Errorf("runway: %d of 15 points along it in the critical colour", match)
	}
	// The apron's outline, at the middle of each side.
	match = 0
	for _, p := range [][2]float64{{0, 200}, {0, 380}, {-300, 290}, {300, 290}} {
		x, y := cam.ToScreen(p[0], p[1])
		if found(x, y, 2, crit) {
			match++
		}
	}
	if match < 3 {
		t.Errorf("apron: %d of 4 sides in the critical colour", match)
	}
	// Each critically alerting track's triangle: its base, below the track.
	tracks := 0
	for _, tv := range f.Tracks {
		if f.TrackAlertLevel(tv.ID) != alert.Critical {
			continue
		}
		tracks++
		x, y := cam.ToScreen(tv.Pos.X, tv.Pos.Y)
		if !found(x, y+15.0/2, 2, crit) && !found(x-6, y+15.0/2, 2, crit) && !found(x+6, y+15.0/2, 2, crit) {
			t.Errorf("track %d at pixel (%.0f, %.0f): no critical triangle", tv.ID, x, y)
		}
	}
	if tracks == 0 {
		t.Error("no track with a critical alert live")
	}
	// The list: under the HUD, one row per alert with its level's swatch.
	if len(f.Alerts) < 3 {
		t.Fatalf("%d alerts live; the test wants a few", len(f.Alerts))
	}
	for i, a := range f.Alerts[:min(4, len(f.Alerts))] {
		x, y := 21, 62+5+18*(i+1)+9
		if got := rgba(img, x, y); !near(got, levelColours[a.Level]) {
			t.Errorf("list row %d (track %d on %s, %v): swatch %v, want %v", i+1, a.Track, a.ZoneName, a.Level, got, levelColours[a.Level])
		}
	}
	if f.Alerts[0].Level != alert.Critical {
		t.Errorf("first alert listed is %v, want the critical ones first", f.Alerts[0].Level)
	}
}
