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
	inv [maxMeasDim]float64             // 1/Lᵢᵢ

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
//
// The workspace is padded to maxMeasDim: L is the identity, and ν, L⁻¹ν
// and P·Hᵀ are zero, beyond the measurement's dimension, so that gain,
// update and downdate run unrolled on four columns whatever it is.
func (w *ekf) innovate(g *Gaussian, m *Measurement) (nis float64, ok bool) {
	d := m.dim
	w.dim = d
	m.predict(&g.X, &w.zp, &w.H)
	m.innovation(&w.zp, &w.nu)
	// Range and angles touch the position only; a radial velocity, which
	// comes last, touches the velocity too.
	np := d
	if d > 0 && m.comp[d-1] == compRadial {
		np = d - 1
	}
	P := &g.P
	for k := 0; k < stateDim; k++ {
		row := &P[k]
		p0, p1, p2 := row[0], row[1], row[2]
		ph := &w.PHt[k]
		*ph = [maxMeasDim]float64{}
		for i := 0; i < np; i++ {
			h := &w.H[i]
			ph[i] = p0*h[0] + p1*h[1] + p2*h[2]
		}
		if np < d {
			h := &w.H[np]
			ph[np] = p0*h[0] + p1*h[1] + p2*h[2] + row[3]*h[3] + row[4]*h[4] + row[5]*h[5]
		}
	}
	// S's lower triangle, factorised in place (Cholesky–Banachiewicz).
	L := &w.L
	*L = [maxMeasDim][maxMeasDim]float64{}
	for i := 0; i < d; i++ {
		h := &w.H[i]
		for j := 0; j <= i; j++ {
			s := h[0]*w.PHt[0][j] + h[1]*w.PHt[1][j] + h[2]*w.PHt[2][j]
			if i >= np {
				s += h[3]*w.PHt[3][j] + h[4]*w.PHt[4][j] + h[5]*w.PHt[5][j]
			}
			for k := 0; k < j; k++ {
				s -= L[i][k] * L[j][k]
			}
			if i == j {
				s += m.std[i] * m.std[i]
				if !(s > 0) {
					return math.Inf(1), false
				}
				L[i][i] = math.Sqrt(s)
				w.inv[i] = 1 / L[i][i]
			} else {
				L[i][j] = s * w.inv[j]
			}
		}
	}
	for i := d; i < maxMeasDim; i++ {
		L[i][i], w.inv[i], w.nu[i] = 1, 1, 0
	}
	nu, inv := &w.nu, &w.inv
	u0 := nu[0] * inv[0]
	u1 := (nu[1] - L[1][0]*u0) * inv[1]
	u2 := (nu[2] - L[2][0]*u0 - L[2][1]*u1) * inv[2]
	u3 := (nu[3] - L[3][0]*u0 - L[3][1]*u1 - L[3][2]*u2) * inv[3]
	w.u = [maxMeasDim]float64{u0, u1, u2, u3}
	return u0*u0 + u1*u1 + u2*u2 + u3*u3, true
}

// logDet2piS returns ln det(2πS) for the innovation of the last innovate:
// d·ln 2π + 2·ln Π Lᵢᵢ.
func (w *ekf) logDet2piS() float64 {
	L := &w.L
	prod := L[0][0] * L[1][1] * L[2][2] * L[3][3] // the padding is 1
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
	u := &w.u
	for k := 0; k < stateDim; k++ {
		wk := &w.W[k]
		g.X[k] += wk[0]*u[0] + wk[1]*u[1] + wk[2]*u[2] + wk[3]*u[3]
	}
	w.downdate(&g.P)
}

// gain sets W = P·Hᵀ·L⁻ᵀ after innovate: each row of W solves
// L·wᵀ = (row of P·Hᵀ)ᵀ by forward substitution.
func (w *ekf) gain() {
	L, inv := &w.L, &w.inv
	for k := 0; k < stateDim; k++ {
		ph := &w.PHt[k]
		a := ph[0] * inv[0]
		b := (ph[1] - L[1][0]*a) * inv[1]
		c := (ph[2] - L[2][0]*a - L[2][1]*b) * inv[2]
		e := (ph[3] - L[3][0]*a - L[3][1]*b - L[3][2]*c) * inv[3]
		w.W[k] = [maxMeasDim]float64{a, b, c, e}
	}
}

// downdate sets P to P − W·Wᵀ.
func (w *ekf) downdate(P *[stateDim][stateDim]float64) {
	for i := 0; i < stateDim; i++ {
		wi := &w.W[i]
		a, b, c, e := wi[0], wi[1], wi[2], wi[3]
		row := &P[i]
		for j := i; j < stateDim; j++ {
			wj := &w.W[j]
			v := row[j] - (a*wj[0] + b*wj[1] + c*wj[2] + e*wj[3])
			row[j], P[j][i] = v, v
		}
	}
}
