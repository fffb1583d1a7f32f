package stats

import (
	"math"
	"testing"
)

// TestProportionWorked checks the Korn–Graubard interval on three
// clusters of four trials with 0, 4 and 1 successes, worked by hand:
// p = 5/12; residuals yᵢ − p·nᵢ = (−5/3, 7/3, −2/3), Σe² = 26/3; the ratio
// estimator's variance 3/2·(26/3)/12² = 13/144 against the binomial
// p(1−p)/12 = 35/1728 gives the design effect 156/35 = 4.4571; the
// effective size 12·35/156·(1.95996/4.303)² = 0.55866 (t₀.₉₇₅ at 2 dof from
// the printed table); Wilson's interval at p = 5/12 on 0.55866 trials is
// [0.0231, 0.9558]. Without the factor k/(k−1) the design effect would be
// 104/35 and the interval [0.0332, 0.9370].
func TestProportionWorked(t *testing.T) {
	y, n := []float64{0, 4, 1}, []float64{4, 4, 4}
	if d := DesignEffect(y, n); !near(d, 156.0/35, 1e-12) {
		t.Errorf("DesignEffect = %g, want 156/35 = %g", d, 156.0/35)
	}
	iv := Proportion(y, n, 0.95)
	if !near(iv.Estimate, 5.0/12, 1e-12) || !near(iv.Lo, 0.0231, 2e-3) || !near(iv.Hi, 0.9558, 2e-3) {
		t.Errorf("Proportion = %+v, want 5/12 [0.0231, 0.9558]", iv)
	}
	// Outcomes spread as the binomial's or less: the design effect is
	// floored at 1, and the interval is Wilson's on Σn·(z/t)² trials.
	y, n = []float64{2, 2, 2}, []float64{4, 4, 4}
	if iv, w := Proportion(y, n, 0.95), wilson(0.5, 12*math.Pow(1.959964/4.302653, 2), 1.959964); !near(iv.Lo, w.Lo, 1e-5) || !near(iv.Hi, w.Hi, 1e-5) {
		t.Errorf("even clusters: %+v, want Wilson on the t-corrected size %+v", iv, w)
	}
}

// TestPhiWorked checks the φ coefficient of a 2×2 table by hand:
// (10·12 − 5·3)/√(15·15·13·17) = 105/√49725 = 0.47087; perfect
// agreement gives 1, perfect disagreement −1, independent margins 0.
func TestPhiWorked(t *testing.T) {
	for _, tc := range []struct{ n11, n10, n01, n00, want float64 }{
		{10, 5, 3, 12, 0.470871}, {5, 0, 0, 7, 1}, {0, 4, 6, 0, -1}, {2, 4, 3, 6, 0}, {3, 0, 0, 0, 0},
	} {
		if got := Phi(tc.n11, tc.n10, tc.n01, tc.n00); !near(got, tc.want, 1e-6) {
			t.Errorf("Phi(%g, %g, %g, %g) = %g, want %g", tc.n11, tc.n10, tc.n01, tc.n00, got, tc.want)
		}
	}
}

// TestSquareAndAddCorrelated: for symmetric intervals p ± z·s the
// square-and-add interval of p₁ − p₂ must be the difference ± z·√(s₁² +
// s₂² − 2φ·s₁·s₂), the variance of a difference of two estimates with
// correlation φ; positively correlated pairs give a narrower interval,
// negatively correlated a wider one.
func TestSquareAndAddCorrelated(t *testing.T) {
	const zz, s1, s2 = 1.96, 0.05, 0.08
	a := Interval{0.6, 0.6 - zz*s1, 0.6 + zz*s1}
	b := Interval{0.35, 0.35 - zz*s2, 0.35 + zz*s2}
	for _, phi := range []float64{-0.5, 0, 0.3, 0.8} {
		half := zz * math.Sqrt(s1*s1+s2*s2-2*phi*s1*s2)
		if iv := SquareAndAdd(a, b, phi); !near(iv.Estimate, 0.25, 1e-12) || !near(iv.Lo, 0.25-half, 1e-12) || !near(iv.Hi, 0.25+half, 1e-12) {
			t.Errorf("φ %g: %+v, want 0.25 ± %g", phi, iv, half)
		}
	}
}
