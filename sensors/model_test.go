package sensors

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sim"
)

// Helpers shared by the sensor-model tests.

// testWorld builds a world and network from scenario YAML: a site with one
// hovering "quad" drone type, plus the given traffic, obstacles and sensors.
func testWorld(t testing.TB, body string, durationS float64) (*sim.World, *Network, *scenarios.Scenario) {
	t.Helper()
	return testWorldSeed(t, body, durationS, 11)
}

// testSeeds are the master seeds at which the statistical tests check
// their claims: a claim shown at one seed only is not shown.
var testSeeds = []uint64{11, 12, 13}

// worldAt builds a test world, as testWorld does, at a seed it was made for.
type worldAt func(t testing.TB, body string, durationS float64) (*sim.World, *Network, *scenarios.Scenario)

// forSeeds runs f as a subtest at each of testSeeds, with a testWorld at
// that seed.
func forSeeds(t *testing.T, f func(t *testing.T, testWorld worldAt)) {
	for _, seed := range testSeeds {
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			f(t, func(t testing.TB, body string, durationS float64) (*sim.World, *Network, *scenarios.Scenario) {
				t.Helper()
				return testWorldSeed(t, body, durationS, seed)
			})
		})
	}
}

// testWorldSeed is testWorld with the given master seed.
func testWorldSeed(t testing.TB, body string, durationS float64, seed uint64) (*sim.World, *Network, *scenarios.Scenario) {
	t.Helper()
	return testWorldSet(t, body, durationS, seed)
}

// testWorldSet is testWorldSeed with overrides (PATH=VALUE, as cuasim run
// --set takes them) applied to the scenario.
func testWorldSet(t testing.TB, body string, durationS float64, seed uint64, sets ...string) (*sim.World, *Network, *scenarios.Scenario) {
	t.Helper()
	src := fmt.Sprintf(`name: test
site: {name: test}
uav_types:
  - name: quad
    rcs: {mean_m2: 0.01, swerling: 1}
    cruise_speed_mps: 10
    max_speed_mps: 15
    rf_links:
      - {name: control, frequency_hz: 2.44e9, eirp_dbm: 20, bandwidth_hz: 1.0e6}
  - name: steady
    rcs: {mean_m2: 0.01, swerling: 0}
    cruise_speed_mps: 10
    max_speed_mps: 15
    rf_silent: true
  - name: bursty
    rcs: {mean_m2: 0.01, swerling: 2}
    cruise_speed_mps: 10
    max_speed_mps: 15
    rf_links:
      - {name: control, frequency_hz: 2.44e9, eirp_dbm: 20, bandwidth_hz: 1.0e6, duty_cycle: 0.3}
      - {name: telemetry, frequency_hz: 433.0e6, eirp_dbm: 20, bandwidth_hz: 0.25e6}
%s
run: {duration_s: %g, step_s: 0.1, seed: %d}
`, body, durationS, seed)
	sc, err := scenarios.Parse("test.yaml", []byte(src))
	if err != nil {
		t.Fatalf("%v\n%s", err, src)
	}
	for _, set := range sets {
		o, err := scenarios.ParseOverride(set)
		if err != nil {
			t.Fatal(err)
		}
		if sc, err = sc.With(o); err != nil {
			t.Fatal(err)
		}
	}
	w, err := sim.New(sc)
	if err != nil {
		t.Fatal(err)
	}
	n, err := NewNetwork(sc, w)
	if err != nil {
		t.Fatal(err)
	}
	return w, n, sc
}

// hover places a drone of the given type hovering at (e, n, alt) for the whole run.
func hover(name, typ string, e, n, alt float64) string {
	return fmt.Sprintf("  - {name: %s, kind: flight, type: %s, from: [%g, %g], from_alt_m: %g, legs: [{hover: {duration_s: 1e6}}]}\n", name, typ, e, n, alt)
}

// runAll steps the world to its end and returns every detection.
func runAll(w *sim.World, n *Network) []Detection {
	var all, step []Detection
	for !w.Done() {
		w.Step()
		step = n.Observe(w, step[:0])
		all = append(all, step...)
	}
	return all
}

// binomialBound is the half-width of a two-sided 99.9 % normal-approximation
// confidence interval for a proportion p observed over n independent trials.
func binomialBound(p float64, n int) float64 {
	z := distuv.UnitNormal.Quantile(1 - 0.001/2)
	return z * math.Sqrt(p*(1-p)/float64(n))
}

// poissonBounds returns the 99.9 % two-sided acceptance interval for a
// Poisson count with the given mean.
func poissonBounds(mean float64) (lo, hi float64) {
	p := distuv.Poisson{Lambda: mean}
	lo, hi = 0, mean
	for p.CDF(lo) < 0.0005 {
		lo++
	}
	for 1-p.CDF(hi) > 0.0005 {
		hi++
	}
	return lo, hi
}

func count(dets []Detection, keep func(*Detection) bool) int {
	n := 0
	for i := range dets {
		if keep(&dets[i]) {
			n++
		}
	}
	return n
}
