package pipeline

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/scenarios"
)

// convoyBubble is a convoy driving east at 10 m/s along a straight road
// with a 300 m protection bubble that follows it, a drone hovering beside
// the road 100 m north of it at the origin, and a radar and an RF sensor
// watching the road. The convoy's centre starts at (−2900, 0): the bubble
// reaches the drone when the centre is √(300² − 100²) = 282.8 m short of
// it, at t = (2900 − 282.8)/10 = 261.7 s.
const convoyBubble = `name: bubble
site: {name: a road}
roads:
  - {name: road, points: [[-3000, 0], [3000, 0]]}
convoys:
  - {name: column, road: road, vehicles: 3, spacing_m: 100, speed_mps: 10}
zones:
  - {name: bubble, severity: high, follows: column, circle: {center: [0, 0], radius_m: 300}}
uav_types:
  - use: mavic-class
traffic:
  - {name: watcher, kind: flight, type: mavic-class, from: [0, 100], from_alt_m: 80, legs: [{hover: {duration_s: 600}}]}
sensors:
  - {id: radar, type: radar, position: [0, -600], mast_height_m: 10, frequency_hz: 9.4e9,
     reference: {range_m: 2000, rcs_m2: 0.01, pd: 0.9}, scan: {mode: rotating, period_s: 1},
     range_m: {min: 50, max: 5000}, range_resolution_m: 5, velocity_resolution_mps: 0.5, micro_doppler: {}}
  - {id: rf, type: rf, position: [600, -600], mast_height_m: 10, bands: [{min_hz: 2.4e9, max_hz: 2.4835e9}, {min_hz: 5.725e9, max_hz: 5.85e9}],
     antenna_gain_db: 6, noise_figure_db: 6, threshold_snr_db: 10}
run: {duration_s: 400, seed: 3}
`

// TestAlertsFollowMovingZone: with the bubble following the convoy, the
// hovering drone enters it when the convoy brings it there (truth: the
// step after 261.7 s), and the alert rules, reading the convoy's
// schedule, warn of the entry before it: an alert predicted within the
// 60 s horizon (plus the uncertainty allowance), then inside from the
// entry. The same bubble left where the convoy starts
// is 2.9 km from the drone: no entry, no alert.
func TestAlertsFollowMovingZone(t *testing.T) {
	run := func(src string) (*Replication, []alert.Event) {
		sc, err := scenarios.Parse("bubble.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		r, err := New(sc)
		if err != nil {
			t.Fatal(err)
		}
		var evs []alert.Event
		r.Recorders = append(r.Recorders, RecorderFunc(func(r *Replication) error {
			evs = append(evs, r.Events...)
			return nil
		}))
		if err := r.Run(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		return r, evs
	}
	r, evs := run(convoyBubble)
	d := r.AlertResult().Drones[0]
	if want := (2900 - math.Sqrt(300*300-100*100)) / 10; !(d.EntryS >= want && d.EntryS <= want+0.1+1e-9) { // NaN fails too
		t.Errorf("entry at %.1f s, want the step after %.1f s", d.EntryS, want)
	}
	if len(evs) == 0 || evs[0].Kind != alert.Start {
		t.Fatalf("events %+v: want an alert", evs)
	}
	first, inside := evs[0], math.NaN()
	for _, e := range evs {
		if e.Inside && math.IsNaN(inside) {
			inside = e.TimeS
		}
	}
	t.Logf("first alert %.0f s (%s, entry in %.0f s), inside from %.0f s, truth entry %.1f s, first track %.0f s",
		first.TimeS, first.Level, first.TimeToEntryS, inside, d.EntryS, d.FirstTrackS)
	// Predicted within the 60 s horizon, with the track's uncertainty
	// allowance (at most max_margin_m, 300 m: 30 s of the convoy's
	// driving) on top.
	if first.Inside || !(first.TimeS >= d.EntryS-91 && first.TimeS <= d.EntryS-30) {
		t.Errorf("first alert at %.0f s (inside %v), want a predicted entry 30-91 s before %.1f s", first.TimeS, first.Inside, d.EntryS)
	}
	if !(math.Abs(inside-d.EntryS) <= 5) {
		t.Errorf("alert inside the bubble from %.0f s, want within 5 s of the entry at %.1f s", inside, d.EntryS)
	}
	if d.FirstAlertS != first.TimeS {
		t.Errorf("first alert on the drone at %.0f s, want the event's %.0f s", d.FirstAlertS, first.TimeS)
	}

	still := strings.Replace(convoyBubble, "follows: column, circle: {center: [0, 0]", "circle: {center: [-2900, 0]", 1)
	r, evs = run(still)
	if d := r.AlertResult().Drones[0]; !math.IsNaN(d.EntryS) || len(evs) != 0 {
		t.Errorf("the bubble left at the convoy's start: entry %.1f s, %d alert events; want none", d.EntryS, len(evs))
	}
}
