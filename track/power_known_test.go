package track

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/sensors"
)

// TestPowerTestWorked checks the received-power test of one pair of
// bearings against the formula of docs/tracking.md worked by hand for
// free space (log-distance, exponent 2), where the predicted difference
// of the powers is 20·log₁₀(d_b/dₐ) and its gradient
// −20/(dₐ·ln 10)·(p − oₐ)/dₐ + 20/(d_b·ln 10)·(p − o_b)/d_b. Sensors at
// (∓400, 0, 10) m with 1.5 dB of shadowing each, an emitter at (−100, 400,
// 10) m: dₐ = 500 m, d_b = 640.31 m, predicted difference 2.1484 dB. The
// measured difference is 3 dB above it. With an exact position
// σ² = 1.5² + 1.5² + 2² (the floor) = 8.5 dB², and
// ℓ = ½·[ln(108.5/8.5) − 9/8.5 + 9/108.5] = 0.78540; with the position
// covariance [[400, 300, 0], [300, 400, 0], [0, 0, 100]] m², σ² gains
// ∇ᵀP∇ = 0.25681 (∇ = (−0.021016, −0.0054234, 0) dB/m) and ℓ = 0.78713. A
// residual of 30 dB gives ℓ = −46 unbounded, −4 bounded.
func TestPowerTestWorked(t *testing.T) {
	o := []r3.Vec{{X: -400, Y: 0, Z: 10}, {X: 400, Y: 0, Z: 10}}
	tr := New(DefaultConfig(), omniRF(o, 1.5, sensors.LogDistanceLoss(2, 1)))
	p := r3.Vec{X: -100, Y: 400, Z: 10}
	da, db := r3.Norm(r3.Sub(p, o[0])), r3.Norm(r3.Sub(p, o[1]))
	pred := 20 * math.Log10(db/da)
	if math.Abs(da-500) > 1e-9 || math.Abs(pred-2.148438) > 1e-6 {
		t.Fatalf("geometry: dₐ %g, predicted difference %g", da, pred)
	}
	const s2 = 1.5*1.5 + 1.5*1.5 + 2*2
	llr := func(v, r float64) float64 { return 0.5 * (math.Log((v+100)/v) - r*r/v + r*r/(v+100)) }
	// The gradient of the prediction, for free space.
	var g [3]float64
	for i, c := range []float64{p.X, p.Y, p.Z} {
		ca, cb := []float64{o[0].X, o[0].Y, o[0].Z}[i], []float64{o[1].X, o[1].Y, o[1].Z}[i]
		g[i] = -20/(da*math.Ln10)*(c-ca)/da + 20/(db*math.Ln10)*(c-cb)/db
	}
	P := [3][3]float64{{400, 300, 0}, {300, 400, 0}, {0, 0, 100}}
	geom := 400*(g[0]*g[0]+g[1]*g[1]) + 2*300*g[0]*g[1] + 100*g[2]*g[2]
	if math.Abs(geom-0.256813) > 1e-6 {
		t.Fatalf("∇ᵀP∇ = %g by hand, want 0.256813", geom)
	}
	for _, tc := range []struct {
		name       string
		r          float64
		P          [3][3]float64
		raw, bound float64
		nis        float64
	}{
		{"exact position", 3, [3][3]float64{}, 0.785405, 0.785405, 9 / s2},
		{"uncertain position", 3, P, 0.787132, 0.787132, 9 / (s2 + geom)},
		{"another emitter", 30, [3][3]float64{}, llr(s2, 30), -maxPairPowerLLR, 900 / s2},
	} {
		a := rfMemo{sensor: 0, powerDBm: -60, freqHz: 2.44e9, bwHz: 1e6, origin: o[0], set: true}
		b := rfMemo{sensor: 1, powerDBm: -60 - pred - tc.r, freqHz: 2.44e9, bwHz: 1e6, origin: o[1], set: true}
		got, nis, ok := tr.powerTestRaw(&a, &b, p, &tc.P)
		if !ok || math.Abs(got-tc.raw) > 1e-5 || math.Abs(nis-tc.nis) > 1e-9 {
			t.Errorf("%s: ℓ %g, r²/σ² %g, ok %v; want %g, %g", tc.name, got, nis, ok, tc.raw, tc.nis)
		}
		if got, _, _ := tr.powerTest(&a, &b, p, &tc.P); math.Abs(got-tc.bound) > 1e-5 {
			t.Errorf("%s: bounded ℓ %g, want %g", tc.name, got, tc.bound)
		}
	}
	if math.Abs(llr(s2, 3)-0.785405) > 1e-6 || math.Abs(llr(s2+geom, 3)-0.787132) > 1e-6 {
		t.Errorf("the worked values: %g, %g", llr(s2, 3), llr(s2+geom, 3))
	}
}

// TestPowerPrior: before any test, the doubt that a track's bearings are
// of one emitter is that of the prior odds of 10 to 1 (e^2.3 = 9.97):
// 1/(1 + e^2.3) = 0.0911; after a running sum of −5 (under −4.6, odds of
// 100 to 1 for two emitters) the track is a ghost and the doubt is
// 1/(1 + e^(−2.7)) = 0.937.
func TestPowerPrior(t *testing.T) {
	var tk Track
	tk.addPower(0)
	if d := tk.class.rfDoubt; math.Abs(d-0.0911) > 1e-4 || tk.ghost {
		t.Errorf("no evidence: doubt %g, ghost %v; want 0.0911, false", d, tk.ghost)
	}
	tk.addPower(-5)
	if d := tk.class.rfDoubt; math.Abs(d-0.937) > 1e-3 || !tk.ghost {
		t.Errorf("ℓ = −5: doubt %g, ghost %v; want 0.937, true", d, tk.ghost)
	}
}
