package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/internal/docblock"
	"github.com/cuasim/cuasim/record"
)

// beforeIssue9 are the same figures measured by this test's code (seeds
// 1-10, `cuasim run SCENARIO --seed N`) at commit 803bdc4, before the
// tracker's classification, RF association and birth rules of issue 9.
var beforeIssue9 = map[string]scenarioFigures{
	"airport": {Hours: 10, FalseDrone: 163, FalseOnBird: 100, FalseOnClutter: 63, Drones: 90, DronesTracked: 90,
		DroneTracks: 233, DroneTracksBird: 8, BirdTracks: 2466, BirdHours: 139.018},
	"base": {Hours: 5, FalseDrone: 452, FalseOnBird: 269, FalseOnClutter: 183, Drones: 60, DronesTracked: 60,
		DroneTracks: 150, DroneTracksBird: 0, BirdTracks: 4691, BirdHours: 60.0},
	"depot": {Hours: 10, FalseDrone: 99, FalseOnBird: 48, FalseOnClutter: 51, Drones: 58, DronesTracked: 57,
		DroneTracks: 155, DroneTracksBird: 1, BirdTracks: 964, BirdHours: 22.819},
}

// scenarioFigures sums a scenario's runs.
type scenarioFigures struct {
	Hours                                   float64
	FalseDrone, FalseOnBird, FalseOnClutter int
	Drones, DronesTracked                   int
	DroneTracks, DroneTracksBird            int
	BirdTracks                              int
	BirdHours                               float64
}

func (f scenarioFigures) falsePerHour() float64      { return float64(f.FalseDrone) / f.Hours }
func (f scenarioFigures) birdTracksPerHour() float64 { return float64(f.BirdTracks) / f.BirdHours }

// figures reads one run's summary.json into figures.
func figures(s *record.Summary) scenarioFigures {
	tr := s.Tracking
	f := scenarioFigures{Hours: s.DurationS / 3600,
		FalseOnBird: tr.DroneClassified["bird"], FalseOnClutter: tr.DroneClassified["clutter"],
		DroneTracks: tr.ByCause["drone"], DroneTracksBird: tr.ByCause["drone"] - tr.DroneClassified["drone"],
		BirdTracks: tr.ByCause["bird"]}
	f.FalseDrone = f.FalseOnBird + f.FalseOnClutter
	for _, e := range s.Entities {
		end := s.DurationS
		if e.EndS != nil {
			end = *e.EndS
		}
		if e.Kind == "bird" {
			f.BirdHours += max(0, end-e.StartS) / 3600
			continue
		}
		f.Drones++
		if e.FirstTrackS != nil {
			f.DronesTracked++
		}
	}
	return f
}

func (f *scenarioFigures) add(g scenarioFigures) {
	f.Hours += g.Hours
	f.FalseDrone += g.FalseDrone
	f.FalseOnBird += g.FalseOnBird
	f.FalseOnClutter += g.FalseOnClutter
	f.Drones += g.Drones
	f.DronesTracked += g.DronesTracked
	f.DroneTracks += g.DroneTracks
	f.DroneTracksBird += g.DroneTracksBird
	f.BirdTracks += g.BirdTracks
	f.BirdHours += g.BirdHours
}

// TestFalseDroneTracksTable runs seeds 1-10 of every shipped scenario and
// checks what issue 9 asks of the tracker: false drone tracks (confirmed
// tracks classified drone that followed a bird or nothing) at most 2 per
// hour (the base, the hardest, at 2.0, 45 times fewer than before; see
// docs/tracking.md) — no drone untracked
// that was tracked before, and fewer confirmed tracks per bird and hour
// than before (airbase and convoy have no before figures). It writes the table of docs/tracking.md
// (go test ./cmd/cuasim -run TestFalseDroneTracksTable -update).
func TestFalseDroneTracksTable(t *testing.T) {
	if testing.Short() {
		t.Skip("fifty simulated runs, 45 hours")
	}
	if raceEnabled {
		t.Skip("fifty simulated runs: scripts/test.sh runs them without the race detector")
	}
	names := []string{"airport", "base", "depot", "airbase", "convoy"}
	const seeds = 10
	runs := make([][]scenarioFigures, len(names))
	t.Run("runs", func(t *testing.T) {
		for i, name := range names {
			runs[i] = make([]scenarioFigures, seeds)
			for seed := 1; seed <= seeds; seed++ {
				t.Run(fmt.Sprintf("%s-%d", name, seed), func(t *testing.T) {
					t.Parallel()
					dir, _ := runTo(t, name, "--seed", strconv.Itoa(seed))
					var s record.Summary
					if err := json.Unmarshal(readFile(t, dir, "summary.json"), &s); err != nil {
						t.Fatal(err)
					}
					runs[i][seed-1] = figures(&s)
				})
			}
		}
	})
	if t.Failed() {
		return
	}
	var table strings.Builder
	table.WriteString("| scenario (seeds 1–10) | hours | false drone tracks per hour (on birds + on nothing) | before | drones tracked | before | drone tracks classified bird | before | confirmed tracks per bird-hour | before |\n")
	table.WriteString("|---|---|---|---|---|---|---|---|---|---|\n")
	for i, name := range names {
		var f scenarioFigures
		for _, r := range runs[i] {
			f.add(r)
		}
		b, hasBefore := beforeIssue9[name]
		if hasBefore {
			fmt.Fprintf(&table, "| %s | %.0f | %.1f (%d + %d) | %.1f | %d of %d | %d of %d | %d of %d | %d of %d | %.1f | %.1f |\n",
				name, f.Hours, f.falsePerHour(), f.FalseOnBird, f.FalseOnClutter, b.falsePerHour(),
				f.DronesTracked, f.Drones, b.DronesTracked, b.Drones, f.DroneTracksBird, f.DroneTracks, b.DroneTracksBird, b.DroneTracks,
				f.birdTracksPerHour(), b.birdTracksPerHour())
		} else {
			fmt.Fprintf(&table, "| %s | %.0f | %.1f (%d + %d) | — | %d of %d | — | %d of %d | — | %s | — |\n",
				name, f.Hours, f.falsePerHour(), f.FalseOnBird, f.FalseOnClutter,
				f.DronesTracked, f.Drones, f.DroneTracksBird, f.DroneTracks, perBirdHour(f))
		}
		t.Logf("%s: %.1f false drone tracks per hour (%d on birds, %d on nothing), per seed %v; drones tracked %d of %d (per seed %v); drone tracks classified bird %d of %d; %.1f confirmed tracks per bird-hour",
			name, f.falsePerHour(), f.FalseOnBird, f.FalseOnClutter, falsePerSeed(runs[i]), f.DronesTracked, f.Drones, trackedPerSeed(runs[i]), f.DroneTracksBird, f.DroneTracks, f.birdTracksPerHour())
		if f.falsePerHour() > 2 {
			t.Errorf("%s: %.1f false drone tracks per hour, want at most 2", name, f.falsePerHour())
		}
		if !hasBefore {
			continue
		}
		if f.DronesTracked < b.DronesTracked || f.Drones != b.Drones {
			t.Errorf("%s: %d of %d drones tracked, before %d of %d", name, f.DronesTracked, f.Drones, b.DronesTracked, b.Drones)
		}
		if f.birdTracksPerHour() >= b.birdTracksPerHour() {
			t.Errorf("%s: %.1f confirmed tracks per bird-hour, before %.1f", name, f.birdTracksPerHour(), b.birdTracksPerHour())
		}
	}
	if err := docblock.Sync("../../docs/tracking.md", "false-drone-tracks", table.String(), *update,
		"go test ./cmd/cuasim -run TestFalseDroneTracksTable -update"); err != nil {
		t.Error(err)
	}
}

// perBirdHour formats confirmed tracks per bird-hour, "—" for a scenario
// without birds.
func perBirdHour(f scenarioFigures) string {
	if f.BirdHours == 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f", f.birdTracksPerHour())
}

func falsePerSeed(rs []scenarioFigures) []int {
	var n []int
	for _, r := range rs {
		n = append(n, r.FalseDrone)
	}
	return n
}

func trackedPerSeed(rs []scenarioFigures) []int {
	var n []int
	for _, r := range rs {
		n = append(n, r.DronesTracked)
	}
	return n
}
