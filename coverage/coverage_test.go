package coverage

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/plot/palette/moreland"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sensors"
)

// equationRadar is a staring K-band radar in the radar-equation form (the
// airport's radar-east), all round in elevation, at the origin.
const equationRadar = `
  - id: radar
    type: radar
    position: [0, 0]
    mast_height_m: 10
    boresight_deg: 90
    frequency_hz: 24.0e9
    equation: {peak_power_w: 10, antenna_gain_db: 35, bandwidth_hz: 1.0e6, noise_figure_db: 5, losses_db: 4}
    pulses: 64
    range_resolution_m: 3
    pfa: 1.0e-6
    scan: {mode: staring, update_rate_hz: 4, width_deg: 120}
    range_m: {min: 20, max: 2500}
    elevation_deg: {min: -5, max: 60}
    beamwidth_deg: {azimuth: 4, elevation: 8}
`

// scenario returns a test scenario with the given sensors and obstacles
// sections (YAML list items) and one quadcopter class.
func scenario(t testing.TB, sensorsYAML, obstaclesYAML string) *scenarios.Scenario {
	t.Helper()
	src := `name: coverage-test
site: {name: test}
uav_types:
  - name: quad
    rcs: {mean_m2: 0.01, swerling: 1}
    cruise_speed_mps: 12
    max_speed_mps: 20
    rf_links:
      - {name: control, frequency_hz: 2.44e9, eirp_dbm: 20, bandwidth_hz: 1.0e6, duty_cycle: 0.5}
sensors:` + sensorsYAML
	if obstaclesYAML != "" {
		src += "obstacles:" + obstaclesYAML
	}
	src += "run: {duration_s: 60, step_s: 0.1, seed: 1}\n"
	sc, err := scenarios.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return sc
}

// TestOpenTerrainMatchesRadarEquation: in open terrain one radar's per-look
// Pd at each cell is the detection probability of the radar equation's SNR
// at the cell's slant range (computed here from the radar's parameters, not
// through the radar), inside its field of view and range limits, and 0
// outside; its dwell Pd is 1 − (1 − p)^n over the n looks of the dwell.
func TestOpenTerrainMatchesRadarEquation(t *testing.T) {
	sc := scenario(t, equationRadar, "")
	g, err := New(sc, Options{AltitudesM: []float64{50}, DwellS: 2, CellM: 40, Box: &Box{-3000, -3000, 3000, 3000}})
	if err != nil {
		t.Fatal(err)
	}
	eq := sensors.RadarEquation{PeakPowerW: 10, GainDB: 35, FrequencyHz: 24e9, BandwidthHz: 1e6, NoiseFigureDB: 5, LossesDB: 4, Pulses: 64}
	l := g.Layers[0]
	rnd := rand.New(rand.NewPCG(1, 2))
	var inside, outside int
	for range 4000 {
		i := rnd.IntN(len(l.Pd))
		e, n := g.Center(i)
		ground := math.Hypot(e, n)
		slant := math.Hypot(ground, 50-10)
		az := math.Atan2(e, n) * 180 / math.Pi // compass bearing
		inFOV := math.Abs(az-90) <= 60
		want := 0.0
		if inFOV && slant >= 20 && slant <= 2500 {
			want = sensors.DetectionProbability(sensors.Swerling1, eq.SNRDB(0.01, slant), 1e-6, 64)
			inside++
		} else {
			outside++
		}
		if got := l.LookPd[0][i]; math.Abs(got-want) > 2e-4 {
			t.Fatalf("cell (%.0f, %.0f) at %.0f m: per-look Pd %.6f, the radar equation gives %.6f", e, n, slant, got, want)
		}
		// 4 Hz over 2 s: 8 looks.
		if wantDwell := 1 - math.Pow(1-l.LookPd[0][i], 8); math.Abs(l.DwellPd[0][i]-wantDwell) > 1e-12 || l.Pd[i] != l.DwellPd[0][i] {
			t.Fatalf("cell (%.0f, %.0f): dwell Pd %.9f and combined %.9f, expected %.9f (8 looks)", e, n, l.DwellPd[0][i], l.Pd[i], wantDwell)
		}
	}
	if inside < 100 || outside < 100 {
		t.Fatalf("sampled %d cells inside the coverage and %d outside; expected both", inside, outside)
	}
}

// boxRadar is an all-round radar strong enough to see a small drone
// anywhere in the test boxes, at the origin on a 10 m mast.
const boxRadar = `
  - id: radar
    type: radar
    position: [0, 0]
    mast_height_m: 10
    frequency_hz: 9.4e9
    reference: {range_m: 30000, rcs_m2: 0.01, pd: 0.9, swerling: 1}
    scan: {mode: rotating, period_s: 1}
    range_m: {min: 5, max: 40000}
    elevation_deg: {min: -5, max: 85}
    beamwidth_deg: {azimuth: 2, elevation: 20}
    range_resolution_m: 5
`

// TestBuildingShadow: a 40 m box east of a radar on a 10 m mast hides a
// drone at 20 m exactly where the straight line from the antenna passes
// through the box below its roof (found here by clipping the line to the
// box, not by the site's edge test), and nowhere else.
func TestBuildingShadow(t *testing.T) {
	sc := scenario(t, boxRadar, `
  - {name: block, footprint: [[200, -50], [300, -50], [300, 50], [200, 50]], height_m: 40}
`)
	g, err := New(sc, Options{AltitudesM: []float64{20}, CellM: 10, Box: &Box{-100, -400, 900, 400}})
	if err != nil {
		t.Fatal(err)
	}
	l := g.Layers[0]
	var shadowed, seen int
	for i := range l.Pd {
		e, n := g.Center(i)
		if in := e > 200 && e < 300 && n > -50 && n < 50; l.Solid[i] != in {
			t.Fatalf("cell (%.0f, %.0f): solid %v, inside the block %v", e, n, l.Solid[i], in)
		}
		hidden, sure := blockedByBox(e, n, 20, 10, 40)
		if !sure {
			continue
		}
		got := l.LookPd[0][i]
		switch {
		case hidden && got != 0:
			t.Fatalf("cell (%.0f, %.0f) lies in the block's shadow but has per-look Pd %g", e, n, got)
		case !hidden && !(got > 0.5):
			t.Fatalf("cell (%.0f, %.0f) is in the open but has per-look Pd %g", e, n, got)
		}
		if hidden {
			shadowed++
		} else {
			seen++
		}
	}
	// The block's own cells are solid, in no dead zone; the shadow's are.
	var inZones, under, solid int
	for _, z := range l.DeadZones {
		inZones += z.Cells
	}
	for i := range l.Pd {
		switch {
		case l.Solid[i]:
			solid++
		case l.Pd[i] < g.FloorPd:
			under++
		}
	}
	if solid != 100 || inZones != under {
		t.Fatalf("%d solid cells (expected the block's 100), %d cells in dead zones, %d under the floor outside the block", solid, inZones, under)
	}
	if shadowed < 100 || seen < 1000 {
		t.Fatalf("%d cells shadowed and %d seen; expected a shadow and open ground", shadowed, seen)
	}
	// Straight behind the block, and beside it.
	for _, c := range []struct {
		e, n   float64
		hidden bool
	}{{605, 5, true}, {855, -5, true}, {605, 205, false}, {255, 105, false}} {
		i := int((c.n-g.Box.MinNorthM)/g.CellM)*g.Cols + int((c.e-g.Box.MinEastM)/g.CellM)
		if e, n := g.Center(i); e != c.e || n != c.n {
			t.Fatalf("cell %d is at (%g, %g), expected (%g, %g)", i, e, n, c.e, c.n)
		}
		if got := l.LookPd[0][i]; (got == 0) != c.hidden {
			t.Errorf("cell (%g, %g): per-look Pd %g, expected hidden %v", c.e, c.n, got, c.hidden)
		}
	}
}

// blockedByBox reports whether the segment from a mast of height mastM at
// the origin to (e, n, altM) passes through the box [200, 300] × [−50, 50]
// below roofM, by clipping the segment to the box's slabs (Liang–Barsky);
// sure is false within a millimetre of an edge case.
func blockedByBox(e, n, altM, mastM, roofM float64) (hidden, sure bool) {
	t0, t1 := 0.0, 1.0
	for _, s := range [][3]float64{{e, 200, 300}, {n, -50, 50}} {
		d, lo, hi := s[0], s[1], s[2]
		a, b := lo/d, hi/d // the segment is t·(e, n)
		if d < 0 {
			a, b = b, a
		}
		t0, t1 = max(t0, a), min(t1, b)
	}
	if t0 > t1 {
		return false, (t0-t1)*math.Hypot(e, n) > 1e-3
	}
	// The segment rises (altM > mastM), so its lowest point in the box is
	// where it enters.
	z := mastM + t0*(altM-mastM)
	return z < roofM, math.Abs(z-roofM) > 1e-3 && (t1-t0)*math.Hypot(e, n) > 1e-3
}

// TestHorizonCutsLowTarget: a drone 5 m up is seen by a radar on a 10 m
// mast up to the 4/3-earth radio horizon √(2·(4/3)·R·h₁) + √(2·(4/3)·R·h₂),
// R = 6371 km (computed here), and not beyond.
func TestHorizonCutsLowTarget(t *testing.T) {
	sc := scenario(t, boxRadar, "")
	g, err := New(sc, Options{AltitudesM: []float64{5}, CellM: 20, Box: &Box{0, -10, 30000, 10}})
	if err != nil {
		t.Fatal(err)
	}
	const k, re = 4.0 / 3, 6_371_000.0
	horizon := math.Sqrt(2*k*re*10) + math.Sqrt(2*k*re*5)
	if h := sensors.RadarHorizonM(10, 5); math.Abs(h-horizon) > 1e-6 {
		t.Fatalf("RadarHorizonM(10, 5) = %g, the 4/3-earth formula %g", h, horizon)
	}
	l := g.Layers[0]
	var in, out int
	for i := range l.Pd {
		e, n := g.Center(i)
		d := math.Hypot(e, n)
		if d < 200 { // below the elevation limit
			continue
		}
		got := l.LookPd[0][i]
		switch {
		case d < horizon-1 && !(got > 0):
			t.Fatalf("cell at %.0f m, inside the %.0f m horizon: per-look Pd %g", d, horizon, got)
		case d > horizon+1 && got != 0:
			t.Fatalf("cell at %.0f m, beyond the %.0f m horizon: per-look Pd %g", d, horizon, got)
		}
		if d < horizon {
			in++
		} else {
			out++
		}
	}
	if in < 100 || out < 100 {
		t.Fatalf("%d cells inside the horizon and %d beyond; expected both", in, out)
	}
}

// TestRFLinkBudget: a passive RF detector hears the class's 20 dBm, 1 MHz
// control link, transmitting half the time, in free space wherever the
// median SNR 20 − FSPL + 0 − (−174 + 60 + 6) dB reaches its 10 dB
// threshold: per look, the duty cycle 0.5 inside that range and 0 beyond.
func TestRFLinkBudget(t *testing.T) {
	sc := scenario(t, `
  - id: rf
    type: rf
    position: [0, 0]
    mast_height_m: 10
    bands: [{min_hz: 2.4e9, max_hz: 2.4835e9}]
    noise_figure_db: 6
    threshold_snr_db: 10
    bearing_std_deg: {floor: 2, at_threshold: 8}
    propagation: {model: free_space}
    update_period_s: 1
`, "")
	g, err := New(sc, Options{AltitudesM: []float64{50}, DwellS: 3, CellM: 100, Box: &Box{-20000, -500, 20000, 500}})
	if err != nil {
		t.Fatal(err)
	}
	noise := 10*math.Log10(1.380649e-23*290*1e6*1000) + 6
	l := g.Layers[0]
	for i := range l.Pd {
		e, n := g.Center(i)
		slant := math.Sqrt(e*e + n*n + 40*40)
		snr := 20 - 20*math.Log10(4*math.Pi*slant*2.44e9/299_792_458) - noise
		if math.Abs(snr-10) < 1e-6 {
			continue
		}
		want := 0.0
		if snr >= 10 {
			want = 0.5
		}
		if got := l.LookPd[0][i]; got != want {
			t.Fatalf("cell (%.0f, %.0f): median SNR %.2f dB, per-look Pd %g, expected %g", e, n, snr, got, want)
		}
		if wantDwell := 1 - math.Pow(1-want, 3); math.Abs(l.DwellPd[0][i]-wantDwell) > 1e-12 {
			t.Fatalf("cell (%.0f, %.0f): dwell Pd %g, expected %g over 3 updates", e, n, l.DwellPd[0][i], wantDwell)
		}
	}
}

// TestDwellPdOverPhases: DwellPd is the probability, over a uniform phase
// of the dwell, that at least one of the looks it holds detects: checked
// by drawing phases and looks (200 000 draws; the bound is 5 standard
// errors).
func TestDwellPdOverPhases(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for _, c := range []struct{ p, dwellS, revisitS float64 }{{0.3, 10, 4}, {0.6, 1, 2.5}, {0.1, 7.5, 1}, {0.9, 3, 3}} {
		const n = 200_000
		hits := 0
		for range n {
			phase := c.revisitS * rnd.Float64() // time of the first look after the dwell opens
			for t := phase; t < c.dwellS; t += c.revisitS {
				if rnd.Float64() < c.p {
					hits++
					break
				}
			}
		}
		got, want := float64(hits)/n, DwellPd(c.p, c.dwellS, c.revisitS)
		if se := math.Sqrt(want * (1 - want) / n); math.Abs(got-want) > 5*se+1e-12 {
			t.Errorf("p %g, dwell %g s, revisit %g s: simulated %.4f, DwellPd %.4f (5 SE = %.4f)", c.p, c.dwellS, c.revisitS, got, want, 5*se)
		}
	}
}

// TestDeadZones: on a hand-made Pd field the dead zones are its connected
// low areas, 4-connected (diagonal neighbours are separate), largest
// first, with their counted areas and centroids.
func TestDeadZones(t *testing.T) {
	// Rows listed north first; '.' is Pd 0.2, '#' Pd 0.95.
	field := []string{
		"..##.",
		"..#.#",
		"####.",
		"#...#",
	}
	g := &Grid{Box: Box{0, 0, 50, 40}, CellM: 10, Cols: 5, Rows: 4, FloorPd: 0.5}
	pd := make([]float64, 20)
	for r, line := range field {
		row := g.Rows - 1 - r
		for c, ch := range line {
			pd[row*g.Cols+c] = map[rune]float64{'.': 0.2, '#': 0.95}[ch]
		}
	}
	zs, _ := deadZones(g, pd, make([]bool, len(pd)))
	got := make([]string, len(zs))
	for i, z := range zs {
		got[i] = fmt.Sprintf("%d:%g:(%g,%g)", z.Cells, z.AreaM2, z.EastM, z.NorthM)
	}
	// NW block of 4 (centre 10, 30), the row of 3 in the south (centre 25,
	// 5), then the three single cells (35, 25), (45, 15) and (45, 35), west
	// then south first.
	want := "4:400:(10,30) 3:300:(25,5) 1:100:(35,25) 1:100:(45,15) 1:100:(45,35)"
	if s := strings.Join(got, " "); s != want {
		t.Fatalf("dead zones %s, expected %s", s, want)
	}
}

// TestWorkersDoNotChangeTheGrid: one worker and four give the same grid.
func TestWorkersDoNotChangeTheGrid(t *testing.T) {
	sc := scenario(t, boxRadar, `
  - {name: block, footprint: [[200, -50], [300, -50], [300, 50], [200, 50]], height_m: 40}
`)
	o := Options{AltitudesM: []float64{20}, CellM: 20, Box: &Box{-500, -500, 900, 500}, Workers: 1}
	a, err := New(sc, o)
	if err != nil {
		t.Fatal(err)
	}
	o.Workers = 4
	b, err := New(sc, o)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Layers[0].Pd {
		if a.Layers[0].Pd[i] != b.Layers[0].Pd[i] {
			t.Fatalf("cell %d: %g with 1 worker, %g with 4", i, a.Layers[0].Pd[i], b.Layers[0].Pd[i])
		}
	}
}

// TestColorMap: the map's Pd scale is built from its controls (not the
// fallback), and its luminance rises with Pd.
func TestColorMap(t *testing.T) {
	if _, err := moreland.NewLuminance(viridisControls); err != nil {
		t.Fatal(err)
	}
	m := colorMap()
	prev := -1.0
	for k := range 11 {
		c, err := m.At(float64(k) / 10)
		if err != nil {
			t.Fatal(err)
		}
		r, g, b, _ := c.RGBA()
		y := 0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)
		if y <= prev {
			t.Fatalf("luminance at Pd %g is %g, not above %g", float64(k)/10, y, prev)
		}
		prev = y
	}
}

// TestPruningChangesNothing: the grid with obstacles pruned by bounding box
// is the grid with every obstacle checked for every cell, on the benchmark's
// site of 50 buildings and 6 sensors.
func TestPruningChangesNothing(t *testing.T) {
	src := benchScenario(t)
	idx := strings.Index(src, "obstacles:")
	sc := scenario(t, src[:idx], src[idx+len("obstacles:"):])
	o := Options{AltitudesM: []float64{10, 30}, CellM: 25, Box: &Box{-2500, -2500, 2500, 2500}}
	a, err := New(sc, o)
	if err != nil {
		t.Fatal(err)
	}
	o.noPrune = true
	b, err := New(sc, o)
	if err != nil {
		t.Fatal(err)
	}
	var hidden int
	for li := range a.Layers {
		for s := range a.Sensors {
			for i, x := range a.Layers[li].LookPd[s] {
				if y := b.Layers[li].LookPd[s][i]; x != y {
					e, n := a.Center(i)
					t.Fatalf("altitude %g, sensor %s, cell (%g, %g): pruned %g, every obstacle %g", a.Layers[li].AltitudeM, a.Sensors[s].ID, e, n, x, y)
				}
			}
		}
		for i := range a.Layers[li].Pd {
			if a.Layers[li].Solid[i] {
				hidden++
			}
		}
	}
	// The site's buildings do hide cells, so the test has something to check.
	o.noPrune = false
	sc.Obstacles = nil
	c, err := New(sc, o)
	if err != nil {
		t.Fatal(err)
	}
	var differ int
	for i := range c.Layers[0].Pd {
		if c.Layers[0].Pd[i] != a.Layers[0].Pd[i] && !a.Layers[0].Solid[i] {
			differ++
		}
	}
	if differ < 100 || hidden == 0 {
		t.Fatalf("the buildings change %d cells outside them (%d solid); expected shadows to check", differ, hidden)
	}
}
