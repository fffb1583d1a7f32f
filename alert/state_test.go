package alert

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cuasim/cuasim/track"
)

// stateOfReference is StateOf as first written: the whole of F·P·Fᵀ, then
// the entries kept. StateOf computes only those, in the same order.
func stateOfReference(t *track.Track, nowS float64) TrackState {
	x, P := t.State(), t.Covariance()
	dt := math.Max(0, nowS-t.TimeS)
	s := TrackState{ID: t.ID, AgeS: nowS - t.BornS, Existence: t.Existence, PDrone: t.PDrone}
	for i := range 3 {
		s.Pos[i] = x[i] + dt*x[i+3]
		s.Vel[i] = x[i+3]
	}
	var Q [6][6]float64
	for i := range 6 {
		for j := range 6 {
			v := P[i][j]
			if i < 3 {
				v += dt * P[i+3][j]
			}
			if j < 3 {
				v += dt * P[i][j+3]
			}
			if i < 3 && j < 3 {
				v += dt * dt * P[i+3][j+3]
			}
			Q[i][j] = v
		}
	}
	h := [4]int{0, 1, 3, 4}
	for i, a := range h {
		for j, b := range h {
			s.CovH[i][j] = Q[a][b]
		}
	}
	s.CovV = [2][2]float64{{Q[2][2], Q[2][5]}, {Q[5][2], Q[5][5]}}
	return s
}

// TestStateOfExact checks StateOf bit for bit against the full product.
func TestStateOfExact(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for k := 0; k < 2000; k++ {
		tr := &track.Track{ID: k, TimeS: 100 * rnd.Float64(), BornS: 10 * rnd.Float64(), Existence: rnd.Float64(), PDrone: rnd.Float64()}
		for i := range 6 {
			tr.Est.Comb.X[i] = 1000 * rnd.NormFloat64()
			for j := range 6 {
				tr.Est.Comb.P[i][j] = 100 * rnd.NormFloat64() // not symmetric: every entry counts
			}
		}
		now := tr.TimeS + 3*rnd.Float64() - 0.5
		if got, want := StateOf(tr, now), stateOfReference(tr, now); got != want {
			t.Fatalf("track %d: StateOf %+v, want %+v", k, got, want)
		}
	}
}
