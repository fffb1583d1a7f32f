package track

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// Gaussian is a state estimate: mean X (6: ENU position then velocity) and
// covariance P.
type Gaussian struct {
	X *mat.VecDense
	P *mat.SymDense
}

// NewGaussian returns a zero mean and zero covariance.
func NewGaussian() Gaussian {
	return Gaussian{X: mat.NewVecDense(stateDim, nil), P: mat.NewSymDense(stateDim, nil)}
}

// CopyFrom sets g to a copy of h.
func (g *Gaussian) CopyFrom(h *Gaussian) {
	g.X.CopyVec(h.X)
	g.P.CopySym(h.P)
}

// ekf is the workspace of the extended Kalman filter: predict with a
// linear motion model, update with a nonlinear measurement linearised
// about the prediction. It allocates nothing after construction.
type ekf struct {
	F, Q, FP, FPFt *mat.Dense // 6×6
	x              *mat.VecDense
	zp, nu         [maxMeasDim]float64
	H, PHt, K      [maxMeasDim + 1]*mat.Dense // by measurement dimension
	S              [maxMeasDim + 1]*mat.SymDense
	chol           [maxMeasDim + 1]mat.Cholesky
	nuV, sinvNu    [maxMeasDim + 1]*mat.VecDense
	IKH, A, B      *mat.Dense                 // 6×6 scratch
	KR             [maxMeasDim + 1]*mat.Dense // 6×d
	KT             [maxMeasDim + 1]*mat.Dense // d×6
	R              [maxMeasDim + 1]*mat.SymDense
	dim            int // of the last innovation
}

func newEKF() *ekf {
	w := &ekf{
		F: mat.NewDense(6, 6, nil), Q: mat.NewDense(6, 6, nil), FP: mat.NewDense(6, 6, nil), FPFt: mat.NewDense(6, 6, nil),
		x: mat.NewVecDense(6, nil), IKH: mat.NewDense(6, 6, nil), A: mat.NewDense(6, 6, nil), B: mat.NewDense(6, 6, nil),
	}
	for d := 1; d <= maxMeasDim; d++ {
		w.H[d] = mat.NewDense(d, 6, nil)
		w.PHt[d] = mat.NewDense(6, d, nil)
		w.K[d] = mat.NewDense(6, d, nil)
		w.KR[d] = mat.NewDense(6, d, nil)
		w.KT[d] = mat.NewDense(d, 6, nil)
		w.S[d] = mat.NewSymDense(d, nil)
		w.R[d] = mat.NewSymDense(d, nil)
		w.nuV[d] = mat.NewVecDense(d, nil)
		w.sinvNu[d] = mat.NewVecDense(d, nil)
	}
	return w
}

// predict propagates g over dtS seconds with the model:
// x ← F·x, P ← F·P·Fᵀ + Q.
func (w *ekf) predict(g *Gaussian, m MotionModel, dtS float64) {
	if dtS == 0 {
		return
	}
	m.Transition(dtS, w.F, w.Q)
	w.x.MulVec(w.F, g.X)
	g.X.CopyVec(w.x)
	w.FP.Mul(w.F, g.P)
	w.FPFt.Mul(w.FP, w.F.T())
	w.FPFt.Add(w.FPFt, w.Q)
	symmetrise(g.P, w.FPFt)
}

// innovate computes the innovation ν = z − h(x), its covariance
// S = H·P·Hᵀ + R and S's Cholesky factor for measurement m at the estimate
// g. It returns the normalised innovation squared νᵀS⁻¹ν and ln det(2πS);
// ok is false when S is not positive definite.
func (w *ekf) innovate(g *Gaussian, m *Measurement) (nis, logDet2piS float64, ok bool) {
	d := m.dim
	w.dim = d
	H := w.H[d]
	m.predict(g.X.RawVector().Data, w.zp[:d], H)
	m.innovation(w.zp[:d], w.nu[:d])
	w.PHt[d].Mul(g.P, H.T())
	S := w.S[d]
	for i := 0; i < d; i++ {
		for j := i; j < d; j++ {
			v := mat.Dot(H.RowView(i), w.PHt[d].ColView(j))
			if i == j {
				v += m.std[i] * m.std[i]
				w.R[d].SetSym(i, i, m.std[i]*m.std[i])
			}
			S.SetSym(i, j, v)
		}
	}
	if !w.chol[d].Factorize(S) {
		return math.Inf(1), 0, false
	}
	nu := w.nuV[d]
	for i := 0; i < d; i++ {
		nu.SetVec(i, w.nu[i])
	}
	if err := w.chol[d].SolveVecTo(w.sinvNu[d], nu); err != nil {
		return math.Inf(1), 0, false
	}
	nis = mat.Dot(nu, w.sinvNu[d])
	return nis, w.chol[d].LogDet() + float64(d)*math.Log(2*math.Pi), true
}

// update applies the measurement whose innovation innovate has just
// computed for g: K = P·Hᵀ·S⁻¹, x ← x + K·ν, and the Joseph form
// P ← (I − K·H)·P·(I − K·H)ᵀ + K·R·Kᵀ, which keeps P symmetric and
// positive definite in floating point.
func (w *ekf) update(g *Gaussian) {
	d := w.dim
	K := w.K[d]
	// K = PHᵀ S⁻¹  ⇔  S Kᵀ = H P  (S symmetric).
	if err := w.chol[d].SolveTo(w.KT[d], w.PHt[d].T()); err != nil {
		return
	}
	K.Copy(w.KT[d].T())
	w.x.MulVec(K, w.nuV[d])
	g.X.AddVec(g.X, w.x)

	w.IKH.Mul(K, w.H[d])
	w.IKH.Scale(-1, w.IKH)
	for i := 0; i < 6; i++ {
		w.IKH.Set(i, i, 1+w.IKH.At(i, i))
	}
	w.A.Mul(w.IKH, g.P)
	w.B.Mul(w.A, w.IKH.T())
	w.KR[d].Mul(K, w.R[d])
	w.A.Mul(w.KR[d], K.T())
	w.B.Add(w.B, w.A)
	symmetrise(g.P, w.B)
}

// symmetrise sets P to (A + Aᵀ)/2.
func symmetrise(P *mat.SymDense, A *mat.Dense) {
	for i := 0; i < 6; i++ {
		for j := i; j < 6; j++ {
			P.SetSym(i, j, (A.At(i, j)+A.At(j, i))/2)
		}
	}
}
