package sensors

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/sim"
)

// TestMergeUnresolved: a radar with 5 m range resolution, a 2° beam and
// 0.5 m/s velocity resolution at the origin, and targets 1 km north,
// worked out by hand: a and b (2 m apart in range, 0.5° apart in azimuth,
// same velocity) share a cell, and so does c, 4 m beyond b in range (6 m
// beyond a: joined through b, as a plot extractor clusters adjacent
// cells); d is 20 m beyond a (another range cell), e 10° off (another
// beam position), f in a's cell but closing 5 m/s faster (another Doppler
// cell), and a false alarm in a's cell is left alone. One plot stands for
// a, b and c — the strongest's, b's — with Unresolved 3.
func TestMergeUnresolved(t *testing.T) {
	at := func(rangeM, azDeg float64) r3.Vec {
		s, c := math.Sincos(geo.Rad(azDeg))
		return r3.Vec{X: rangeM * s, Y: rangeM * c}
	}
	w := &sim.World{StepS: 1, DurationS: 10, Entities: []sim.Entity{
		{ID: 0, Name: "a", Pos: at(1000, 0)},
		{ID: 1, Name: "b", Pos: at(1002, 0.5)},
		{ID: 2, Name: "c", Pos: at(1006, 0.2)},
		{ID: 3, Name: "d", Pos: at(1020, 0)},
		{ID: 4, Name: "e", Pos: at(1000, 10)},
		{ID: 5, Name: "f", Pos: at(1001, 0), Vel: r3.Vec{Y: -5}},
	}}
	w.Step()
	r := &Radar{rangeRes: 5, azBW: geo.Rad(2), velRes: 0.5, mergeUnresolved: true}
	snr := []float64{20, 25, 18, 20, 20, 20}
	var dets []Detection
	for i := range w.Entities {
		dets = append(dets, Detection{TimeS: w.TimeS(), TruthID: i, SNRdB: snr[i], Link: -1})
	}
	dets = append(dets, Detection{TimeS: w.TimeS(), TruthID: -1, SNRdB: 30, Link: -1})
	got := r.merge(w, dets, 0)
	want := map[int]int{1: 3, 3: 0, 4: 0, 5: 0, -1: 0} // truth → Unresolved
	if len(got) != len(want) {
		t.Fatalf("%d plots, want %d: %+v", len(got), len(want), got)
	}
	for _, d := range got {
		u, ok := want[d.TruthID]
		if !ok || d.Unresolved != u {
			t.Errorf("plot of truth %d, unresolved %d; want the plots of %v (truth: unresolved)", d.TruthID, d.Unresolved, want)
		}
	}
	// Dwells further apart than the beam's time on a direction are two
	// looks, not one cell.
	r.lookS = 0.01
	dets = dets[:0]
	dets = append(dets, Detection{TimeS: w.TimeS(), TruthID: 0, SNRdB: 20, Link: -1}, Detection{TimeS: w.TimeS() - 0.05, TruthID: 1, SNRdB: 25, Link: -1})
	if got := r.merge(w, dets, 0); len(got) != 2 {
		t.Errorf("dwells 0.05 s apart, the beam on a direction 0.01 s: %d plots, want 2", len(got))
	}
}
