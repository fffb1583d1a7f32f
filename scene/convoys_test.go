package scene

import (
	"math"
	"testing"

	"github.com/cuasim/cuasim/scenarios"
)

// TestFrameConvoy: a frame of the convoy route holds its road, the
// tankers where their schedule puts them, and the bubble that follows
// them moved with them; the frame's framing takes in the whole road.
func TestFrameConvoy(t *testing.T) {
	sc, err := scenarios.Embedded("convoy")
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSessionFromScenario(sc)
	if err != nil {
		t.Fatal(err)
	}
	route := sc.ConvoyRoute("tankers")
	for _, at := range []float64{0, 600, 900} {
		s.AdvanceTo(at)
		f := s.Frame()
		if len(f.Roads) != 1 || len(f.Vehicles) != route.Vehicles() {
			t.Fatalf("at %g s: %d roads, %d vehicles; want 1 and %d", at, len(f.Roads), len(f.Vehicles), route.Vehicles())
		}
		for _, v := range f.Vehicles {
			p, h := route.VehicleAt(v.Index, f.TimeS)
			if v.Convoy != "tankers" || v.East != p.EastM || v.North != p.NorthM || v.HeadingRad != h {
				t.Errorf("at %g s: vehicle %d at (%.0f, %.0f), want (%.0f, %.0f) as scheduled", at, v.Index, v.East, v.North, p.EastM, p.NorthM)
			}
		}
		c := route.CentreAt(f.TimeS)
		for _, z := range f.Zones {
			if z.Name != "convoy-bubble" {
				continue
			}
			if math.Hypot(z.Circle.Center.EastM-c.EastM, z.Circle.Center.NorthM-c.NorthM) > 1e-9 {
				t.Errorf("at %g s: bubble at (%.0f, %.0f), want the convoy's centre (%.0f, %.0f)", at, z.Circle.Center.EastM, z.Circle.Center.NorthM, c.EastM, c.NorthM)
			}
		}
		if c := sc.Zone("convoy-bubble").Circle.Center; c.EastM != 0 || c.NorthM != 0 {
			t.Fatal("drawing the bubble moved the scenario's own zone")
		}
	}
	if e0, _, e1, _ := s.Frame().Extent(); e0 > -11000 || e1 < 3850 {
		t.Errorf("framed east from %.0f to %.0f m, want the road's -11000 to the depot's 3850", e0, e1)
	}
}

// TestFrameGroup: a group's members carry their group's name to the
// frame, for the viewer's colours; a drone alone carries none.
func TestFrameGroup(t *testing.T) {
	sc, err := scenarios.Embedded("airbase")
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSessionFromScenario(sc)
	if err != nil {
		t.Fatal(err)
	}
	s.AdvanceTo(1900)
	members := 0
	for _, e := range s.Frame().Entities {
		switch {
		case e.Name[:min(len(e.Name), 6)] == "group-":
			members++
			if e.Group != "group-1" {
				t.Errorf("%s in group %q, want group-1", e.Name, e.Group)
			}
		case e.Group != "":
			t.Errorf("%s, alone, in group %q", e.Name, e.Group)
		}
	}
	if members != 6 {
		t.Errorf("%d members of the group in the frame at 31:40, want 6", members)
	}
}
