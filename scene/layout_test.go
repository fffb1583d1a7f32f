package scene

import (
	"slices"
	"testing"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sim"
)

func sensorIDs(f *Frame) []string {
	var ids []string
	for _, s := range f.Sensors {
		ids = append(ids, s.ID)
	}
	return ids
}

// TestSetLayout: switching layouts restarts the run with the same seed:
// the truth is the same at the same time, the sensors are the layout's,
// the detections those of a session opened in that layout, and the
// tracker's settings stay.
func TestSetLayout(t *testing.T) {
	s := airport(t)
	f := s.Frame()
	if f.Layout != scenarios.BaseLayout || !slices.Equal(f.Layouts, s.Scenario.LayoutNames()) || len(f.Layouts) < 3 {
		t.Fatalf("layout %q of %v", f.Layout, f.Layouts)
	}
	base := sensorIDs(f)
	if err := s.SetConfirmation(2, 4); err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(600)
	truth := func() []sim.Entity { return slices.Clone(s.World.Entities) }
	before := truth()

	if err := s.SetLayout("rf-ring"); err != nil {
		t.Fatal(err)
	}
	f = s.Frame()
	if s.TimeS() != 0 || f.Layout != "rf-ring" || s.Seed != 1 {
		t.Fatalf("after switching: time %g, layout %q, seed %d", s.TimeS(), f.Layout, s.Seed)
	}
	if ids := sensorIDs(f); slices.Equal(ids, base) || slices.Contains(ids, "radar-east") || !slices.Contains(ids, "rf-north") {
		t.Errorf("rf-ring's sensors are %v (base %v)", ids, base)
	}
	if f.ConfirmM != 2 || f.ConfirmN != 4 {
		t.Errorf("confirmation %d of %d after switching, want 2 of 4 kept", f.ConfirmM, f.ConfirmN)
	}
	s.AdvanceTo(600)
	after := truth()
	for i := range before {
		if before[i].Pos != after[i].Pos || before[i].Vel != after[i].Vel {
			t.Fatalf("entity %s at %v in base, %v in rf-ring", before[i].Name, before[i].Pos, after[i].Pos)
		}
	}

	// The same as a session opened in the layout.
	sc, err := scenarios.Embedded("airport")
	if err != nil {
		t.Fatal(err)
	}
	lsc, err := sc.WithLayout("rf-ring")
	if err != nil {
		t.Fatal(err)
	}
	lsc.Tracker.ConfirmM, lsc.Tracker.ConfirmN = 2, 4
	ref, err := NewSessionFromScenario(lsc)
	if err != nil {
		t.Fatal(err)
	}
	ref.AdvanceTo(600)
	if !slices.Equal(ref.Recent, s.Recent) || len(s.Recent) == 0 {
		t.Errorf("%d recent detections after switching, %d in a session opened in the layout", len(s.Recent), len(ref.Recent))
	}
	if g, w := s.Frame().Alerts, ref.Frame().Alerts; !slices.Equal(g, w) {
		t.Errorf("alerts after switching %+v, opened in the layout %+v", g, w)
	}
	if f := ref.Frame(); f.Layout != "rf-ring" || !slices.Equal(f.Layouts, []string{"rf-ring"}) {
		t.Errorf("a session opened in rf-ring: layout %q of %v", f.Layout, f.Layouts)
	}
	if err := ref.SetLayout(scenarios.BaseLayout); err == nil {
		t.Error("a session opened in a layout switched to base, whose sensors it does not have")
	}

	// Moving a sensor works within the layout; back and forth drops it.
	if err := s.MoveSensor(0, 100, 200); err != nil {
		t.Fatal(err)
	}
	if s.Frame().Layout != "rf-ring" || s.Coverage[0].Origin.X != 100 {
		t.Errorf("after a move: layout %q, sensor 0 at %v", s.Frame().Layout, s.Coverage[0].Origin)
	}
	if err := s.SetLayout("nowhere"); err == nil {
		t.Error("switched to a layout that does not exist")
	}
	if s.Frame().Layout != "rf-ring" {
		t.Errorf("a failed switch left layout %q", s.Frame().Layout)
	}
	if err := s.SetLayout(scenarios.BaseLayout); err != nil {
		t.Fatal(err)
	}
	if ids := sensorIDs(s.Frame()); !slices.Equal(ids, base) {
		t.Errorf("back in base: sensors %v, want %v", ids, base)
	}
	if o := s.Coverage[0].Origin; o.X == 100 && o.Y == 200 {
		t.Error("a sensor moved in rf-ring is still moved in base")
	}
}

func TestNextLayout(t *testing.T) {
	f := &Frame{Layout: "b", Layouts: []string{"a", "b", "c"}}
	for _, c := range []struct {
		d    int
		want string
	}{{1, "c"}, {-1, "a"}, {2, "a"}, {-2, "c"}, {3, "b"}, {-4, "a"}} {
		if got, ok := f.NextLayout(c.d); got != c.want || !ok {
			t.Errorf("NextLayout(%d) from b of a, b, c: %q, %v; want %q", c.d, got, ok, c.want)
		}
	}
	f = &Frame{Layout: "a", Layouts: []string{"a"}}
	if got, ok := f.NextLayout(1); ok || got != "a" {
		t.Errorf("NextLayout with one layout: %q, %v", got, ok)
	}
}
