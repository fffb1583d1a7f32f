package sensors

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// The detection-theory functions assume a square-law detector with n pulses
// integrated noncoherently, noise normalised to unit mean power per pulse
// and the SNR given per pulse (the mean over the target's fluctuation).
// Under noise alone each pulse's |x|² is a unit-mean exponential, so the
// integrated statistic is Gamma(n, 1) and the threshold T for a false-alarm
// probability Pfa solves
//
//	Pfa = Q(n, T),
//
// Q being the regularised upper incomplete gamma function.
//
// With a target present, every Swerling case is a mixture of Gamma(n+k, 1)
// laws over k = 0, 1, 2, …: a steady signal adds a Poisson number of extra
// degrees of freedom (the noncentral chi-square), and a chi-square
// fluctuating RCS turns the Poisson weights into negative binomial ones.
// Hence
//
//	Pd = Σ_k w_k · Q(n+k, T)
//
// with, for the per-pulse mean SNR s (linear),
//
//	Swerling 0: w = Poisson(k; n·s)                      (= Marcum Q_n(√(2ns), √(2T)))
//	Swerling 1: w = NegBinomial(k; r = 1,  p = 1/(1 + n·s))
//	Swerling 2: w = NegBinomial(k; r = n,  p = 1/(1 + s))  (= Q(n, T/(1+s)))
//	Swerling 3: w = NegBinomial(k; r = 2,  p = 1/(1 + n·s/2))
//	Swerling 4: w = NegBinomial(k; r = 2n, p = 1/(1 + s/2))
//
// where NegBinomial(k; r, p) = C(k+r−1, k)·p^r·(1−p)^k, whose mean r(1−p)/p
// is n·s in every case. The series is exact; it is summed to a relative
// accuracy of about 1e-14 and agrees with the closed forms of Meyer and
// Mayer as given by Richards (Fundamentals of Radar Signal Processing,
// ch. 6) and Mahafza (Radar Systems Analysis and Design Using MATLAB,
// ch. 2), with Shnidman's tables, and with a Monte Carlo simulation of the
// detector (see the tests).

// DetectionThreshold returns the threshold T on the integrated,
// noise-normalised square-law statistic that gives the false-alarm
// probability pfa with n pulses integrated noncoherently: Pfa = Q(n, T),
// Q the regularised upper incomplete gamma function (Richards, Fundamentals
// of Radar Signal Processing, §6.2). For n = 1, T = −ln Pfa. It returns NaN
// for pfa outside (0, 1) or n < 1.
func DetectionThreshold(pfa float64, n int) float64 {
	if !(pfa > 0 && pfa < 1) || n < 1 {
		return math.NaN()
	}
	return mathext.GammaIncRegCompInv(float64(n), pfa)
}

// DetectionProbability returns the probability of detecting a target of the
// given Swerling model whose mean single-pulse SNR is snrDB (dB), with n
// pulses integrated noncoherently by a square-law detector whose threshold
// gives the false-alarm probability pfa (Richards, Fundamentals of Radar
// Signal Processing, §6.3; Mahafza, Radar Systems Analysis and Design Using
// MATLAB, §2.8). It is exact, summed as the gamma mixture described above,
// and does not allocate. snrDB = −Inf gives pfa and +Inf gives 1. It
// returns NaN for an invalid model, pfa outside (0, 1), n < 1 or a NaN SNR.
func DetectionProbability(model Swerling, snrDB, pfa float64, n int) float64 {
	t := DetectionThreshold(pfa, n)
	if !model.Valid() || math.IsNaN(t) || math.IsNaN(snrDB) {
		return math.NaN()
	}
	return detectionProbability(model, math.Pow(10, snrDB/10), t, n)
}

// detectionProbability is DetectionProbability with a linear SNR s and a
// precomputed threshold t; the arguments are valid.
func detectionProbability(model Swerling, s, t float64, n int) float64 {
	nf := float64(n)
	if nf*s > 1e15 {
		// 150 dB above one pulse: Pd is 1 to within 1e-12 for every model
		// (Swerling 1 is the slowest, 1 − Pd ≈ −ln(Pfa)/(n·s)), and the
		// weights' 1 − p would round to 0.
		return 1
	}
	switch model {
	case Swerling0:
		return gammaMixture(n, t, poissonWeights(nf*s))
	case Swerling1:
		return gammaMixture(n, t, negBinomialWeights(1, nf*s))
	case Swerling2:
		return gammaMixture(n, t, negBinomialWeights(nf, s))
	case Swerling3:
		return gammaMixture(n, t, negBinomialWeights(2, nf*s/2))
	default:
		return gammaMixture(n, t, negBinomialWeights(2*nf, s/2))
	}
}

// mixtureWeights are the weights w_k of a Poisson or negative binomial
// mixture. Both are unimodal, and past the mode the ratio w_{k+1}/w_k
// decreases (or, for a geometric law, stays constant), which bounds the
// tail of the series geometrically.
type mixtureWeights struct {
	poisson bool
	mu      float64 // Poisson mean
	r       float64 // negative binomial order, r ≥ 1
	q       float64 // negative binomial 1 − p
	logP    float64 // negative binomial ln p
	logQ    float64 // negative binomial ln(1 − p)
}

// poissonWeights are Poisson(k; mu).
func poissonWeights(mu float64) mixtureWeights {
	return mixtureWeights{poisson: true, mu: mu}
}

// negBinomialWeights are NegBinomial(k; r, p) with p = 1/(1+m), so that
// each of the r geometric components has mean m. Writing p and 1 − p
// through m keeps 1 − p accurate when m is small.
func negBinomialWeights(r, m float64) mixtureWeights {
	return mixtureWeights{r: r, q: m / (1 + m), logP: -math.Log1p(m), logQ: math.Log(m) - math.Log1p(m)}
}

// ratio returns w_{k+1}/w_k.
func (w *mixtureWeights) ratio(k float64) float64 {
	if w.poisson {
		return w.mu / (k + 1)
	}
	return (k + w.r) * w.q / (k + 1)
}

// logAt returns ln w_k, by Loader's saddle-point forms (see logPoisson).
func (w *mixtureWeights) logAt(k float64) float64 {
	if w.poisson {
		return logPoisson(k, w.mu)
	}
	if w.q == 0 {
		if k == 0 {
			return 0
		}
		return math.Inf(-1)
	}
	// NegBinomial(k; r, p) = r/(r+k) · Binomial(r; r+k, p) (Loader 2000).
	n, p := k+w.r, math.Exp(w.logP)
	if k == 0 {
		if w.q < 0.1 {
			return -bd0(n, n*p) - n*w.q
		}
		return n * w.logP
	}
	lc := stirlerr(n) - stirlerr(w.r) - stirlerr(k) - bd0(w.r, n*p) - bd0(k, n*w.q)
	return math.Log(w.r/n) + lc - 0.5*math.Log(2*math.Pi*w.r*k/n)
}

// mode returns the weights' mode, the first k past which they decrease.
func (w *mixtureWeights) mode() float64 {
	if w.poisson {
		return math.Floor(w.mu)
	}
	return math.Max(0, math.Floor((w.r-1)*w.q/(1-w.q)))
}

// start returns the index from which to sum: the largest k ≤ mode such
// that the weights below k, bounded by a geometric series (the ratio
// w_{j−1}/w_j decreases as j decreases below the mode), sum to at most
// e^logSkip ≈ 1e-18. Since Q(n+k, T) increases with k and at least about
// half the weight lies at or above the mode, dropping them changes the sum
// by less than 1e-17 relative; it spares the series the O(mean) terms of
// the lower tail when the mean is large and keeps every summed weight
// representable.
func (w *mixtureWeights) start() float64 {
	mean, sd := w.mu, math.Sqrt(w.mu)
	if !w.poisson {
		mean, sd = w.r*w.q/(1-w.q), math.Sqrt(w.r*w.q)/(1-w.q)
	}
	if mean-10*sd < 20 {
		return 0 // nothing worth skipping
	}
	skip := func(k float64) bool {
		r := w.ratio(k - 1) // w_k / w_{k−1}
		if r <= 1 {
			return false
		}
		return w.logAt(k)-math.Log(r-1) <= logSkip
	}
	lo, hi := 0.0, w.mode()
	if skip(hi) {
		return hi
	}
	for hi-lo > 1 {
		mid := math.Floor((lo + hi) / 2)
		if mid == 0 || skip(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

const (
	// logTiny is the log of a term too small to matter: e^−600 ≈ 3e-261.
	logTiny = -600.0
	// logSkip is the log of the weight mass dropped below the start.
	logSkip = -41.5
	// seriesTol is the relative accuracy to which the series is summed.
	seriesTol = 1e-15
	// qTol: once 1 − Q(n+k, T) is below it, the remaining terms are summed
	// as their weights.
	qTol = 1e-16
	// maxMixtureTerms bounds the series. The terms summed are those between
	// the weights' lower tail and the index where Q(n+k, T) reaches 1, about
	// T − n + 9√T, so it is never reached for pulses below 10⁹; if it is,
	// the result is NaN.
	maxMixtureTerms = 10_000_000
)

// gammaMixture returns Σ_k w_k·Q(n+k, t) for t > 0.
//
// Q(n+k, t) is advanced by the upward recurrence
// Q(a+1, t) = Q(a, t) + d_a, d_a = t^a·e^−t/Γ(a+1) (Abramowitz and Stegun
// 6.5.21), which is stable, and the weights by their ratios. The sum stops
// either (a) when the remaining weights, bounded by a geometric series past
// the mode, are below seriesTol times the partial sum (small Pd), or (b)
// when 1 − Q(n+k, t) = Σ_{j≥k} d_j, bounded by the geometric series of
// ratio t/(n+k+1) once n+k+1 > t, is below qTol: the remaining terms then
// sum to their weights, 1 − Σ w (Pd near 1).
func gammaMixture(n int, t float64, w mixtureWeights) float64 {
	k := w.start()
	a := float64(n) + k
	q := mathext.GammaIncRegComp(a, t) // Q(n+k, t)
	logT := math.Log(t)
	wk := math.Exp(w.logAt(k))
	// d_k = Q(n+k+1, t) − Q(n+k, t), kept as a logarithm while it is too
	// small to represent (only for extremely small Pfa or t ≪ n+k).
	logD := logPoisson(a, t)
	d, dLinear := 0.0, logD >= logTiny
	if dLinear {
		d = math.Exp(logD)
	}
	var sum, total float64
	for i := 0; i < maxMixtureTerms; i++ {
		sum += wk * q
		total += wk
		// (a): past the mode the ratio r is non-increasing, so the
		// remaining weights sum to at most wk·r/(1−r).
		r := w.ratio(k)
		if r < 1 && wk*r <= seriesTol*sum*(1-r) {
			return sum
		}
		if a1 := a + 1; a1 > t { // (b)
			tail := d * a1 / (a1 - t)
			if !dLinear {
				tail = math.Exp(logD) * a1 / (a1 - t)
			}
			if tail <= qTol {
				return math.Min(1, sum+math.Max(0, 1-total))
			}
		}
		q += d
		wk *= r
		k++
		a++
		if dLinear {
			d *= t / a
		} else if logD += logT - math.Log(a); logD >= logTiny {
			logD = logPoisson(a, t) // exact, free of the accumulated rounding
			d, dLinear = math.Exp(logD), true
		}
	}
	return math.NaN()
}

// RequiredSNR returns the mean single-pulse SNR in dB at which a target of
// the given Swerling model is detected with probability pd, at false-alarm
// probability pfa with n pulses integrated noncoherently by a square-law
// detector: the inverse in SNR of DetectionProbability. Shnidman's
// empirical equation (IEEE Trans. AES 38(3), 2002) approximates the same
// quantity to about 0.5 dB; this one is solved to 1e-10 dB. It returns NaN
// for an invalid model, pfa outside (0, 1), n < 1 or pd outside (pfa, 1).
func RequiredSNR(model Swerling, pd, pfa float64, n int) float64 {
	t := DetectionThreshold(pfa, n)
	if !model.Valid() || math.IsNaN(t) || !(pd > pfa && pd < 1) {
		return math.NaN()
	}
	f := func(db float64) float64 { return detectionProbability(model, math.Pow(10, db/10), t, n) - pd }
	// Pd increases with SNR: bracket the root, then solve by the Illinois
	// variant of false position with Brent's minimum step, bisecting when
	// two steps have not halved the bracket (gonum has no exported scalar
	// root finder).
	lo, hi := -40.0, 40.0
	flo, fhi := f(lo), f(hi)
	for flo > 0 {
		if lo <= -400 {
			return math.NaN()
		}
		hi, fhi = lo, flo
		lo -= 40
		flo = f(lo)
	}
	for fhi < 0 {
		if hi >= 400 {
			return math.NaN()
		}
		lo, flo = hi, fhi
		hi += 40
		fhi = f(hi)
	}
	const tol = 1e-10 // dB
	side, w1, w2 := 0, hi-lo, 2*(hi-lo)
	for i := 0; i < 200 && hi-lo > 2*tol; i++ {
		x := lo + (hi-lo)*flo/(flo-fhi)
		if hi-lo > w2/2 {
			x, side = (lo+hi)/2, 0
		}
		x = math.Max(lo+tol, math.Min(hi-tol, x))
		fx := f(x)
		switch {
		case fx == 0:
			return x
		case fx < 0:
			lo, flo = x, fx
			if side == -1 {
				fhi /= 2
			}
			side = -1
		default:
			hi, fhi = x, fx
			if side == 1 {
				flo /= 2
			}
			side = 1
		}
		w2, w1 = w1, hi-lo
	}
	return (lo + hi) / 2
}

// logPoisson returns the log of the Poisson probability λ^x·e^−λ/x! for an
// integer x ≥ 0, by Loader's saddle-point form −stirlerr(x) − bd0(x, λ)
// − ½·ln(2πx) (C. Loader, "Fast and accurate computation of binomial
// probabilities", 2000), which avoids the cancellation between x·ln λ,
// λ and ln x! that costs x·1e-16 of relative accuracy when x is large.
func logPoisson(x, lambda float64) float64 {
	switch {
	case x == 0:
		return -lambda
	case lambda == 0:
		return math.Inf(-1)
	}
	return -stirlerr(x) - bd0(x, lambda) - 0.5*math.Log(2*math.Pi*x)
}

// stirlerr returns ln x! − [½·ln(2πx) + x·ln x − x] for x ≥ 1, the error of
// Stirling's approximation (Loader 2000).
func stirlerr(x float64) float64 {
	const (
		s0 = 1.0 / 12
		s1 = 1.0 / 360
		s2 = 1.0 / 1260
		s3 = 1.0 / 1680
		s4 = 1.0 / 1188
	)
	if x <= 15 {
		lg, _ := math.Lgamma(x + 1)
		return lg - (x+0.5)*math.Log(x) + x - 0.5*math.Log(2*math.Pi)
	}
	xx := x * x
	switch {
	case x > 500:
		return (s0 - s1/xx) / x
	case x > 80:
		return (s0 - (s1-s2/xx)/xx) / x
	case x > 35:
		return (s0 - (s1-(s2-s3/xx)/xx)/xx) / x
	}
	return (s0 - (s1-(s2-(s3-s4/xx)/xx)/xx)/xx) / x
}

// bd0 returns x·ln(x/m) + m − x, summed as a series when x is near m, where
// the three terms nearly cancel (Loader 2000).
func bd0(x, m float64) float64 {
	if math.Abs(x-m) < 0.1*(x+m) {
		v := (x - m) / (x + m)
		s := (x - m) * v
		ej := 2 * x * v
		v *= v
		for j := 3.0; j < 1000; j += 2 {
			ej *= v
			s1 := s + ej/j
			if s1 == s {
				return s1
			}
			s = s1
		}
		return s
	}
	return x*math.Log(x/m) + m - x
}
