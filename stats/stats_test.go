package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// TestWilsonPublished checks the 95 % Wilson score interval against the
// values published by Newcombe (Statistics in Medicine 17, 857-872, 1998,
// Table I, method 3), to their four decimals.
func TestWilsonPublished(t *testing.T) {
	for _, tc := range []struct {
		k, n   int
		lo, hi float64
	}{
		{81, 263, 0.2553, 0.3662},
		{15, 148, 0.0624, 0.1605},
		{0, 20, 0.0000, 0.1611},
		{1, 29, 0.0061, 0.1718},
	} {
		iv := Wilson(tc.k, tc.n, 0.95)
		if !near(iv.Lo, tc.lo, 5e-5) || !near(iv.Hi, tc.hi, 5e-5) || iv.Estimate != float64(tc.k)/float64(tc.n) {
			t.Errorf("Wilson(%d, %d) = %+v, want [%.4f, %.4f]", tc.k, tc.n, iv, tc.lo, tc.hi)
		}
	}
	if iv := Wilson(0, 0, 0.95); !math.IsNaN(iv.Estimate) || iv.Lo != 0 || iv.Hi != 1 {
		t.Errorf("Wilson(0, 0) = %+v", iv)
	}
}

// TestWilsonCoverage draws binomial samples and checks the interval covers
// the true proportion about 95 % of the time: within 99.9 % binomial
// bounds of 0.95 over 4000 trials, at three proportions.
func TestWilsonCoverage(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const trials, n = 4000, 60
	for _, p := range []float64{0.05, 0.3, 0.9} {
		b := distuv.Binomial{N: n, P: p, Src: rng}
		hit := 0
		for range trials {
			if iv := Wilson(int(b.Rand()), n, 0.95); iv.Lo <= p && p <= iv.Hi {
				hit++
			}
		}
		// Wilson's coverage oscillates about the nominal level (Brown, Cai
		// and DasGupta 2001): allow 0.93 to 0.975 and the sampling error.
		lo, hi := 0.93*trials-3.3*math.Sqrt(trials*0.05*0.95), 0.975*trials+3.3*math.Sqrt(trials*0.05*0.95)
		if float64(hit) < lo || float64(hit) > hi {
			t.Errorf("p %g: covered %d of %d, want in [%.0f, %.0f]", p, hit, trials, lo, hi)
		}
	}
}

// TestQuantileRanks checks the order-statistic interval of the median
// against the ranks tabulated for 95 % (Conover, Practical Nonparametric
// Statistics, 3rd ed., Table A3 and §3.2): n = 10 gives x(2)..x(9), n = 20
// x(6)..x(15), n = 100 x(40)..x(61).
func TestQuantileRanks(t *testing.T) {
	for _, tc := range []struct{ n, l, u int }{{10, 2, 9}, {20, 6, 15}, {100, 40, 61}} {
		x := make([]float64, tc.n)
		for i := range x {
			x[i] = float64(i + 1) // x(r) = r
		}
		iv := Quantile(x, 0.5, 0.95)
		if iv.Lo != float64(tc.l) || iv.Hi != float64(tc.u) {
			t.Errorf("n %d: median interval x(%g)..x(%g), want x(%d)..x(%d)", tc.n, iv.Lo, iv.Hi, tc.l, tc.u)
		}
		if want := stat.Quantile(0.5, stat.Empirical, x, nil); iv.Estimate != want {
			t.Errorf("n %d: estimate %g, want %g", tc.n, iv.Estimate, want)
		}
	}
	// Too few values for 95 %: the interval opens to infinity.
	if iv := Quantile([]float64{1, 2, 3}, 0.1, 0.95); !math.IsInf(iv.Lo, -1) {
		t.Errorf("n 3, p 0.1: %+v, want an open lower end", iv)
	}
}

// TestQuantileCoverage checks the 10th-percentile interval covers the true
// decile of an exponential law at least 95 % of the time.
func TestQuantileCoverage(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const trials, n = 2000, 80
	truth := -math.Log(0.9) // the 0.1 quantile of Exp(1)
	hit := 0
	x := make([]float64, n)
	for range trials {
		for i := range x {
			x[i] = rng.ExpFloat64()
		}
		slices.Sort(x)
		if iv := Quantile(x, 0.1, 0.95); iv.Lo <= truth && truth <= iv.Hi {
			hit++
		}
	}
	if min := 0.95*trials - 3.3*math.Sqrt(trials*0.05*0.95); float64(hit) < min {
		t.Errorf("covered %d of %d, want at least %.0f", hit, trials, min)
	}
}

// TestGarwoodPublished checks the exact Poisson limits for 95 % against
// the table of Ulm (American Journal of Epidemiology 131, 373-375, 1990):
// 0 events: [0, 3.689]; 1: [0.0253, 5.572]; 5: [1.624, 11.668];
// 10: [4.795, 18.390].
func TestGarwoodPublished(t *testing.T) {
	for _, tc := range []struct {
		k      int
		lo, hi float64
	}{{0, 0, 3.689}, {1, 0.0253, 5.572}, {5, 1.624, 11.668}, {10, 4.795, 18.390}} {
		iv := Garwood(tc.k, 1, 0.95)
		if !near(iv.Lo, tc.lo, 1e-3) || !near(iv.Hi, tc.hi, 1e-3) {
			t.Errorf("Garwood(%d) = %+v, want [%g, %g]", tc.k, iv, tc.lo, tc.hi)
		}
	}
	if iv := Garwood(4, 2, 0.95); !near(iv.Estimate, 2, 0) || !near(iv.Hi, 2*Garwood(4, 1, 0.95).Hi/4, 1e-12) {
		t.Errorf("exposure scaling: %+v", iv)
	}
}

// TestRateOverdispersed draws false-alert counts that come in bunches
// (each replication's rate gamma distributed about the mean, so the
// counts are negative binomial, variance four times the mean) and checks
// that Rate covers the true rate at least 95 % of the time, where the
// Poisson interval alone does not.
func TestRateOverdispersed(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	const trials, reps, mean = 1000, 200, 2.0                   // 200 replications: compare's default
	g := distuv.Gamma{Alpha: mean / 3, Beta: 1.0 / 3, Src: rng} // mean 2, variance 6: counts' variance 8
	counts, expo := make([]float64, reps), make([]float64, reps)
	hit, poisson := 0, 0
	for range trials {
		total := 0
		for i := range counts {
			counts[i] = distuv.Poisson{Lambda: g.Rand(), Src: rng}.Rand()
			expo[i] = 1
			total += int(counts[i])
		}
		if iv := Rate(counts, expo, 0.95); iv.Lo <= mean && mean <= iv.Hi {
			hit++
		}
		if iv := Garwood(total, reps, 0.95); iv.Lo <= mean && mean <= iv.Hi {
			poisson++
		}
	}
	if min := 0.95*trials - 3.3*math.Sqrt(trials*0.05*0.95); float64(hit) < min {
		t.Errorf("Rate covered %d of %d, want at least %.0f", hit, trials, min)
	}
	t.Logf("Rate covered %d, Garwood alone %d of %d", hit, poisson, trials)
	if poisson > 900 {
		t.Errorf("Garwood alone covered %d of %d: the test's counts are not overdispersed enough to show anything", poisson, trials)
	}
}

// TestRatioPaired: a paired difference of proportions over replications
// (per replication, drones alerted in time under layouts A and B, out of
// the same drones) covers the true difference at about 95 %.
func TestRatioPaired(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	const trials, reps = 1000, 40
	num, den := make([]float64, reps), make([]float64, reps)
	hit := 0
	for range trials {
		for i := range num {
			n := 5 + rng.IntN(8)
			// Replications differ (traffic): a shared difficulty.
			base := 0.5 + 0.4*rng.Float64()
			var a, b int
			for range n {
				u := rng.Float64()
				if u < base {
					a++
				}
				if u < base-0.1 { // B misses 10 points more, on the same drones
					b++
				}
			}
			num[i], den[i] = float64(a-b), float64(n)
		}
		if iv := Ratio(num, den, 0.95); iv.Lo <= 0.1 && 0.1 <= iv.Hi {
			hit++
		}
	}
	if lo, hi := 0.93*trials, 0.98*trials; float64(hit) < lo || float64(hit) > hi {
		t.Errorf("covered %d of %d, want in [%.0f, %.0f]", hit, trials, lo, hi)
	}
}

// TestBootstrapDiff checks that the paired bootstrap of a difference of
// medians is reproducible, centred on the sample difference, and covers
// a known difference about 95 % of the time.
func TestBootstrapDiff(t *testing.T) {
	median := func(s []float64) float64 { return stat.Quantile(0.5, stat.Empirical, s, nil) }
	rng := rand.New(rand.NewPCG(9, 10))
	gen := func(shift float64) ([][]float64, [][]float64) {
		a, b := make([][]float64, 30), make([][]float64, 30)
		for i := range a {
			for range 8 {
				x := 60 + 20*rng.NormFloat64()
				a[i] = append(a[i], x+shift)
				b[i] = append(b[i], x)
			}
		}
		return a, b
	}
	a, b := gen(5)
	iv1 := BootstrapDiff(a, b, median, 400, 1, 0.95)
	iv2 := BootstrapDiff(a, b, median, 400, 1, 0.95)
	if iv1 != iv2 || iv1.Estimate != 5 || !(iv1.Lo <= 5 && 5 <= iv1.Hi) {
		t.Errorf("bootstrap %+v then %+v: want equal, estimate 5 inside", iv1, iv2)
	}
	// Independent samples of one law: the interval should contain 0.
	hit := 0
	const trials = 200
	for range trials {
		a, _ := gen(0)
		b, _ := gen(0)
		if iv := BootstrapDiff(a, b, median, 300, 1, 0.95); iv.Lo <= 0 && 0 <= iv.Hi {
			hit++
		}
	}
	if hit < 180 {
		t.Errorf("covered 0 in %d of %d, want at least 180", hit, trials)
	}
}

// TestSquareAndAddPublished checks the square-and-add interval for the
// difference of independent proportions, on Wilson intervals (φ = 0),
// against Newcombe's published values (Statistics in Medicine 17, 873-890,
// 1998, Table II, method 10), to their four decimals.
func TestSquareAndAddPublished(t *testing.T) {
	for _, tc := range []struct {
		k1, n1, k2, n2 int
		lo, hi         float64
	}{
		{56, 70, 48, 80, 0.0524, 0.3339},
		{9, 10, 3, 10, 0.1705, 0.8090},
		{5, 56, 0, 29, -0.0381, 0.1926},
		{0, 10, 0, 20, -0.1611, 0.2775},
		{10, 10, 0, 20, 0.6791, 1.0000},
	} {
		iv := SquareAndAdd(Wilson(tc.k1, tc.n1, 0.95), Wilson(tc.k2, tc.n2, 0.95), 0)
		if !near(iv.Lo, tc.lo, 5e-5) || !near(iv.Hi, tc.hi, 5e-5) {
			t.Errorf("%d/%d − %d/%d = %+v, want [%.4f, %.4f]", tc.k1, tc.n1, tc.k2, tc.n2, iv, tc.lo, tc.hi)
		}
	}
}

// TestProportionClustered draws replications of six drones flying as one
// group, whose fates are shared (each group timely with probability p,
// every member alike: a design effect of 6), and checks that Proportion
// covers p about 95 % of the time, where Wilson, which takes the drones as
// independent, covers it far less often; and that with independent drones
// it stays Wilson's, its design effect near 1.
func TestProportionClustered(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const trials, k, m, p = 2000, 40, 6, 0.8
	hit, hitWilson := 0, 0
	var deff float64
	y, n := make([]float64, k), make([]float64, k)
	for range trials {
		var sy int
		for i := range y {
			y[i], n[i] = 0, m
			if rng.Float64() < p {
				y[i] = m
			}
			sy += int(y[i])
		}
		if iv := Proportion(y, n, 0.95); iv.Lo <= p && p <= iv.Hi {
			hit++
		}
		if iv := Wilson(sy, k*m, 0.95); iv.Lo <= p && p <= iv.Hi {
			hitWilson++
		}
		deff += DesignEffect(y, n) / trials
	}
	sd := math.Sqrt(trials * 0.05 * 0.95)
	if lo, hi := 0.93*trials-3.3*sd, 0.975*trials+3.3*sd; float64(hit) < lo || float64(hit) > hi {
		t.Errorf("grouped drones: covered %d of %d, want in [%.0f, %.0f]", hit, trials, lo, hi)
	}
	if float64(hitWilson) > 0.85*trials {
		t.Errorf("Wilson on grouped drones covered %d of %d: the test's clusters do not matter", hitWilson, trials)
	}
	if deff < 5 || deff > 7 {
		t.Errorf("mean design effect %.2f, want about 6", deff)
	}
	// Independent drones: the design effect averages 1 and the interval is
	// Wilson's but for the t quantile's few degrees of freedom.
	deff = 0
	for range trials {
		for i := range y {
			y[i], n[i] = float64(distuv.Binomial{N: m, P: p, Src: rng}.Rand()), m
		}
		deff += DesignEffect(y, n) / trials
	}
	if deff < 0.9 || deff > 1.1 {
		t.Errorf("independent drones: mean design effect %.3f, want about 1", deff)
	}
	// No successes, or only: Wilson's bounds, not a point.
	for i := range y {
		y[i], n[i] = m, m
	}
	if iv := Proportion(y, n, 0.95); iv.Estimate != 1 || iv.Hi != 1 || iv.Lo >= 0.99 || iv.Lo < Wilson(k*m, k*m, 0.95).Lo-0.01 {
		t.Errorf("every drone timely: %+v, want Wilson's [%.3f, 1]", iv, Wilson(k*m, k*m, 0.95).Lo)
	}
}

// TestRateDifferenceNoEvents checks that replications that all agree give
// the exact bound ±χ²(0.975; 2)/2 per exposure (3.689/T at 95 %), not a
// zero-width interval, and that a one-sided excess is significant.
func TestRateDifferenceNoEvents(t *testing.T) {
	zero, hours := make([]float64, 20), make([]float64, 20)
	for i := range hours {
		hours[i] = 1
	}
	iv := RateDifference(zero, zero, hours, 0.95)
	if iv.Estimate != 0 || !near(iv.Hi, 3.689/20, 1e-3) || !near(iv.Lo, -3.689/20, 1e-3) {
		t.Errorf("no events: %+v, want 0 [-0.1844, +0.1844]", iv)
	}
	a := slices.Clone(zero)
	for i := range a {
		a[i] = 1 // one more event every hour, on one side only
	}
	if iv := RateDifference(a, zero, hours, 0.95); !iv.Significant() || iv.Estimate != 1 {
		t.Errorf("a one-sided excess: %+v, want 1 and significant", iv)
	}
}
