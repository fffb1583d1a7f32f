package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/record"
)

// groupScenario is a group of five folding quadcopters flying abreast,
// 40 m apart, from 4 km south-east over a radar and two RF detectors and
// away: closely spaced targets, the hard case for association (at 2 km the
// radar's 2° beam is 70 m across, wider than the spacing). Nothing else
// flies.
const groupScenario = `name: group-tracking
site: {name: open ground}
zones:
  - {name: site, severity: high, circle: {center: [0, 0], radius_m: 500}}
uav_types:
  - use: mavic-class
traffic:
  - name: swarm
    kind: flight
    type: mavic-class
    start_s: 10
    from: [2800, -2800]
    from_alt_m: 100
    legs:
      - goto: {to: [-2800, 2800], alt_m: 100, speed_mps: 12}
    group: {size: 5, formation: line, spacing_m: 40, jitter_m: 3}
sensors:
  - {id: radar, type: radar, position: [0, 0], mast_height_m: 15, frequency_hz: 9.4e9,
     reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.9}, scan: {mode: rotating, period_s: 1},
     range_m: {min: 50, max: 6000}, range_resolution_m: 5, velocity_resolution_mps: 0.5,
     micro_doppler: {min_snr_db: 15, drone_as_drone: 0.9, bird_as_bird: 0.92}}
  - {id: rf-west, type: rf, position: [-1200, 300], mast_height_m: 10, bands: [{min_hz: 2.4e9, max_hz: 2.4835e9}, {min_hz: 5.725e9, max_hz: 5.85e9}],
     antenna_gain_db: 6, noise_figure_db: 6, threshold_snr_db: 10}
  - {id: rf-east, type: rf, position: [1200, 300], mast_height_m: 10, bands: [{min_hz: 2.4e9, max_hz: 2.4835e9}, {min_hz: 5.725e9, max_hz: 5.85e9}],
     antenna_gain_db: 6, noise_figure_db: 6, threshold_snr_db: 10}
run: {duration_s: 700, seed: 1}
`

// TestGroupTracking runs the tracker on a group of five closely spaced
// drones, over three seeds (one under the race detector), and checks what the tracking issue asks of it
// for single drones, member by member: each gets a confirmed track, is
// held by one at least half its time and by at most 10 tracks in turn
// (3-5 today), and the tracker keeps the members apart rather than
// merging them: their mean held fraction is at least 70 % (about 90 %
// today). Swaps between members, which closely spaced targets cause (8-30
// per member today), are logged, not bounded.
func TestGroupTracking(t *testing.T) {
	if testing.Short() {
		t.Skip("three 12-minute runs")
	}
	t.Parallel()
	file := filepath.Join(t.TempDir(), "group.yaml")
	if err := os.WriteFile(file, []byte(groupScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	seeds := []string{"1", "2", "3"}
	if raceEnabled {
		seeds = seeds[:1] // ten times slower: one is enough to find a race
	}
	for _, seed := range seeds {
		dir, _ := runTo(t, file, "--seed", seed)
		var s record.Summary
		if err := json.Unmarshal(readFile(t, dir, "summary.json"), &s); err != nil {
			t.Fatal(err)
		}
		var held float64
		members := 0
		for _, e := range s.Entities {
			if e.Group != "swarm" || !strings.HasPrefix(e.Name, "swarm.") {
				t.Errorf("seed %s: %s in group %q, want swarm", seed, e.Name, e.Group)
				continue
			}
			members++
			held += e.HeldFraction
			t.Logf("seed %s: %s held %.0f%%, %d tracks, %d breaks, %d swaps", seed, e.Name, 100*e.HeldFraction, e.Tracks, e.Breaks, e.Swaps)
			if e.FirstTrackS == nil || e.HeldFraction < 0.5 {
				t.Errorf("seed %s: %s held by a confirmed track %.0f%% of its time, want at least half", seed, e.Name, 100*e.HeldFraction)
			}
			if e.Tracks > 10 {
				t.Errorf("seed %s: %s held by %d tracks in turn, want at most 10: the group's tracks fragment", seed, e.Name, e.Tracks)
			}
		}
		if members != 5 {
			t.Fatalf("seed %s: %d members, want 5", seed, members)
		}
		if mean := held / 5; mean < 0.7 {
			t.Errorf("seed %s: members held %.0f%% of their time on average, want at least 70 %%", seed, 100*mean)
		}
	}
}

// TestNewSitesShareTruth: each layout of the air base and the convoy
// route, with one seed, writes the same truth.csv byte for byte, though
// the layouts add, remove and move sensors: the group, the convoy and the
// drones shadowing it draw from no stream a sensor uses. Seven simulated
// hours, about 15 s; the race detector would make them minutes, so
// scripts/test.sh runs it in its plain step, with the pipeline
// properties.
func TestNewSitesShareTruth(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("every layout of two sites for an hour: run without -short and -race")
	}
	t.Parallel()
	const duration = "1h"
	for site, layouts := range map[string][]string{
		"airbase": {"base", "base-radar", "rf-fence", "radar-south"},
		"convoy":  {"base", "route-rf", "route-radar"},
	} {
		var ref []byte
		for _, l := range layouts {
			dir, _ := runTo(t, site, "--layout", l, "--duration", duration)
			truth := readFile(t, dir, "truth.csv")
			if ref == nil {
				ref = truth
				continue
			}
			if string(truth) != string(ref) {
				t.Errorf("%s: layout %s wrote a truth.csv different from the base layout's", site, l)
			}
		}
		if n := strings.Count(string(ref), "\n"); n < 10000 {
			t.Errorf("%s: truth.csv has %d lines: the test shows little", site, n)
		}
	}
}
