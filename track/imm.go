package track

import (
	"math"
	"slices"
)

// MaxModels is the most motion models an IMM holds.
const MaxModels = 2

// IMM is an interacting multiple model estimator (Blom and Bar-Shalom
// 1988; Bar-Shalom, Li and Kirubarajan 2001, §11.6): one extended Kalman
// filter per motion model, mixed before each prediction according to the
// probabilities of switching between models, and weighted after each
// update by how well each model predicted the measurement. With one model
// it is a plain extended Kalman filter.
//
// Its estimates live in fixed-size arrays inside the value, so a track
// holding an IMM is one allocation and no step allocates.
type IMM struct {
	Models     []MotionModel // at most MaxModels
	SwitchPerS float64       // probability per second of leaving a model

	Modes [MaxModels]Gaussian // per model; the first len(Models) are used
	Mu    [MaxModels]float64  // model probabilities
	Comb  Gaussian            // the combined estimate

	// Vertical bounds the altitude and vertical-speed belief where no
	// sensor measures them; the zero value bounds nothing.
	Vertical VerticalPrior

	w       *ekf // workspace, shared by a tracker's tracks
	lik     [MaxModels]float64
	logStay float64 // ln(1 − SwitchPerS), for stayFor
	stayFor float64
}

// NewIMM returns an estimator over the given models (at most MaxModels)
// starting from g, with equal model probabilities. switchPerS is the
// probability per second of leaving a model (unused with one model).
func NewIMM(models []MotionModel, switchPerS float64, g *Gaussian) *IMM {
	e := &IMM{}
	e.init(models, switchPerS, g, newEKF())
	return e
}

// init (re)starts e from g.
func (e *IMM) init(models []MotionModel, switchPerS float64, g *Gaussian, w *ekf) {
	if len(models) < 1 || len(models) > MaxModels {
		panic("track: an IMM needs 1 to MaxModels motion models")
	}
	*e = IMM{Models: models, SwitchPerS: switchPerS, w: w, Comb: *g, logStay: math.Log1p(-switchPerS), stayFor: switchPerS}
	for i := range models {
		e.Modes[i] = *g
		e.Mu[i] = 1 / float64(len(models))
	}
}

// switchProb is the probability of moving from model i to model j ≠ i
// over dtS seconds.
func (e *IMM) switchProb(dtS float64) float64 {
	n := len(e.Models)
	if n < 2 {
		return 0
	}
	if e.stayFor != e.SwitchPerS {
		e.logStay, e.stayFor = math.Log1p(-e.SwitchPerS), e.SwitchPerS
	}
	p := -math.Expm1(dtS * e.logStay)
	if n > 2 { // x/1 is x
		p /= float64(n - 1)
	}
	return p
}

// Predict mixes the model estimates and predicts each over dtS seconds;
// a dtS that is not positive does nothing.
func (e *IMM) Predict(dtS float64) {
	if dtS <= 0 {
		return
	}
	n := len(e.Models)
	if n == 1 {
		predictGaussian(&e.Modes[0], e.Models[0].Transition(dtS))
		e.Vertical.bound(&e.Modes[0])
		e.Comb = e.Modes[0]
		return
	}
	// Two models (MaxModels): the probability of staying in a model is
	// pᵢᵢ = 1 − p, of switching pᵢⱼ = p. The mixing probabilities of model
	// j are wᵢ = pᵢⱼ·μᵢ/cⱼ with cⱼ = Σᵢ pᵢⱼ·μᵢ, its predicted probability.
	p := e.switchProb(dtS)
	stay := 1 - p*float64(n-1)
	mu0, mu1 := e.Mu[0], e.Mu[1]
	c0 := 0 + stay*mu0 + p*mu1
	c1 := 0 + p*mu0 + stay*mu1
	mixPredict(&e.Modes[0], &e.Modes[1],
		[2]float64{stay * mu0 / c0, p * mu1 / c0}, [2]float64{p * mu0 / c1, stay * mu1 / c1},
		transition(e.Models[0], dtS), transition(e.Models[1], dtS))
	e.Vertical.bound(&e.Modes[0])
	e.Vertical.bound(&e.Modes[1])
	e.Mu[0], e.Mu[1] = c0, c1
	e.combine()
}

// transition returns m's transition over dtS, calling the tracker's
// models directly rather than through the interface.
func transition(m MotionModel, dtS float64) AxisTransition {
	switch m := m.(type) {
	case CV:
		return m.Transition(dtS)
	case Hover:
		return m.Transition(dtS)
	}
	return m.Transition(dtS)
}

// mixPredict mixes the estimates of two models, a and b, and predicts
// each mixture with its model's transition, in place: a becomes the
// prediction by ta of the mixture with weights wa (on a and b), b that by
// tb of the mixture with weights wb. It computes exactly what mixture
// followed by predictGaussian computes, element by element, but only the
// 24 elements of each mixed covariance that the prediction reads (block
// (i, j) of the axes, i ≤ j: Pₚₚ[i][j], Pₚᵥ[i][j], Pᵥₚ[i][j], Pᵥᵥ[i][j]),
// without copying the mixtures.
func mixPredict(a, b *Gaussian, wa, wb [2]float64, ta, tb AxisTransition) {
	var d [stateDim]float64
	for k := range d {
		d[k] = a.X[k] - b.X[k]
	}
	wwa, wwb := wa[0]*wa[1], wb[0]*wb[1]
	for k := 0; k < 3; k++ {
		ap, av, bp, bv := a.X[k], a.X[k+3], b.X[k], b.X[k+3]
		pa, va := wa[0]*ap+wa[1]*bp, wa[0]*av+wa[1]*bv
		pb, vb := wb[0]*ap+wb[1]*bp, wb[0]*av+wb[1]*bv
		a.X[k], a.X[k+3] = ta.F11*pa+ta.F12*va, ta.F21*pa+ta.F22*va
		b.X[k], b.X[k+3] = tb.F11*pb+tb.F12*vb, tb.F21*pb+tb.F22*vb
	}
	A, B := &a.P, &b.P
	fa, fb, fc, fd := ta.F11, ta.F12, ta.F21, ta.F22
	ga, gb, gc, gd := tb.F11, tb.F12, tb.F21, tb.F22
	var dai, dbi, dav, dbv float64
	var app, apv, avp, avv, bpp, bpv, bvp, bvv float64
	var pp, pv, vp, vv, qp, qv, up, uv float64
	// Row 0: the mixtures' spread terms (w₀·w₁·dᵣ)·d꜀, with w₀·w₁·dᵣ
	// formed once per row as mixture forms it.
	dai, dbi = wwa*d[0], wwb*d[0]
	dav, dbv = wwa*d[3], wwb*d[3]
	app, apv, avp, avv = A[0][0], A[0][3], A[3][0], A[3][3]
	bpp, bpv, bvp, bvv = B[0][0], B[0][3], B[3][0], B[3][3]
	pp, pv, vp, vv = mul2(fa, fb, fc, fd,
		wa[0]*app+wa[1]*bpp+dai*d[0], wa[0]*apv+wa[1]*bpv+dai*d[3],
		wa[0]*avp+wa[1]*bvp+dav*d[0], wa[0]*avv+wa[1]*bvv+dav*d[3])
	pp, pv, vp, vv = mul2(pp, pv, vp, vv, fa, fc, fb, fd)
	qp, qv, up, uv = mul2(ga, gb, gc, gd,
		wb[0]*app+wb[1]*bpp+dbi*d[0], wb[0]*apv+wb[1]*bpv+dbi*d[3],
		wb[0]*avp+wb[1]*bvp+dbv*d[0], wb[0]*avv+wb[1]*bvv+dbv*d[3])
	qp, qv, up, uv = mul2(qp, qv, up, uv, ga, gc, gb, gd)
	pp, pv, vp, vv = addQ(&ta, pp, pv, vp, vv)
	qp, qv, up, uv = addQ(&tb, qp, qv, up, uv)
	A[0][0], A[0][3], A[3][0], A[3][3] = pp, pv, vp, vv
	A[0][0], A[3][0], A[0][3], A[3][3] = pp, pv, vp, vv
	B[0][0], B[0][3], B[3][0], B[3][3] = qp, qv, up, uv
	B[0][0], B[3][0], B[0][3], B[3][3] = qp, qv, up, uv
	app, apv, avp, avv = A[0][1], A[0][4], A[3][1], A[3][4]
	bpp, bpv, bvp, bvv = B[0][1], B[0][4], B[3][1], B[3][4]
	pp, pv, vp, vv = mul2(fa, fb, fc, fd,
		wa[0]*app+wa[1]*bpp+dai*d[1], wa[0]*apv+wa[1]*bpv+dai*d[4],
		wa[0]*avp+wa[1]*bvp+dav*d[1], wa[0]*avv+wa[1]*bvv+dav*d[4])
	pp, pv, vp, vv = mul2(pp, pv, vp, vv, fa, fc, fb, fd)
	qp, qv, up, uv = mul2(ga, gb, gc, gd,
		wb[0]*app+wb[1]*bpp+dbi*d[1], wb[0]*apv+wb[1]*bpv+dbi*d[4],
		wb[0]*avp+wb[1]*bvp+dbv*d[1], wb[0]*avv+wb[1]*bvv+dbv*d[4])
	qp, qv, up, uv = mul2(qp, qv, up, uv, ga, gc, gb, gd)
	A[0][1], A[0][4], A[3][1], A[3][4] = pp, pv, vp, vv
	A[1][0], A[4][0], A[1][3], A[4][3] = pp, pv, vp, vv
	B[0][1], B[0][4], B[3][1], B[3][4] = qp, qv, up, uv
	B[1][0], B[4][0], B[1][3], B[4][3] = qp, qv, up, uv
	app, apv, avp, avv = A[0][2], A[0][5], A[3][2], A[3][5]
	bpp, bpv, bvp, bvv = B[0][2], B[0][5], B[3][2], B[3][5]
	pp, pv, vp, vv = mul2(fa, fb, fc, fd,
		wa[0]*app+wa[1]*bpp+dai*d[2], wa[0]*apv+wa[1]*bpv+dai*d[5],
		wa[0]*avp+wa[1]*bvp+dav*d[2], wa[0]*avv+wa[1]*bvv+dav*d[5])
	pp, pv, vp, vv = mul2(pp, pv, vp, vv, fa, fc, fb, fd)
	qp, qv, up, uv = mul2(ga, gb, gc, gd,
		wb[0]*app+wb[1]*bpp+dbi*d[2], wb[0]*apv+wb[1]*bpv+dbi*d[5],
		wb[0]*avp+wb[1]*bvp+dbv*d[2], wb[0]*avv+wb[1]*bvv+dbv*d[5])
	qp, qv, up, uv = mul2(qp, qv, up, uv, ga, gc, gb, gd)
	A[0][2], A[0][5], A[3][2], A[3][5] = pp, pv, vp, vv
	A[2][0], A[5][0], A[2][3], A[5][3] = pp, pv, vp, vv
	B[0][2], B[0][5], B[3][2], B[3][5] = qp, qv, up, uv
	B[2][0], B[5][0], B[2][3], B[5][3] = qp, qv, up, uv
	// Row 1: the mixtures' spread terms (w₀·w₁·dᵣ)·d꜀, with w₀·w₁·dᵣ
	// formed once per row as mixture forms it.
	dai, dbi = wwa*d[1], wwb*d[1]
	dav, dbv = wwa*d[4], wwb*d[4]
	app, apv, avp, avv = A[1][1], A[1][4], A[4][1], A[4][4]
	bpp, bpv, bvp, bvv = B[1][1], B[1][4], B[4][1], B[4][4]
	pp, pv, vp, vv = mul2(fa, fb, fc, fd,
		wa[0]*app+wa[1]*bpp+dai*d[1], wa[0]*apv+wa[1]*bpv+dai*d[4],
		wa[0]*avp+wa[1]*bvp+dav*d[1], wa[0]*avv+wa[1]*bvv+dav*d[4])
	pp, pv, vp, vv = mul2(pp, pv, vp, vv, fa, fc, fb, fd)
	qp, qv, up, uv = mul2(ga, gb, gc, gd,
		wb[0]*app+wb[1]*bpp+dbi*d[1], wb[0]*apv+wb[1]*bpv+dbi*d[4],
		wb[0]*avp+wb[1]*bvp+dbv*d[1], wb[0]*avv+wb[1]*bvv+dbv*d[4])
	qp, qv, up, uv = mul2(qp, qv, up, uv, ga, gc, gb, gd)
	pp, pv, vp, vv = addQ(&ta, pp, pv, vp, vv)
	qp, qv, up, uv = addQ(&tb, qp, qv, up, uv)
	A[1][1], A[1][4], A[4][1], A[4][4] = pp, pv, vp, vv
	A[1][1], A[4][1], A[1][4], A[4][4] = pp, pv, vp, vv
	B[1][1], B[1][4], B[4][1], B[4][4] = qp, qv, up, uv
	B[1][1], B[4][1], B[1][4], B[4][4] = qp, qv, up, uv
	app, apv, avp, avv = A[1][2], A[1][5], A[4][2], A[4][5]
	bpp, bpv, bvp, bvv = B[1][2], B[1][5], B[4][2], B[4][5]
	pp, pv, vp, vv = mul2(fa, fb, fc, fd,
		wa[0]*app+wa[1]*bpp+dai*d[2], wa[0]*apv+wa[1]*bpv+dai*d[5],
		wa[0]*avp+wa[1]*bvp+dav*d[2], wa[0]*avv+wa[1]*bvv+dav*d[5])
	pp, pv, vp, vv = mul2(pp, pv, vp, vv, fa, fc, fb, fd)
	qp, qv, up, uv = mul2(ga, gb, gc, gd,
		wb[0]*app+wb[1]*bpp+dbi*d[2], wb[0]*apv+wb[1]*bpv+dbi*d[5],
		wb[0]*avp+wb[1]*bvp+dbv*d[2], wb[0]*avv+wb[1]*bvv+dbv*d[5])
	qp, qv, up, uv = mul2(qp, qv, up, uv, ga, gc, gb, gd)
	A[1][2], A[1][5], A[4][2], A[4][5] = pp, pv, vp, vv
	A[2][1], A[5][1], A[2][4], A[5][4] = pp, pv, vp, vv
	B[1][2], B[1][5], B[4][2], B[4][5] = qp, qv, up, uv
	B[2][1], B[5][1], B[2][4], B[5][4] = qp, qv, up, uv
	// Row 2: the mixtures' spread terms (w₀·w₁·dᵣ)·d꜀, with w₀·w₁·dᵣ
	// formed once per row as mixture forms it.
	dai, dbi = wwa*d[2], wwb*d[2]
	dav, dbv = wwa*d[5], wwb*d[5]
	app, apv, avp, avv = A[2][2], A[2][5], A[5][2], A[5][5]
	bpp, bpv, bvp, bvv = B[2][2], B[2][5], B[5][2], B[5][5]
	pp, pv, vp, vv = mul2(fa, fb, fc, fd,
		wa[0]*app+wa[1]*bpp+dai*d[2], wa[0]*apv+wa[1]*bpv+dai*d[5],
		wa[0]*avp+wa[1]*bvp+dav*d[2], wa[0]*avv+wa[1]*bvv+dav*d[5])
	pp, pv, vp, vv = mul2(pp, pv, vp, vv, fa, fc, fb, fd)
	qp, qv, up, uv = mul2(ga, gb, gc, gd,
		wb[0]*app+wb[1]*bpp+dbi*d[2], wb[0]*apv+wb[1]*bpv+dbi*d[5],
		wb[0]*avp+wb[1]*bvp+dbv*d[2], wb[0]*avv+wb[1]*bvv+dbv*d[5])
	qp, qv, up, uv = mul2(qp, qv, up, uv, ga, gc, gb, gd)
	pp, pv, vp, vv = addQ(&ta, pp, pv, vp, vv)
	qp, qv, up, uv = addQ(&tb, qp, qv, up, uv)
	A[2][2], A[2][5], A[5][2], A[5][5] = pp, pv, vp, vv
	A[2][2], A[5][2], A[2][5], A[5][5] = pp, pv, vp, vv
	B[2][2], B[2][5], B[5][2], B[5][5] = qp, qv, up, uv
	B[2][2], B[5][2], B[2][5], B[5][5] = qp, qv, up, uv
}

// mixture sets g to the moment-matched mixture of the first len(wts)
// estimates of modes with weights wts (summing to one):
// x = Σ wᵢ·xᵢ, P = Σ wᵢ·(Pᵢ + (xᵢ − x)·(xᵢ − x)ᵀ). For two estimates the
// spread of the means is w₀·w₁·δ·δᵀ with δ = x₀ − x₁.
func mixture(g *Gaussian, modes *[MaxModels]Gaussian, wts []float64) {
	if len(wts) == 1 {
		*g = modes[0]
		return
	}
	w0, w1 := wts[0], wts[1]
	a, b := &modes[0], &modes[1]
	d0, d1, d2 := a.X[0]-b.X[0], a.X[1]-b.X[1], a.X[2]-b.X[2]
	d3, d4, d5 := a.X[3]-b.X[3], a.X[4]-b.X[4], a.X[5]-b.X[5]
	for k := range g.X {
		g.X[k] = w0*a.X[k] + w1*b.X[k]
	}
	// Unrolled: Pᵣ꜀ = w₀·aᵣ꜀ + w₁·bᵣ꜀ + (w₀·w₁·dᵣ)·d꜀.
	ww := w0 * w1
	A, B, G := &a.P, &b.P, &g.P
	var wd float64
	wd = ww * d0
	G[0][0] = w0*A[0][0] + w1*B[0][0] + wd*d0
	G[0][1] = w0*A[0][1] + w1*B[0][1] + wd*d1
	G[0][2] = w0*A[0][2] + w1*B[0][2] + wd*d2
	G[0][3] = w0*A[0][3] + w1*B[0][3] + wd*d3
	G[0][4] = w0*A[0][4] + w1*B[0][4] + wd*d4
	G[0][5] = w0*A[0][5] + w1*B[0][5] + wd*d5
	wd = ww * d1
	G[1][0] = w0*A[1][0] + w1*B[1][0] + wd*d0
	G[1][1] = w0*A[1][1] + w1*B[1][1] + wd*d1
	G[1][2] = w0*A[1][2] + w1*B[1][2] + wd*d2
	G[1][3] = w0*A[1][3] + w1*B[1][3] + wd*d3
	G[1][4] = w0*A[1][4] + w1*B[1][4] + wd*d4
	G[1][5] = w0*A[1][5] + w1*B[1][5] + wd*d5
	wd = ww * d2
	G[2][0] = w0*A[2][0] + w1*B[2][0] + wd*d0
	G[2][1] = w0*A[2][1] + w1*B[2][1] + wd*d1
	G[2][2] = w0*A[2][2] + w1*B[2][2] + wd*d2
	G[2][3] = w0*A[2][3] + w1*B[2][3] + wd*d3
	G[2][4] = w0*A[2][4] + w1*B[2][4] + wd*d4
	G[2][5] = w0*A[2][5] + w1*B[2][5] + wd*d5
	wd = ww * d3
	G[3][0] = w0*A[3][0] + w1*B[3][0] + wd*d0
	G[3][1] = w0*A[3][1] + w1*B[3][1] + wd*d1
	G[3][2] = w0*A[3][2] + w1*B[3][2] + wd*d2
	G[3][3] = w0*A[3][3] + w1*B[3][3] + wd*d3
	G[3][4] = w0*A[3][4] + w1*B[3][4] + wd*d4
	G[3][5] = w0*A[3][5] + w1*B[3][5] + wd*d5
	wd = ww * d4
	G[4][0] = w0*A[4][0] + w1*B[4][0] + wd*d0
	G[4][1] = w0*A[4][1] + w1*B[4][1] + wd*d1
	G[4][2] = w0*A[4][2] + w1*B[4][2] + wd*d2
	G[4][3] = w0*A[4][3] + w1*B[4][3] + wd*d3
	G[4][4] = w0*A[4][4] + w1*B[4][4] + wd*d4
	G[4][5] = w0*A[4][5] + w1*B[4][5] + wd*d5
	wd = ww * d5
	G[5][0] = w0*A[5][0] + w1*B[5][0] + wd*d0
	G[5][1] = w0*A[5][1] + w1*B[5][1] + wd*d1
	G[5][2] = w0*A[5][2] + w1*B[5][2] + wd*d2
	G[5][3] = w0*A[5][3] + w1*B[5][3] + wd*d3
	G[5][4] = w0*A[5][4] + w1*B[5][4] + wd*d4
	G[5][5] = w0*A[5][5] + w1*B[5][5] + wd*d5
}

// mirrorUpper copies P's upper triangle to its lower one.
func mirrorUpper(P *[stateDim][stateDim]float64) {
	for r := 1; r < stateDim; r++ {
		for s := 0; s < r; s++ {
			P[r][s] = P[s][r]
		}
	}
}

// Update applies measurement m to every model and reweights the models by
// their likelihoods. It returns false if an innovation covariance is not
// positive definite; the estimate is then unusable.
func (e *IMM) Update(m *Measurement) bool {
	w := e.w
	n := len(e.Models)
	best := math.Inf(-1)
	for j := 0; j < n; j++ {
		nis, ok := w.innovate(&e.Modes[j], m)
		if !ok {
			return false
		}
		e.lik[j] = -(nis + w.logDet2piS()) / 2 // log-likelihood
		best = max(best, e.lik[j])
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
		if d := e.lik[j] - best; d != 0 { // the best model's factor is e⁰ = 1
			e.Mu[j] *= math.Exp(d)
		}
		sum += e.Mu[j]
	}
	for j := 0; j < n; j++ {
		e.Mu[j] = max(e.Mu[j]/sum, 1e-6)
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
// (weight βⱼ): with dⱼ = Kⱼ·νⱼ and d = Σ βⱼ·dⱼ,
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
	for m := range e.Models {
		mode := &e.Modes[m]
		var mean [stateDim]float64
		var acc [stateDim][stateDim]float64 // upper triangle
		ll := logMiss
		for j, z := range ms {
			nis, ok := w.innovate(mode, z)
			if !ok {
				return false
			}
			ll = logAddExp(ll, logPdL-(nis+w.logDet2piS())/2)
			w.gain()
			b := beta[j] / wsum
			d := &w.shifts[j]
			for k := range d {
				var s float64
				for i := 0; i < w.dim; i++ {
					s += w.W[k][i] * w.u[i]
				}
				d[k] = s
				mean[k] += b * s
			}
			// b·Pⱼ = b·(P⁻ − W·Wᵀ); the b·P⁻ parts add up below.
			for r := 0; r < stateDim; r++ {
				for c := r; c < stateDim; c++ {
					var s float64
					for i := 0; i < w.dim; i++ {
						s += w.W[r][i] * w.W[c][i]
					}
					acc[r][c] -= b * s
				}
			}
		}
		// Σ βⱼ·P⁻ + β₀·P⁻ = P⁻ (the weights sum to one).
		b0 := beta0 / wsum
		for r := 0; r < stateDim; r++ {
			for c := r; c < stateDim; c++ {
				acc[r][c] += mode.P[r][c] + b0*mean[r]*mean[c]
			}
		}
		for j := range ms {
			var dj [stateDim]float64
			for i := range dj {
				dj[i] = w.shifts[j][i] - mean[i]
			}
			b := beta[j] / wsum
			for r := 0; r < stateDim; r++ {
				for c := r; c < stateDim; c++ {
					acc[r][c] += b * dj[r] * dj[c]
				}
			}
		}
		for i := range mode.X {
			mode.X[i] += mean[i]
		}
		mode.P = acc
		mirrorUpper(&mode.P)
		e.lik[m] = ll
		best = max(best, ll)
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

// combine sets Comb to the moment-matched mixture of the model estimates.
func (e *IMM) combine() {
	n := len(e.Models)
	if n == 1 {
		e.Comb = e.Modes[0]
		return
	}
	var sum float64
	for _, mu := range e.Mu[:n] {
		sum += mu
	}
	var wts [MaxModels]float64
	for j := 0; j < n; j++ {
		wts[j] = e.Mu[j] / sum
	}
	mixture(&e.Comb, &e.Modes, wts[:n])
}

// VerticalPrior is what is known of a target's altitude and vertical
// speed before any sensor measures them: the band of altitudes small
// drones fly in (ENU up, metres above the site's ground) and their climb
// rates, as Gaussians. A track whose altitude no sensor measures — fed by
// a 2-D radar or by RF bearings without elevation — would otherwise see its
// altitude variance grow without bound under the motion model.
//
// After each prediction, where the altitude variance exceeds AltitudeStdM²
// (the belief is vaguer than the prior alone), a pseudo-measurement of the
// altitude, AltitudeMeanM, brings it back to exactly AltitudeStdM²; the
// same bounds the vertical speed by a measurement of 0 against SpeedStdMPS.
// Where a sensor measures the altitude well its variance stays under the
// bound and nothing happens; where it measures it poorly (a wide
// elevation beam far out) the prior helps. New tracks start with a
// vertical speed variance of at most SpeedStdMPS², so that the bound does
// not turn an altitude pulled towards the band into a vertical speed
// through their correlation. See docs/tracking.md for the equations.
type VerticalPrior struct {
	AltitudeMeanM, AltitudeStdM float64 // zero std: altitude unbounded
	SpeedStdMPS                 float64 // zero: vertical speed unbounded
}

// bound applies the pseudo-measurements to g.
func (v *VerticalPrior) bound(g *Gaussian) {
	// cap1 tests the variance again; testing it here first saves a call.
	if s := v.AltitudeStdM; s > 0 && g.P[iz][iz] > s*s {
		cap1(g, iz, v.AltitudeMeanM, s*s)
	}
	if s := v.SpeedStdMPS; s > 0 && g.P[ivz][ivz] > s*s {
		cap1(g, ivz, 0, s*s)
	}
}

// cap1 bounds the variance of state component i at s2 when it exceeds it,
// by a scalar pseudo-measurement z of that component with the noise
// variance r = s2·Pᵢᵢ/(Pᵢᵢ − s2) that leaves Pᵢᵢ = s2 exactly: with
// S = Pᵢᵢ + r = Pᵢᵢ²/(Pᵢᵢ − s2) and k = P·eᵢ/S,
//
//	x ← x + k·(z − xᵢ),  P ← P − P·eᵢ·eᵢᵀ·P/S.
func cap1(g *Gaussian, i int, z, s2 float64) {
	pii := g.P[i][i]
	if !(pii > s2) {
		return
	}
	f := (pii - s2) / (pii * pii) // 1/S
	P := &g.P
	// Column i of P, then the update, unrolled.
	c0, c1, c2, c3, c4, c5 := P[0][i], P[1][i], P[2][i], P[3][i], P[4][i], P[5][i]
	nu := z - g.X[i]
	x := &g.X
	x[0] += f * c0 * nu
	x[1] += f * c1 * nu
	x[2] += f * c2 * nu
	x[3] += f * c3 * nu
	x[4] += f * c4 * nu
	x[5] += f * c5 * nu
	var fr, v float64
	fr = f * c0
	v = P[0][0] - fr*c0
	P[0][0], P[0][0] = v, v
	v = P[0][1] - fr*c1
	P[0][1], P[1][0] = v, v
	v = P[0][2] - fr*c2
	P[0][2], P[2][0] = v, v
	v = P[0][3] - fr*c3
	P[0][3], P[3][0] = v, v
	v = P[0][4] - fr*c4
	P[0][4], P[4][0] = v, v
	v = P[0][5] - fr*c5
	P[0][5], P[5][0] = v, v
	fr = f * c1
	v = P[1][1] - fr*c1
	P[1][1], P[1][1] = v, v
	v = P[1][2] - fr*c2
	P[1][2], P[2][1] = v, v
	v = P[1][3] - fr*c3
	P[1][3], P[3][1] = v, v
	v = P[1][4] - fr*c4
	P[1][4], P[4][1] = v, v
	v = P[1][5] - fr*c5
	P[1][5], P[5][1] = v, v
	fr = f * c2
	v = P[2][2] - fr*c2
	P[2][2], P[2][2] = v, v
	v = P[2][3] - fr*c3
	P[2][3], P[3][2] = v, v
	v = P[2][4] - fr*c4
	P[2][4], P[4][2] = v, v
	v = P[2][5] - fr*c5
	P[2][5], P[5][2] = v, v
	fr = f * c3
	v = P[3][3] - fr*c3
	P[3][3], P[3][3] = v, v
	v = P[3][4] - fr*c4
	P[3][4], P[4][3] = v, v
	v = P[3][5] - fr*c5
	P[3][5], P[5][3] = v, v
	fr = f * c4
	v = P[4][4] - fr*c4
	P[4][4], P[4][4] = v, v
	v = P[4][5] - fr*c5
	P[4][5], P[5][4] = v, v
	fr = f * c5
	v = P[5][5] - fr*c5
	P[5][5], P[5][5] = v, v
	P[i][i] = s2 // exactly, whatever the rounding
}
