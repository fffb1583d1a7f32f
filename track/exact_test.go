package track

// The filter's arithmetic was rewritten for speed with every floating-point
// operation kept, in the same order, so that a run's outputs stay byte for
// byte the same. This file keeps the code as it was before, as references,
// and checks the rewritten code against it bit for bit on random inputs.

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"
)

// refPredict is IMM.Predict as first written: mix every model's estimate
// in full, copy, predict, bound, combine.
func refPredict(e *IMM, dtS float64) {
	if dtS <= 0 {
		return
	}
	n := len(e.Models)
	if n == 1 {
		refPredictGaussian(&e.Modes[0], e.Models[0].Transition(dtS))
		refBound(&e.Vertical, &e.Modes[0])
		e.Comb = e.Modes[0]
		return
	}
	p := e.switchProb(dtS)
	pi := func(i, j int) float64 {
		if i == j {
			return 1 - p*float64(n-1)
		}
		return p
	}
	var c [MaxModels]float64
	for j := 0; j < n; j++ {
		for i := 0; i < n; i++ {
			c[j] += pi(i, j) * e.Mu[i]
		}
	}
	var mixed [MaxModels]Gaussian
	for j := 0; j < n; j++ {
		var wts [MaxModels]float64
		for i := 0; i < n; i++ {
			wts[i] = pi(i, j) * e.Mu[i] / c[j]
		}
		refMixture(&mixed[j], &e.Modes, wts[:n])
	}
	for j := 0; j < n; j++ {
		e.Modes[j] = mixed[j]
		refPredictGaussian(&e.Modes[j], e.Models[j].Transition(dtS))
		refBound(&e.Vertical, &e.Modes[j])
		e.Mu[j] = c[j]
	}
	refCombine(e)
}

// refBound is VerticalPrior.bound as first written.
func refBound(v *VerticalPrior, g *Gaussian) {
	if v.AltitudeStdM > 0 {
		refCap1(g, iz, v.AltitudeMeanM, v.AltitudeStdM*v.AltitudeStdM)
	}
	if v.SpeedStdMPS > 0 {
		refCap1(g, ivz, 0, v.SpeedStdMPS*v.SpeedStdMPS)
	}
}

// refCap1 is cap1 as first written.
func refCap1(g *Gaussian, i int, z, s2 float64) {
	pii := g.P[i][i]
	if !(pii > s2) {
		return
	}
	f := (pii - s2) / (pii * pii) // 1/S
	var col [stateDim]float64
	for k := range col {
		col[k] = g.P[k][i]
	}
	nu := z - g.X[i]
	for k := range g.X {
		g.X[k] += f * col[k] * nu
	}
	for r := 0; r < stateDim; r++ {
		fr := f * col[r]
		for c := r; c < stateDim; c++ {
			v := g.P[r][c] - fr*col[c]
			g.P[r][c], g.P[c][r] = v, v
		}
	}
	g.P[i][i] = s2 // exactly, whatever the rounding
}

// refCombine is IMM.combine as first written.
func refCombine(e *IMM) {
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
	refMixture(&e.Comb, &e.Modes, wts[:n])
}

// refPredictGaussian is predictGaussian as first written.
func refPredictGaussian(g *Gaussian, t AxisTransition) {
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

// refMixture is mixture as first written.
func refMixture(g *Gaussian, modes *[MaxModels]Gaussian, wts []float64) {
	if len(wts) == 1 {
		*g = modes[0]
		return
	}
	w0, w1 := wts[0], wts[1]
	a, b := &modes[0], &modes[1]
	var d [stateDim]float64
	for k := range d {
		d[k] = a.X[k] - b.X[k]
		g.X[k] = w0*a.X[k] + w1*b.X[k]
	}
	ww := w0 * w1
	for r := 0; r < stateDim; r++ {
		pr, qr, gr, wd := &a.P[r], &b.P[r], &g.P[r], ww*d[r]
		gr[0] = w0*pr[0] + w1*qr[0] + wd*d[0]
		gr[1] = w0*pr[1] + w1*qr[1] + wd*d[1]
		gr[2] = w0*pr[2] + w1*qr[2] + wd*d[2]
		gr[3] = w0*pr[3] + w1*qr[3] + wd*d[3]
		gr[4] = w0*pr[4] + w1*qr[4] + wd*d[4]
		gr[5] = w0*pr[5] + w1*qr[5] + wd*d[5]
	}
}

// randomGaussian fills g with a random mean and a random symmetric
// positive definite covariance; with asym, a covariance whose triangles
// differ in the last bits, as a mixture can leave it.
func randomGaussian(rnd *rand.Rand, g *Gaussian, asym bool) {
	var A [stateDim][stateDim]float64
	for i := range A {
		g.X[i] = 500 * rnd.NormFloat64()
		for j := range A[i] {
			A[i][j] = rnd.NormFloat64() * math.Pow(10, 2*rnd.Float64())
		}
	}
	for i := range A {
		for j := range A {
			var s float64
			for k := range A {
				s += A[i][k] * A[j][k]
			}
			g.P[i][j] = s
		}
	}
	for i := range A {
		g.P[i][i] += 1
	}
	if asym {
		for i := range A {
			for j := 0; j < i; j++ {
				g.P[i][j] *= 1 + 1e-15*rnd.NormFloat64()
			}
		}
	}
}

// randomIMM returns an IMM over the tracker's default models with random
// model estimates and probabilities.
func randomIMM(rnd *rand.Rand, models []MotionModel, vertical bool) *IMM {
	var g Gaussian
	randomGaussian(rnd, &g, false)
	e := NewIMM(models, 0.01, &g)
	for j := range models {
		randomGaussian(rnd, &e.Modes[j], false)
		e.Mu[j] = max(rnd.Float64(), 1e-6)
	}
	if vertical {
		e.Vertical = VerticalPrior{AltitudeMeanM: 75, AltitudeStdM: 45 * rnd.Float64(), SpeedStdMPS: 5 * rnd.Float64()}
	}
	e.combine()
	return e
}

func defaultModels(imm bool) []MotionModel {
	c := DefaultConfig()
	c.IMM = imm
	return c.models()
}

func sameGaussian(a, b *Gaussian) bool {
	for i := range a.X {
		if math.Float64bits(a.X[i]) != math.Float64bits(b.X[i]) {
			return false
		}
		for j := range a.P[i] {
			if math.Float64bits(a.P[i][j]) != math.Float64bits(b.P[i][j]) {
				return false
			}
		}
	}
	return true
}

func sameIMM(t *testing.T, what string, got, want *IMM) {
	t.Helper()
	for j := range want.Models {
		if !sameGaussian(&got.Modes[j], &want.Modes[j]) {
			t.Fatalf("%s: model %d estimate differs:\n got %v\nwant %v", what, j, got.Modes[j], want.Modes[j])
		}
		if math.Float64bits(got.Mu[j]) != math.Float64bits(want.Mu[j]) {
			t.Fatalf("%s: model %d probability %v, want %v", what, j, got.Mu[j], want.Mu[j])
		}
	}
	if !sameGaussian(&got.Comb, &want.Comb) {
		t.Fatalf("%s: combined estimate differs:\n got %v\nwant %v", what, got.Comb, want.Comb)
	}
}

// TestPredictExact checks IMM.Predict against refPredict bit for bit,
// over chains of predictions (where the combined covariance's triangles
// come to differ in the last bits).
func TestPredictExact(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for k := 0; k < 3000; k++ {
		imm := k%5 != 0
		e := randomIMM(rnd, defaultModels(imm), k%3 != 0)
		ref := *e
		for step := 0; step < 5; step++ {
			dt := []float64{0.1, 1, 0.013, 2.5, 1e-4}[rnd.IntN(5)] * (0.5 + rnd.Float64())
			e.Predict(dt)
			refPredict(&ref, dt)
			sameIMM(t, "predict", e, &ref)
		}
	}
}

// refInnovate is ekf.innovate as first written.
func (w *ekf) refInnovate(g *Gaussian, m *Measurement) (nis float64, ok bool) {
	d := m.dim
	w.dim = d
	m.refPredict(&g.X, &w.zp, &w.H)
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

// refPredict is Measurement.predict as first written.
func (m *Measurement) refPredict(x *[stateDim]float64, zp *[maxMeasDim]float64, H *[maxMeasDim][stateDim]float64) {
	de, dn, du := x[ix]-m.Origin.X, x[iy]-m.Origin.Y, x[iz]-m.Origin.Z
	rho2 := de*de + dn*dn
	rho := math.Sqrt(rho2)
	r2 := rho2 + du*du
	r := math.Sqrt(r2)
	// Guard the singular points (the object at the antenna or overhead).
	rho = max(rho, 1e-6)
	rho2 = rho * rho
	r = max(r, 1e-6)
	r2 = r * r
	for i, c := range m.comp[:m.dim] {
		h := &H[i]
		*h = [stateDim]float64{}
		switch c {
		case compRange:
			zp[i] = r
			h[ix], h[iy], h[iz] = de/r, dn/r, du/r
		case compAzimuth:
			zp[i] = math.Atan2(de, dn)
			h[ix], h[iy] = dn/rho2, -de/rho2
		case compElevation:
			zp[i] = math.Atan2(du, rho)
			h[ix], h[iy], h[iz] = -de*du/(r2*rho), -dn*du/(r2*rho), rho/r2
		case compRadial:
			vx, vy, vz := x[ivx], x[ivy], x[ivz]
			rd := (de*vx + dn*vy + du*vz) / r
			zp[i] = rd
			h[ix], h[iy], h[iz] = (vx-rd*de/r)/r, (vy-rd*dn/r)/r, (vz-rd*du/r)/r
			h[ivx], h[ivy], h[ivz] = de/r, dn/r, du/r
		}
	}
}

// refDowndate is ekf.downdate as first written.
func (w *ekf) refDowndate(P *[stateDim][stateDim]float64) {
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

// measurement layouts the sensors make: a 3-D radar with Doppler, a 2-D
// one with and without, a 3-D one without, RF bearings with and without
// elevation.
var testLayouts = [][]component{
	{compRange, compAzimuth, compElevation, compRadial},
	{compRange, compAzimuth, compRadial},
	{compRange, compAzimuth},
	{compRange, compAzimuth, compElevation},
	{compAzimuth},
	{compAzimuth, compElevation},
}

// randomMeasurement returns a measurement of the given layout of an
// object near g's position.
func randomMeasurement(rnd *rand.Rand, g *Gaussian, layout []component) *Measurement {
	m := &Measurement{Origin: r3Vec(300*rnd.NormFloat64(), 300*rnd.NormFloat64(), 10*rnd.Float64())}
	if rnd.IntN(20) == 0 {
		m.Origin = r3Vec(g.X[ix], g.X[iy], g.X[iz]+rnd.NormFloat64()) // overhead, or nearly
	}
	var zp [maxMeasDim]float64
	var H [maxMeasDim][stateDim]float64
	tmp := &Measurement{Origin: m.Origin}
	for _, c := range layout {
		tmp.add(c, 0, 1)
	}
	tmp.refPredict(&g.X, &zp, &H)
	for i, c := range layout {
		std := []float64{5, 0.01, 0.02, 0.5}[c] * (0.2 + 3*rnd.Float64())
		z := zp[i] + std*rnd.NormFloat64()*(1+3*rnd.Float64())
		if c == compAzimuth && rnd.IntN(4) == 0 {
			z += 2 * math.Pi * float64(rnd.IntN(3)-1) // wrapped either way
		}
		m.add(c, z, std)
	}
	return m
}

func r3Vec(x, y, z float64) r3.Vec { return r3.Vec{X: x, Y: y, Z: z} }

func sameBits(a, b []float64) bool {
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// sameWorkspace compares what innovate leaves for logDet2piS, gain and
// update.
func sameWorkspace(t *testing.T, got, want *ekf) {
	t.Helper()
	ok := got.dim == want.dim && sameBits(got.nu[:], want.nu[:]) && sameBits(got.u[:], want.u[:]) &&
		sameBits(got.inv[:], want.inv[:]) && sameBits(got.zp[:got.dim], want.zp[:want.dim])
	for i := 0; i < maxMeasDim; i++ {
		ok = ok && sameBits(got.L[i][:], want.L[i][:])
		if i < want.dim {
			ok = ok && sameBits(got.H[i][:], want.H[i][:])
		}
	}
	for k := 0; k < stateDim; k++ {
		ok = ok && sameBits(got.PHt[k][:], want.PHt[k][:])
	}
	if !ok {
		t.Fatalf("workspace differs:\n got %+v\nwant %+v", *got, *want)
	}
}

// TestInnovateExact checks ekf.innovate, then gain and update, against
// the code as first written, bit for bit.
func TestInnovateExact(t *testing.T) {
	rnd := rand.New(rand.NewPCG(5, 6))
	for k := 0; k < 20000; k++ {
		var g Gaussian
		randomGaussian(rnd, &g, k%2 == 0)
		if k%7 == 0 {
			g.P[ix][ix] = -g.P[ix][ix] // S may fail to be positive definite
		}
		m := randomMeasurement(rnd, &g, testLayouts[k%len(testLayouts)])
		got, want := newEKF(), newEKF()
		// Stale workspaces: innovate must not depend on what was there.
		for i := 0; i < maxMeasDim; i++ {
			for j := 0; j < maxMeasDim; j++ {
				got.L[i][j], want.L[i][j] = float64(i+j)+0.5, float64(i*j)-0.5
			}
			got.nu[i], want.nu[i], got.u[i], want.u[i] = 7, -7, 3, 4
			got.inv[i], want.inv[i] = 9, 11
		}
		for i := 0; i < stateDim; i++ {
			for j := 0; j < maxMeasDim; j++ {
				got.PHt[i][j], want.PHt[i][j] = 1, 2
			}
		}
		nis, ok := got.innovate(&g, m)
		wnis, wok := want.refInnovate(&g, m)
		if ok != wok || math.Float64bits(nis) != math.Float64bits(wnis) {
			t.Fatalf("case %d: innovate %v %v, want %v %v", k, nis, ok, wnis, wok)
		}
		if !ok {
			continue
		}
		sameWorkspace(t, got, want)
		if a, b := got.logDet2piS(), want.logDet2piS(); math.Float64bits(a) != math.Float64bits(b) {
			t.Fatalf("case %d: logDet2piS %v, want %v", k, a, b)
		}
		g2 := g
		got.update(&g)
		want.gain()
		u := &want.u
		for i := 0; i < stateDim; i++ {
			wk := &want.W[i]
			g2.X[i] += wk[0]*u[0] + wk[1]*u[1] + wk[2]*u[2] + wk[3]*u[3]
		}
		want.refDowndate(&g2.P)
		if !sameGaussian(&g, &g2) {
			t.Fatalf("case %d: update differs:\n got %v\nwant %v", k, g, g2)
		}
	}
}

// TestSpeedBands checks that Track.speed, which avoids math.Hypot away
// from the band edges, puts every velocity in the band the hypotenuse does.
func TestSpeedBands(t *testing.T) {
	band := func(s float64) (b [len(speedBands)]bool) {
		for i, e := range speedBands {
			b[i] = s < e
		}
		return b
	}
	rnd := rand.New(rand.NewPCG(9, 10))
	var tr Track
	for k := 0; k < 200000; k++ {
		dir := r3Vec(rnd.NormFloat64(), rnd.NormFloat64(), 0.3*rnd.NormFloat64())
		n := math.Sqrt(dir.X*dir.X + dir.Y*dir.Y + dir.Z*dir.Z)
		s := 30 * rnd.Float64()
		if k%2 == 0 { // at an edge, to the last bits
			s = speedBands[rnd.IntN(len(speedBands))] * (1 + float64(rnd.IntN(9)-4)*1e-16)
		}
		x := &tr.Est.Comb.X
		x[ivx], x[ivy], x[ivz] = dir.X/n*s, dir.Y/n*s, dir.Z/n*s
		want := math.Hypot(math.Hypot(x[ivx], x[ivy]), x[ivz])
		if got := tr.speed(); band(got) != band(want) || (got != want && math.Abs(got-want) > 1e-12*want) {
			t.Fatalf("velocity %v: speed %v, hypotenuse %v", x[3:], got, want)
		}
	}
}

// TestExpOfZero checks what IMM.reweight relies on to skip the best
// model's factor: e⁰ is exactly 1, for either zero.
func TestExpOfZero(t *testing.T) {
	if math.Exp(0) != 1 || math.Exp(math.Copysign(0, -1)) != 1 {
		t.Fatal("math.Exp(±0) is not 1")
	}
}

// refUpdate is IMM.Update as first written (with the references above).
func refUpdate(e *IMM, w *ekf, m *Measurement) bool {
	n := len(e.Models)
	best := math.Inf(-1)
	for j := 0; j < n; j++ {
		nis, ok := w.refInnovate(&e.Modes[j], m)
		if !ok {
			return false
		}
		e.lik[j] = -(nis + w.logDet2piS()) / 2
		best = max(best, e.lik[j])
		g := &e.Modes[j]
		w.gain()
		u := &w.u
		for k := 0; k < stateDim; k++ {
			wk := &w.W[k]
			g.X[k] += wk[0]*u[0] + wk[1]*u[1] + wk[2]*u[2] + wk[3]*u[3]
		}
		w.refDowndate(&g.P)
	}
	var sum float64
	for j := 0; j < n; j++ {
		e.Mu[j] *= math.Exp(e.lik[j] - best)
		sum += e.Mu[j]
	}
	for j := 0; j < n; j++ {
		e.Mu[j] = max(e.Mu[j]/sum, 1e-6)
	}
	refCombine(e)
	return true
}

// TestUpdateExact checks IMM.Update against refUpdate bit for bit.
func TestUpdateExact(t *testing.T) {
	rnd := rand.New(rand.NewPCG(11, 12))
	for k := 0; k < 5000; k++ {
		e := randomIMM(rnd, defaultModels(k%4 != 0), true)
		ref := *e
		w := newEKF()
		m := randomMeasurement(rnd, &e.Comb, testLayouts[k%len(testLayouts)])
		ok := e.Update(m)
		if wok := refUpdate(&ref, w, m); ok != wok {
			t.Fatalf("case %d: Update %v, want %v", k, ok, wok)
		}
		if ok {
			sameIMM(t, "update", e, &ref)
		}
	}
}

// TestCoarseBearingShortcut checks coarseBearing, which decides most
// track-bearing pairs without the track's azimuth, against the gate
// computed (coarseBearingExact), for tracks all round and near the gate's
// edge, near and far.
func TestCoarseBearingShortcut(t *testing.T) {
	rnd := rand.New(rand.NewPCG(15, 16))
	tr := New(DefaultConfig(), nil)
	for k := 0; k < 300000; k++ {
		var m Measurement
		m.Origin = r3Vec(2000*rnd.NormFloat64(), 2000*rnd.NormFloat64(), 8)
		m.add(compAzimuth, 2*math.Pi*rnd.Float64(), 0.03+0.1*rnd.Float64())
		tr.batch = append(tr.batch[:0], m)
		tr.bearingDirections()
		std := math.Pow(10, 4*rnd.Float64()-1)
		rng := math.Pow(10, 5*rnd.Float64()-1)
		off := math.Pi * (2*rnd.Float64() - 1)
		if k%2 == 0 { // near the edge of the gate
			tol := tr.coarseK*(m.std[0]+std/rng) + 0.01
			off = tol * (1 + 1e-8*rnd.NormFloat64())
			if k%4 == 0 {
				off = -off
			}
		}
		sa, ca := math.Sincos(m.z[0] + off)
		pos := r3Vec(m.Origin.X+rng*sa, m.Origin.Y+rng*ca, 50)
		got, want := tr.coarseBearing(0, pos, std), tr.coarseBearingExact(&tr.batch[0], pos, std)
		if got != want {
			t.Fatalf("bearing %v from %v, track at %v, std %v: %v, computed %v", m.z[0], m.Origin, pos, std, got, want)
		}
	}
}

// TestGateExact checks ekf.gate, which stops the factorisation at the
// first row that decides, against innovate: the same decision, and the
// same νᵀS⁻¹ν and ln det 2πS for a measurement in the gate.
func TestGateExact(t *testing.T) {
	rnd := rand.New(rand.NewPCG(17, 18))
	for k := 0; k < 20000; k++ {
		var g Gaussian
		randomGaussian(rnd, &g, k%2 == 0)
		if k%7 == 0 {
			g.P[ix][ix] = -g.P[ix][ix]
		}
		m := randomMeasurement(rnd, &g, testLayouts[k%len(testLayouts)])
		gamma := []float64{3, 10, 20, 100}[rnd.IntN(4)]
		got, want := newEKF(), newEKF()
		nis, in := got.gate(&g, m, gamma)
		wnis, ok := want.refInnovate(&g, m)
		if win := ok && !(wnis > gamma); in != win {
			t.Fatalf("case %d: gate %v, innovate says %v (nis %v, ok %v)", k, in, win, wnis, ok)
		}
		if !in {
			continue
		}
		if math.Float64bits(nis) != math.Float64bits(wnis) {
			t.Fatalf("case %d: nis %v, want %v", k, nis, wnis)
		}
		if a, b := got.logDet2piS(), want.logDet2piS(); math.Float64bits(a) != math.Float64bits(b) {
			t.Fatalf("case %d: logDet2piS %v, want %v", k, a, b)
		}
	}
}

// TestGateReusesPrediction checks that one workspace gating plots one
// after another — several of one sensor against one estimate, whose
// prediction gate reuses, between innovations, changed estimates and other
// sensors — decides and computes as a fresh workspace for each.
func TestGateReusesPrediction(t *testing.T) {
	rnd := rand.New(rand.NewPCG(21, 22))
	w := newEKF()
	var g Gaussian
	randomGaussian(rnd, &g, true)
	m := randomMeasurement(rnd, &g, radar3D[:])
	for k := 0; k < 20000; k++ {
		switch rnd.IntN(6) {
		case 0:
			randomGaussian(rnd, &g, k%2 == 0)
		case 1:
			i := rnd.IntN(stateDim)
			if g.X[i] == 0 {
				g.X[i] = -g.X[i] // 0 and −0 predict different angles
			} else {
				g.X[i] = 0
			}
		case 2:
			w.innovate(&g, randomMeasurement(rnd, &g, testLayouts[rnd.IntN(len(testLayouts))]))
		}
		origin := m.Origin
		m = randomMeasurement(rnd, &g, radar3D[:])
		if rnd.IntN(4) != 0 {
			m.Origin = origin // the same sensor
		}
		gamma := []float64{3, 10, 20, 100}[rnd.IntN(4)]
		nis, in := w.gate(&g, m, gamma)
		fresh := newEKF()
		wnis, win := fresh.gate(&g, m, gamma)
		if in != win || math.Float64bits(nis) != math.Float64bits(wnis) {
			t.Fatalf("case %d: gate %v %v, fresh %v %v", k, nis, in, wnis, win)
		}
		if in && math.Float64bits(w.logDet2piS()) != math.Float64bits(fresh.logDet2piS()) {
			t.Fatalf("case %d: logDet2piS %v, fresh %v", k, w.logDet2piS(), fresh.logDet2piS())
		}
	}
}

// TestGateBearingReusesPrediction checks that one workspace gating RF
// bearings one after another — several of one sensor against one estimate,
// whose prediction gateBearing reuses, between other measurements,
// changed estimates and other sensors — decides and computes νᵀS⁻¹ν and
// ln det 2πS (which the workspace keeps between calls) bit for bit as
// innovate does in a fresh workspace.
func TestGateBearingReusesPrediction(t *testing.T) {
	rnd := rand.New(rand.NewPCG(23, 24))
	w := newEKF()
	var g Gaussian
	randomGaussian(rnd, &g, true)
	bearing := []component{compAzimuth}
	m := randomMeasurement(rnd, &g, bearing)
	reused := 0
	for k := 0; k < 20000; k++ {
		switch rnd.IntN(8) {
		case 0:
			randomGaussian(rnd, &g, k%2 == 0)
		case 1:
			i := rnd.IntN(stateDim)
			if g.X[i] == 0 {
				g.X[i] = -g.X[i] // 0 and −0 predict different angles
			} else {
				g.X[i] = 0
			}
		case 2:
			g.P[rnd.IntN(3)][rnd.IntN(3)] *= 1 + rnd.Float64() // the prediction stays, S changes
		case 3:
			w.gate(&g, randomMeasurement(rnd, &g, testLayouts[rnd.IntN(len(testLayouts))]), 100)
			w.logDet2piS()
		}
		origin, std := m.Origin, m.std[0]
		m = randomMeasurement(rnd, &g, bearing)
		if rnd.IntN(4) != 0 {
			m.Origin = origin // the same sensor
		}
		if rnd.IntN(2) == 0 {
			m.std[0] = std // of the same accuracy
		}
		if w.bearingOK && sameState(&w.bearingX, &g.X) && sameVec(w.bearingOrigin, m.Origin) {
			reused++
		}
		gamma := []float64{3, 10, 20, 100}[rnd.IntN(4)]
		nis, in := w.gate(&g, m, gamma)
		fresh := newEKF()
		wnis, ok := fresh.refInnovate(&g, m)
		if win := ok && !(wnis > gamma); in != win {
			t.Fatalf("case %d: gate %v, innovate says %v (nis %v, ok %v)", k, in, win, wnis, ok)
		}
		if !in {
			continue
		}
		if math.Float64bits(nis) != math.Float64bits(wnis) {
			t.Fatalf("case %d: nis %v, want %v", k, nis, wnis)
		}
		if a, b := w.logDet2piS(), fresh.logDet2piS(); math.Float64bits(a) != math.Float64bits(b) {
			t.Fatalf("case %d: logDet2piS %v, want %v", k, a, b)
		}
	}
	if reused < 5000 {
		t.Errorf("the prediction was reused for %d bearings of 20000, want the test to exercise it more", reused)
	}
}

// TestGNNSingletons checks GNN's shortcut for batches whose every gated
// pair is alone in its component against the assignment by components.
func TestGNNSingletons(t *testing.T) {
	rnd := rand.New(rand.NewPCG(19, 20))
	var fast, slow GNN
	for k := 0; k < 20000; k++ {
		nMeas := 1 + rnd.IntN(8)
		var pairs []Pair
		perm := rnd.Perm(nMeas)
		for tr, j := range perm[:1+rnd.IntN(nMeas)] {
			if k%3 == 0 && rnd.IntN(4) == 0 && len(pairs) > 0 {
				j = pairs[rnd.IntN(len(pairs))].Meas // shared: not singletons
			}
			pairs = append(pairs, Pair{Track: tr, Meas: j, Cost: 10 * rnd.NormFloat64()})
			if k%5 == 0 && rnd.IntN(3) == 0 {
				pairs = append(pairs, Pair{Track: tr, Meas: (j + 1) % nMeas, Cost: 10 * rnd.NormFloat64()})
			}
		}
		got, want := slices.Clone(pairs), slices.Clone(pairs)
		fast.Associate(got, nMeas, 2)
		slow.associate(want, nMeas, 2)
		if !slices.Equal(got, want) {
			t.Fatalf("case %d: %v, want %v", k, got, want)
		}
	}
}
