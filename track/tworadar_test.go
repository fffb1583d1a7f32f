package track_test

import (
	"fmt"
	"testing"
)

// twoRadars are two rotating 3-D X-band radars like the airport's main
// radar (1 s rotation, 2° × 20° beam, 5 m range and 0.5 m/s velocity
// resolution), 1.7 km apart, as the airport's search places them.
const twoRadars = `sensors:
  - id: radar-a
    type: radar
    position: [-707, -557]
    mast_height_m: 15
    frequency_hz: 9.4e9
    reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.9, swerling: 1}
    pfa: 1.0e-6
    scan: {mode: rotating, period_s: 1}
    range_m: {min: 50, max: 6000}
    elevation_deg: {min: -2, max: 40}
    beamwidth_deg: {azimuth: 2, elevation: 20}
    range_resolution_m: 5
    velocity_resolution_mps: 0.5
  - id: radar-b
    type: radar
    position: [600, 600]
    mast_height_m: 15
    frequency_hz: 9.4e9
    reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.9, swerling: 1}
    pfa: 1.0e-6
    scan: {mode: rotating, period_s: 1}
    range_m: {min: 50, max: 6000}
    elevation_deg: {min: -2, max: 40}
    beamwidth_deg: {azimuth: 2, elevation: 20}
    range_resolution_m: 5
    velocity_resolution_mps: 0.5
`

// duplicateSteps runs the drone's flight under the two radars for each
// seed and returns, summed over the seeds, the steps at which two or more
// confirmed tracks were on the drone and the steps at which one or more
// were.
func duplicateSteps(t *testing.T, flight, sensors string, durationS float64, seeds int) (dup, held int) {
	t.Helper()
	for seed := 1; seed <= seeds; seed++ {
		r := simulate(t, flight+sensors+fmt.Sprintf("run: {duration_s: %g, seed: %d}\n", durationS, seed), nil)
		d, h := 0, 0
		ids := map[int]bool{}
		for _, s := range r.steps {
			n := 0
			for _, tk := range s.tracks {
				if tk.truth == 0 {
					n++
					ids[tk.id] = true
				}
			}
			if n >= 2 {
				d++
			}
			if n >= 1 {
				h++
			}
		}
		t.Logf("seed %d: %d steps with two tracks on the drone, %d with one at least, tracks %v", seed, d, h, ids)
		dup += d
		held += h
	}
	return dup, held
}

// TestTwoRadarsOneTrack: a drone flying straight through the coverage of
// two radars is held by one confirmed track, not one per radar: each
// radar's plots gate to the track the other's plots started (the tracker
// fuses both radars' plots in one track), over seeds 1-8, at every step.
func TestTwoRadarsOneTrack(t *testing.T) {
	dup, held := duplicateSteps(t, `traffic:
  - {name: d, kind: flight, type: quad, from: [-1800, 1500], from_alt_m: 90,
     legs: [{goto: {to: [1800, -300], alt_m: 90}}]}
`, twoRadars, 300, 8)
	if held < 8*2000 {
		t.Errorf("drone held by a confirmed track at %d steps in all, want most of the 8 × 3000", held)
	}
	if dup > 0 {
		t.Errorf("two confirmed tracks on the drone at %d of %d steps, want none", dup, held)
	}
}

// TestTwoRadarsOneTrackThroughTurn: the same radars and a drone turning
// back on itself at the default turn rate of 90°/s (at 12 m/s, a lateral
// acceleration of 19 m/s², as the airport's inbound drones turn on reaching
// their loiter and the silent survey between its legs). The
// nearly-constant-velocity model (4 m²/s³) does not follow such a turn: both
// radars' plots fall out of the track's gate (4-6σ in range and radial
// velocity) and new tracks start on them. Under one radar that is a break;
// under two, the new track is confirmed on the two radars' hits while the
// coasting one is still on the drone, and at the airport each radar may
// start a track of its own (the one started on a plot whose elevation, ±2°,
// is 2.5-3σ off does not gate the other radar's sub-metre ranges): two
// confirmed tracks on one drone, the duplicates cause of compare's false
// alerts. Fails today on seeds 4, 6 and 7 (22 steps in all); passes with
// tracker.cv_accel_psd_m2_s3 = 50 (and on 7 of the 8 seeds with 16).
func TestTwoRadarsOneTrackThroughTurn(t *testing.T) {
	t.Skip("known failure: the motion models do not follow a 90°/s turn at 12 m/s, and two radars then leave two confirmed tracks on the drone (see the comment)")
	dup, held := duplicateSteps(t, `traffic:
  - {name: d, kind: flight, type: quad, from: [-1500, 1300], from_alt_m: 90,
     legs: [{goto: {to: [0, 300], alt_m: 90}}, {goto: {to: [-1400, 1500], alt_m: 90}}]}
`, twoRadars, 300, 8)
	if dup > 0 {
		t.Errorf("two confirmed tracks on the drone at %d of %d steps, want none", dup, held)
	}
}
