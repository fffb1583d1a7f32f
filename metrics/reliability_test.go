package metrics_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/track"
)

// TestReliabilityHandWorked: a diagram of three bins, [0, 0.5), [0.5,
// 0.9) and [0.9, 1], filled by hand. Bin 0: P 0.1 and 0.3, one on a drone
// (observed 0.5, mean 0.2); bin 1: P 0.5 (on an edge: the bin above it)
// and 0.7, both on drones (1, 0.6); bin 2: P 0.9 and 1, neither (0,
// 0.95). ECE = (2·0.3 + 2·0.4 + 2·0.95)/6 = 0.55, worked by hand.
func TestReliabilityHandWorked(t *testing.T) {
	r, err := metrics.NewReliability([]float64{0, 0.5, 0.9, 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []struct {
		p  float64
		on bool
	}{{0.1, true}, {0.3, false}, {0.5, true}, {0.7, true}, {0.9, false}, {1, false}} {
		r.Add(o.p, o.on)
	}
	want := []struct {
		n, on    int
		obs, mnP float64
	}{{2, 1, 0.5, 0.2}, {2, 2, 1, 0.6}, {2, 0, 0, 0.95}}
	for i, w := range want {
		b := r.Bins[i]
		if b.N != w.n || b.OnDrone != w.on || math.Abs(b.Observed()-w.obs) > 1e-12 || math.Abs(b.MeanP()-w.mnP) > 1e-12 {
			t.Errorf("bin %d: n %d, on a drone %d, observed %g, mean %g; want %d, %d, %g, %g", i, b.N, b.OnDrone, b.Observed(), b.MeanP(), w.n, w.on, w.obs, w.mnP)
		}
	}
	if e := r.ECE(); math.Abs(e-0.55) > 1e-12 {
		t.Errorf("ECE %g, want 0.55", e)
	}
	if gap, bin := r.MaxGap(2); bin != 2 || math.Abs(gap-0.95) > 1e-12 {
		t.Errorf("largest gap %g in bin %d, want 0.95 in bin 2", gap, bin)
	}
	if _, bin := r.MaxGap(3); bin != -1 {
		t.Errorf("largest gap over bins of 3 or more in bin %d, want none", bin)
	}
	o, _ := metrics.NewReliability([]float64{0, 0.5, 0.9, 1})
	o.Add(0.2, false)
	if err := r.Merge(o); err != nil || r.Bins[0].N != 3 || r.N() != 7 {
		t.Errorf("merged: %v, bin 0 holds %d, all %d; want 3 and 7", err, r.Bins[0].N, r.N())
	}
	bad, _ := metrics.NewReliability([]float64{0, 0.4, 1})
	if err := r.Merge(bad); err == nil {
		t.Error("merging other bins: no error")
	}
	for _, edges := range [][]float64{{0.1, 1}, {0, 0.9}, {0, 0.5, 0.5, 1}, {0}} {
		if _, err := metrics.NewReliability(edges); err == nil {
			t.Errorf("edges %v: no error", edges)
		}
	}
}

// TestReliabilityCalibratedSamples: P(drone) drawn uniformly and the
// track on a drone with exactly that probability is calibrated: over
// 200 000 draws (a fixed generator, not the global one) every bin's
// observed fraction is within 4 standard errors of its mean and the ECE
// is under 0.01; the same draws scored against P² (over-confident below
// 1) are not.
func TestReliabilityCalibratedSamples(t *testing.T) {
	good, _ := metrics.NewReliability(metrics.ReliabilityEdges)
	bad, _ := metrics.NewReliability(metrics.ReliabilityEdges)
	x := uint64(12345)
	next := func() float64 { // a 64-bit LCG (Knuth's MMIX), top 53 bits
		x = x*6364136223846793005 + 1442695040888963407
		return float64(x>>11) / (1 << 53)
	}
	for range 200000 {
		p, u := next(), next()
		good.Add(p, u < p)
		bad.Add(p, u < p*p)
	}
	for i, b := range good.Bins {
		se := math.Sqrt(b.MeanP() * (1 - b.MeanP()) / float64(b.N))
		if math.Abs(b.Observed()-b.MeanP()) > 4*se+1e-3 {
			t.Errorf("bin %d: observed %.4f, mean %.4f (n %d)", i, b.Observed(), b.MeanP(), b.N)
		}
	}
	if e := good.ECE(); e > 0.01 {
		t.Errorf("calibrated draws: ECE %.4f, want under 0.01", e)
	}
	// E|p² − p| over uniform p is 1/6.
	if e := bad.ECE(); math.Abs(e-1.0/6) > 0.01 {
		t.Errorf("draws on a drone with probability P²: ECE %.4f, want about 1/6", e)
	}
}

// TestTrackStatsClassObserver: the scoring tells the class observer each
// confirmed track at each evaluation, on a drone when assigned a drone
// or a duplicate of one (within the gate of a drone another track holds),
// not when on a bird (assigned or within its gate) or on nothing.
func TestTrackStatsClassObserver(t *testing.T) {
	w := world() // drone-a, drone-b, bird
	s := metrics.NewTrackStats(w, 100)
	r, _ := metrics.NewReliability([]float64{0, 0.2, 0.4, 0.6, 0.8, 1})
	s.Class = r
	w.Step()
	w.Entities[0].Pos = r3.Vec{X: 1000, Z: 50}
	w.Entities[1].Pos = r3.Vec{Y: 3000, Z: 50}
	w.Entities[2].Pos = r3.Vec{X: -2000, Z: 20}
	tracks := []*track.Track{
		confirmed(1, r3.Vec{X: 1005, Z: 50}),          // on drone-a: P 0.1
		confirmed(2, r3.Vec{X: 1040, Z: 50}),          // duplicate of drone-a: P 0.3
		confirmed(3, r3.Vec{X: -2030, Z: 20}),         // on the bird: P 0.5
		confirmed(4, r3.Vec{X: -2060, Z: 20}),         // near the bird: P 0.7
		confirmed(5, r3.Vec{X: 1000, Y: 1500, Z: 50}), // on nothing: P 0.9
		{ID: 6, Status: track.Tentative},              // not scored
	}
	for i, tk := range tracks {
		tk.PDrone = 0.1 + 0.2*float64(i)
	}
	s.Add(w, tracks)
	wantOn := []int{1, 1, 0, 0, 0}
	for i, b := range r.Bins {
		if b.N != 1 || b.OnDrone != wantOn[i] {
			t.Errorf("bin %d: %d evaluations, %d on a drone; want 1 and %d", i, b.N, b.OnDrone, wantOn[i])
		}
	}
}
