package sensors

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// MarcumQ returns the generalised Marcum Q function of integer order m ≥ 1,
//
//	Q_m(a, b) = ∫_b^∞ x·(x/a)^(m−1)·exp(−(x²+a²)/2)·I_(m−1)(a·x) dx,
//
// the probability that a noncentral chi-square variable with 2m degrees of
// freedom and noncentrality a² exceeds b². It is summed exactly as the
// Poisson mixture Σ_k Poisson(k; a²/2)·Q(m+k, b²/2), Q the regularised upper
// incomplete gamma function (Nuttall, "Some integrals involving the
// Q_M-function", IEEE Trans. IT 21(1), 1975; Richards, Fundamentals of
// Radar Signal Processing, §6.3), the series DetectionProbability uses for
// Swerling 0: Pd = Q_n(√(2·n·SNR), √(2T)). Q_m(0, b) = Q(m, b²/2) and
// Q_m(a, 0) = 1. It returns NaN for m < 1 or a negative or NaN argument.
func MarcumQ(m int, a, b float64) float64 {
	if m < 1 || !(a >= 0) || !(b >= 0) {
		return math.NaN()
	}
	mu, t := a*a/2, b*b/2
	switch {
	case math.IsInf(mu, 1) && math.IsInf(t, 1):
		return math.NaN()
	case t == 0:
		return 1
	case math.IsInf(t, 1):
		return 0
	case math.IsInf(mu, 1):
		return 1
	case mu == 0:
		return mathext.GammaIncRegComp(float64(m), t)
	}
	return gammaMixture(m, t, poissonWeights(mu))
}
