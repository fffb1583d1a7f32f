package scene

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/scenarios"
)

// savedSensors loads layout name from the file at path, as cuasim
// compare FILE --layouts NAME does (scenarios.Open, then WithLayout),
// and returns its sensors.
func savedSensors(t *testing.T, path, name string) []scenarios.Sensor {
	t.Helper()
	sc, err := scenarios.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	l, err := sc.WithLayout(name)
	if err != nil {
		t.Fatal(err)
	}
	return l.Sensors
}

// at returns the position of sensor id in ss, failing if it has none.
func at(t *testing.T, ss []scenarios.Sensor, id string) (e, n float64) {
	t.Helper()
	i := slices.IndexFunc(ss, func(s scenarios.Sensor) bool { return s.ID == id })
	if i < 0 {
		t.Fatalf("no sensor %s", id)
	}
	return ss[i].Position.EastM, ss[i].Position.NorthM
}

// TestSaveBuiltInAsCopy: drag → save → load on the built-in airport.
// Nothing moved, nothing to save; moved, the prompt proposes dragged-1
// in a copy in the current directory; saved, the copy's layout has the
// sensors where they were dragged (and every other as listed); the next
// prompt proposes dragged-2; a name the copy has is refused once, then
// replaced.
func TestSaveBuiltInAsCopy(t *testing.T) {
	t.Chdir(t.TempDir())
	s := airport(t)
	if _, err := NewSaveLayout(s, "airport", false, false, nil); err == nil || !strings.Contains(err.Error(), "no sensor is moved") {
		t.Fatalf("nothing moved: %v", err)
	}
	if err := s.MoveSensors([]SensorMove{{ID: "radar-east", EastM: 1600, NorthM: 900.5}}); err != nil {
		t.Fatal(err)
	}
	p, err := NewSaveLayout(s, "airport", false, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "dragged-1" || p.Path != "airport.yaml" || !strings.Contains(p.Note, "a copy in the current directory") {
		t.Errorf("prompt %q in %q: %s", p.Name, p.Path, p.Note)
	}
	msg, data, err := p.Save()
	if err != nil || data != nil {
		t.Fatalf("save: %v (%d bytes to download)", err, len(data))
	}
	if !strings.Contains(msg, "cuasim compare airport.yaml --layouts base,dragged-1") {
		t.Errorf("message %q does not say how to compare", msg)
	}
	got := savedSensors(t, "airport.yaml", "dragged-1")
	if e, n := at(t, got, "radar-east"); e != 1600 || n != 900.5 {
		t.Errorf("radar-east saved at %g, %g; dragged to 1600, 900.5", e, n)
	}
	if !scenarios.SameSensors(got, s.Scenario.Sensors) {
		t.Error("the layout saved has other sensors than the session runs")
	}
	listed, _ := scenarios.Embedded("airport")
	if e, n := at(t, got, "radar-main"); e != listed.Sensors[0].Position.EastM || n != listed.Sensors[0].Position.NorthM {
		t.Errorf("radar-main, not moved, saved at %g, %g", e, n)
	}

	// Again: the copy exists, dragged-1 is taken.
	if err := s.MoveSensors([]SensorMove{{ID: "radar-east", EastM: 100, NorthM: 200}}); err != nil {
		t.Fatal(err)
	}
	p, err = NewSaveLayout(s, "airport", false, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "dragged-2" || !strings.HasPrefix(p.Note, "adds to ") || !strings.Contains(p.Note, "airport.yaml, the file of that name") {
		t.Errorf("second prompt proposes %q: %s", p.Name, p.Note)
	}
	p.Name = "dragged-1"
	if _, _, err := p.Save(); err == nil || !strings.Contains(p.Problem, "already has a layout dragged-1: enter replaces it") {
		t.Fatalf("saving over dragged-1: %v; problem %q", err, p.Problem)
	}
	if e, _ := at(t, savedSensors(t, "airport.yaml", "dragged-1"), "radar-east"); e != 1600 {
		t.Error("a refused save changed the file")
	}
	if _, _, err := p.Save(); err != nil {
		t.Fatalf("saving over dragged-1 the second time: %v", err)
	}
	if e, n := at(t, savedSensors(t, "airport.yaml", "dragged-1"), "radar-east"); e != 100 || n != 200 {
		t.Errorf("replaced dragged-1 has radar-east at %g, %g", e, n)
	}
	if entries, _ := os.ReadDir("."); len(entries) != 1 {
		t.Errorf("files left in the directory: %v", entries)
	}
}

// TestSaveIntoOwnFile: a scenario opened from a file is saved into it,
// its text kept; a layout the view was switched to and then dragged in is
// saved relative to the listed sensors.
func TestSaveIntoOwnFile(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../scenarios/library/airport.yaml")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "site.yaml")
	if err := os.WriteFile(path, src, 0o600); err != nil {
		t.Fatal(err)
	}
	sc, err := scenarios.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSessionFromScenario(sc)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetLayout("rf-ring"); err != nil {
		t.Fatal(err)
	}
	if err := s.MoveSensors([]SensorMove{{ID: "rf-north", EastM: -250, NorthM: 2100}}); err != nil {
		t.Fatal(err)
	}
	p, err := NewSaveLayout(s, path, false, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if p.Path != path || !strings.HasPrefix(p.Note, "into the scenario's file") {
		t.Errorf("prompt writes %q: %s", p.Path, p.Note)
	}
	msg, _, err := p.Save()
	if err != nil {
		t.Fatal(err)
	}
	// The session now switches to the layout saved, and keeps its sensors.
	if f := s.Frame(); !slices.Contains(f.Layouts, "dragged-1") || !strings.HasSuffix(msg, "l switches to it") || f.Layout != "rf-ring" {
		t.Errorf("after saving, layouts %v, shown %s; message %q", f.Layouts, f.Layout, msg)
	}
	out, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(out), string(src[:strings.Index(string(src), "\n# The multi-sensor tracker")])) {
		t.Error("the file's text before the new layout changed")
	}
	got := savedSensors(t, path, "dragged-1")
	if !scenarios.SameSensors(got, s.Scenario.Sensors) {
		t.Error("the layout saved has other sensors than the session runs")
	}
	if e, n := at(t, got, "rf-north"); e != -250 || n != 2100 {
		t.Errorf("rf-north saved at %g, %g", e, n)
	}
	if slices.ContainsFunc(got, func(x scenarios.Sensor) bool { return x.ID == "radar-east" }) {
		t.Error("rf-ring's removal of radar-east is not in the saved layout")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("the file's mode became %v", fi.Mode())
	}
}

// TestSaveDownload: in the browser the file is not written but returned
// whole, and the next prompt, given it, adds to it.
func TestSaveDownload(t *testing.T) {
	t.Chdir(t.TempDir())
	s := airport(t)
	if err := s.MoveSensors([]SensorMove{{ID: "rf-south", EastM: 0, NorthM: -1500}}); err != nil {
		t.Fatal(err)
	}
	p, err := NewSaveLayout(s, "airport", false, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	p.Type([]rune("x\t\n")...) // control characters are not typed
	p.Backspace()
	p.NextField() // no file field to move to
	if p.Name != "dragged-1" || p.Field != 0 {
		t.Errorf("name %q, field %d after typing", p.Name, p.Field)
	}
	_, data, err := p.Save()
	if err != nil {
		t.Fatal(err)
	}
	if entries, _ := os.ReadDir("."); len(entries) != 0 {
		t.Errorf("a download wrote files: %v", entries)
	}
	sc, err := scenarios.Parse(p.Path, data)
	if err != nil {
		t.Fatal(err)
	}
	l, _ := sc.WithLayout("dragged-1")
	if !scenarios.SameSensors(l.Sensors, s.Scenario.Sensors) {
		t.Error("the downloaded layout has other sensors than the session runs")
	}
	p, err = NewSaveLayout(s, "airport", false, true, data)
	if err != nil || p.Name != "dragged-2" {
		t.Errorf("next download proposes %q (%v)", p.Name, err)
	}
}

// TestSaveOpenedInLayout: a scenario opened in one of its layouts (cuasim-view
// --layout no-k-band) has lost its listed sensors; the layout saved is still
// written against them, so that it removes what no-k-band removes.
func TestSaveOpenedInLayout(t *testing.T) {
	sc, err := scenarios.Embedded("airport")
	if err != nil {
		t.Fatal(err)
	}
	if sc, err = sc.WithLayout("no-k-band"); err != nil {
		t.Fatal(err)
	}
	s, err := NewSessionFromScenario(sc)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MoveSensors([]SensorMove{{ID: "radar-main", EastM: 50, NorthM: -60}}); err != nil {
		t.Fatal(err)
	}
	p, err := NewSaveLayout(s, "airport", false, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, data, err := p.Save()
	if err != nil {
		t.Fatal(err)
	}
	saved, err := scenarios.Parse(p.Path, data)
	if err != nil {
		t.Fatal(err)
	}
	l, _ := saved.WithLayout("dragged-1")
	if !scenarios.SameSensors(l.Sensors, s.Scenario.Sensors) {
		t.Errorf("saved %d sensors, the session runs %d", len(l.Sensors), len(s.Scenario.Sensors))
	}
}
