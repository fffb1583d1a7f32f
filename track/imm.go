package track

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// IMM is an interacting multiple model estimator (Blom and Bar-Shalom
// 1988; Bar-Shalom, Li and Kirubarajan 2001, §11.6): one extended Kalman
// filter per motion model, mixed before each prediction according to the
// probabilities of switching between models, and weighted after each
// update by how well each model predicted the measurement. With one model
// it is a plain extended Kalman filter.
type IMM struct {
	Models     []MotionModel
	SwitchPerS float64 // probability per second of leaving a model

	Modes []Gaussian // per model
	Mu    []float64  // model probabilities
	Comb  Gaussian   // the combined estimate

	w     *ekf // workspace, shared by a tracker's tracks
	mixed []Gaussian
	c     []float64
	lik   []float64
	d     *mat.VecDense
	dd    *mat.SymDense
}

// NewIMM returns an estimator over the given models starting from g, with
// equal model probabilities. switchPerS is the probability per second of
// leaving a model (unused with one model).
func NewIMM(models []MotionModel, switchPerS float64, g *Gaussian) *IMM {
	return newIMM(models, switchPerS, g, newEKF())
}

func newIMM(models []MotionModel, switchPerS float64, g *Gaussian, w *ekf) *IMM {
	n := len(models)
	e := &IMM{w: w, Models: models, SwitchPerS: switchPerS, Mu: make([]float64, n), c: make([]float64, n), lik: make([]float64, n),
		Comb: NewGaussian(), d: mat.NewVecDense(stateDim, nil), dd: mat.NewSymDense(stateDim, nil)}
	for i := 0; i < n; i++ {
		m := NewGaussian()
		m.CopyFrom(g)
		e.Modes = append(e.Modes, m)
		e.mixed = append(e.mixed, NewGaussian())
		e.Mu[i] = 1 / float64(n)
	}
	e.Comb.CopyFrom(g)
	return e
}

// switchProb is the probability of moving from model i to model j ≠ i
// over dtS seconds.
func (e *IMM) switchProb(dtS float64) float64 {
	n := len(e.Models)
	if n < 2 {
		return 0
	}
	return -math.Expm1(dtS*math.Log1p(-e.SwitchPerS)) / float64(n-1)
}

// Predict mixes the model estimates and predicts each over dtS seconds;
// a dtS that is not positive does nothing.
func (e *IMM) Predict(dtS float64) {
	w := e.w
	if dtS <= 0 {
		return
	}
	n := len(e.Models)
	if n == 1 {
		w.predict(&e.Modes[0], e.Models[0], dtS)
		e.Comb.CopyFrom(&e.Modes[0])
		return
	}
	p := e.switchProb(dtS)
	pi := func(i, j int) float64 {
		if i == j {
			return 1 - p*float64(n-1)
		}
		return p
	}
	for j := 0; j < n; j++ {
		e.c[j] = 0
		for i := 0; i < n; i++ {
			e.c[j] += pi(i, j) * e.Mu[i]
		}
	}
	for j := 0; j < n; j++ {
		mx := &e.mixed[j]
		mx.X.Zero()
		for i := 0; i < n; i++ {
			mx.X.AddScaledVec(mx.X, pi(i, j)*e.Mu[i]/e.c[j], e.Modes[i].X)
		}
		mx.P.Zero()
		for i := 0; i < n; i++ {
			wij := pi(i, j) * e.Mu[i] / e.c[j]
			e.d.SubVec(e.Modes[i].X, mx.X)
			outer(e.dd, e.d)
			e.dd.AddSym(e.dd, e.Modes[i].P)
			mx.P.AddSym(mx.P, scaled(e.dd, wij))
		}
	}
	for j := 0; j < n; j++ {
		e.Modes[j].CopyFrom(&e.mixed[j])
		w.predict(&e.Modes[j], e.Models[j], dtS)
		e.Mu[j] = e.c[j]
	}
	e.combine()
}

// outer sets s to d·dᵀ (mat's SymOuterK allocates a copy of d).
func outer(s *mat.SymDense, d *mat.VecDense) {
	v := d.RawVector().Data
	for i := range v {
		for j := i; j < len(v); j++ {
			s.SetSym(i, j, v[i]*v[j])
		}
	}
}

// scaled scales s in place and returns it.
func scaled(s *mat.SymDense, k float64) *mat.SymDense {
	s.ScaleSym(k, s)
	return s
}

// Update applies measurement m to every model and reweights the models by
// their likelihoods. It returns false if an innovation covariance is not
// positive definite; the estimate is then unusable.
func (e *IMM) Update(m *Measurement) bool {
	w := e.w
	n := len(e.Models)
	best := math.Inf(-1)
	for j := 0; j < n; j++ {
		nis, logDet, ok := w.innovate(&e.Modes[j], m)
		if !ok {
			return false
		}
		e.lik[j] = -(nis + logDet) / 2 // log-likelihood
		best = math.Max(best, e.lik[j])
		w.update(&e.Modes[j])
	}
	e.reweight(best)
	return true
}

// reweight multiplies the model probabilities by the models' likelihoods
// e.lik (logs; best is the largest), normalises them, keeps each above
// 10⁻⁶ and combines the models.
func (e *IMM) reweight(best float64) {
	n := len(e.Models)
	var sum float64
	for j := 0; j < n; j++ {
		e.Mu[j] *= math.Exp(e.lik[j] - best)
		sum += e.Mu[j]
	}
	for j := 0; j < n; j++ {
		e.Mu[j] = math.Max(e.Mu[j]/sum, 1e-6)
	}
	e.combine()
}

// UpdatePDA applies several measurements of one sensor batch by
// probabilistic data association (Bar-Shalom, Daum and Huang 2009; BLK
// §6.4): beta[j] is the probability that ms[j] is the object's, beta0 that
// none is; they are normalised to sum to one. pd is the assumed detection
// probability, pg the gate probability and lambda the clutter density.
// It returns false if an innovation covariance is not positive definite;
// the estimate is then unusable.
//
// Each model's estimate becomes the moment-matched mixture of its
// prediction (weight β₀) and its Kalman update by each measurement
// (weight βⱼ, Joseph form): with dⱼ = Kⱼ·νⱼ and d = Σ βⱼ·dⱼ,
//
//	x ← x + d
//	P ← β₀·(P⁻ + d·dᵀ) + Σ βⱼ·(Pⱼ + (dⱼ − d)·(dⱼ − d)ᵀ)
//
// When the measurements share one noise covariance R, as the textbook
// assumes, K, S and Pⱼ = (I − KH)P⁻ are common, and this is exactly the
// PDA update x ← x + K·ν with ν = Σ βⱼ·νⱼ and
// P ← β₀·P⁻ + (1 − β₀)·(I − KH)P⁻ + K·(Σ βⱼ·νⱼ·νⱼᵀ − ν·νᵀ)·Kᵀ; the
// mixture form also holds when each plot reports its own noise (it falls
// with SNR). Every term is positive semi-definite, so P stays so.
//
// The models are then weighted by the PDA likelihood, up to a factor
// common to the models, Λₘ = (1 − Pd·Pg) + Σⱼ (Pd/λ)·gₘⱼ with gₘⱼ the
// likelihood of measurement j under model m's prediction.
func (e *IMM) UpdatePDA(ms []*Measurement, beta []float64, beta0, pd, pg, lambda float64) bool {
	w := e.w
	wsum := beta0
	for _, b := range beta[:len(ms)] {
		wsum += b
	}
	if !(wsum > 0) || beta0 < 0 {
		return false
	}
	w.shifts = slices.Grow(w.shifts[:0], len(ms))[:len(ms)]
	logMiss, logPdL := math.Log1p(-pd*pg), math.Log(pd/lambda)
	best := math.Inf(-1)
	for m := range e.Modes {
		mode := &e.Modes[m]
		x := mode.X.RawVector().Data
		var mean [stateDim]float64
		clear(w.acc[:])
		ll := logMiss
		for j, z := range ms {
			nis, logDet, ok := w.innovate(mode, z)
			if !ok {
				return false
			}
			ll = logAddExp(ll, logPdL-(nis+logDet)/2)
			w.post.CopyFrom(mode)
			w.update(&w.post)
			b := beta[j] / wsum
			d := &w.shifts[j]
			px := w.post.X.RawVector().Data
			for i := range d {
				d[i] = px[i] - x[i]
				mean[i] += b * d[i]
			}
			addScaledSym(&w.acc, w.post.P, b)
		}
		b0 := beta0 / wsum
		addScaledSym(&w.acc, mode.P, b0)
		addOuter(&w.acc, mean[:], mean[:], b0)
		for j := range ms {
			var dj [stateDim]float64
			for i := range dj {
				dj[i] = w.shifts[j][i] - mean[i]
			}
			addOuter(&w.acc, dj[:], dj[:], beta[j]/wsum)
		}
		for i := range x {
			x[i] += mean[i]
		}
		for i := 0; i < stateDim; i++ {
			for k := i; k < stateDim; k++ {
				mode.P.SetSym(i, k, w.acc[i*stateDim+k])
			}
		}
		e.lik[m] = ll
		best = math.Max(best, ll)
	}
	e.reweight(best)
	return true
}

// logAddExp returns ln(eᵃ + eᵇ).
func logAddExp(a, b float64) float64 {
	if a < b {
		a, b = b, a
	}
	if math.IsInf(b, -1) {
		return a
	}
	return a + math.Log1p(math.Exp(b-a))
}

// addScaledSym adds k·P to the upper triangle of acc (row-major 6×6).
func addScaledSym(acc *[stateDim * stateDim]float64, P *mat.SymDense, k float64) {
	for i := 0; i < stateDim; i++ {
		for j := i; j < stateDim; j++ {
			acc[i*stateDim+j] += k * P.At(i, j)
		}
	}
}

// addOuter adds k·a·bᵀ to the upper triangle of acc (row-major 6×6).
func addOuter(acc *[stateDim * stateDim]float64, a, b []float64, k float64) {
	for i := 0; i < stateDim; i++ {
		for j := i; j < stateDim; j++ {
			acc[i*stateDim+j] += k * a[i] * b[j]
		}
	}
}

// combine sets Comb to the moment-matched mixture of the model estimates.
func (e *IMM) combine() {
	if len(e.Models) == 1 {
		e.Comb.CopyFrom(&e.Modes[0])
		return
	}
	var sum float64
	for _, mu := range e.Mu {
		sum += mu
	}
	c := &e.Comb
	c.X.Zero()
	for j := range e.Modes {
		c.X.AddScaledVec(c.X, e.Mu[j]/sum, e.Modes[j].X)
	}
	c.P.Zero()
	for j := range e.Modes {
		e.d.SubVec(e.Modes[j].X, c.X)
		outer(e.dd, e.d)
		e.dd.AddSym(e.dd, e.Modes[j].P)
		c.P.AddSym(c.P, scaled(e.dd, e.Mu[j]/sum))
	}
}
