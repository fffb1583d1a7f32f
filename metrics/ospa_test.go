package metrics_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/metrics"

	"github.com/cuasim/cuasim/internal/refvalues"
)

const ospaTol = 1e-9

func ospaNear(a, b float64) bool { return math.Abs(a-b) <= ospaTol*(1+math.Abs(b)) }

func TestOSPAReferenceVectors(t *testing.T) {
	// testdata/reference-values.txt: X = {(0,0,0), (10,0,0)}, Y = {(1,0,0)}.
	x := []r3.Vec{{}, {X: 10}}
	y := []r3.Vec{{X: 1}}
	// (1/2)·(min(5, 1) + 5·(2 − 1)) = 3.
	if got, want := metrics.OSPA(x, y, 5, 1), refvalues.Value(t, "ospa(c5,p1)"); !ospaNear(got, want) {
		t.Errorf("OSPA = %v, want %v", got, want)
	}
	// 1 + (5/2)·1 = 3.5.
	if got, want := metrics.GOSPA(x, y, 5, 1), refvalues.Value(t, "gospa(c5,p1)"); !ospaNear(got, want) {
		t.Errorf("GOSPA = %v, want %v", got, want)
	}
	want := refvalues.Value(t, "ospa_one_empty(c10)")
	if got := metrics.OSPA(x, nil, 10, 1); got != want {
		t.Errorf("OSPA(x, {}) = %v, want %v", got, want)
	}
	if got := metrics.OSPA(nil, y, 10, 2); got != want {
		t.Errorf("OSPA({}, y) = %v, want %v", got, want)
	}
}

func TestOSPAEmptySets(t *testing.T) {
	if got := metrics.OSPA(nil, nil, 10, 1); got != 0 {
		t.Errorf("OSPA({}, {}) = %v, want 0", got)
	}
	if got := metrics.GOSPA(nil, []r3.Vec{}, 10, 2); got != 0 {
		t.Errorf("GOSPA({}, {}) = %v, want 0", got)
	}
	// Three false points at (c^p/2) each: (3·100/2)^(1/2).
	y := []r3.Vec{{}, {X: 1}, {X: 2}}
	if got := metrics.GOSPA(nil, y, 10, 2); !ospaNear(got, math.Sqrt(150)) {
		t.Errorf("GOSPA({}, y) = %v, want √150", got)
	}
	d, loc, missed, falseTracks := metrics.GOSPAParts(y, nil, 10, 2)
	if !ospaNear(d, math.Sqrt(150)) || loc != 0 || missed != 3 || falseTracks != 0 {
		t.Errorf("GOSPAParts(y, {}) = %v, %v, %d, %d; want √150, 0, 3, 0", d, loc, missed, falseTracks)
	}
}

func TestOSPAOrderTwoByHand(t *testing.T) {
	// X = {(0,0,0)}, Y = {(3,4,0), (20,0,0)}, c = 10, p = 2.
	// Distances from the one point of X: 5 and 20, cut to 5 and 10.
	// The best assignment pairs it with (3,4,0): 5² = 25; the other point of
	// Y is unmatched.
	// OSPA:  ((1/2)·(25 + 10²·(2 − 1)))^(1/2) = √62.5 ≈ 7.9057.
	// GOSPA: (25 + (10²/2)·1)^(1/2)           = √75   ≈ 8.6603,
	// with localisation 25, nothing missed and one false point.
	x := []r3.Vec{{}}
	y := []r3.Vec{{X: 3, Y: 4}, {X: 20}}
	if got := metrics.OSPA(x, y, 10, 2); !ospaNear(got, math.Sqrt(62.5)) {
		t.Errorf("OSPA = %v, want √62.5", got)
	}
	d, loc, missed, falseTracks := metrics.GOSPAParts(x, y, 10, 2)
	if !ospaNear(d, math.Sqrt(75)) || !ospaNear(loc, 25) || missed != 0 || falseTracks != 1 {
		t.Errorf("GOSPAParts = %v, %v, %d, %d; want √75, 25, 0, 1", d, loc, missed, falseTracks)
	}
	// Swapping targets and estimates swaps missed and false.
	d, loc, missed, falseTracks = metrics.GOSPAParts(y, x, 10, 2)
	if !ospaNear(d, math.Sqrt(75)) || !ospaNear(loc, 25) || missed != 1 || falseTracks != 0 {
		t.Errorf("GOSPAParts swapped = %v, %v, %d, %d; want √75, 25, 1, 0", d, loc, missed, falseTracks)
	}

	// Two against two, where greedy nearest-neighbour pairing can go wrong:
	// X = {(0,0,0), (2,0,0)}, Y = {(1,0,0), (4,0,0)}, c = 10, p = 2.
	// Pairing (0)–(1), (2)–(4) costs 1² + 2² = 5; pairing (2)–(1) first,
	// as a greedy pass starting from (2,0,0) would, forces (0)–(4):
	// 1² + 4² = 17. So OSPA = (5/2)^(1/2) and GOSPA = 5^(1/2).
	x = []r3.Vec{{}, {X: 2}}
	y = []r3.Vec{{X: 1}, {X: 4}}
	if got := metrics.OSPA(x, y, 10, 2); !ospaNear(got, math.Sqrt(2.5)) {
		t.Errorf("OSPA 2×2 = %v, want √2.5", got)
	}
	if got := metrics.GOSPA(x, y, 10, 2); !ospaNear(got, math.Sqrt(5)) {
		t.Errorf("GOSPA 2×2 = %v, want √5", got)
	}
}

func TestGOSPACutOff(t *testing.T) {
	// A pair farther apart than c counts as one missed and one false point.
	x := []r3.Vec{{}}
	y := []r3.Vec{{X: 100}}
	d, loc, missed, falseTracks := metrics.GOSPAParts(x, y, 4, 1)
	if !ospaNear(d, 4) || loc != 0 || missed != 1 || falseTracks != 1 {
		t.Errorf("GOSPAParts = %v, %v, %d, %d; want 4, 0, 1, 1", d, loc, missed, falseTracks)
	}
	if got := metrics.OSPA(x, y, 4, 1); !ospaNear(got, 4) {
		t.Errorf("OSPA = %v, want 4", got)
	}
}

func TestOSPAInvalidParameters(t *testing.T) {
	x := []r3.Vec{{}}
	for _, cp := range [][2]float64{{0, 1}, {-1, 1}, {1, 0.5}, {math.NaN(), 1}, {1, math.NaN()}, {math.Inf(1), 1}, {1, math.Inf(1)}} {
		if got := metrics.OSPA(x, x, cp[0], cp[1]); !math.IsNaN(got) {
			t.Errorf("OSPA(c=%v, p=%v) = %v, want NaN", cp[0], cp[1], got)
		}
		if got := metrics.GOSPA(x, x, cp[0], cp[1]); !math.IsNaN(got) {
			t.Errorf("GOSPA(c=%v, p=%v) = %v, want NaN", cp[0], cp[1], got)
		}
	}
}

func ospaRandomSet(rng *rand.Rand, maxLen int, side float64) []r3.Vec {
	s := make([]r3.Vec, rng.IntN(maxLen+1))
	for i := range s {
		s[i] = r3.Vec{X: rng.Float64() * side, Y: rng.Float64() * side, Z: rng.Float64() * side}
	}
	return s
}

var ospaOrders = []float64{1, 2, 3}

func TestOSPAMetricProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	const c = 10
	for range 2000 {
		// A box comparable with c, so some pairs fall inside the cut-off
		// and some outside.
		x, y, z := ospaRandomSet(rng, 5, 20), ospaRandomSet(rng, 5, 20), ospaRandomSet(rng, 5, 20)
		for _, p := range ospaOrders {
			for _, f := range []struct {
				name string
				d    func(a, b []r3.Vec, c, p float64) float64
			}{{"OSPA", metrics.OSPA}, {"GOSPA", metrics.GOSPA}} {
				dxy, dyx := f.d(x, y, c, p), f.d(y, x, c, p)
				if !ospaNear(dxy, dyx) {
					t.Fatalf("%s p=%v not symmetric: %v vs %v", f.name, p, dxy, dyx)
				}
				if dxx := f.d(x, x, c, p); math.Abs(dxx) > ospaTol {
					t.Fatalf("%s p=%v: d(x, x) = %v", f.name, p, dxx)
				}
				if dxy < 0 || (len(x) != len(y) && dxy == 0) {
					t.Fatalf("%s p=%v: d = %v for sets of sizes %d, %d", f.name, p, dxy, len(x), len(y))
				}
				if dxz, dzy := f.d(x, z, c, p), f.d(z, y, c, p); dxy > dxz+dzy+ospaTol {
					t.Fatalf("%s p=%v: triangle inequality fails: d(x,y) = %v > d(x,z) + d(z,y) = %v + %v",
						f.name, p, dxy, dxz, dzy)
				}
			}
			if d := metrics.OSPA(x, y, c, p); d > c+ospaTol {
				t.Fatalf("OSPA p=%v = %v exceeds c", p, d)
			}
		}
	}
}

// bruteForceGOSPA evaluates the GOSPA definition directly: the minimum over all
// partial one-to-one pairings γ of Σ_γ ‖x − y‖^p + (c^p/2)·(|x| + |y| − 2|γ|),
// with no cut-off applied to the paired distances. It also returns the
// minimum of the OSPA sum Σ_i min(c, ‖x_i − y_π(i)‖)^p over full
// injections π of the smaller set into the larger.
func bruteForceGOSPA(x, y []r3.Vec, c, p float64) (gospa, ospaSum float64) {
	half := math.Pow(c, p) / 2
	gospa, ospaSum = math.Inf(1), math.Inf(1)
	used := make([]bool, len(y))
	var rec func(i, paired int, sum, cutSum float64)
	rec = func(i, paired int, sum, cutSum float64) {
		if i == len(x) {
			gospa = min(gospa, sum+half*float64(len(x)+len(y)-2*paired))
			if paired == min(len(x), len(y)) {
				ospaSum = min(ospaSum, cutSum)
			}
			return
		}
		rec(i+1, paired, sum, cutSum) // leave x[i] out
		for j := range y {
			if used[j] {
				continue
			}
			used[j] = true
			dist := r3.Norm(r3.Sub(x[i], y[j]))
			rec(i+1, paired+1, sum+math.Pow(dist, p), cutSum+math.Pow(min(dist, c), p))
			used[j] = false
		}
	}
	rec(0, 0, 0, 0)
	return math.Pow(gospa, 1/p), ospaSum
}

func TestGOSPAAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	const c = 6
	for range 3000 {
		x, y := ospaRandomSet(rng, 5, 15), ospaRandomSet(rng, 5, 15)
		for _, p := range ospaOrders {
			want, sum := bruteForceGOSPA(x, y, c, p)
			d, loc, missed, falseTracks := metrics.GOSPAParts(x, y, c, p)
			if !ospaNear(d, want) {
				t.Fatalf("GOSPA p=%v |x|=%d |y|=%d: %v, brute force %v", p, len(x), len(y), d, want)
			}
			if g := metrics.GOSPA(x, y, c, p); g != d {
				t.Fatalf("GOSPA %v != GOSPAParts %v", g, d)
			}
			if recon := math.Pow(loc+math.Pow(c, p)/2*float64(missed+falseTracks), 1/p); !ospaNear(recon, d) {
				t.Fatalf("parts %v, %d, %d give %v, not d = %v", loc, missed, falseTracks, recon, d)
			}
			if len(x)-missed != len(y)-falseTracks || missed < 0 || falseTracks < 0 {
				t.Fatalf("inconsistent counts: |x|=%d missed=%d |y|=%d false=%d", len(x), missed, len(y), falseTracks)
			}
			n, m := max(len(x), len(y)), min(len(x), len(y))
			wantOSPA := 0.0
			if n > 0 {
				wantOSPA = math.Pow((sum+math.Pow(c, p)*float64(n-m))/float64(n), 1/p)
			}
			if got := metrics.OSPA(x, y, c, p); !ospaNear(got, wantOSPA) {
				t.Fatalf("OSPA p=%v |x|=%d |y|=%d: %v, brute force %v", p, len(x), len(y), got, wantOSPA)
			}
		}
	}
}

func ExampleOSPA() {
	targets := []r3.Vec{{X: 0}, {X: 10}}
	estimates := []r3.Vec{{X: 1}}
	// One estimate 1 m from a target, one target missed, cut-off 5 m:
	// (1/2)·(1 + 5) = 3.
	fmt.Printf("%.1f\n", metrics.OSPA(targets, estimates, 5, 1))
	fmt.Printf("%.1f\n", metrics.OSPA(targets, nil, 10, 1))
	// Output:
	// 3.0
	// 10.0
}

func ExampleGOSPA() {
	targets := []r3.Vec{{X: 0}, {X: 10}}
	estimates := []r3.Vec{{X: 1}}
	// 1 m of localisation error plus c/2 = 2.5 for the missed target.
	fmt.Printf("%.1f\n", metrics.GOSPA(targets, estimates, 5, 1))
	d, loc, missed, falseTracks := metrics.GOSPAParts(targets, estimates, 5, 1)
	fmt.Printf("d=%.1f localisation=%.1f missed=%d false=%d\n", d, loc, missed, falseTracks)
	// Output:
	// 3.5
	// d=3.5 localisation=1.0 missed=1 false=0
}
