package track_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cuasim/cuasim/track"
)

// TestJPDAHandWorked: two tracks sharing a measurement, and a lone track,
// against probabilities worked by hand.
//
// Tracks 0 and 1, measurements 0, 1, 2, with likelihood ratios
// Lᵢⱼ = Pd·gᵢⱼ/λ = exp(−Costᵢⱼ): L₀₀ = 2, L₀₁ = 1, L₁₁ = 3, L₁₂ = 0.5, and
// 1 − Pd·Pg = 0.2 for a track left without a measurement. The feasible
// joint events (track 0's measurement, track 1's; ∅ none) and their
// weights:
//
//	(∅, ∅)   0.2·0.2 = 0.04      (0, ∅)  2·0.2 = 0.4     (1, ∅)  1·0.2 = 0.2
//	(∅, 1)   0.2·3   = 0.6       (0, 1)  2·3   = 6       (1, 2)  1·0.5 = 0.5
//	(∅, 2)   0.2·0.5 = 0.1       (0, 2)  2·0.5 = 1       ((1, 1) is not feasible)
//
// Σ = 8.84, so β₀₀ = (0.4 + 6 + 1)/8.84 = 7.4/8.84, β₀₁ = (0.2 + 0.5)/8.84
// = 0.7/8.84, β₀∅ = (0.04 + 0.6 + 0.1)/8.84 = 0.74/8.84; β₁₁ = (0.6 + 6)/8.84
// = 6.6/8.84, β₁₂ = (0.1 + 1 + 0.5)/8.84 = 1.6/8.84, β₁∅ = (0.04 + 0.4 +
// 0.2)/8.84 = 0.64/8.84. Track 2 alone with measurement 3, L = 4:
// β₂₃ = 4/(4 + 0.2) = 4/4.2. Measurement 4 is in no gate.
func TestJPDAHandWorked(t *testing.T) {
	c := func(L float64) float64 { return -math.Log(L) }
	pairs := []track.Pair{
		{Track: 0, Meas: 1, Cost: c(1)},
		{Track: 0, Meas: 0, Cost: c(2)},
		{Track: 1, Meas: 2, Cost: c(0.5)},
		{Track: 1, Meas: 1, Cost: c(3)},
		{Track: 2, Meas: 3, Cost: c(4)},
	}
	want := []float64{0.7 / 8.84, 7.4 / 8.84, 1.6 / 8.84, 6.6 / 8.84, 4 / 4.2}
	var a track.JPDA
	a.Associate(pairs, 5, c(0.2))
	for k, p := range pairs {
		if p.Track < 0 || math.Abs(p.Weight-want[k]) > 1e-12 {
			t.Errorf("pair %d (track %d, meas %d): β = %.15g, want %.15g", k, p.Track, p.Meas, p.Weight, want[k])
		}
	}
	if a.Fallbacks() != 0 {
		t.Errorf("%d fallbacks", a.Fallbacks())
	}
	// Likelihood ratios far beyond float64's range (λ → 0 makes Pd·g/λ
	// enormous) must not overflow: with every ratio times e⁶⁹⁰, the events
	// assigning both tracks, of weights (0, 1) 6·e¹³⁸⁰, (0, 2) 1·e¹³⁸⁰ and
	// (1, 2) 0.5·e¹³⁸⁰, outweigh the others by e⁶⁹⁰, and
	// β₀₀ = (6 + 1)/7.5.
	for k := range pairs {
		pairs[k].Track = []int{0, 0, 1, 1, 2}[k]
		pairs[k].Cost -= 690
	}
	a.Associate(pairs, 5, c(0.2))
	for k, p := range pairs {
		if math.IsNaN(p.Weight) || p.Weight < 0 || p.Weight > 1 {
			t.Errorf("with huge ratios, pair %d: β = %v", k, p.Weight)
		}
	}
	if w := pairs[1].Weight; math.Abs(w-7/7.5) > 1e-12 {
		t.Errorf("with huge ratios, β₀₀ = %.15g, want %.15g", w, 7/7.5)
	}
}

// bruteBeta computes the JPDA probabilities of pairs (one component or
// several) by enumerating every choice of a measurement or none per
// track and discarding the infeasible ones: a reference independent of
// JPDA's search. It returns β per pair and β₀ per track.
func bruteBeta(pairs []track.Pair, nTracks int, missCost float64) (beta, beta0 []float64) {
	opts := make([][]int, nTracks) // pair indices, −1 for none
	for r := range opts {
		opts[r] = []int{-1}
	}
	for k, p := range pairs {
		opts[p.Track] = append(opts[p.Track], k)
	}
	beta, beta0 = make([]float64, len(pairs)), make([]float64, nTracks)
	choice := make([]int, nTracks)
	var total float64
	for {
		used := map[int]bool{}
		feasible := true
		lw := 0.0
		for r, i := range choice {
			k := opts[r][i]
			if k < 0 {
				lw -= missCost
				continue
			}
			if used[pairs[k].Meas] {
				feasible = false
			}
			used[pairs[k].Meas] = true
			lw -= pairs[k].Cost
		}
		if feasible {
			w := math.Exp(lw)
			total += w
			for r, i := range choice {
				if k := opts[r][i]; k >= 0 {
					beta[k] += w
				} else {
					beta0[r] += w
				}
			}
		}
		r := 0
		for ; r < nTracks; r++ {
			choice[r]++
			if choice[r] < len(opts[r]) {
				break
			}
			choice[r] = 0
		}
		if r == nTracks {
			break
		}
	}
	for k := range beta {
		beta[k] /= total
	}
	for r := range beta0 {
		beta0[r] /= total
	}
	return beta, beta0
}

// TestJPDAProbabilities: on random small gating graphs, β agrees with a
// brute-force enumeration, every track's β plus its β₀ sum to one and no
// measurement's β over the tracks exceeds one.
func TestJPDAProbabilities(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 7))
	var a track.JPDA
	for trial := 0; trial < 500; trial++ {
		nTracks, nMeas := 1+rnd.IntN(5), 1+rnd.IntN(6)
		var pairs []track.Pair
		for r := 0; r < nTracks; r++ {
			for _, j := range rnd.Perm(nMeas) {
				if rnd.Float64() < 0.5 {
					pairs = append(pairs, track.Pair{Track: r, Meas: j, Cost: -3 + 6*rnd.Float64()})
				}
			}
		}
		missCost := -math.Log1p(-0.8 * rnd.Float64())
		wantBeta, wantBeta0 := bruteBeta(pairs, nTracks, missCost)
		orig := append([]track.Pair(nil), pairs...)
		a.Associate(pairs, nMeas, missCost)
		rowSum := make([]float64, nTracks)
		colSum := make([]float64, nMeas)
		for k, p := range pairs {
			if p.Track >= 0 && p.Track != orig[k].Track || p.Meas != orig[k].Meas {
				t.Fatalf("trial %d: pair %d changed to %+v", trial, k, p)
			}
			if math.Abs(p.Weight-wantBeta[k]) > 1e-12 {
				t.Errorf("trial %d: pair %d: β = %.15g, brute force %.15g", trial, k, p.Weight, wantBeta[k])
			}
			if (p.Track < 0) != (wantBeta[k] < 1e-6) {
				t.Errorf("trial %d: pair %d of β %g: track %d", trial, k, wantBeta[k], p.Track)
			}
			rowSum[orig[k].Track] += p.Weight
			colSum[p.Meas] += p.Weight
		}
		for r := range rowSum {
			if s := rowSum[r] + wantBeta0[r]; math.Abs(s-1) > 1e-12 {
				t.Errorf("trial %d: track %d: Σβ + β₀ = %.15g", trial, r, s)
			}
		}
		for j, s := range colSum {
			if s > 1+1e-12 {
				t.Errorf("trial %d: measurement %d: Σβ = %.15g", trial, j, s)
			}
		}
	}
	if a.Fallbacks() != 0 {
		t.Errorf("%d fallbacks on components of at most 5 tracks", a.Fallbacks())
	}
}

// TestJPDAFallback: a component of more tracks than the bound, or more
// joint events, is associated by GNN and counted; a small component of
// the same batch still gets probabilities.
func TestJPDAFallback(t *testing.T) {
	// Nine tracks all gating measurements 0…8 (a clique: 9!·Σ… events),
	// and track 9 alone with measurement 9.
	var pairs []track.Pair
	for r := 0; r < 9; r++ {
		for j := 0; j < 9; j++ {
			cost := 5.0
			if j == r {
				cost = -5
			}
			pairs = append(pairs, track.Pair{Track: r, Meas: j, Cost: cost})
		}
	}
	pairs = append(pairs, track.Pair{Track: 9, Meas: 9, Cost: -math.Log(4)})
	var a track.JPDA
	a.Associate(pairs, 10, -math.Log(0.2))
	if a.Fallbacks() != 1 {
		t.Errorf("%d fallbacks, want 1", a.Fallbacks())
	}
	for _, p := range pairs[:81] {
		keep := p.Meas == p.Track
		if keep != (p.Track >= 0) || keep && p.Weight != 1 {
			t.Errorf("fallback pair %+v: want GNN's diagonal with weight 1", p)
		}
	}
	if p := pairs[81]; p.Track != 9 || math.Abs(p.Weight-4/4.2) > 1e-12 {
		t.Errorf("lone pair %+v, want β = 4/4.2", p)
	}

	// Three tracks sharing three measurements have 34 events: a bound of
	// 20 events falls back, one of 34 does not.
	var tri []track.Pair
	for r := 0; r < 3; r++ {
		for j := 0; j < 3; j++ {
			tri = append(tri, track.Pair{Track: r, Meas: j, Cost: float64(r - j)})
		}
	}
	for _, c := range []struct{ max, fallbacks int }{{20, 1}, {34, 0}} {
		b := track.JPDA{MaxEvents: c.max}
		ps := append([]track.Pair(nil), tri...)
		b.Associate(ps, 3, 1)
		if b.Fallbacks() != c.fallbacks {
			t.Errorf("at most %d events: %d fallbacks, want %d", c.max, b.Fallbacks(), c.fallbacks)
		}
	}
}
