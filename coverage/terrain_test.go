package coverage

import (
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/internal/terraintest"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
)

// TestTerrainCoverageIsTheSensors: on the example's ridge, every cell's
// per-look Pd is what the simulation's own sensors (built by sim.New and
// sensors.NewNetwork, as a run builds them) give at the cell; the ridge
// hides cells behind it at 40 m, and cells whose ground is above 40 m are
// solid.
func TestTerrainCoverageIsTheSensors(t *testing.T) {
	sc, err := scenarios.Load(terraintest.RidgeScenario(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	g, err := New(sc, Options{AltitudesM: []float64{40}, CellM: 50, Box: &Box{-500, -1000, 4500, 1000}})
	if err != nil {
		t.Fatal(err)
	}
	w, err := sim.New(sc)
	if err != nil {
		t.Fatal(err)
	}
	net, err := sensors.NewNetwork(sc, w)
	if err != nil {
		t.Fatal(err)
	}
	radar, rf := net.Sensors[0].(*sensors.Radar), net.Sensors[1].(*sensors.RF)
	typ := sc.UAVTypes[0]
	links := []sim.Link{{Name: typ.RFLinks[0].Name, FrequencyHz: typ.RFLinks[0].FrequencyHz, EIRPdBm: typ.RFLinks[0].EIRPdBm,
		BandwidthHz: typ.RFLinks[0].BandwidthHz, DutyCycle: typ.RFLinks[0].DutyCycle}}
	l := &g.Layers[0]
	var behind, hidden, solid int
	for i := range l.Pd {
		e, n := g.Center(i)
		p := r3.Vec{X: e, Y: n, Z: 40}
		if want := radar.LookPd(p, typ.RCS.MeanM2, sensors.Swerling(typ.RCS.Swerling)); l.LookPd[0][i] != want {
			t.Fatalf("cell (%g, %g): coverage's radar Pd %g, the sensor's %g", e, n, l.LookPd[0][i], want)
		}
		if want := rf.LookPd(p, links); l.LookPd[1][i] != want {
			t.Fatalf("cell (%g, %g): coverage's RF Pd %g, the sensor's %g", e, n, l.LookPd[1][i], want)
		}
		ground := w.Site.GroundM(e, n)
		if l.Solid[i] != (ground > 40) {
			t.Errorf("cell (%g, %g) on ground %g m: solid %v at 40 m", e, n, ground, l.Solid[i])
		}
		if l.Solid[i] {
			solid++
		}
		if e > 2500 && e < 3000 && n > -200 && n < 200 {
			behind++
			if l.LookPd[0][i] == 0 && l.LookPd[1][i] == 0 {
				hidden++
			}
		}
	}
	if solid == 0 || behind == 0 || hidden != behind {
		t.Errorf("%d solid cells (the ridge), %d of %d cells 2.5 to 3 km east behind the ridge hidden from both sensors; want some, and all", solid, hidden, behind)
	}
	if l.LookPd[0][0] <= 0 {
		t.Error("the south-west cell, in the open before the ridge, is hidden from the radar")
	}
}
