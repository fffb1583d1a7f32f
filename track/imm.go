package track

import (
	"math"

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
	var sum float64
	for j := 0; j < n; j++ {
		e.Mu[j] *= math.Exp(e.lik[j] - best)
		sum += e.Mu[j]
	}
	for j := 0; j < n; j++ {
		e.Mu[j] = math.Max(e.Mu[j]/sum, 1e-6)
	}
	e.combine()
	return true
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
