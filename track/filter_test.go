package track

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/spatial/r3"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/cuasim/cuasim/sensors"
)

// TestKalmanReferenceStep checks one predict and update against the worked
// example of testdata/reference-values.txt ([kf]): 1-D constant velocity, dt = 1,
// q = 0.5, H = [1 0], R = 4, x₀ = [0, 1], P₀ = diag(10, 1), z = 1.5. The
// position is measured as a range from an antenna 10⁶ m down the east
// axis, which is linear in east to 1e-12.
func TestKalmanReferenceStep(t *testing.T) {
	var g Gaussian
	g.X[ivx] = 1
	g.P[ix][ix] = 10
	g.P[ivx][ivx] = 1
	for _, i := range []int{iy, iz, ivy, ivz} {
		g.P[i][i] = 1
	}
	w := newEKF()
	w.predict(&g, CV{AccelPSD: 0.5}, 1)
	near := func(what string, got, want, tol float64) {
		t.Helper()
		if math.Abs(got-want) > tol {
			t.Errorf("%s = %.7g, want %.7g", what, got, want)
		}
	}
	near("x⁻[0]", g.X[ix], 1, 1e-12)
	near("P⁻[0][0]", g.P[ix][ix], 11.1667, 1e-4)
	near("P⁻[0][1]", g.P[ix][ivx], 1.25, 1e-12)
	near("P⁻[1][1]", g.P[ivx][ivx], 1.5, 1e-12)

	var m Measurement
	m.Origin = r3.Vec{X: -1e6}
	m.add(compRange, 1e6+1.5, 2)
	nis, ok := w.innovate(&g, &m)
	logDet := w.logDet2piS()
	if !ok {
		t.Fatal("innovation covariance not positive definite")
	}
	near("NIS", nis, 0.0164835, 1e-6)
	near("ln det 2πS", logDet, math.Log(2*math.Pi*15.1667), 1e-4)
	w.update(&g)
	near("x⁺[0]", g.X[ix], 1.36813, 1e-5)
	near("x⁺[1]", g.X[ivx], 1.04121, 1e-5)
	near("P⁺[0][0]", g.P[ix][ix], 2.94505, 1e-5)
	near("P⁺[0][1]", g.P[ix][ivx], 0.32967, 1e-5)
	near("P⁺[1][1]", g.P[ivx][ivx], 1.39698, 1e-5)
}

// vanLoan returns the discretised F and Q of the continuous model
// dx = A·x dt + dW, E[dW dWᵀ] = Qc dt, by Van Loan's matrix exponential
// (1978), with gonum's mat.Exp: the independent check of the closed forms.
func vanLoan(A, Qc *mat.Dense, dt float64) (F, Q *mat.Dense) {
	n, _ := A.Dims()
	M := mat.NewDense(2*n, 2*n, nil)
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			M.Set(i, j, -A.At(i, j)*dt)
			M.Set(i, n+j, Qc.At(i, j)*dt)
			M.Set(n+i, n+j, A.At(j, i)*dt)
		}
	}
	var E mat.Dense
	E.Exp(M)
	F = mat.DenseCopyOf(E.Slice(n, 2*n, n, 2*n).T())
	Q = mat.NewDense(n, n, nil)
	Q.Mul(F, E.Slice(0, n, n, 2*n))
	return F, Q
}

// TestMotionModelsAgainstVanLoan checks CV and Hover's closed-form F and Q
// against Van Loan's discretisation of their continuous models, and that
// Hover tends to CV as its time constant grows.
func TestMotionModelsAgainstVanLoan(t *testing.T) {
	for _, c := range []struct {
		name  string
		model MotionModel
		a     float64 // velocity decay rate 1/τ
		q     float64
	}{
		{"cv", CV{AccelPSD: 3}, 0, 3},
		{"hover", Hover{AccelPSD: 0.2, TauS: 2}, 0.5, 0.2},
		{"hover-fast-decay", Hover{AccelPSD: 1, TauS: 0.1}, 10, 1},
	} {
		for _, dt := range []float64{0.01, 0.1, 1, 5} {
			if c.a*dt > 5 {
				continue // Van Loan's exponential holds e^(a·dt) and loses the answer
			}
			A := mat.NewDense(6, 6, nil)
			Qc := mat.NewDense(6, 6, nil)
			for k := 0; k < 3; k++ {
				A.Set(k, k+3, 1)
				A.Set(k+3, k+3, -c.a)
				Qc.Set(k+3, k+3, c.q)
			}
			wantF, wantQ := vanLoan(A, Qc, dt)
			F, Q := dense6(c.model.Transition(dt).Full())
			if !mat.EqualApprox(F, wantF, 1e-9) || !mat.EqualApprox(Q, wantQ, 1e-9*math.Max(1, mat.Norm(wantQ, math.Inf(1)))) {
				t.Errorf("%s dt %g:\nF = %.6g\nwant %.6g\nQ = %.6g\nwant %.6g", c.name, dt,
					mat.Formatted(F), mat.Formatted(wantF), mat.Formatted(Q), mat.Formatted(wantQ))
			}
		}
	}
	F1, Q1 := dense6(CV{AccelPSD: 2}.Transition(1.5).Full())
	F2, Q2 := dense6(Hover{AccelPSD: 2, TauS: 1e7}.Transition(1.5).Full())
	if !mat.EqualApprox(F1, F2, 1e-6) || !mat.EqualApprox(Q1, Q2, 1e-6) {
		t.Errorf("Hover with τ → ∞ differs from CV")
	}
}

// TestFilterConsistency runs a Monte Carlo of a target moving by the
// nearly-constant-velocity model itself, observed by a radar, and checks
// that the average NEES (state) and NIS (innovation), times the number of
// runs, lie inside the two-sided 95 % chi-square interval with N·dim
// degrees of freedom (Bar-Shalom et al. 2001, §5.4). A Q or R scaled by 2
// fails it.
func TestFilterConsistency(t *testing.T) {
	for _, c := range []struct {
		name           string
		qScale, rScale float64
		wantOK         bool
	}{
		{"matched", 1, 1, true},
		{"Q too small", 0.25, 1, false},
		{"R too large", 1, 4, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			nees, nis, runs := consistencyRun(c.qScale, c.rScale, 300, 60)
			neesOK, neesLo, neesHi := chi2Inside(nees*float64(runs), runs*6)
			nisOK, nisLo, nisHi := chi2Inside(nis*float64(runs), runs*4)
			if c.wantOK && (!neesOK || !nisOK) {
				t.Errorf("average NEES %.3f (95%% band [%.3f, %.3f]), NIS %.3f ([%.3f, %.3f])",
					nees, neesLo/float64(runs), neesHi/float64(runs), nis, nisLo/float64(runs), nisHi/float64(runs))
			}
			if !c.wantOK && neesOK && nisOK {
				t.Errorf("a mis-scaled filter passed: NEES %.3f, NIS %.3f", nees, nis)
			}
		})
	}
}

// chi2Inside reports whether x lies in the two-sided 95 % interval of a
// chi-square law with k degrees of freedom.
func chi2Inside(x float64, k int) (ok bool, lo, hi float64) {
	d := distuv.ChiSquared{K: float64(k)}
	lo, hi = d.Quantile(0.025), d.Quantile(0.975)
	return x >= lo && x <= hi, lo, hi
}

// consistencyRun simulates runs of steps 1 s steps of a CV target with
// acceleration density 1 m²/s³ observed in range, azimuth, elevation and
// radial velocity from about 3 km, filtered with Q and R scaled as given;
// it returns the NEES and NIS of the last step averaged over the runs.
func consistencyRun(qScale, rScale float64, runs, steps int) (nees, nis float64, n int) {
	rnd := rand.New(rand.NewPCG(1, 2))
	const q = 1.0
	F, Q := dense6(CV{AccelPSD: q}.Transition(1).Full())
	var chol mat.Cholesky
	chol.Factorize(mat.NewSymDense(6, Q.RawMatrix().Data))
	var L mat.TriDense
	chol.LTo(&L)
	stds := [4]float64{5, 0.01, 0.01, 0.5}
	w := newEKF()
	for run := 0; run < runs; run++ {
		x := mat.NewVecDense(6, []float64{0, 3000, 100, 10, -5, 0})
		var g Gaussian
		for i := 0; i < 6; i++ {
			g.P[i][i] = 100
			g.X[i] = x.AtVec(i) + 10*rnd.NormFloat64()
		}
		var lastNIS float64
		for k := 0; k < steps; k++ {
			var nx, e mat.VecDense
			nx.MulVec(F, x)
			eps := mat.NewVecDense(6, nil)
			for i := 0; i < 6; i++ {
				eps.SetVec(i, rnd.NormFloat64())
			}
			e.MulVec(&L, eps)
			x.AddVec(&nx, &e)

			w.predict(&g, CV{AccelPSD: q * qScale}, 1)
			m := measure(x, stds, rScale, rnd)
			v, ok := w.innovate(&g, &m)
			if !ok {
				panic("singular S")
			}
			lastNIS = v
			w.update(&g)
		}
		var d, sol mat.VecDense
		d.SubVec(x, mat.NewVecDense(6, g.X[:]))
		var ch mat.Cholesky
		ch.Factorize(symOf(&g.P))
		_ = ch.SolveVecTo(&sol, &d)
		nees += mat.Dot(&d, &sol)
		nis += lastNIS
		n++
	}
	return nees / float64(n), nis / float64(n), n
}

// measure returns a radar measurement of x from the origin with the true
// noise stds, reporting stds scaled by √rScale.
func measure(x *mat.VecDense, stds [4]float64, rScale float64, rnd *rand.Rand) Measurement {
	var m Measurement
	m.Kind = sensors.RadarPlot
	var zp [maxMeasDim]float64
	var H [maxMeasDim][stateDim]float64
	tmp := Measurement{}
	for _, c := range []component{compRange, compAzimuth, compElevation, compRadial} {
		tmp.add(c, 0, 1)
	}
	tmp.predict((*[stateDim]float64)(x.RawVector().Data), &zp, &H)
	for i, c := range []component{compRange, compAzimuth, compElevation, compRadial} {
		m.add(c, zp[i]+stds[i]*rnd.NormFloat64(), stds[i]*math.Sqrt(rScale))
	}
	return m
}

// TestFilterDoesNotAllocate: a predict–innovate–update cycle of the IMM
// allocates nothing once built.
func TestFilterDoesNotAllocate(t *testing.T) {
	var g Gaussian
	for i := 0; i < 6; i++ {
		g.P[i][i] = 100
	}
	g.X[iy] = 2000
	e := NewIMM([]MotionModel{CV{AccelPSD: 4}, Hover{AccelPSD: 25, TauS: 0.2}}, 0.05, &g)
	x := mat.NewVecDense(6, []float64{0, 2000, 60, 10, 0, 0})
	m := measure(x, [4]float64{5, 0.01, 0.01, 0.5}, 1, rand.New(rand.NewPCG(1, 1)))
	if a := testing.AllocsPerRun(100, func() {
		e.Predict(1)
		e.Update(&m)
	}); a != 0 {
		t.Errorf("%v allocations per predict and update", a)
	}
}

// dense6 returns F and Q as gonum matrices, for reference computations.
func dense6(F, Q [6][6]float64) (*mat.Dense, *mat.Dense) {
	f, q := mat.NewDense(6, 6, nil), mat.NewDense(6, 6, nil)
	for i := range F {
		for j := range F[i] {
			f.Set(i, j, F[i][j])
			q.Set(i, j, Q[i][j])
		}
	}
	return f, q
}

// symOf returns P as a gonum symmetric matrix.
func symOf(P *[stateDim][stateDim]float64) *mat.SymDense {
	s := mat.NewSymDense(stateDim, nil)
	for i := 0; i < stateDim; i++ {
		for j := i; j < stateDim; j++ {
			s.SetSym(i, j, P[i][j])
		}
	}
	return s
}

// TestVerticalPriorBound: an altitude vaguer than the prior is brought
// back to exactly the prior's variance by the pseudo-measurement, which is
// the Kalman update by z = AltitudeMeanM with noise r = s²·Pzz/(Pzz − s²),
// computed here with gonum's mat; an altitude within the prior is left
// alone.
func TestVerticalPriorBound(t *testing.T) {
	var g Gaussian
	g.X = [6]float64{100, 2000, 300, 5, -3, 4}
	for i, std := range []float64{30, 40, 200, 3, 3, 20} {
		g.P[i][i] = std * std
	}
	g.P[0][2], g.P[2][0] = 500, 500
	g.P[2][5], g.P[5][2] = 1500, 1500
	g.P[1][4], g.P[4][1] = 60, 60
	v := VerticalPrior{AltitudeMeanM: 75, AltitudeStdM: 45, SpeedStdMPS: 5}

	// Reference: the altitude pseudo-measurement as a textbook update.
	s2 := 45.0 * 45
	pzz := g.P[2][2]
	r := s2 * pzz / (pzz - s2)
	P := symOf(&g.P)
	H := mat.NewDense(1, 6, []float64{0, 0, 1, 0, 0, 0})
	var PHt, K, KHP mat.Dense
	PHt.Mul(P, H.T())
	K.Scale(1/(pzz+r), &PHt)
	x := mat.NewVecDense(6, nil)
	x.CopyVec(mat.NewVecDense(6, g.X[:]))
	x.AddScaledVec(x, 75-g.X[2], K.ColView(0))
	KHP.Mul(&K, PHt.T())
	var wantP mat.Dense
	wantP.Sub(P, &KHP)

	h := g
	cap1(&h, iz, 75, s2)
	for i := 0; i < 6; i++ {
		if math.Abs(h.X[i]-x.AtVec(i)) > 1e-9*(1+math.Abs(x.AtVec(i))) {
			t.Errorf("x[%d] = %.10g, textbook %.10g", i, h.X[i], x.AtVec(i))
		}
		for j := 0; j < 6; j++ {
			if math.Abs(h.P[i][j]-wantP.At(i, j)) > 1e-9*(1+math.Abs(wantP.At(i, i))) {
				t.Errorf("P[%d][%d] = %.10g, textbook %.10g", i, j, h.P[i][j], wantP.At(i, j))
			}
		}
	}
	if h.P[2][2] != s2 {
		t.Errorf("altitude variance %.10g after the bound, want exactly %g", h.P[2][2], s2)
	}

	// Both bounds (the vertical speed's, applied second, also lowers the
	// correlated altitude variance); then a second application changes
	// nothing.
	v.bound(&g)
	if g.P[2][2] > s2 || g.P[5][5] != 25 {
		t.Errorf("variances %g, %g after the bound, want at most %g, and 25", g.P[2][2], g.P[5][5], s2)
	}
	var ch mat.Cholesky
	if !ch.Factorize(symOf(&g.P)) {
		t.Error("covariance not positive definite after the bound")
	}
	before := g
	v.bound(&g)
	if g != before {
		t.Error("a belief within the prior was changed")
	}
}
