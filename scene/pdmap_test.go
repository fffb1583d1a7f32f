package scene

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/coverage"
	"github.com/cuasim/cuasim/report"
	"github.com/cuasim/cuasim/scenarios"
)

// TestPdMapMatchesCoverage: the pdmap layer's value at sampled points of
// the airport is the Pd that package coverage computes for a grid of one
// cell at that point's cell, with the layer's class, altitude and cell
// size, at two altitudes; and the layer is the grid of the report's
// layouts map (report.LayoutCoverage) for the same layout and box, cell
// for cell, in every layout of the airport.
func TestPdMapMatchesCoverage(t *testing.T) {
	s := airport(t)
	base := s.Scenario
	v := NewView(s.Frame(), 1280, 800, 4)
	rng := rand.New(rand.NewPCG(17, 1))
	for _, alt := range []float64{coverage.PlanAltitudeM, 10} {
		f := s.Frame()
		g, err := v.PdMap.Wait(f, alt)
		if err != nil {
			t.Fatal(err)
		}
		if g.Layers[0].AltitudeM != alt || g.Class != base.UAVTypes[0].Name || g.DwellS != coverage.DefaultDwellS {
			t.Fatalf("map at %g m of %s over %g s; want %g m, %s, %g s", g.Layers[0].AltitudeM, g.Class, g.DwellS, alt, base.UAVTypes[0].Name, float64(coverage.DefaultDwellS))
		}
		seen := 0
		for range 40 {
			e := g.Box.MinEastM + rng.Float64()*(g.Box.MaxEastM-g.Box.MinEastM)
			n := g.Box.MinNorthM + rng.Float64()*(g.Box.MaxNorthM-g.Box.MinNorthM)
			got, ok := g.PdAt(0, e, n)
			if !ok {
				t.Fatalf("(%g, %g) inside the box is outside the map", e, n)
			}
			col, row := math.Floor((e-g.Box.MinEastM)/g.CellM), math.Floor((n-g.Box.MinNorthM)/g.CellM)
			cell := coverage.Box{MinEastM: g.Box.MinEastM + col*g.CellM, MinNorthM: g.Box.MinNorthM + row*g.CellM}
			cell.MaxEastM, cell.MaxNorthM = cell.MinEastM+g.CellM, cell.MinNorthM+g.CellM
			one, err := coverage.New(base, coverage.Options{AltitudesM: []float64{alt}, CellM: g.CellM, Box: &cell})
			if err != nil {
				t.Fatal(err)
			}
			if want := one.Layers[0].Pd[0]; math.Abs(got-want) > 1e-12 {
				t.Errorf("at %g m, (%.0f, %.0f): layer Pd %g, coverage %g", alt, e, n, got, want)
			}
			if got > 0 {
				seen++
			}
		}
		if seen == 0 {
			t.Errorf("at %g m no sampled point is seen: the comparison shows nothing", alt)
		}
	}

	for _, layout := range s.Frame().Layouts {
		if err := s.SetLayout(layout); err != nil {
			t.Fatal(err)
		}
		f := s.Frame()
		g, err := v.PdMap.Wait(f, coverage.PlanAltitudeM)
		if err != nil {
			t.Fatal(err)
		}
		r, err := report.LayoutCoverage(base, layout, PdMapBox(f))
		if err != nil {
			t.Fatal(err)
		}
		if r.Box != g.Box || r.CellM != g.CellM || !slices.Equal(r.Layers[0].Pd, g.Layers[0].Pd) {
			t.Errorf("layout %s: the viewer's map (%v, %g m cells) differs from the report's (%v, %g m cells)", layout, g.Box, g.CellM, r.Box, r.CellM)
		}
	}
}

// TestPdMapFollowsMovedSensor: dragging a sensor makes a new map, with the
// sensor where it was put, and the last map is drawn (not current) until
// then.
func TestPdMapFollowsMovedSensor(t *testing.T) {
	s := airport(t)
	v := NewView(s.Frame(), 1280, 800, 4)
	alt := v.PdMapAltitudeM()
	if _, err := v.PdMap.Wait(s.Frame(), alt); err != nil {
		t.Fatal(err)
	}
	if err := s.MoveSensor(0, 1500, -800); err != nil {
		t.Fatal(err)
	}
	g, err := v.PdMap.Wait(s.Frame(), alt)
	if err != nil {
		t.Fatal(err)
	}
	if sn := g.Sensors[0]; sn.EastM != 1500 || sn.NorthM != -800 {
		t.Errorf("after the move the map has %s at (%g, %g); want (1500, -800)", sn.ID, sn.EastM, sn.NorthM)
	}
	if _, current, _ := v.PdMap.Grid(s.Frame(), alt); !current {
		t.Error("the map of the moved sensor is not current")
	}
	// A new altitude: the old map is still returned, not current, until
	// the new one is ready.
	g2, current, _ := v.PdMap.Grid(s.Frame(), 120)
	if g2 == nil || (current && g2.Layers[0].AltitudeM != 120) {
		t.Errorf("asking for 120 m: map %v, current %v", g2 != nil, current)
	}
	if g3, _ := v.PdMap.Wait(s.Frame(), 120); g3.Layers[0].AltitudeM != 120 {
		t.Errorf("map at %g m; want 120", g3.Layers[0].AltitudeM)
	}
}

// TestStepPdMapAltitude: a and A step through coverage.PlanAltitudesM and
// stop at the ends; an altitude between two steps goes to the next.
func TestStepPdMapAltitude(t *testing.T) {
	alts := coverage.PlanAltitudesM
	var v View
	if v.PdMapAltitudeM() != coverage.PlanAltitudeM {
		t.Fatalf("default altitude %g", v.PdMapAltitudeM())
	}
	for range len(alts) + 2 {
		v.StepPdMapAltitude(1)
	}
	if v.PdMapAltM != alts[len(alts)-1] {
		t.Errorf("up to %g; want %g", v.PdMapAltM, alts[len(alts)-1])
	}
	for range len(alts) + 2 {
		v.StepPdMapAltitude(-1)
	}
	if v.PdMapAltM != alts[0] {
		t.Errorf("down to %g; want %g", v.PdMapAltM, alts[0])
	}
	v.PdMapAltM = (alts[1] + alts[2]) / 2
	v.StepPdMapAltitude(1)
	if v.PdMapAltM != alts[2] {
		t.Errorf("up from between %g and %g: %g", alts[1], alts[2], v.PdMapAltM)
	}
	v.PdMapAltM = (alts[1] + alts[2]) / 2
	v.StepPdMapAltitude(-1)
	if v.PdMapAltM != alts[1] {
		t.Errorf("down from between %g and %g: %g", alts[1], alts[2], v.PdMapAltM)
	}
}

// TestPdMapStepClass: u steps the map through the scenario's UAV classes,
// back to the first after the last, and the map computed is of the class
// chosen.
func TestPdMapStepClass(t *testing.T) {
	sc, err := scenarios.Embedded("airport")
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewSession(sc, 1)
	if err != nil {
		t.Fatal(err)
	}
	f := s.Frame()
	m := NewPdMap()
	var got []string
	for range len(sc.UAVTypes) {
		got = append(got, m.StepClass(f))
	}
	var want []string
	for i := range sc.UAVTypes {
		want = append(want, sc.UAVTypes[(i+1)%len(sc.UAVTypes)].Name)
	}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("classes %v, want %v", got, want)
	}
	m.StepClass(f) // the second class
	g, err := m.Wait(f, 50)
	if err != nil {
		t.Fatal(err)
	}
	if g.Class != sc.UAVTypes[1].Name {
		t.Errorf("map of %s, want %s", g.Class, sc.UAVTypes[1].Name)
	}
}
