package coverage

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/terrain/hgt"
)

// benchScenario has 6 sensors (three radars: rotating, staring, sector;
// three RF detectors) and 50 buildings, 8 to 30 m high, on a 10 × 5 block
// plan across the middle of a 5 km square.
func benchScenario(tb testing.TB) string {
	var s strings.Builder
	s.WriteString(`
  - id: radar-rot
    type: radar
    position: [0, 0]
    mast_height_m: 12
    frequency_hz: 9.4e9
    reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.9, swerling: 1}
    scan: {mode: rotating, period_s: 1}
    range_m: {min: 30, max: 6000}
    beamwidth_deg: {azimuth: 2, elevation: 20}
    range_resolution_m: 5
  - id: radar-stare
    type: radar
    position: [1500, -800]
    mast_height_m: 6
    boresight_deg: 300
    frequency_hz: 24.0e9
    equation: {peak_power_w: 10, antenna_gain_db: 35, bandwidth_hz: 1.0e6, noise_figure_db: 5, losses_db: 4}
    pulses: 64
    range_resolution_m: 3
    scan: {mode: staring, update_rate_hz: 4, width_deg: 120}
    range_m: {min: 20, max: 2500}
    beamwidth_deg: {azimuth: 4, elevation: 8}
  - id: radar-sector
    type: radar
    position: [-1500, 900]
    mast_height_m: 8
    boresight_deg: 135
    frequency_hz: 9.4e9
    reference: {range_m: 1500, rcs_m2: 0.01, pd: 0.9, swerling: 1}
    scan: {mode: sector, period_s: 2, width_deg: 90}
    range_m: {min: 30, max: 4000}
    beamwidth_deg: {azimuth: 2, elevation: 20}
    range_resolution_m: 5
`)
	for i, p := range [][2]float64{{-1200, -1200}, {1200, 1200}, {0, 1600}} {
		fmt.Fprintf(&s, `  - id: rf-%d
    type: rf
    position: [%g, %g]
    mast_height_m: 10
    bands: [{min_hz: 2.4e9, max_hz: 2.4835e9}, {min_hz: 5.725e9, max_hz: 5.85e9}]
    noise_figure_db: 6
    threshold_snr_db: 10
    bearing_std_deg: {floor: 2, at_threshold: 8}
    propagation: {model: two_ray}
`, i, p[0], p[1])
	}
	s.WriteString("obstacles:\n")
	for i := range 50 {
		e, n := -1800+float64(i%10)*400, -1000+float64(i/10)*500
		fmt.Fprintf(&s, "  - {name: b%d, footprint: [[%g, %g], [%g, %g], [%g, %g], [%g, %g]], height_m: %d}\n",
			i, e, n, e+120, n, e+120, n+60, e, n+60, 8+(i*7)%23)
	}
	return s.String()
}

// BenchmarkGrid500: a 500 × 500 grid (10 m cells over 5 km) at one
// altitude, 6 sensors, 50 buildings; the issue asks under 2 s on 2 cores
// (go test ./coverage -bench Grid500 -cpu 2).
func BenchmarkGrid500(b *testing.B) {
	src := benchScenario(b)
	idx := strings.Index(src, "obstacles:")
	sc := scenario(b, src[:idx], src[idx+len("obstacles:"):])
	o := Options{AltitudesM: []float64{30}, CellM: 10, Box: &Box{-2500, -2500, 2500, 2500}}
	for b.Loop() {
		g, err := New(sc, o)
		if err != nil {
			b.Fatal(err)
		}
		if g.Cols != 500 || g.Rows != 500 || len(g.Sensors) != 6 || len(sc.Obstacles) != 50 {
			b.Fatalf("%d × %d cells, %d sensors, %d buildings", g.Cols, g.Rows, len(g.Sensors), len(sc.Obstacles))
		}
	}
}

// BenchmarkGrid500Terrain is BenchmarkGrid500 on hilly ground: a synthetic
// SRTM3 tile of hills up to 80 m, read within the default 20 km. Each
// iteration loads the scenario afresh (untimed), so that the sensors'
// horizon tables are built within the timed coverage.New.
func BenchmarkGrid500Terrain(b *testing.B) {
	dir := b.TempDir()
	tile := hgt.NewTile(46, 7, func(r, c int) int16 {
		return int16(500 + 40*(1+math.Sin(float64(r)/15)*math.Cos(float64(c)/20)))
	})
	if err := os.WriteFile(filepath.Join(dir, tile.Name), tile.Encode(), 0o644); err != nil {
		b.Fatal(err)
	}
	src := benchScenario(b)
	idx := strings.Index(src, "obstacles:")
	sc := scenario(b, src[:idx], src[idx+len("obstacles:"):])
	yaml := strings.Replace(string(sc.Source()), "site: {name: test}",
		"site: {name: test, origin: {lat_deg: 46.5, lon_deg: 7.5}, terrain: {hgt: ["+tile.Name+"]}}", 1)
	o := Options{AltitudesM: []float64{30}, CellM: 10, Box: &Box{-2500, -2500, 2500, 2500}}
	for range b.N {
		b.StopTimer()
		sc, err := scenarios.Parse(filepath.Join(dir, "bench.yaml"), []byte(yaml))
		if err != nil {
			b.Fatal(err)
		}
		if sc.TerrainGrid() == nil {
			b.Fatal("no terrain")
		}
		b.StartTimer()
		if _, err := New(sc, o); err != nil {
			b.Fatal(err)
		}
	}
}
