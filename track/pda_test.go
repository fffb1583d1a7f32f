package track

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// pdaPrior is a CV estimate 2 km north of a radar at the origin.
func pdaPrior() (Gaussian, *mat.VecDense) {
	var g Gaussian
	for i, std := range []float64{20, 20, 10, 5, 5, 2} {
		g.P[i][i] = std * std
	}
	g.P[0][3], g.P[3][0] = 30, 30
	g.P[1][4], g.P[4][1] = 40, 40
	truth := mat.NewVecDense(6, []float64{0, 2000, 60, 10, 0, 0})
	copy(g.X[:], truth.RawVector().Data)
	g.X[0] = 15
	g.X[1] = 1990
	return g, truth
}

// TestUpdatePDATextbook: with measurements sharing one noise covariance
// R, UpdatePDA is the textbook PDA update (BLK §6.4), computed here with
// gonum's mat from its definition: K = P·Hᵀ·S⁻¹, ν = Σ βⱼ·νⱼ,
// x ← x + K·ν, P ← β₀·P + (1 − β₀)·Pc + K·(Σ βⱼ·νⱼ·νⱼᵀ − ν·νᵀ)·Kᵀ with
// Pc the Joseph-form updated covariance. With one measurement of β = 1 it
// is the Kalman update.
func TestUpdatePDATextbook(t *testing.T) {
	prior, truth := pdaPrior()
	rnd := rand.New(rand.NewPCG(3, 3))
	stds := [4]float64{5, 0.01, 0.01, 0.5}
	var ms []*Measurement
	for range 3 {
		m := measure(truth, stds, 1, rnd)
		ms = append(ms, &m)
	}
	beta := []float64{0.5, 0.2, 0.1}
	beta0 := 0.2

	// Textbook.
	P := mat.NewDense(6, 6, nil)
	P.Copy(symOf(&prior.P))
	var zpa [maxMeasDim]float64
	var Ha [maxMeasDim][stateDim]float64
	ms[0].predict(&prior.X, &zpa, &Ha)
	H := mat.NewDense(4, 6, nil)
	for i := range Ha {
		H.SetRow(i, Ha[i][:])
	}
	R := mat.NewDiagDense(4, []float64{25, 1e-4, 1e-4, 0.25})
	var S, PHt, K mat.Dense
	PHt.Mul(P, H.T())
	S.Mul(H, &PHt)
	S.Add(&S, R)
	var Sinv mat.Dense
	if err := Sinv.Inverse(&S); err != nil {
		t.Fatal(err)
	}
	K.Mul(&PHt, &Sinv)
	nus := make([]*mat.VecDense, len(ms))
	nu := mat.NewVecDense(4, nil)
	spread := mat.NewDense(4, 4, nil)
	for j, m := range ms {
		var v [maxMeasDim]float64
		m.innovation(&zpa, &v)
		nus[j] = mat.NewVecDense(4, v[:])
		nu.AddScaledVec(nu, beta[j], nus[j])
		var o mat.Dense
		o.Outer(beta[j], nus[j], nus[j])
		spread.Add(spread, &o)
	}
	var o mat.Dense
	o.Outer(-1, nu, nu)
	spread.Add(spread, &o)
	var wantX mat.VecDense
	wantX.MulVec(&K, nu)
	wantX.AddVec(&wantX, mat.NewVecDense(6, prior.X[:]))
	I := mat.NewDense(6, 6, nil)
	for i := 0; i < 6; i++ {
		I.Set(i, i, 1)
	}
	var IKH, Pc, IKHP, KR, KRKt, KS, Kspread, wantP mat.Dense
	IKH.Mul(&K, H)
	IKH.Sub(I, &IKH)
	IKHP.Mul(&IKH, P)
	Pc.Mul(&IKHP, IKH.T())
	KR.Mul(&K, R)
	KRKt.Mul(&KR, K.T())
	Pc.Add(&Pc, &KRKt)
	KS.Mul(&K, spread)
	Kspread.Mul(&KS, K.T())
	wantP.Scale(beta0, P)
	Pc.Scale(1-beta0, &Pc)
	wantP.Add(&wantP, &Pc)
	wantP.Add(&wantP, &Kspread)

	e := NewIMM([]MotionModel{CV{AccelPSD: 4}}, 0.05, &prior)
	if !e.UpdatePDA(ms, beta, beta0, 0.8, 0.999, 1e-6) {
		t.Fatal("UpdatePDA failed")
	}
	for i := 0; i < 6; i++ {
		if d := math.Abs(e.Comb.X[i] - wantX.AtVec(i)); d > 1e-9*(1+math.Abs(wantX.AtVec(i))) {
			t.Errorf("x[%d] = %.12g, textbook %.12g", i, e.Comb.X[i], wantX.AtVec(i))
		}
		for j := 0; j < 6; j++ {
			if d := math.Abs(e.Comb.P[i][j] - wantP.At(i, j)); d > 1e-9*(1+math.Abs(wantP.At(i, i))) {
				t.Errorf("P[%d,%d] = %.12g, textbook %.12g", i, j, e.Comb.P[i][j], wantP.At(i, j))
			}
		}
	}

	// One measurement of β = 1: the Kalman update.
	a := NewIMM([]MotionModel{CV{AccelPSD: 4}}, 0.05, &prior)
	b := NewIMM([]MotionModel{CV{AccelPSD: 4}}, 0.05, &prior)
	a.Update(ms[0])
	b.UpdatePDA(ms[:1], []float64{1}, 0, 0.8, 0.999, 1e-6)
	for i := 0; i < 6; i++ {
		if d := math.Abs(a.Comb.X[i] - b.Comb.X[i]); d > 1e-9 {
			t.Errorf("β = 1: x[%d] = %.12g, Kalman %.12g", i, b.Comb.X[i], a.Comb.X[i])
		}
		for j := 0; j < 6; j++ {
			if d := math.Abs(a.Comb.P[i][j] - b.Comb.P[i][j]); d > 1e-9 {
				t.Errorf("β = 1: P[%d,%d] = %.12g, Kalman %.12g", i, j, b.Comb.P[i][j], a.Comb.P[i][j])
			}
		}
	}
}

// TestUpdatePDAModelWeights: the IMM weighs its models by the PDA
// likelihood Λₘ = (1 − Pd·Pg) + Σⱼ (Pd/λ)·gₘⱼ, computed here from each
// model's innovations; each model's covariance stays positive definite.
func TestUpdatePDAModelWeights(t *testing.T) {
	prior, truth := pdaPrior()
	rnd := rand.New(rand.NewPCG(4, 4))
	e := NewIMM([]MotionModel{CV{AccelPSD: 4}, Hover{AccelPSD: 25, TauS: 0.2}}, 0.05, &prior)
	const pd, pg, lambda = 0.8, 0.999, 1e-5
	for step := 0; step < 5; step++ {
		truth.SetVec(0, truth.AtVec(0)+10)
		e.Predict(1)
		var ms []*Measurement
		for range 2 + step%2 {
			m := measure(truth, [4]float64{5, 0.01, 0.01, 0.5}, 1, rnd)
			ms = append(ms, &m)
		}
		beta := []float64{0.6, 0.25, 0.1}[:len(ms)]
		beta0 := 1.0
		for _, b := range beta {
			beta0 -= b
		}
		want := make([]float64, len(e.Models))
		var sum float64
		for m := range e.Models {
			lam := 1 - pd*pg
			for _, z := range ms {
				nis, ok := e.w.innovate(&e.Modes[m], z)
				if !ok {
					t.Fatal("innovate failed")
				}
				logDet := e.w.logDet2piS()
				lam += pd / lambda * math.Exp(-(nis+logDet)/2)
			}
			want[m] = e.Mu[m] * lam
			sum += want[m]
		}
		if !e.UpdatePDA(ms, beta, beta0, pd, pg, lambda) {
			t.Fatal("UpdatePDA failed")
		}
		for m := range want {
			if w := math.Max(want[m]/sum, 1e-6); math.Abs(e.Mu[m]-w) > 1e-12 {
				t.Errorf("step %d: μ[%d] = %.15g, want %.15g", step, m, e.Mu[m], w)
			}
			var ch mat.Cholesky
			if !ch.Factorize(symOf(&e.Modes[m].P)) {
				t.Errorf("step %d: model %d's covariance is not positive definite", step, m)
			}
		}
	}
}

// TestUpdatePDADoesNotAllocate: a predict and a PDA update of three
// measurements allocate nothing once the workspace has grown.
func TestUpdatePDADoesNotAllocate(t *testing.T) {
	prior, truth := pdaPrior()
	e := NewIMM([]MotionModel{CV{AccelPSD: 4}, Hover{AccelPSD: 25, TauS: 0.2}}, 0.05, &prior)
	rnd := rand.New(rand.NewPCG(5, 5))
	var ms []*Measurement
	for range 3 {
		m := measure(truth, [4]float64{5, 0.01, 0.01, 0.5}, 1, rnd)
		ms = append(ms, &m)
	}
	beta := []float64{0.5, 0.2, 0.1}
	e.UpdatePDA(ms, beta, 0.2, 0.8, 0.999, 1e-6)
	if a := testing.AllocsPerRun(100, func() {
		e.Predict(1)
		e.UpdatePDA(ms, beta, 0.2, 0.8, 0.999, 1e-6)
	}); a != 0 {
		t.Errorf("%v allocations per predict and PDA update", a)
	}
}
