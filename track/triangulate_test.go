package track

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/spatial/r3"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/sensors"
)

// bearing returns an RF bearing measurement from sensor s at origin o with
// compass bearing az and noise std σ, radians.
func bearing(s int, o r3.Vec, az, std float64) *Measurement {
	m := &Measurement{Kind: sensors.RFBearing, Sensor: s, Origin: o}
	m.add(compAzimuth, az, std)
	return m
}

// bearingTo returns the noise-free compass bearing from o to p.
func bearingTo(o, p r3.Vec) float64 { return geo.Azimuth(r3.Sub(p, o)) }

// TestTriangulateExact: noise-free bearings from two and from three
// sensors, with different noise stds (weights), cross exactly at the
// point they look at.
func TestTriangulateExact(t *testing.T) {
	target := r3.Vec{X: 350, Y: 1234, Z: 80}
	for _, c := range []struct {
		name    string
		origins []r3.Vec
		stds    []float64
	}{
		{"two", []r3.Vec{{X: -1000, Y: 0, Z: 5}, {X: 1000, Y: 0, Z: 12}}, []float64{0.02, 0.01}},
		{"three", []r3.Vec{{X: -1000, Y: 0}, {X: 1000, Y: -200}, {X: 2500, Y: 3000}}, []float64{0.02, 0.01, 0.005}},
		{"behind-origin-quadrants", []r3.Vec{{X: 3000, Y: 4000}, {X: -2000, Y: 2500}, {X: 400, Y: -3000}}, []float64{0.01, 0.01, 0.01}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var ms []*Measurement
			for i, o := range c.origins {
				ms = append(ms, bearing(i, o, bearingTo(o, target), c.stds[i]))
			}
			fix, cov, ok := Triangulate(ms)
			if !ok {
				t.Fatal("refused a good geometry")
			}
			if d := math.Hypot(fix.X-target.X, fix.Y-target.Y); d > 1e-6 {
				t.Errorf("fix (%.9f, %.9f), want (%g, %g): off by %.3g m", fix.X, fix.Y, target.X, target.Y, d)
			}
			var ch mat.Cholesky
			if cov == nil || !ch.Factorize(cov) {
				t.Errorf("covariance not positive definite: %v", mat.Formatted(cov))
			}
		})
	}
}

// TestTriangulateStatistics is a Monte Carlo of two sensors with 1° bearing
// noise: the fixes' errors must have the covariance Triangulate returns.
// For each geometry it checks that Σ NEES over N trials lies in the
// two-sided 99 % chi-square interval with 2N degrees of freedom, and that
// the sample variances along the principal axes of the noise-free
// covariance match its eigenvalues within 10 %. Then it checks the GDOP
// effect: at the same range, a 30° crossing has an error ellipse about
// 1/sin²30° = 4 times the 90° one in det (twice the area).
//
// Two sensors 2 km apart cannot see a point 3 km from both at 90° (the
// crossing is 90° only on the circle whose diameter is the baseline), so
// the range-matched pair uses baselines set by the crossing angle, and the
// 2 km baseline, 3 km range case (crossing 2·asin(1/3) ≈ 39°) runs too.
func TestTriangulateStatistics(t *testing.T) {
	const (
		trials = 5000
		sigma  = math.Pi / 180 // 1°
		rng    = 3000.0
	)
	// equalRange places sensors at (±b/2, 0) so that both are rng from the
	// target on the y axis and the bearings cross at gamma.
	equalRange := func(gamma float64) (a, b, p r3.Vec) {
		half := rng * math.Sin(gamma/2)
		return r3.Vec{X: -half}, r3.Vec{X: half}, r3.Vec{Y: rng * math.Cos(gamma/2)}
	}
	type result struct{ det, sampleDet float64 }
	results := map[string]result{}
	for i, c := range []struct {
		name    string
		a, b, p r3.Vec
	}{
		{"90deg-3km", r3.Vec{}, r3.Vec{}, r3.Vec{}},
		{"30deg-3km", r3.Vec{}, r3.Vec{}, r3.Vec{}},
		{"2km-baseline-3km", r3.Vec{X: -1000}, r3.Vec{X: 1000}, r3.Vec{Y: math.Sqrt(rng*rng - 1000*1000)}},
	} {
		switch c.name {
		case "90deg-3km":
			c.a, c.b, c.p = equalRange(math.Pi / 2)
		case "30deg-3km":
			c.a, c.b, c.p = equalRange(math.Pi / 6)
		}
		t.Run(c.name, func(t *testing.T) {
			rnd := rand.New(rand.NewPCG(7, uint64(i)))
			azA, azB := bearingTo(c.a, c.p), bearingTo(c.b, c.p)
			crossing := math.Abs(geo.WrapPi(azA-azB)) * 180 / math.Pi
			_, cov0, ok := Triangulate([]*Measurement{bearing(0, c.a, azA, sigma), bearing(1, c.b, azB, sigma)})
			if !ok {
				t.Fatal("noise-free geometry refused")
			}
			var eig mat.EigenSym
			if !eig.Factorize(cov0, true) {
				t.Fatal("eigen decomposition failed")
			}
			vals := eig.Values(nil)
			var vecs mat.Dense
			eig.VectorsTo(&vecs)

			var neesSum float64
			var proj [2][]float64
			var sxx, sxy, syy float64
			for range trials {
				ma := bearing(0, c.a, azA+sigma*rnd.NormFloat64(), sigma)
				mb := bearing(1, c.b, azB+sigma*rnd.NormFloat64(), sigma)
				fix, cov, ok := Triangulate([]*Measurement{ma, mb})
				if !ok {
					t.Fatalf("refused a noisy fix of a %.0f° geometry", crossing)
				}
				e := mat.NewVecDense(2, []float64{fix.X - c.p.X, fix.Y - c.p.Y})
				var ch mat.Cholesky
				if !ch.Factorize(cov) {
					t.Fatal("returned covariance not positive definite")
				}
				var sol mat.VecDense
				if err := ch.SolveVecTo(&sol, e); err != nil {
					t.Fatal(err)
				}
				neesSum += mat.Dot(e, &sol)
				for k := range 2 {
					proj[k] = append(proj[k], vecs.At(0, k)*e.AtVec(0)+vecs.At(1, k)*e.AtVec(1))
				}
				sxx += e.AtVec(0) * e.AtVec(0)
				sxy += e.AtVec(0) * e.AtVec(1)
				syy += e.AtVec(1) * e.AtVec(1)
			}
			chi := distuv.ChiSquared{K: 2 * trials}
			lo, hi := chi.Quantile(0.005), chi.Quantile(0.995)
			t.Logf("crossing %.1f°: average NEES %.4f (99%% band [%.4f, %.4f])", crossing, neesSum/trials, lo/trials, hi/trials)
			if neesSum < lo || neesSum > hi {
				t.Errorf("Σ NEES %.1f outside the 99%% chi-square interval [%.1f, %.1f] with %d dof", neesSum, lo, hi, 2*trials)
			}
			for k := range 2 {
				v := sampleVariance(proj[k])
				t.Logf("  axis %d: sample variance %.1f m², eigenvalue %.1f m² (ratio %.3f)", k, v, vals[k], v/vals[k])
				if math.Abs(v/vals[k]-1) > 0.10 {
					t.Errorf("axis %d: sample variance %.1f m², covariance eigenvalue %.1f m²: off by more than 10 %%", k, v, vals[k])
				}
			}
			sampleDet := (sxx*syy - sxy*sxy) / (trials * trials)
			results[c.name] = result{det: mat.Det(cov0), sampleDet: sampleDet}
		})
	}
	r90, r30 := results["90deg-3km"], results["30deg-3km"]
	if r90.det == 0 || r30.det == 0 {
		t.Fatal("a geometry did not run")
	}
	// det ∝ 1/sin²γ at equal ranges: 4 between 30° and 90°.
	t.Logf("det(cov) 90°: %.4g m⁴, 30°: %.4g m⁴ (ratio %.2f, theory 4); sample dets ratio %.2f",
		r90.det, r30.det, r30.det/r90.det, r30.sampleDet/r90.sampleDet)
	if got := r30.det / r90.det; math.Abs(got-4) > 1e-6*4 {
		t.Errorf("returned det ratio 30°/90° = %.6f, want 1/sin²30° = 4", got)
	}
	if got := r30.sampleDet / r90.sampleDet; got < 3 {
		t.Errorf("sample error ellipse 30°/90° det ratio %.2f: want clearly larger (≈ 4)", got)
	}
}

// sampleVariance is the unbiased variance of xs.
func sampleVariance(xs []float64) float64 {
	var mean float64
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return ss / float64(len(xs)-1)
}

// TestTriangulateRefusals: Triangulate refuses nearly parallel bearings,
// fixes behind a sensor, fixes beyond 30 km, and fewer than two bearings.
func TestTriangulateRefusals(t *testing.T) {
	a, b := r3.Vec{X: -1000}, r3.Vec{X: 1000}
	at := func(p r3.Vec) []*Measurement {
		return []*Measurement{bearing(0, a, bearingTo(a, p), 0.01), bearing(1, b, bearingTo(b, p), 0.01)}
	}
	deg := math.Pi / 180
	for _, c := range []struct {
		name   string
		ms     []*Measurement
		wantOK bool
	}{
		// 2·atan(1/19) ≈ 6.0°: accepted, so the next case fails on the angle.
		{"crossing-6deg", at(r3.Vec{Y: 19000}), true},
		// 2·atan(1/25) ≈ 4.6°, 25 km: inside the range limit.
		{"crossing-4.6deg", at(r3.Vec{Y: 25000}), false},
		{"parallel", []*Measurement{bearing(0, a, 10*deg, 0.01), bearing(1, b, 10*deg, 0.01)}, false},
		{"anti-parallel", []*Measurement{bearing(0, a, 90*deg, 0.01), bearing(1, b, 270*deg, 0.01)}, false},
		// The lines cross at (0, 1000), behind both sensors.
		{"behind-both", []*Measurement{bearing(0, a, 225*deg, 0.01), bearing(1, b, 135*deg, 0.01)}, false},
		// The lines cross at (0, 1000), in front of a, behind b.
		{"behind-one", []*Measurement{bearing(0, a, 45*deg, 0.01), bearing(1, b, 135*deg, 0.01)}, false},
		{"in-front", []*Measurement{bearing(0, a, 45*deg, 0.01), bearing(1, b, 315*deg, 0.01)}, true},
		// A third sensor whose bearing points away from the others' fix.
		{"behind-third", append(at(r3.Vec{Y: 2000}), bearing(2, r3.Vec{Y: 4000}, 20*deg, 0.01)), false},
		// Crossing 30°, at 40 km.
		{"beyond-30km", []*Measurement{bearing(0, r3.Vec{}, 0, 0.01), bearing(1, r3.Vec{X: 40000 * math.Tan(30*deg)}, -30*deg, 0.01)}, false},
		{"single", []*Measurement{bearing(0, a, 45*deg, 0.01)}, false},
		{"none", nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			fix, cov, ok := Triangulate(c.ms)
			if ok != c.wantOK {
				t.Errorf("ok = %v, want %v (fix %.1f, %.1f)", ok, c.wantOK, fix.X, fix.Y)
			}
			if !ok && cov != nil {
				t.Errorf("refusal returned a covariance")
			}
		})
	}
}
