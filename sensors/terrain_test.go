package sensors

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sim"
	"github.com/cuasim/cuasim/terrain"
)

// terrainNetwork builds the sensors of body (YAML: sensors and whatever
// else) on a site whose ground is g (nil: flat, no terrain).
func terrainNetwork(t *testing.T, g *terrain.Grid, body string) *Network {
	t.Helper()
	_, n := terrainWorld(t, g, body)
	return n
}

// terrainWorld is terrainNetwork with the world, for a 30 s run.
func terrainWorld(t *testing.T, g *terrain.Grid, body string) (*sim.World, *Network) {
	t.Helper()
	src := fmt.Sprintf("name: test\nsite: {name: test}\n%s\nrun: {duration_s: 30, step_s: 0.1, seed: 1}\n", body)
	sc, err := scenarios.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	w, err := sim.New(sc)
	if err != nil {
		t.Fatal(err)
	}
	w.Site.Terrain = g
	n, err := NewNetwork(sc, w)
	if err != nil {
		t.Fatal(err)
	}
	return w, n
}

// terrainGrid returns a grid 20 m apart over ±6 km with heights f.
func terrainGrid(t *testing.T, f func(e, n float64) float64) *terrain.Grid {
	t.Helper()
	const cols = 601
	h := make([]float32, cols*cols)
	for r := range cols {
		for c := range cols {
			h[r*cols+c] = float32(f(-6000+20*float64(c), -6000+20*float64(r)))
		}
	}
	g, err := terrain.NewGrid(-6000, -6000, 20, cols, cols, h)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

const terrainSensors = `sensors:
  - id: radar
    type: radar
    position: [0, 0]
    mast_height_m: 10
    frequency_hz: 9.4e9
    reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.9}
    scan: {mode: rotating, period_s: 1}
    range_m: {min: 50, max: 5000}
    range_resolution_m: 10
  - id: rf
    type: rf
    position: [0, 0]
    mast_height_m: 10
    bands: [{min_hz: 2.4e9, max_hz: 2.4835e9}]
    noise_figure_db: 6
    threshold_snr_db: 10
`

// strongLink is a control link the RF sensor hears wherever it sees it
// within the tests' few kilometres.
var strongLink = []sim.Link{{Name: "control", FrequencyHz: 2.44e9, EIRPdBm: 40, BandwidthHz: 1e6, DutyCycle: 1}}

// ridge7 is ground 7 m above the datum with a ridge 60 m higher between
// 2000 and 2100 m east.
func ridge7(e, _ float64) float64 {
	if e >= 2000 && e <= 2100 {
		return 67
	}
	return 7
}

// TestTerrainMasksSimulatedDetections: in a run, a drone hovering 1 m
// inside the ridge's shadow (the closed-form grazing ray, as in
// TestTerrainRidgeMasks) is never detected, by the radar or the RF sensor,
// and one 1 m above it is detected by both.
func TestTerrainMasksSimulatedDetections(t *testing.T) {
	const kRe = 4.0 / 3 * 6_371_000
	edge := func(e, n float64) float64 { // the shadow's height at (e, n), antenna 17 m up at the origin
		d := math.Hypot(e, n)
		x := 2000 * d / e // where the ray meets the ridge's near face
		return 17 + (67-x*x/(2*kRe)-17)*d/x + d*d/(2*kRe)
	}
	body := `uav_types:
  - name: quad
    rcs: {mean_m2: 0.1, swerling: 1}
    cruise_speed_mps: 10
    max_speed_mps: 15
    rf_links:
      - {name: control, frequency_hz: 2.44e9, eirp_dbm: 30, bandwidth_hz: 1.0e6}
traffic:
` + hover("hidden", "quad", 3200, 0, edge(3200, 0)-1) + hover("seen", "quad", 3200, 300, edge(3200, 300)+1) + terrainSensors
	w, n := terrainWorld(t, terrainGrid(t, ridge7), body)
	var got [2][2]int // [drone][sensor]
	for _, d := range runAll(w, n) {
		if !d.FalseAlarm() {
			got[d.TruthID][d.Sensor]++
		}
	}
	if got[0] != [2]int{0, 0} || got[1][0] == 0 || got[1][1] == 0 {
		t.Errorf("detections by radar and RF: of the drone 1 m inside the shadow %v, want none; of the one 1 m above it %v, want some by each", got[0], got[1])
	}
}

// TestTerrainRidgeMasks: on ground 7 m above the datum, with a ridge 60 m
// higher 2 km east, both sensors' masts stand on the ground, and a target
// behind the ridge has Pd 0 one centimetre below the ray that grazes the
// ridge's near crest (closed form, with the 4/3-earth bulge) and Pd > 0
// one centimetre above it, for the radar and the RF sensor alike.
func TestTerrainRidgeMasks(t *testing.T) {
	n := terrainNetwork(t, terrainGrid(t, ridge7), terrainSensors)
	radar, rf := n.Sensors[0].(*Radar), n.Sensors[1].(*RF)
	for _, s := range n.Sensors {
		if z := s.Coverage().Origin.Z; z != 17 {
			t.Errorf("%s: antenna %g m above the datum, want the ground's 7 + the mast's 10", s.ID(), z)
		}
	}
	const kRe = 4.0 / 3 * 6_371_000
	const z, ridge, x = 17.0, 67.0, 2000.0
	for _, d := range []float64{2400, 3200, 4500} {
		edge := z + (ridge-x*x/(2*kRe)-z)*d/x + d*d/(2*kRe)
		above, below := r3.Vec{X: d, Z: edge + 0.01}, r3.Vec{X: d, Z: edge - 0.01}
		if pd := radar.LookPd(above, 1, Swerling1); pd <= 0 {
			t.Errorf("radar: target %g m east 1 cm above the ridge's shadow (%.3f m): Pd %g", d, edge, pd)
		}
		if pd := radar.LookPd(below, 1, Swerling1); pd != 0 {
			t.Errorf("radar: target %g m east 1 cm inside the ridge's shadow (%.3f m): Pd %g", d, edge, pd)
		}
		if pd := rf.LookPd(above, strongLink); pd <= 0 {
			t.Errorf("rf: target %g m east 1 cm above the ridge's shadow (%.3f m): Pd %g", d, edge, pd)
		}
		if pd := rf.LookPd(below, strongLink); pd != 0 {
			t.Errorf("rf: target %g m east 1 cm inside the ridge's shadow (%.3f m): Pd %g", d, edge, pd)
		}
	}
}

// TestTerrainFlatIsTheSmoothEarth: flat terrain at the datum changes no
// detection probability: the horizon tables cut where the 4/3-earth
// RadarHorizonM does (points within 1 m of that horizon aside).
func TestTerrainFlatIsTheSmoothEarth(t *testing.T) {
	g := terrainGrid(t, func(float64, float64) float64 { return 0 })
	flat, onTerrain := terrainNetwork(t, nil, terrainSensors), terrainNetwork(t, g, terrainSensors)
	checked, hidden := 0, 0
	for _, d := range []float64{300, 1500, 4000, 4900, 9000, 15000, 21000, 26000, 40000} {
		for _, az := range []float64{0, 0.7, 2, 3.3, 5.1} {
			for _, alt := range []float64{0, 5, 30, 120} {
				p := r3.Vec{X: d * math.Sin(az), Y: d * math.Cos(az), Z: alt}
				if math.Abs(d-RadarHorizonM(10, alt)) < 1 {
					continue
				}
				checked++
				a, b := flat.Sensors[0].(*Radar).LookPd(p, 0.01, Swerling1), onTerrain.Sensors[0].(*Radar).LookPd(p, 0.01, Swerling1)
				c, e := flat.Sensors[1].(*RF).LookPd(p, strongLink), onTerrain.Sensors[1].(*RF).LookPd(p, strongLink)
				if a != b || c != e {
					t.Errorf("%g m at azimuth %g rad, %g m up: radar Pd %g flat, %g on flat terrain; rf %g, %g", d, az, alt, a, b, c, e)
				}
				if d > RadarHorizonM(10, alt) {
					hidden++
				}
			}
		}
	}
	if hidden == 0 || hidden == checked {
		t.Fatalf("%d of %d points beyond the horizon: the test shows nothing", hidden, checked)
	}
}
