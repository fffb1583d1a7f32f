package track

import (
	"math"
)

// Gaussian is a state estimate: mean X (ENU position then velocity) and
// covariance P (symmetric, both triangles stored).
type Gaussian struct {
	X [stateDim]float64
	P [stateDim][stateDim]float64
}

// ekf is the workspace of the extended Kalman filter: predict with a
// linear motion model, update with a nonlinear measurement linearised
// about the prediction. Everything is on fixed-size arrays: a
// measurement has at most maxMeasDim components, so no step allocates.
type ekf struct {
	dim int                             // of the last innovation
	zp  [maxMeasDim]float64             // predicted measurement h(x)
	nu  [maxMeasDim]float64             // innovation z − h(x)
	u   [maxMeasDim]float64             // L⁻¹·ν, the whitened innovation
	H   [maxMeasDim][stateDim]float64   // Jacobian of h at x
	PHt [stateDim][maxMeasDim]float64   // P·Hᵀ
	L   [maxMeasDim][maxMeasDim]float64 // lower Cholesky factor of S = H·P·Hᵀ + R
	W   [stateDim][maxMeasDim]float64   // P·Hᵀ·L⁻ᵀ, so that K = W·L⁻¹

	// PDA update (IMM.UpdatePDA): the shifts of the posterior means.
	shifts [][stateDim]float64
}

func newEKF() *ekf { return &ekf{} }

// predict propagates g over dtS seconds with the model:
// x ← F·x, P ← F·P·Fᵀ + Q.
func (w *ekf) predict(g *Gaussian, m MotionModel, dtS float64) {
	if dtS == 0 {
		return
	}
	predictGaussian(g, m.Transition(dtS))
}

// predictGaussian applies one axis transition to every axis of g. With
// F = [[a·I, b·I], [c·I, d·I]] in 3×3 blocks (position, velocity) the
// product F·P·Fᵀ is a few multiply-adds per element instead of two 6×6
// matrix products:
//
//	(FPFᵀ)pp = a²·Ppp + a·b·(Ppv + Pvp) + b²·Pvv, and so on.
func predictGaussian(g *Gaussian, t AxisTransition) {
	a, b, c, d := t.F11, t.F12, t.F21, t.F22
	x := &g.X
	for k := 0; k < 3; k++ {
		p, v := x[k], x[k+3]
		x[k], x[k+3] = a*p+b*v, c*p+d*v
	}
	// Block (i, j) of P — the entries pp = P[i][j], pv = P[i][j+3],
	// vp = P[i+3][j], vv = P[i+3][j+3] — maps to itself, so the product
	// is computed in place, for i ≤ j, and mirrored.
	P := &g.P
	for i := 0; i < 3; i++ {
		for j := i; j < 3; j++ {
			pp, pv, vp, vv := P[i][j], P[i][j+3], P[i+3][j], P[i+3][j+3]
			fpp, fpv := a*pp+b*vp, a*pv+b*vv
			fvp, fvv := c*pp+d*vp, c*pv+d*vv
			npp, npv := a*fpp+b*fpv, c*fpp+d*fpv
			nvp, nvv := a*fvp+b*fvv, c*fvp+d*fvv
			if i == j {
				npp += t.Q11
				npv += t.Q12
				nvp += t.Q12
				nvv += t.Q22
				npv = (npv + nvp) / 2
				nvp = npv
			}
			P[i][j], P[i][j+3], P[i+3][j], P[i+3][j+3] = npp, npv, nvp, nvv
			P[j][i], P[j+3][i], P[j][i+3], P[j+3][i+3] = npp, npv, nvp, nvv
		}
	}
}

// innovate computes the innovation ν = z − h(x), its covariance
// S = H·P·Hᵀ + R and S's Cholesky factor L (S = L·Lᵀ) for measurement m at
// the estimate g. It returns the normalised innovation squared
// νᵀS⁻¹ν = |L⁻¹ν|²; ok is false when S is not positive definite.
// logDet2piS then gives ln det(2πS).
func (w *ekf) innovate(g *Gaussian, m *Measurement) (nis float64, ok bool) {
	d := m.dim
	w.dim = d
	m.predict(&g.X, &w.zp, &w.H)
	m.innovation(&w.zp, &w.nu)
	// H's rows of range and angles touch the position only: their
	// products skip the velocity columns.
	P := &g.P
	var cols [maxMeasDim]int
	for i := 0; i < d; i++ {
		cols[i] = 3
		if m.comp[i] == compRadial {
			cols[i] = stateDim
		}
	}
	for k := 0; k < stateDim; k++ {
		row := &P[k]
		for i := 0; i < d; i++ {
			h := &w.H[i]
			v := row[0]*h[0] + row[1]*h[1] + row[2]*h[2]
			if cols[i] == stateDim {
				v += row[3]*h[3] + row[4]*h[4] + row[5]*h[5]
			}
			w.PHt[k][i] = v
		}
	}
	// S, lower triangle, factorised in place (Cholesky–Banachiewicz).
	for i := 0; i < d; i++ {
		h := &w.H[i]
		for j := 0; j <= i; j++ {
			s := h[0]*w.PHt[0][j] + h[1]*w.PHt[1][j] + h[2]*w.PHt[2][j]
			if cols[i] == stateDim {
				s += h[3]*w.PHt[3][j] + h[4]*w.PHt[4][j] + h[5]*w.PHt[5][j]
			}
			if i == j {
				s += m.std[i] * m.std[i]
			}
			for k := 0; k < j; k++ {
				s -= w.L[i][k] * w.L[j][k]
			}
			if i == j {
				if !(s > 0) {
					return math.Inf(1), false
				}
				w.L[i][i] = math.Sqrt(s)
			} else {
				w.L[i][j] = s / w.L[j][j]
			}
		}
	}
	for i := 0; i < d; i++ {
		s := w.nu[i]
		for k := 0; k < i; k++ {
			s -= w.L[i][k] * w.u[k]
		}
		w.u[i] = s / w.L[i][i]
		nis += w.u[i] * w.u[i]
	}
	return nis, true
}

// logDet2piS returns ln det(2πS) for the innovation of the last innovate:
// d·ln 2π + 2·ln Π Lᵢᵢ.
func (w *ekf) logDet2piS() float64 {
	prod := 1.0
	for i := 0; i < w.dim; i++ {
		prod *= w.L[i][i]
	}
	return float64(w.dim)*math.Log(2*math.Pi) + 2*math.Log(prod)
}

// update applies the measurement whose innovation innovate has just
// computed for g. With W = P·Hᵀ·L⁻ᵀ the gain is K = P·Hᵀ·S⁻¹ = W·L⁻¹, so
//
//	x ← x + K·ν = x + W·(L⁻¹ν),  P ← P − K·S·Kᵀ = P − W·Wᵀ,
//
// a symmetric rank-d downdate computed on one triangle and mirrored,
// which keeps P exactly symmetric.
func (w *ekf) update(g *Gaussian) {
	w.gain()
	d := w.dim
	for k := 0; k < stateDim; k++ {
		var s float64
		for i := 0; i < d; i++ {
			s += w.W[k][i] * w.u[i]
		}
		g.X[k] += s
	}
	w.downdate(&g.P)
}

// gain sets W = P·Hᵀ·L⁻ᵀ after innovate: each row of W solves
// L·wᵀ = (row of P·Hᵀ)ᵀ by forward substitution.
func (w *ekf) gain() {
	d := w.dim
	for k := 0; k < stateDim; k++ {
		for i := 0; i < d; i++ {
			s := w.PHt[k][i]
			for j := 0; j < i; j++ {
				s -= w.L[i][j] * w.W[k][j]
			}
			w.W[k][i] = s / w.L[i][i]
		}
	}
}

// downdate sets P to P − W·Wᵀ.
func (w *ekf) downdate(P *[stateDim][stateDim]float64) {
	d := w.dim
	for i := 0; i < stateDim; i++ {
		for j := i; j < stateDim; j++ {
			var s float64
			for k := 0; k < d; k++ {
				s += w.W[i][k] * w.W[j][k]
			}
			v := P[i][j] - s
			P[i][j], P[j][i] = v, v
		}
	}
}
