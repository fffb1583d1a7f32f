package scenarios

import (
	"math"
	"strings"
	"testing"
)

const convoySection = `roads:
  - {name: track, points: [[0, 0], [1000, 0], [1000, 1000]]}
convoys:
  - {name: column, road: track, vehicles: 3, spacing_m: 100, depart_s: 10, speed_mps: 10}
  - {name: back, road: track, vehicles: 1, speed_mps: 20, reverse: true}
`

// TestConvoyRoute checks a convoy's schedule against positions worked by
// hand: waiting with its last vehicle at the road's start, driving at its
// speed round the corner, stopping with its lead at the road's end; the
// centre midway between lead and last along the road, moving only while
// the convoy drives; a reversed convoy from the other end.
func TestConvoyRoute(t *testing.T) {
	s, err := Parse("c.yaml", withSection(t, convoySection))
	if err != nil {
		t.Fatal(err)
	}
	c := s.ConvoyRoute("column")
	if c == nil || c.LengthM() != 2000 || c.Vehicles() != 3 || c.ArriveS() != 190 {
		t.Fatalf("route %+v: want 2000 m, 3 vehicles, arriving at 10 + 1800/10 = 190 s", c)
	}
	near := func(what string, p Point, e, n float64) {
		t.Helper()
		if math.Hypot(p.EastM-e, p.NorthM-n) > 1e-9 {
			t.Errorf("%s at [%g, %g], want [%g, %g]", what, p.EastM, p.NorthM, e, n)
		}
	}
	for _, c2 := range []struct {
		t                      float64
		lead, last, centre     [2]float64
		ve, vn, leadHeadingDeg float64
	}{
		{0, [2]float64{200, 0}, [2]float64{0, 0}, [2]float64{100, 0}, 0, 0, 90},
		{60, [2]float64{700, 0}, [2]float64{500, 0}, [2]float64{600, 0}, 10, 0, 90},
		{160, [2]float64{1000, 700}, [2]float64{1000, 500}, [2]float64{1000, 600}, 0, 10, 0},
		{500, [2]float64{1000, 1000}, [2]float64{1000, 800}, [2]float64{1000, 900}, 0, 0, 0},
	} {
		lead, h := c.VehicleAt(0, c2.t)
		last, _ := c.VehicleAt(2, c2.t)
		near("lead", lead, c2.lead[0], c2.lead[1])
		near("last", last, c2.last[0], c2.last[1])
		near("centre", c.CentreAt(c2.t), c2.centre[0], c2.centre[1])
		if ve, vn := c.CentreVelocityAt(c2.t); math.Abs(ve-c2.ve) > 1e-9 || math.Abs(vn-c2.vn) > 1e-9 {
			t.Errorf("t %g: centre velocity (%g, %g), want (%g, %g)", c2.t, ve, vn, c2.ve, c2.vn)
		}
		if math.Abs(h-c2.leadHeadingDeg*math.Pi/180) > 1e-9 {
			t.Errorf("t %g: road heading %g°, want %g°", c2.t, h*180/math.Pi, c2.leadHeadingDeg)
		}
	}
	b := s.ConvoyRoute("back")
	p, h := b.VehicleAt(0, 10)
	near("reversed convoy", p, 1000, 800)
	if math.Abs(h-math.Pi) > 1e-9 {
		t.Errorf("reversed convoy heading %g°, want 180°", h*180/math.Pi)
	}
	if s.ConvoyRoute("nothing") != nil {
		t.Error("a route for a convoy that does not exist")
	}
}

// TestConvoyErrors: a convoy on a missing road or longer than its road, a
// road with a repeated point, shadow traffic of a missing convoy or too
// slow a drone to keep up its orbit, are errors that say what to change.
func TestConvoyErrors(t *testing.T) {
	shadow := "  - {name: w, kind: shadow, type: quad, count: 1, convoy: %s, start_range_m: 1000, orbit_radius_m: {min: 100, max: 200}, duration_s: {min: 60, max: 120}, alt_m: {min: 50, max: 80}%s}\n"
	for _, c := range []struct{ section, traffic, want string }{
		{strings.Replace(convoySection, "road: track, vehicles: 3", "road: trak, vehicles: 3", 1), "",
			`convoys[0].road: expected the name of a road (track), found "trak"`},
		{strings.Replace(convoySection, "vehicles: 3, spacing_m: 100", "vehicles: 30, spacing_m: 100", 1), "",
			"convoys[0].vehicles: expected a column shorter than its road (2000 m), found 30 vehicles 100 m apart: 2900 m"},
		{strings.Replace(convoySection, "[1000, 0], [1000, 1000]", "[1000, 0], [1000, 0]", 1), "",
			"roads[0].points[2]: expected a point different from the one before, found [1000, 0] again"},
		{convoySection, strings.Replace(strings.Replace(shadow, "%s", "colum", 1), "%s", "", 1),
			`traffic[0].convoy: expected the name of a convoy (column, back), found "colum"`},
		// The quad's max speed is 15 m/s; the convoy "back" drives at 20.
		{convoySection, strings.Replace(strings.Replace(shadow, "%s", "back", 1), "%s", "", 1),
			"traffic[0].convoy: expected a convoy the quad can orbit at its cruise speed (10 m/s) within its max_speed_mps (15 m/s), found one driving at 20 m/s; give speed_mps of at most 0"},
		{convoySection, strings.Replace(strings.Replace(shadow, "%s", "column", 1), "%s", ", speed_mps: {min: 4, max: 8}", 1),
			"traffic[0].speed_mps.max: expected at most the quad's max_speed_mps less the convoy's speed (15 − 10 = 5 m/s), found 8: the drone could not keep up its orbit"},
	} {
		src := string(withSection(t, c.section))
		if c.traffic != "" {
			src = strings.Replace(src, "traffic:\n", "traffic:\n"+c.traffic, 1)
		}
		_, err := Parse("c.yaml", []byte(src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %v\nwant %s", err, c.want)
		}
	}
}

// TestConvoyDepartsAfterRun: a convoy that sets off after the run ends is
// a warning, which follows the run's duration.
func TestConvoyDepartsAfterRun(t *testing.T) {
	s, err := Parse("c.yaml", withSection(t, strings.Replace(convoySection, "depart_s: 10", "depart_s: 400", 1)))
	if err != nil {
		t.Fatal(err)
	}
	ws := s.Warnings()
	want := "c.yaml:43:72: warning: convoys[0].depart_s: 400 s is at or after the end of the run (duration_s 300 s): this convoy never sets off"
	if len(ws) != 1 || ws[0].String() != want {
		t.Errorf("warnings %v\nwant %s", ws, want)
	}
	s.Run.DurationS = 600
	if ws := s.Warnings(); len(ws) != 0 {
		t.Errorf("in a longer run: %v", ws)
	}
}
