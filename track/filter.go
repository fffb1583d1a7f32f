package track

import (
	"math"

	"gonum.org/v1/gonum/spatial/r3"
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

	// The state and sensor origin gate3D last predicted zp and H from,
	// when predicted3D: a track's radar plots of one batch share its
	// state and their sensor and are gated one after another, so the
	// prediction for the first serves the others. It is the same
	// prediction: Measurement.predict3D reads only the state and the
	// origin, compared bit for bit. Whatever else sets zp and H clears
	// predicted3D.
	predX       [stateDim]float64
	predOrigin  r3.Vec
	predicted3D bool

	// Likewise the state and origin gateBearing last predicted a bearing
	// from, when bearingOK, with its azimuth and Jacobian (east, north,
	// up); they are gateBearing's own.
	bearingX      [stateDim]float64
	bearingOrigin r3.Vec
	bearingZp     float64
	bearingH      [3]float64
	bearingOK     bool

	// logDet2piS's last result, for dimension logDetDim and product of
	// L's diagonal logDetProd, when logDetOK.
	logDet, logDetProd float64
	logDetDim          int
	logDetOK           bool

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
			predictBlock(P, i, j, &t, P[i][j], P[i][j+3], P[i+3][j], P[i+3][j+3])
		}
	}
}

// predictBlock sets block (i, j) of the axes of F·P·Fᵀ + Q, i ≤ j, from
// that block of P — pp = P[i][j], pv = P[i][j+3], vp = P[i+3][j],
// vv = P[i+3][j+3] — and mirrors it to block (j, i).
func predictBlock(P *[stateDim][stateDim]float64, i, j int, t *AxisTransition, pp, pv, vp, vv float64) {
	a, b, c, d := t.F11, t.F12, t.F21, t.F22
	fpp, fpv, fvp, fvv := mul2(a, b, c, d, pp, pv, vp, vv)     // F·B
	npp, npv, nvp, nvv := mul2(fpp, fpv, fvp, fvv, a, c, b, d) // (F·B)·Fᵀ
	if i == j {
		npp, npv, nvp, nvv = addQ(t, npp, npv, nvp, nvv)
	}
	P[i][j], P[i][j+3], P[i+3][j], P[i+3][j+3] = npp, npv, nvp, nvv
	P[j][i], P[j+3][i], P[j][i+3], P[j+3][i+3] = npp, npv, nvp, nvv
}

// mul2 returns the product of the 2×2 matrices [[a, b], [c, d]] and
// [[x, y], [z, w]], row by row. (F·B)·Fᵀ is mul2 of F·B and Fᵀ: its
// entries are a·fpp + b·fpv, …, as predictGaussian first wrote them, the
// factors of each product swapped, which IEEE arithmetic allows.
func mul2(a, b, c, d, x, y, z, w float64) (float64, float64, float64, float64) {
	return a*x + b*z, a*y + b*w, c*x + d*z, c*y + d*w
}

// addQ adds the process noise of t to a diagonal block, and sets both its
// off-diagonal entries to their mean.
func addQ(t *AxisTransition, npp, npv, nvp, nvv float64) (float64, float64, float64, float64) {
	npp += t.Q11
	npv += t.Q12
	nvp += t.Q12
	nvv += t.Q22
	npv = (npv + nvp) / 2
	return npp, npv, npv, nvv
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
	if m.dim == maxMeasDim && m.comp == radar3D {
		return w.innovate3D(g, m)
	}
	d := m.dim
	w.dim = d
	w.predicted3D = false
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

// radar3D is the layout of a 3-D radar's plot with Doppler, the
// commonest measurement.
var radar3D = [maxMeasDim]component{compRange, compAzimuth, compElevation, compRadial}

// innovate3D is innovate for a plot of layout radar3D, unrolled: the same
// operations in the same order, leaving the same workspace.
func (w *ekf) innovate3D(g *Gaussian, m *Measurement) (nis float64, ok bool) {
	w.dim = maxMeasDim
	w.predicted3D = false // an update's estimate is seldom the last gated
	m.predict3D(&g.X, &w.zp, &w.H)
	nu := &w.nu
	nu[0] = m.z[0] - w.zp[0]
	nu[1] = wrapPi(m.z[1] - w.zp[1])
	nu[2] = wrapPi(m.z[2] - w.zp[2])
	nu[3] = m.z[3] - w.zp[3]
	P, PHt := &g.P, &w.PHt
	h0, h1, h2, h3 := &w.H[0], &w.H[1], &w.H[2], &w.H[3]
	for k := 0; k < stateDim; k++ {
		row := &P[k]
		p0, p1, p2 := row[0], row[1], row[2]
		PHt[k] = [maxMeasDim]float64{
			p0*h0[0] + p1*h0[1] + p2*h0[2],
			p0*h1[0] + p1*h1[1] + p2*h1[2],
			p0*h2[0] + p1*h2[1] + p2*h2[2],
			p0*h3[0] + p1*h3[1] + p2*h3[2] + row[3]*h3[3] + row[4]*h3[4] + row[5]*h3[5],
		}
	}
	// S = H·P·Hᵀ + R, factorised as it is formed (Cholesky–Banachiewicz):
	// sᵢⱼ = hᵢ·(P·Hᵀ)ⱼ − Σₖ₍ⱼ Lᵢₖ·Lⱼₖ, the radial velocity's row (the last)
	// with its velocity terms.
	std := &m.std
	// hp returns hᵢ·(column j of P·Hᵀ) over the position.
	hp := func(h *[stateDim]float64, j int) float64 {
		return h[0]*PHt[0][j] + h[1]*PHt[1][j] + h[2]*PHt[2][j]
	}
	hv := func(h *[stateDim]float64, j int) float64 {
		return h[3]*PHt[3][j] + h[4]*PHt[4][j] + h[5]*PHt[5][j]
	}
	s := hp(h0, 0)
	s += std[0] * std[0]
	if !(s > 0) {
		return math.Inf(1), false
	}
	l00 := math.Sqrt(s)
	i0 := 1 / l00

	l10 := hp(h1, 0) * i0
	s = hp(h1, 1)
	s -= l10 * l10
	s += std[1] * std[1]
	if !(s > 0) {
		return math.Inf(1), false
	}
	l11 := math.Sqrt(s)
	i1 := 1 / l11

	l20 := hp(h2, 0) * i0
	s = hp(h2, 1)
	s -= l20 * l10
	l21 := s * i1
	s = hp(h2, 2)
	s -= l20 * l20
	s -= l21 * l21
	s += std[2] * std[2]
	if !(s > 0) {
		return math.Inf(1), false
	}
	l22 := math.Sqrt(s)
	i2 := 1 / l22

	s = hp(h3, 0)
	s += hv(h3, 0)
	l30 := s * i0
	s = hp(h3, 1)
	s += hv(h3, 1)
	s -= l30 * l10
	l31 := s * i1
	s = hp(h3, 2)
	s += hv(h3, 2)
	s -= l30 * l20
	s -= l31 * l21
	l32 := s * i2
	s = hp(h3, 3)
	s += hv(h3, 3)
	s -= l30 * l30
	s -= l31 * l31
	s -= l32 * l32
	s += std[3] * std[3]
	if !(s > 0) {
		return math.Inf(1), false
	}
	l33 := math.Sqrt(s)
	i3 := 1 / l33

	w.L = [maxMeasDim][maxMeasDim]float64{{l00}, {l10, l11}, {l20, l21, l22}, {l30, l31, l32, l33}}
	w.inv = [maxMeasDim]float64{i0, i1, i2, i3}
	u0 := nu[0] * i0
	u1 := (nu[1] - l10*u0) * i1
	u2 := (nu[2] - l20*u0 - l21*u1) * i2
	u3 := (nu[3] - l30*u0 - l31*u1 - l32*u2) * i3
	w.u = [maxMeasDim]float64{u0, u1, u2, u3}
	return u0*u0 + u1*u1 + u2*u2 + u3*u3, true
}

// predict3D sets zp and H by m.predict3D at g's state, unless gate3D
// last set them so from the same state and origin.
func (w *ekf) predict3D(g *Gaussian, m *Measurement) {
	if w.predicted3D && sameState(&w.predX, &g.X) && sameVec(w.predOrigin, m.Origin) {
		return
	}
	m.predict3D(&g.X, &w.zp, &w.H)
	w.predX, w.predOrigin, w.predicted3D = g.X, m.Origin, true
}

// sameState reports whether a and b are equal bit for bit (−0 is not 0,
// and a NaN is itself).
func sameState(a, b *[stateDim]float64) bool {
	for k := range a {
		if math.Float64bits(a[k]) != math.Float64bits(b[k]) {
			return false
		}
	}
	return true
}

// sameVec is sameState for vectors.
func sameVec(a, b r3.Vec) bool {
	return math.Float64bits(a.X) == math.Float64bits(b.X) && math.Float64bits(a.Y) == math.Float64bits(b.Y) &&
		math.Float64bits(a.Z) == math.Float64bits(b.Z)
}

// gate returns whether measurement m passes the chi-square gate γ of the
// estimate g, νᵀS⁻¹ν ≤ γ, and νᵀS⁻¹ν when it does: what innovate's result
// says, leaving logDet2piS ready (and the rest of the workspace not). For
// a plot of layout radar3D it stops at the first row of the factorisation
// whose part of νᵀS⁻¹ν = u₀² + u₁² + u₂² + u₃² (nonnegative terms, summed in
// that order) passes γ already, or whose pivot is not positive.
func (w *ekf) gate(g *Gaussian, m *Measurement, gamma float64) (nis float64, in bool) {
	switch {
	case m.dim == maxMeasDim && m.comp == radar3D:
		return w.gate3D(g, m, gamma)
	case m.dim == 1 && m.comp[0] == compAzimuth:
		return w.gateBearing(g, m, gamma)
	}
	nis, ok := w.innovate(g, m)
	return nis, ok && !(nis > gamma)
}

// gateBearing is gate for a bearing (an azimuth alone): innovate's
// operations in its order, with the padding's zeros and ones written out,
// and its prediction (azimuth and Jacobian) reused from the last bearing
// gated when the state and the sensor origin are the same bit for bit (a
// sensor's bearings of one batch are gated one after another against a
// track; in a swarm, most of the group against most of the bearings).
func (w *ekf) gateBearing(g *Gaussian, m *Measurement, gamma float64) (nis float64, in bool) {
	w.dim = 1
	if !w.bearingOK || !sameState(&w.bearingX, &g.X) || !sameVec(w.bearingOrigin, m.Origin) {
		x := &g.X
		// Measurement.predict for compAzimuth.
		de, dn := x[ix]-m.Origin.X, x[iy]-m.Origin.Y
		rho2 := de*de + dn*dn
		rho := math.Sqrt(rho2)
		rho = max(rho, 1e-6)
		rho2 = rho * rho
		w.bearingZp = math.Atan2(de, dn)
		w.bearingH = [3]float64{dn / rho2, -de / rho2, 0}
		w.bearingX, w.bearingOrigin, w.bearingOK = g.X, m.Origin, true
	}
	h := &w.bearingH
	P := &g.P
	ph0 := P[0][0]*h[0] + P[0][1]*h[1] + P[0][2]*h[2]
	ph1 := P[1][0]*h[0] + P[1][1]*h[1] + P[1][2]*h[2]
	ph2 := P[2][0]*h[0] + P[2][1]*h[1] + P[2][2]*h[2]
	s := h[0]*ph0 + h[1]*ph1 + h[2]*ph2
	s += m.std[0] * m.std[0]
	if !(s > 0) {
		return math.Inf(1), false
	}
	l00 := math.Sqrt(s)
	inv0 := 1 / l00
	nu0 := wrapPi(m.z[0] - w.bearingZp)
	u0 := nu0 * inv0
	// The padding: ν and L below the diagonal 0, L's diagonal 1.
	zero := 0.0
	u1 := (zero - zero*u0) * 1
	u2 := (zero - zero*u0 - zero*u1) * 1
	u3 := (zero - zero*u0 - zero*u1 - zero*u2) * 1
	nis = u0*u0 + u1*u1 + u2*u2 + u3*u3
	w.L[0][0], w.L[1][1], w.L[2][2], w.L[3][3] = l00, 1, 1, 1 // for logDet2piS
	return nis, !(nis > gamma)
}

// gate3D is gate for a plot of layout radar3D: innovate3D's operations, in
// its order, row by row of S's factorisation.
func (w *ekf) gate3D(g *Gaussian, m *Measurement, gamma float64) (nis float64, in bool) {
	w.dim = maxMeasDim
	w.predict3D(g, m)
	nu0 := m.z[0] - w.zp[0]
	nu1 := wrapPi(m.z[1] - w.zp[1])
	nu2 := wrapPi(m.z[2] - w.zp[2])
	nu3 := m.z[3] - w.zp[3]
	P := &g.P
	h0, h1, h2, h3 := &w.H[0], &w.H[1], &w.H[2], &w.H[3]
	std := &m.std
	// ph returns entry (k, j) of P·Hᵀ for a position row k < 3 and a
	// position-only row h of H, as innovate3D forms it.
	ph := func(k int, h *[stateDim]float64) float64 {
		row := &P[k]
		return row[0]*h[0] + row[1]*h[1] + row[2]*h[2]
	}
	hp := func(h *[stateDim]float64, c0, c1, c2 float64) float64 { return h[0]*c0 + h[1]*c1 + h[2]*c2 }

	a0, a1, a2 := ph(0, h0), ph(1, h0), ph(2, h0) // column 0 of P·Hᵀ, position rows
	s := hp(h0, a0, a1, a2)
	s += std[0] * std[0]
	if !(s > 0) {
		return math.Inf(1), false
	}
	l00 := math.Sqrt(s)
	i0 := 1 / l00
	u0 := nu0 * i0
	acc := u0 * u0
	if acc > gamma {
		return acc, false
	}

	b0, b1, b2 := ph(0, h1), ph(1, h1), ph(2, h1)
	l10 := hp(h1, a0, a1, a2) * i0
	s = hp(h1, b0, b1, b2)
	s -= l10 * l10
	s += std[1] * std[1]
	if !(s > 0) {
		return math.Inf(1), false
	}
	l11 := math.Sqrt(s)
	i1 := 1 / l11
	u1 := (nu1 - l10*u0) * i1
	if acc += u1 * u1; acc > gamma {
		return acc, false
	}

	c0, c1, c2 := ph(0, h2), ph(1, h2), ph(2, h2)
	l20 := hp(h2, a0, a1, a2) * i0
	s = hp(h2, b0, b1, b2)
	s -= l20 * l10
	l21 := s * i1
	s = hp(h2, c0, c1, c2)
	s -= l20 * l20
	s -= l21 * l21
	s += std[2] * std[2]
	if !(s > 0) {
		return math.Inf(1), false
	}
	l22 := math.Sqrt(s)
	i2 := 1 / l22
	u2 := (nu2 - l20*u0 - l21*u1) * i2
	if acc += u2 * u2; acc > gamma {
		return acc, false
	}

	// The radial velocity's row: column 3 of P·Hᵀ, and the velocity rows
	// of columns 0 to 2.
	var col3 [stateDim]float64
	for k := 0; k < stateDim; k++ {
		row := &P[k]
		col3[k] = row[0]*h3[0] + row[1]*h3[1] + row[2]*h3[2] + row[3]*h3[3] + row[4]*h3[4] + row[5]*h3[5]
	}
	hv := func(x, y, z float64) float64 { return h3[3]*x + h3[4]*y + h3[5]*z }
	s = hp(h3, a0, a1, a2)
	s += hv(ph(3, h0), ph(4, h0), ph(5, h0))
	l30 := s * i0
	s = hp(h3, b0, b1, b2)
	s += hv(ph(3, h1), ph(4, h1), ph(5, h1))
	s -= l30 * l10
	l31 := s * i1
	s = hp(h3, c0, c1, c2)
	s += hv(ph(3, h2), ph(4, h2), ph(5, h2))
	s -= l30 * l20
	s -= l31 * l21
	l32 := s * i2
	s = hp(h3, col3[0], col3[1], col3[2])
	s += hv(col3[3], col3[4], col3[5])
	s -= l30 * l30
	s -= l31 * l31
	s -= l32 * l32
	s += std[3] * std[3]
	if !(s > 0) {
		return math.Inf(1), false
	}
	l33 := math.Sqrt(s)
	i3 := 1 / l33
	u3 := (nu3 - l30*u0 - l31*u1 - l32*u2) * i3
	nis = acc + u3*u3
	w.L[0][0], w.L[1][1], w.L[2][2], w.L[3][3] = l00, l11, l22, l33 // for logDet2piS
	return nis, !(nis > gamma)
}

// logDet2piS returns ln det(2πS) for the innovation of the last innovate:
// d·ln 2π + 2·ln Π Lᵢᵢ.
//
// It keeps its last result: a sensor's bearings of one batch against one
// track, of one accuracy, have the same S.
func (w *ekf) logDet2piS() float64 {
	L := &w.L
	prod := L[0][0] * L[1][1] * L[2][2] * L[3][3] // the padding is 1
	if w.logDetOK && w.logDetDim == w.dim && math.Float64bits(prod) == math.Float64bits(w.logDetProd) {
		return w.logDet
	}
	w.logDet = float64(w.dim)*ln2Pi + 2*math.Log(prod)
	w.logDetDim, w.logDetProd, w.logDetOK = w.dim, prod, true
	return w.logDet
}

// ln2Pi is ln 2π, computed once.
var ln2Pi = math.Log(2 * math.Pi)

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

// downdate sets P to P − W·Wᵀ: each entry of the upper triangle,
// Pᵢⱼ − (wᵢ₀wⱼ₀ + wᵢ₁wⱼ₁ + wᵢ₂wⱼ₂ + wᵢ₃wⱼ₃) with wᵢ row i of W, mirrored
// to the lower one (unrolled).
func (w *ekf) downdate(P *[stateDim][stateDim]float64) {
	w0, w1, w2, w3, w4, w5 := &w.W[0], &w.W[1], &w.W[2], &w.W[3], &w.W[4], &w.W[5]
	var a, b, c, e, v float64
	a, b, c, e = w0[0], w0[1], w0[2], w0[3]
	v = P[0][0] - (a*w0[0] + b*w0[1] + c*w0[2] + e*w0[3])
	P[0][0], P[0][0] = v, v
	v = P[0][1] - (a*w1[0] + b*w1[1] + c*w1[2] + e*w1[3])
	P[0][1], P[1][0] = v, v
	v = P[0][2] - (a*w2[0] + b*w2[1] + c*w2[2] + e*w2[3])
	P[0][2], P[2][0] = v, v
	v = P[0][3] - (a*w3[0] + b*w3[1] + c*w3[2] + e*w3[3])
	P[0][3], P[3][0] = v, v
	v = P[0][4] - (a*w4[0] + b*w4[1] + c*w4[2] + e*w4[3])
	P[0][4], P[4][0] = v, v
	v = P[0][5] - (a*w5[0] + b*w5[1] + c*w5[2] + e*w5[3])
	P[0][5], P[5][0] = v, v
	a, b, c, e = w1[0], w1[1], w1[2], w1[3]
	v = P[1][1] - (a*w1[0] + b*w1[1] + c*w1[2] + e*w1[3])
	P[1][1], P[1][1] = v, v
	v = P[1][2] - (a*w2[0] + b*w2[1] + c*w2[2] + e*w2[3])
	P[1][2], P[2][1] = v, v
	v = P[1][3] - (a*w3[0] + b*w3[1] + c*w3[2] + e*w3[3])
	P[1][3], P[3][1] = v, v
	v = P[1][4] - (a*w4[0] + b*w4[1] + c*w4[2] + e*w4[3])
	P[1][4], P[4][1] = v, v
	v = P[1][5] - (a*w5[0] + b*w5[1] + c*w5[2] + e*w5[3])
	P[1][5], P[5][1] = v, v
	a, b, c, e = w2[0], w2[1], w2[2], w2[3]
	v = P[2][2] - (a*w2[0] + b*w2[1] + c*w2[2] + e*w2[3])
	P[2][2], P[2][2] = v, v
	v = P[2][3] - (a*w3[0] + b*w3[1] + c*w3[2] + e*w3[3])
	P[2][3], P[3][2] = v, v
	v = P[2][4] - (a*w4[0] + b*w4[1] + c*w4[2] + e*w4[3])
	P[2][4], P[4][2] = v, v
	v = P[2][5] - (a*w5[0] + b*w5[1] + c*w5[2] + e*w5[3])
	P[2][5], P[5][2] = v, v
	a, b, c, e = w3[0], w3[1], w3[2], w3[3]
	v = P[3][3] - (a*w3[0] + b*w3[1] + c*w3[2] + e*w3[3])
	P[3][3], P[3][3] = v, v
	v = P[3][4] - (a*w4[0] + b*w4[1] + c*w4[2] + e*w4[3])
	P[3][4], P[4][3] = v, v
	v = P[3][5] - (a*w5[0] + b*w5[1] + c*w5[2] + e*w5[3])
	P[3][5], P[5][3] = v, v
	a, b, c, e = w4[0], w4[1], w4[2], w4[3]
	v = P[4][4] - (a*w4[0] + b*w4[1] + c*w4[2] + e*w4[3])
	P[4][4], P[4][4] = v, v
	v = P[4][5] - (a*w5[0] + b*w5[1] + c*w5[2] + e*w5[3])
	P[4][5], P[5][4] = v, v
	a, b, c, e = w5[0], w5[1], w5[2], w5[3]
	v = P[5][5] - (a*w5[0] + b*w5[1] + c*w5[2] + e*w5[3])
	P[5][5], P[5][5] = v, v
}
