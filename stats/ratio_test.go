package stats

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// TestRatioWorked checks the ratio estimator's interval at small k
// against answers worked by hand from Cochran's linearised variance
// (Sampling Techniques, 3rd ed., §6.4), v(r) = k/(k−1)·Σ(yᵢ − r·xᵢ)²/(Σxᵢ)²,
// with Student's t at k − 1 degrees of freedom from the printed table
// (t₀.₉₇₅: 12.706 at 1 dof, 4.303 at 2).
//
//	k = 3, y = (1, 3, 2), x = (4, 5, 6): r = 6/15 = 0.4, residuals
//	(−0.6, 1, −0.4), Σe² = 1.52, se = √(1.5·1.52)/15 = 0.1006645,
//	half-width 4.303·se = 0.43316: [−0.03316, 0.83316].
//	k = 2, y = (2, 0), x = (10, 10): r = 0.1, residuals (1, −1), Σe² = 2,
//	se = √(2·2)/20 = 0.1, half-width 1.2706: [−1.1706, 1.3706].
//
// Without the factor k/(k−1) the first half-width would be 0.354; with k
// degrees of freedom instead of k − 1, 0.320.
func TestRatioWorked(t *testing.T) {
	for _, tc := range []struct {
		num, den         []float64
		est, lo, hi, tol float64
	}{
		{[]float64{1, 3, 2}, []float64{4, 5, 6}, 0.4, -0.03316, 0.83316, 1e-4},
		{[]float64{2, 0}, []float64{10, 10}, 0.1, -1.1706, 1.3706, 1e-4},
	} {
		iv := Ratio(tc.num, tc.den, 0.95)
		if !near(iv.Estimate, tc.est, 1e-12) || !near(iv.Lo, tc.lo, tc.tol) || !near(iv.Hi, tc.hi, tc.tol) {
			t.Errorf("Ratio(%v, %v) = %+v, want %g [%g, %g]", tc.num, tc.den, iv, tc.est, tc.lo, tc.hi)
		}
	}
	// One cluster: no interval.
	if iv := Ratio([]float64{3}, []float64{4}, 0.95); iv.Estimate != 0.75 || !math.IsInf(iv.Lo, -1) || !math.IsInf(iv.Hi, 1) {
		t.Errorf("Ratio of one cluster = %+v, want 0.75 (−Inf, +Inf)", iv)
	}
}

// TestRatioEqualClustersIsT: when every cluster has the same size x, the
// ratio estimator is the mean of yᵢ/x and its interval is the textbook
// one-sample t interval, ȳ/x ± t(k−1)·s/(√k·x) with s the sample standard
// deviation (gonum's stat.MeanStdDev), at every k from 2 to 12.
func TestRatioEqualClustersIsT(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for k := 2; k <= 12; k++ {
		num, den := make([]float64, k), make([]float64, k)
		const x = 7.0
		for i := range num {
			num[i], den[i] = float64(rng.IntN(15)-5), x
		}
		mean, sd := stat.MeanStdDev(num, nil)
		tq := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(k - 1)}.Quantile(0.975)
		half := tq * sd / math.Sqrt(float64(k)) / x
		iv := Ratio(num, den, 0.95)
		if !near(iv.Estimate, mean/x, 1e-12) || !near(iv.Lo, mean/x-half, 1e-12) || !near(iv.Hi, mean/x+half, 1e-12) {
			t.Errorf("k %d: Ratio %+v, want the t interval %g ± %g", k, iv, mean/x, half)
		}
	}
}
