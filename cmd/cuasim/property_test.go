package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// randomScenario writes a random valid scenario: a site with zones and
// obstacles, perhaps a road with a convoy, a zone that follows it and
// drones that shadow it, one or two drone types, birds or not, scripted
// and random traffic (some of it in groups), radars and RF sensors of every scan mode and calibration, random
// tracker and alerting settings, and a short run. dropLast leaves the last
// sensor out (to check that truth does not depend on the sensors).
func randomScenario(seed uint64, dropLast bool) string {
	r := rand.New(rand.NewPCG(seed, 0x70726f70))
	u := func(a, b float64) float64 { return a + (b-a)*r.Float64() }
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	pt := func(span float64) string { return fmt.Sprintf("[%.1f, %.1f]", u(-span, span), u(-span, span)) }
	// Roads, convoys, shadow traffic and groups draw from a generator of
	// their own, so that the rest of each scenario (and its cost: some
	// draws make radars with thousands of false alarms a second) is what
	// it was before they existed.
	r2 := rand.New(rand.NewPCG(seed, 0x67726f75))
	u2 := func(a, b float64) float64 { return a + (b-a)*r2.Float64() }
	pt2 := func(span float64) string { return fmt.Sprintf("[%.1f, %.1f]", u2(-span, span), u2(-span, span)) }
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }

	w("name: prop-%d", seed)
	w("site: {name: random site %d}", seed)
	convoy := r2.IntN(2) == 0 // a road, a convoy on it, a zone that follows it, drones that shadow it
	if convoy {
		w("roads:")
		w("  - {name: road, points: [%s, %s, %s]}", pt2(3000), pt2(1000), pt2(3000))
		w("convoys:")
		w("  - {name: column, road: road, vehicles: %d, spacing_m: %.1f, depart_s: %.1f, speed_mps: %.2f, reverse: %v}",
			1+r2.IntN(4), u2(10, 100), u2(0, 30), u2(1, 3), r2.IntN(2) == 0)
	}
	w("zones:")
	nz := 1 + r.IntN(3)
	for i := range nz {
		w("  - name: zone-%d", i)
		w("    severity: %s", pick("low", "medium", "high", "critical"))
		if r.IntN(2) == 0 {
			w("    circle: {center: %s, radius_m: %.1f}", pt(1000), u(50, 1500))
		} else {
			e, n, dx, dy := u(-1000, 1000), u(-1000, 1000), u(20, 800), u(20, 800)
			w("    polygon: [[%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f]]", e, n, e+dx, n, e+dx, n+dy, e, n+dy)
		}
		if r.IntN(2) == 0 {
			lo := u(0, 50)
			w("    altitude_m: {min: %.1f, max: %.1f}", lo, lo+u(10, 300))
		}
	}
	if convoy {
		w("  - {name: zone-%d, follows: column, circle: {center: [0, 0], radius_m: %.1f}}", nz, u2(100, 600))
	}
	if n := r.IntN(3); n > 0 {
		w("obstacles:")
		for i := range n {
			e, nn := u(-800, 800), u(-800, 800)
			w("  - {name: bldg-%d, footprint: [[%.1f, %.1f], [%.1f, %.1f], [%.1f, %.1f]], height_m: %.1f}", i, e, nn, e+40, nn, e+20, nn+30, u(3, 40))
		}
	}
	w("uav_types:")
	types := 1 + r.IntN(2)
	for i := range types {
		cruise := u(4, 25)
		w("  - name: type-%d", i)
		w("    rcs: {mean_m2: %.4f, swerling: %d}", u(0.002, 0.5), r.IntN(5))
		w("    cruise_speed_mps: %.2f", cruise)
		w("    max_speed_mps: %.2f", cruise+u(0, 10))
		w("    turn_rate_deg_s: %.1f", u(10, 120))
		if r.IntN(3) == 0 {
			w("    rf_silent: true")
		} else {
			w("    rf_links:")
			for j := range 1 + r.IntN(2) {
				w("      - {name: link-%d, frequency_hz: %s, eirp_dbm: %.1f, bandwidth_hz: %.0f, duty_cycle: %.2f}", j,
					pick("868.0e6", "2.44e9", "5.8e9"), u(10, 30), u(0.2e6, 20e6), u(0.1, 1))
			}
		}
	}
	if r.IntN(2) == 0 {
		w("birds:")
		w("  - name: flock")
		w("    area: {center: %s, radius_m: %.1f}", pt(500), u(200, 1500))
		w("    flocks: %d", 1+r.IntN(3))
		w("    flock_size: %d", 1+r.IntN(4))
		w("    spawn_rate_per_h: %.1f", u(0, 20))
		w("    rcs: {median_m2: %.4f, spread_db: %.1f}", u(0.001, 0.02), u(0, 5))
	}
	w("traffic:")
	if convoy {
		w("  - {name: shadow, kind: shadow, type: type-%d, count: %d, end_s: 40, convoy: column, start_range_m: %.1f, orbit_radius_m: {min: 50, max: 300}, duration_s: {min: 10, max: 60}, alt_m: {min: 30, max: 120}, speed_mps: {min: 0.5, max: 1}}",
			r2.IntN(types), 1+r2.IntN(2), u2(200, 2000))
	}
	for i := range 1 + r.IntN(3) {
		typ := fmt.Sprintf("type-%d", r.IntN(types))
		group := ""
		if r2.IntN(3) == 0 {
			group = fmt.Sprintf(", group: {size: %d, formation: %s, spacing_m: %.1f, jitter_m: %.1f, stagger_s: %.1f}",
				2+r2.IntN(3), []string{"line", "column", "vee", "random"}[r2.IntN(4)], u2(5, 100), u2(0, 10), u2(0, 5))
		}
		switch r.IntN(4) {
		case 0:
			w("  - {name: t%d, kind: flight, type: %s%s, start_s: %.1f, from: %s, from_alt_m: %.1f, legs: [", i, typ, group, u(0, 60), pt(3000), u(0, 150))
			for j := range 1 + r.IntN(3) {
				switch r.IntN(3) {
				case 0:
					w("      {goto: {to: %s, alt_m: %.1f}},", pt(2000), u(0, 150))
				case 1:
					w("      {orbit: {center: %s, radius_m: %.1f, alt_m: %.1f, duration_s: %.1f}},", pt(1000), u(50, 400), u(10, 150), u(10, 120))
				default:
					w("      {hover: {duration_s: %.1f}},", u(5, 60))
				}
				_ = j
			}
			w("    ]}")
		case 1:
			w("  - {name: t%d, kind: inbound, type: %s%s, count: %d, end_s: %.1f, toward: %s, start_range_m: %.1f, alt_m: {min: 20, max: 120}, loiter_s: %.1f}",
				i, typ, group, 1+r.IntN(3), u(10, 60), pt(500), u(1000, 5000), u(0, 60))
		case 2:
			w("  - {name: t%d, kind: transit, type: %s%s, rate_per_h: %.1f, area: {center: %s, radius_m: %.1f}, alt_m: {min: 30, max: 150}}",
				i, typ, group, u(10, 120), pt(300), u(1000, 4000))
		default:
			w("  - {name: t%d, kind: loiter, type: %s%s, count: %d, end_s: 30, toward_zone: zone-0, start_range_m: %.1f, standoff_m: {min: 0, max: 300}, orbit_radius_m: {min: 50, max: 200}, duration_s: {min: 20, max: 90}, alt_m: {min: 20, max: 100}}",
				i, typ, group, 1+r.IntN(2), u(500, 3000))
		}
	}
	w("sensors:")
	n := 2 + r.IntN(3) // at least one left after dropping one
	var sensors []string
	for i := range n {
		var s strings.Builder
		if r.IntN(2) == 0 {
			fmt.Fprintf(&s, "  - {id: radar-%d, type: radar, position: %s, mast_height_m: %.1f, boresight_deg: %.1f, frequency_hz: %s, ",
				i, pt(1000), u(2, 30), u(0, 359), pick("3.0e9", "9.4e9", "24.0e9"))
			if r.IntN(2) == 0 {
				fmt.Fprintf(&s, "reference: {range_m: %.1f, rcs_m2: 0.01, pd: %.2f}, range_resolution_m: %.1f, ", u(500, 4000), u(0.3, 0.95), u(1, 30))
			} else {
				fmt.Fprintf(&s, "equation: {peak_power_w: %.1f, antenna_gain_db: %.1f, bandwidth_hz: %.0f, noise_figure_db: %.1f, losses_db: %.1f}, pulses: %d, ",
					u(1, 200), u(20, 40), u(0.5e6, 20e6), u(2, 8), u(0, 8), 1+r.IntN(32))
			}
			switch r.IntN(3) {
			case 0:
				fmt.Fprintf(&s, "scan: {mode: rotating, period_s: %.2f}, ", u(0.5, 4))
			case 1:
				fmt.Fprintf(&s, "scan: {mode: sector, period_s: %.2f, width_deg: %.1f}, ", u(0.5, 3), u(20, 180))
			default:
				fmt.Fprintf(&s, "scan: {mode: staring, update_rate_hz: %.1f, width_deg: %.1f}, ", u(1, 10), u(30, 360))
			}
			fmt.Fprintf(&s, "pfa: %.0e, range_m: {min: 20, max: %.0f}", u(1e-7, 1e-4), u(1000, 6000))
			if r.IntN(2) == 0 {
				fmt.Fprintf(&s, ", velocity_resolution_mps: %.2f", u(0.2, 2))
			}
			if r.IntN(3) == 0 {
				s.WriteString(", measures_elevation: false")
			}
			if r.IntN(2) == 0 {
				s.WriteString(", micro_doppler: {}")
			}
			s.WriteString("}")
		} else {
			if r.IntN(4) == 0 {
				s.WriteString("  - {measures_elevation: true, ")
			} else {
				s.WriteString("  - {")
			}
			fmt.Fprintf(&s, "id: rf-%d, type: rf, position: %s, mast_height_m: %.1f, bands: [{min_hz: 8.6e8, max_hz: 8.7e8}, {min_hz: 2.4e9, max_hz: 2.4835e9}, {min_hz: 5.725e9, max_hz: 5.85e9}], noise_figure_db: %.1f, threshold_snr_db: %.1f, false_alarm_rate_per_h: %.1f",
				i, pt(1500), u(2, 20), u(3, 9), u(5, 15), u(0, 20))
			if r.IntN(2) == 0 {
				fmt.Fprintf(&s, ", propagation: {model: log_distance, exponent: %.2f, shadowing_std_db: %.1f}", u(2, 3.5), u(0, 8))
			}
			s.WriteString("}")
		}
		sensors = append(sensors, s.String())
	}
	if dropLast {
		sensors = sensors[:len(sensors)-1]
	}
	for _, s := range sensors {
		w("%s", s)
	}
	m := 1 + r.IntN(4)
	w("tracker: {filter: %s, association: %s, confirm_m: %d, confirm_n: %d, delete_misses: %d}",
		pick("imm", "cv"), pick("gnn", "gnn", "jpda"), m, m+r.IntN(3), 2+r.IntN(6))
	w("alerting: {p_drone: %.2f, min_quality: %.2f, horizon_s: %.0f, clear_after_s: %.0f}", u(0, 1), u(0.5, 0.99), u(0, 120), u(0, 20))
	w("run: {duration_s: %.0f, step_s: %s, seed: %d}", u(30, 100), pick("0.1", "0.2", "0.5", "1", "2.5"), seed)
	return b.String()
}

// nonFinite finds NaN or Inf in a CSV or JSON file.
var nonFinite = regexp.MustCompile(`(?i)(^|[,:\[ ])[-+]?(nan|inf)`)

// checkPipeline runs the whole pipeline on random scenario seed and checks
// the properties every run must have: it loads, runs without panicking, and
// writes files without NaN or Inf; a re-run writes the same bytes; without
// its last sensor, truth.csv is the same.
func checkPipeline(t *testing.T, seed uint64) {
	dir := t.TempDir()
	file := filepath.Join(dir, "s.yaml")
	src := randomScenario(seed, false)
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	runOnce := func(scenario, out string) map[string][]byte {
		var stdout bytes.Buffer
		if err := run(context.Background(), runOptions{scenario: scenario, out: out, quiet: true}, &stdout, &stdout); err != nil {
			t.Fatalf("seed %d: %v\n%s", seed, err, src)
		}
		files := map[string][]byte{}
		for _, f := range outputFiles {
			b, err := os.ReadFile(filepath.Join(out, f))
			if err != nil {
				t.Fatal(err)
			}
			files[f] = b
		}
		return files
	}
	a := runOnce(file, filepath.Join(dir, "a"))
	for name, b := range a {
		if loc := nonFinite.FindIndex(b); loc != nil {
			line := bytes.Count(b[:loc[0]], []byte("\n")) + 1
			t.Errorf("seed %d: %s line %d holds a non-finite number: %.80s", seed, name, line, b[loc[0]:])
		}
	}
	bb := runOnce(file, filepath.Join(dir, "b"))
	for name := range a {
		if !bytes.Equal(a[name], bb[name]) {
			t.Errorf("seed %d: a re-run wrote a different %s", seed, name)
		}
	}
	fewer := filepath.Join(dir, "fewer.yaml")
	if err := os.WriteFile(fewer, []byte(randomScenario(seed, true)), 0o644); err != nil {
		t.Fatal(err)
	}
	if c := runOnce(fewer, filepath.Join(dir, "c")); !bytes.Equal(a["truth.csv"], c["truth.csv"]) {
		t.Errorf("seed %d: removing a sensor changed truth.csv", seed)
	}
}

// TestPipelineProperties runs the property check on 200 random scenarios
// (20 with -short or under the race detector: scripts/test.sh runs it in
// full without -race).
func TestPipelineProperties(t *testing.T) {
	n := uint64(200)
	if testing.Short() || raceEnabled {
		n = 20
	}
	for seed := uint64(1); seed <= n; seed++ {
		checkPipeline(t, seed)
		if t.Failed() {
			return
		}
	}
}

// FuzzPipeline searches scenario seeds for a run that breaks a property
// (go test ./cmd/cuasim -run '^$' -fuzz FuzzPipeline).
func FuzzPipeline(f *testing.F) {
	for _, s := range []uint64{1, 2, 3} {
		f.Add(s)
	}
	f.Fuzz(checkPipeline)
}
