// Package stats gives the confidence intervals with which cuasim compare
// reports Monte Carlo results: Wilson score intervals for proportions,
// distribution-free order-statistic intervals for quantiles, cluster
// (ratio-estimator) intervals for rates and paired differences over
// replications, Garwood's exact Poisson interval, and a paired percentile
// bootstrap with a fixed seed for differences of quantiles.
//
// Every function takes the confidence level (0.95 for 95 %) and returns an
// Interval: the point estimate and the two ends.
package stats

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Interval is a point estimate with a confidence interval [Lo, Hi].
type Interval struct {
	Estimate, Lo, Hi float64
}

// Significant reports whether the interval excludes zero: a difference
// that is not noise at the interval's confidence.
func (iv Interval) Significant() bool { return iv.Lo > 0 || iv.Hi < 0 }

// HalfWidth returns half the interval's width.
func (iv Interval) HalfWidth() float64 { return (iv.Hi - iv.Lo) / 2 }

// z returns the standard normal quantile for a two-sided interval.
func z(conf float64) float64 {
	return distuv.UnitNormal.Quantile(1 - (1-conf)/2)
}

// Wilson returns the proportion k/n with its Wilson score interval
// (Wilson 1927; Newcombe 1998, method 3): the interval of p for which the
// score test does not reject, which stays inside [0, 1] and keeps its
// coverage near 0 and 1 and for small n, unlike the Wald interval. With
// n = 0 the estimate is NaN and the interval [0, 1].
func Wilson(k, n int, conf float64) Interval {
	if n == 0 {
		return Interval{math.NaN(), 0, 1}
	}
	return wilson(float64(k)/float64(n), float64(n), z(conf))
}

// wilson is the Wilson score interval of a proportion p observed on a
// sample of (effective, so not necessarily whole) size nf, at the normal
// quantile zz.
func wilson(p, nf, zz float64) Interval {
	den := 1 + zz*zz/nf
	mid := (p + zz*zz/(2*nf)) / den
	half := zz * math.Sqrt(p*(1-p)/nf+zz*zz/(4*nf*nf)) / den
	return Interval{p, math.Max(0, mid-half), math.Min(1, mid+half)}
}

// Proportion returns the proportion Σy/Σn of successes y of n trials in k
// independent clusters (replications: drones of one replication share its
// traffic, and a group of drones often shares its fate) with the
// Korn–Graubard interval (Survey Methodology 24:193, 1998): a Wilson
// interval on the effective sample size Σn·(z/t)²/deff, where the design
// effect deff is the ratio estimator's variance (Cochran, Sampling
// Techniques, §6.4, with the k/(k−1) factor) over the binomial
// p(1−p)/Σn, never below 1, and t is Student's quantile with k − 1
// degrees of freedom. When trials within a cluster are independent deff is
// near 1 and the interval is Wilson's (a little wider for few clusters);
// when they come in groups it widens with the spread between clusters;
// and with no or only successes (deff undefined, taken as 1) it keeps
// Wilson's exact-like bounds instead of collapsing to a point. With fewer
// than two clusters it is Wilson's; with no trials the estimate is NaN and
// the interval [0, 1].
func Proportion(y, n []float64, conf float64) Interval {
	var sy, sn float64
	for i := range y {
		sy += y[i]
		sn += n[i]
	}
	if sn == 0 {
		return Interval{math.NaN(), 0, 1}
	}
	p, zz := sy/sn, z(conf)
	k := len(y)
	if k < 2 {
		return wilson(p, sn, zz)
	}
	deff := max(1, DesignEffect(y, n))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(k - 1)}.Quantile(1 - (1-conf)/2)
	return wilson(p, sn/deff*(zz/t)*(zz/t), zz)
}

// DesignEffect returns the design effect of the proportion Σy/Σn over
// clusters: the ratio estimator's variance over the binomial one (1 when
// it cannot be estimated), as Proportion uses it (without its floor of 1).
func DesignEffect(y, n []float64) float64 {
	var sy, sn float64
	for i := range y {
		sy += y[i]
		sn += n[i]
	}
	k := len(y)
	if sn == 0 || k < 2 || sy == 0 || sy == sn {
		return 1
	}
	p := sy / sn
	var ss float64
	for i := range y {
		e := y[i] - p*n[i]
		ss += e * e
	}
	return float64(k) / float64(k-1) * ss / (sn * sn) / (p * (1 - p) / sn)
}

// SquareAndAdd returns the difference p1 − p2 of two proportions with
// Newcombe's square-and-add interval (the hybrid score method 10 of
// Statistics in Medicine 17:873, 1998, for independent samples; with the
// correlation phi of paired outcomes, that of Statistics in Medicine
// 17:2635, 1998): the distances from each estimate to its own interval's
// ends, combined as √(d₁² − 2φd₁d₂ + d₂²). a and b are each proportion's
// interval (Wilson's, or Proportion's for clustered trials), so the
// difference inherits their good behaviour at 0 and 1: a difference of
// +100 points on finite samples never gets a zero-width interval.
func SquareAndAdd(a, b Interval, phi float64) Interval {
	est := a.Estimate - b.Estimate
	dl1, du1 := a.Estimate-a.Lo, a.Hi-a.Estimate
	dl2, du2 := b.Estimate-b.Lo, b.Hi-b.Estimate
	lo := math.Sqrt(max(0, dl1*dl1-2*phi*dl1*du2+du2*du2))
	hi := math.Sqrt(max(0, du1*du1-2*phi*du1*dl2+dl2*dl2))
	return Interval{est, max(-1, est-lo), min(1, est+hi)}
}

// Phi returns the correlation (the φ coefficient) of paired binary
// outcomes: both successes n11, only the first n10, only the second n01,
// neither n00; 0 when a margin is empty and it is undefined.
func Phi(n11, n10, n01, n00 float64) float64 {
	den := math.Sqrt((n11 + n10) * (n01 + n00) * (n11 + n01) * (n10 + n00))
	if den == 0 {
		return 0
	}
	return (n11*n00 - n10*n01) / den
}

// Union returns an interval at a's estimate that spans both a and b: two
// intervals each honest under different assumptions give one honest under
// either.
func Union(a, b Interval) Interval {
	if math.IsNaN(b.Lo) || math.IsNaN(b.Hi) {
		return a
	}
	if math.IsNaN(a.Lo) || math.IsNaN(a.Hi) {
		return Interval{a.Estimate, b.Lo, b.Hi}
	}
	return Interval{a.Estimate, math.Min(a.Lo, b.Lo), math.Max(a.Hi, b.Hi)}
}

// RateDifference returns the difference of two rates over paired
// replications, Σ(a−b)/Σexposure: the ratio estimator's interval over
// replications (honest when events come in bunches), joined with an exact
// one that stays honest when they are few: the replications' net
// differences bound the events seen by one side only from below (up, those
// of a; down, those of b), and Garwood's intervals of those counts give
// [lo(up) − hi(down), hi(up) − lo(down)] / exposure. So when every
// replication agrees, the interval still reaches ±3.689/exposure at 95 %
// (no difference seen is not a difference known to be zero).
func RateDifference(a, b, exposure []float64, conf float64) Interval {
	d := make([]float64, len(a))
	var up, down, expo float64
	for i := range a {
		d[i] = a[i] - b[i]
		if d[i] > 0 {
			up += d[i]
		} else {
			down -= d[i]
		}
		expo += exposure[i]
	}
	r := Ratio(d, exposure, conf)
	if expo == 0 {
		return r
	}
	gu, gd := Garwood(int(math.Round(up)), expo, conf), Garwood(int(math.Round(down)), expo, conf)
	return Union(r, Interval{r.Estimate, gu.Lo - gd.Hi, gu.Hi - gd.Lo})
}

// Quantile returns the p-quantile of the sorted sample x (the smallest
// value with at least a fraction p of the sample at or below it, gonum's
// stat.Empirical) and its distribution-free confidence interval from order
// statistics: [x₍ₗ₎, x₍ᵤ₎] with the ranks chosen from the binomial
// distribution of the number of values below the true quantile so that
// coverage is at least conf (Conover, Practical Nonparametric Statistics,
// §3.2). When the sample is too small for that coverage the interval
// reaches the sample's ends (or −Inf/+Inf) to say so. Values may be
// infinite (a drone never alerted on has warning −Inf).
func Quantile(x []float64, p, conf float64) Interval {
	n := len(x)
	if n == 0 {
		return Interval{math.NaN(), math.NaN(), math.NaN()}
	}
	est := stat.Quantile(p, stat.Empirical, x, nil)
	b := distuv.Binomial{N: float64(n), P: p}
	alpha := (1 - conf) / 2
	// Lower rank l: the largest with P(B ≤ l−1) ≤ α/2; upper rank u: the
	// smallest with P(B ≤ u−1) ≥ 1 − α/2 (B the number of sample values
	// below the quantile). Ranks are 1-based.
	lo, hi := math.Inf(-1), math.Inf(1)
	l := 0
	for r := 1; r <= n; r++ {
		if b.CDF(float64(r-1)) <= alpha {
			l = r
		} else {
			break
		}
	}
	if l >= 1 {
		lo = x[l-1]
	}
	for u := 1; u <= n; u++ {
		if b.CDF(float64(u-1)) >= 1-alpha {
			hi = x[u-1]
			break
		}
	}
	return Interval{est, lo, hi}
}

// Ratio returns Σnum/Σden over clusters (replications) with its interval
// by the ratio estimator's linearised variance (Cochran, Sampling
// Techniques, §6.4): the clusters are independent, whatever the
// dependence of the events within one, so the interval stays honest when
// false alerts or drone outcomes come in bunches. The t quantile with
// k − 1 degrees of freedom is used for k clusters. num may be a paired
// difference (a − b per replication) and den the drones or hours of each.
func Ratio(num, den []float64, conf float64) Interval {
	k := len(num)
	var sn, sd float64
	for i := range num {
		sn += num[i]
		sd += den[i]
	}
	if k == 0 || sd == 0 {
		return Interval{math.NaN(), math.NaN(), math.NaN()}
	}
	r := sn / sd
	if k < 2 {
		return Interval{r, math.Inf(-1), math.Inf(1)}
	}
	var ss float64
	for i := range num {
		e := num[i] - r*den[i]
		ss += e * e
	}
	se := math.Sqrt(float64(k)/float64(k-1)*ss) / sd
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(k - 1)}.Quantile(1 - (1-conf)/2)
	return Interval{r, r - t*se, r + t*se}
}

// Garwood returns the rate count/exposure with the exact Poisson interval
// (Garwood 1936) from chi-square quantiles: [χ²(2k, α/2)/2, χ²(2k+2,
// 1−α/2)/2] / exposure, the lower end 0 when count is 0.
func Garwood(count int, exposure, conf float64) Interval {
	alpha := 1 - conf
	lo := 0.0
	if count > 0 {
		lo = distuv.ChiSquared{K: float64(2 * count)}.Quantile(alpha/2) / 2
	}
	hi := distuv.ChiSquared{K: float64(2*count + 2)}.Quantile(1-alpha/2) / 2
	return Interval{float64(count) / exposure, lo / exposure, hi / exposure}
}

// Rate returns the rate Σcounts/Σexposure over replications with an
// interval that is honest both when counts are few (Garwood's exact
// Poisson interval on the total) and when they come in bunches (the ratio
// estimator over replications): the union of the two, clipped at zero.
func Rate(counts, exposure []float64, conf float64) Interval {
	var total, expo float64
	for i := range counts {
		total += counts[i]
		expo += exposure[i]
	}
	g := Garwood(int(math.Round(total)), expo, conf)
	r := Ratio(counts, exposure, conf)
	if math.IsNaN(r.Estimate) {
		return g
	}
	return Interval{g.Estimate, math.Max(0, math.Min(g.Lo, r.Lo)), math.Max(g.Hi, r.Hi)}
}

// BootstrapDiff returns the difference f(A) − f(B) of a statistic of two
// pooled samples made of paired groups (a[i] and b[i] come from
// replication i, on the same traffic) with a percentile bootstrap
// interval: replications are resampled with replacement, the same ones
// for both sides, resamples times, from a generator seeded with seed so
// the interval is the same on every run (Efron and Tibshirani, An
// Introduction to the Bootstrap, ch. 13). f receives a sorted sample.
func BootstrapDiff(a, b [][]float64, f func(sorted []float64) float64, resamples int, seed uint64, conf float64) Interval {
	pool := func(groups [][]float64, idx []int) []float64 {
		var s []float64
		for _, i := range idx {
			s = append(s, groups[i]...)
		}
		slices.Sort(s)
		return s
	}
	k := len(a)
	all := make([]int, k)
	for i := range all {
		all[i] = i
	}
	est := f(pool(a, all)) - f(pool(b, all))
	if k < 2 {
		return Interval{est, math.Inf(-1), math.Inf(1)}
	}
	rng := rand.New(rand.NewPCG(seed, 0x6f6f7473))
	diffs := make([]float64, 0, resamples)
	idx := make([]int, k)
	for range resamples {
		for i := range idx {
			idx[i] = rng.IntN(k)
		}
		d := f(pool(a, idx)) - f(pool(b, idx))
		if !math.IsNaN(d) {
			diffs = append(diffs, d)
		}
	}
	if len(diffs) == 0 {
		return Interval{est, math.NaN(), math.NaN()}
	}
	slices.Sort(diffs)
	alpha := (1 - conf) / 2
	return Interval{est, stat.Quantile(alpha, stat.Empirical, diffs, nil), stat.Quantile(1-alpha, stat.Empirical, diffs, nil)}
}
