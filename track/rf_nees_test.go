package track_test

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/cuasim/cuasim/track"
)

// rfOnly is three RF direction finders without elevation, in a triangle
// 2.6 km wide, and no radar: tracks come from RF alone.
const rfOnly = `sensors:
  - {id: rf-a, type: rf, position: [-1300, 0], mast_height_m: 8, bands: [{min_hz: 2.4e9, max_hz: 2.4835e9}],
     noise_figure_db: 6, threshold_snr_db: 10, update_period_s: 1, bearing_std_deg: {floor: 2, at_threshold: 8}}
  - {id: rf-b, type: rf, position: [1300, 0], mast_height_m: 8, bands: [{min_hz: 2.4e9, max_hz: 2.4835e9}],
     noise_figure_db: 6, threshold_snr_db: 10, update_period_s: 1, bearing_std_deg: {floor: 2, at_threshold: 8}}
  - {id: rf-c, type: rf, position: [0, -1500], mast_height_m: 8, bands: [{min_hz: 2.4e9, max_hz: 2.4835e9}],
     noise_figure_db: 6, threshold_snr_db: 10, update_period_s: 1, bearing_std_deg: {floor: 2, at_threshold: 8}}
`

// TestRFOnlyNEES: a drone flying a zig-zag across the triangle of three
// RF sensors at 1.5-3 km, tracked from its bearings alone, over 100 seeds.
// Each run is scored once, at a time spread over 60-300 s by its seed, so
// that the samples are independent: the horizontal position NEES of the
// confirmed track nearest the drone, summed over the runs, must lie inside
// the two-sided 95 % chi-square interval with 2·runs degrees of freedom.
// The RF-only track's covariance says how far off it is.
func TestRFOnlyNEES(t *testing.T) {
	if testing.Short() {
		t.Skip("100 runs")
	}
	const runs = 100
	body := `traffic:
  - {name: d, kind: flight, type: quad, from: [-2500, 3000], from_alt_m: 80,
     legs: [{goto: {to: [-1500, 2000], alt_m: 80}}, {goto: {to: [-500, 2800], alt_m: 80}},
            {goto: {to: [500, 1800], alt_m: 80}}, {goto: {to: [1500, 2600], alt_m: 80}},
            {goto: {to: [2500, 1500], alt_m: 80}}]}
` + rfOnly
	var sum float64
	held := 0
	for seed := 1; seed <= runs; seed++ {
		at := 60 + float64((seed*37)%241) // 60-300 s
		r := simulateRecord(t, body+fmt.Sprintf("run: {duration_s: 310, seed: %d}\n", seed), []float64{at})
		if r[0].ok {
			sum += r[0].nees
			held++
		}
	}
	d := distuv.ChiSquared{K: float64(2 * held)}
	lo, hi := d.Quantile(0.025), d.Quantile(0.975)
	t.Logf("%d runs with a confirmed track: mean NEES %.2f (95 %% interval of the mean [%.2f, %.2f], 2 if consistent)",
		held, sum/float64(held), lo/float64(held), hi/float64(held))
	if held < runs*9/10 {
		t.Errorf("a confirmed track in %d of %d runs", held, runs)
	}
	if sum < lo || sum > hi {
		t.Errorf("mean horizontal NEES %.2f outside [%.2f, %.2f]", sum/float64(held), lo/float64(held), hi/float64(held))
	}
}

// neesAt is the horizontal NEES of the confirmed track nearest the drone
// at one time, if there was one.
type neesAt struct {
	nees float64
	ok   bool
}

// simulateRecord runs a scenario body and returns, at each given time,
// the horizontal NEES of the confirmed track nearest entity 0.
func simulateRecord(t *testing.T, body string, times []float64) []neesAt {
	t.Helper()
	out := make([]neesAt, len(times))
	r := simulateHook(t, body, func(now float64, w r3.Vec, tracks []*track.Track) {
		for k, ts := range times {
			if math.Abs(now-ts) > 1e-6 {
				continue
			}
			best := math.Inf(1)
			for _, tk := range tracks {
				if tk.Status != track.Confirmed {
					continue
				}
				p := tk.Position()
				e := [2]float64{p.X - w.X, p.Y - w.Y}
				if d := math.Hypot(e[0], e[1]); d < best {
					best = d
					P := tk.Covariance()
					det := P[0][0]*P[1][1] - P[0][1]*P[1][0]
					out[k] = neesAt{(P[1][1]*e[0]*e[0] - 2*P[0][1]*e[0]*e[1] + P[0][0]*e[1]*e[1]) / det, true}
				}
			}
		}
	})
	_ = r
	return out
}
