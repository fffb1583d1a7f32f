package track

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/lapack64"
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
	H, PHt, K      [maxMeasDim + 1]*mat.Dense       // by measurement dimension
	sfac           [maxMeasDim * maxMeasDim]float64 // S's Cholesky factor, row-major upper
	sinv           [maxMeasDim]float64
	nuV            [maxMeasDim + 1]*mat.VecDense
	IKH, A, B      *mat.Dense                 // 6×6 scratch
	KR             [maxMeasDim + 1]*mat.Dense // 6×d
	KT             [maxMeasDim + 1]*mat.Dense // d×6
	Ht             [maxMeasDim + 1]*mat.Dense // 6×d
	R              [maxMeasDim + 1]*mat.SymDense
	dim            int // of the last innovation

	// PDA update (IMM.UpdatePDA): one measurement's posterior, the shifts
	// of the posterior means and the mixture's accumulated covariance.
	post   Gaussian
	shifts [][stateDim]float64
	acc    [stateDim * stateDim]float64
}

func newEKF() *ekf {
	w := &ekf{
		F: mat.NewDense(6, 6, nil), Q: mat.NewDense(6, 6, nil), FP: mat.NewDense(6, 6, nil), FPFt: mat.NewDense(6, 6, nil),
		x: mat.NewVecDense(6, nil), IKH: mat.NewDense(6, 6, nil), A: mat.NewDense(6, 6, nil), B: mat.NewDense(6, 6, nil),
		post: NewGaussian(),
	}
	for d := 1; d <= maxMeasDim; d++ {
		w.H[d] = mat.NewDense(d, 6, nil)
		w.PHt[d] = mat.NewDense(6, d, nil)
		w.K[d] = mat.NewDense(6, d, nil)
		w.KR[d] = mat.NewDense(6, d, nil)
		w.KT[d] = mat.NewDense(d, 6, nil)
		w.Ht[d] = mat.NewDense(6, d, nil)
		w.R[d] = mat.NewSymDense(d, nil)
		w.nuV[d] = mat.NewVecDense(d, nil)
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
	mulABt(w.FPFt, w.FP, w.F)
	w.FPFt.Add(w.FPFt, w.Q)
	symmetrise(g.P, w.FPFt)
}

// innovate computes the innovation ν = z − h(x), its covariance
// S = H·P·Hᵀ + R and S's Cholesky factor for measurement m at the estimate
// g. It returns the normalised innovation squared νᵀS⁻¹ν and ln det(2πS);
// ok is false when S is not positive definite.
//
// S is at most 4×4 and is factorised by LAPACK's dpotrf through gonum's
// lapack64 directly: mat.Cholesky would also estimate S's condition number,
// which costs more than the rest of the update.
func (w *ekf) innovate(g *Gaussian, m *Measurement) (nis, logDet2piS float64, ok bool) {
	d := m.dim
	w.dim = d
	H := w.H[d]
	m.predict(g.X.RawVector().Data, w.zp[:d], H)
	m.innovation(w.zp[:d], w.nu[:d])
	transposeInto(w.Ht[d], H)
	w.PHt[d].Mul(g.P, w.Ht[d])
	L := w.cholS(d)
	h, pht := H.RawMatrix(), w.PHt[d].RawMatrix()
	for i := 0; i < d; i++ {
		for j := i; j < d; j++ {
			var v float64
			for k := 0; k < stateDim; k++ {
				v += h.Data[i*h.Stride+k] * pht.Data[k*pht.Stride+j]
			}
			if i == j {
				v += m.std[i] * m.std[i]
				w.R[d].SetSym(i, i, m.std[i]*m.std[i])
			}
			L.Data[i*d+j] = v
		}
	}
	if _, ok := lapack64.Potrf(L); !ok {
		return math.Inf(1), 0, false
	}
	logDet := float64(d) * math.Log(2*math.Pi)
	for i := 0; i < d; i++ {
		logDet += 2 * math.Log(L.Data[i*d+i])
	}
	// νᵀS⁻¹ν = |U⁻ᵀν|² with S = UᵀU.
	copy(w.sinv[:d], w.nu[:d])
	blas64.Trsv(blas.Trans, w.factor(d),
		blas64.Vector{N: d, Inc: 1, Data: w.sinv[:d]})
	for i := 0; i < d; i++ {
		nis += w.sinv[i] * w.sinv[i]
	}
	return nis, logDet, true
}

// factor returns S's upper Cholesky factor after innovate.
func (w *ekf) factor(d int) blas64.Triangular {
	return blas64.Triangular{Uplo: blas.Upper, Diag: blas.NonUnit, N: d, Stride: d, Data: w.sfac[:d*d]}
}

// cholS returns the workspace of S's upper Cholesky factor for dimension d.
func (w *ekf) cholS(d int) blas64.Symmetric {
	return blas64.Symmetric{Uplo: blas.Upper, N: d, Stride: d, Data: w.sfac[:d*d]}
}

// update applies the measurement whose innovation innovate has just
// computed for g: K = P·Hᵀ·S⁻¹, x ← x + K·ν, and the Joseph form
// P ← (I − K·H)·P·(I − K·H)ᵀ + K·R·Kᵀ, which keeps P symmetric and
// positive definite in floating point.
func (w *ekf) update(g *Gaussian) {
	d := w.dim
	K := w.K[d]
	// K = PHᵀ S⁻¹  ⇔  S Kᵀ = H P (S symmetric): solve with the factor.
	KT := w.KT[d]
	transposeInto(KT, w.PHt[d])
	raw := KT.RawMatrix()
	lapack64.Potrs(w.factor(d), blas64.General{Rows: d, Cols: 6, Stride: raw.Stride, Data: raw.Data})
	transposeInto(K, KT)
	for i := 0; i < d; i++ {
		w.nuV[d].SetVec(i, w.nu[i])
	}
	w.x.MulVec(K, w.nuV[d])
	g.X.AddVec(g.X, w.x)

	w.IKH.Mul(K, w.H[d])
	ikh := w.IKH.RawMatrix()
	for i := 0; i < 6; i++ {
		row := ikh.Data[i*ikh.Stride : i*ikh.Stride+6]
		for j := range row {
			row[j] = -row[j]
		}
		row[i]++
	}
	w.A.Mul(w.IKH, g.P)
	mulABt(w.B, w.A, w.IKH)
	w.KR[d].Mul(K, w.R[d])
	mulABt(w.A, w.KR[d], K)
	w.B.Add(w.B, w.A)
	symmetrise(g.P, w.B)
}

// mulABt sets dst = a·bᵀ with BLAS, without the allocation of mat's
// transpose view.
func mulABt(dst, a, b *mat.Dense) {
	ra, rb, rd := a.RawMatrix(), b.RawMatrix(), dst.RawMatrix()
	blas64.Gemm(blas.NoTrans, blas.Trans, 1, ra, rb, 0, rd)
}

// transposeInto sets dst (c×r) to the transpose of src (r×c).
func transposeInto(dst, src *mat.Dense) {
	r, c := src.Dims()
	for i := 0; i < r; i++ {
		for j := 0; j < c; j++ {
			dst.Set(j, i, src.At(i, j))
		}
	}
}

// symmetrise sets P to (A + Aᵀ)/2.
func symmetrise(P *mat.SymDense, A *mat.Dense) {
	for i := 0; i < 6; i++ {
		for j := i; j < 6; j++ {
			P.SetSym(i, j, (A.At(i, j)+A.At(j, i))/2)
		}
	}
}
