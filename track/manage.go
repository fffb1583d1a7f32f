package track

import (
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/sensors"
)

// hit records that measurement m from sensor s updated track t, with ln g
// the measurement's log-likelihood under the prediction and lambda the
// sensor's clutter density. The existence update is Musicki's for one
// measurement in the gate: P(z | object) = Pd·g + (1 − Pd)·λ against
// P(z | none) = λ.
func (tr *Tracker) hit(t *Track, s int, m *Measurement, lik, lambda float64) {
	t.hitBy[s] = true
	t.UpdatedS = m.TimeS
	ratio := 1 - tr.cfg.AssumedPd + tr.cfg.AssumedPd*math.Exp(math.Min(lik-math.Log(lambda), 700))
	t.Existence = clampExistence(t.Existence * ratio / (t.Existence*ratio + 1 - t.Existence))
	if m.Kind == sensors.RFBearing {
		t.RFUpdates++
		t.Emitter = true
		if m.TimeS >= t.lastRF+1 {
			t.logOdds += rfEvidence
			t.lastRF = m.TimeS
		}
	} else {
		t.RadarUpdates++
	}
}

func clampExistence(p float64) float64 { return math.Min(maxExistence, math.Max(minExistence, p)) }

// scanEnd counts a look at every track sensor s covers, for the scan
// ending at ts, and applies the confirmation rule.
func (tr *Tracker) scanEnd(s int, ts float64) {
	cov := &tr.cov[s]
	for _, t := range tr.tracks {
		hit := t.hitBy[s]
		t.hitBy[s] = false
		if !hit {
			// A miss only counts where the sensor could have seen the
			// object: inside its coverage, for a full scan, and for RF
			// only if the object emits.
			if t.BornS > ts-cov.RevisitS || !cov.Covers(t.extrapolate(ts)) || (cov.Kind == sensors.RFBearing && !t.Emitter) {
				continue
			}
			t.Misses++
			t.Existence = clampExistence(t.Existence * (1 - tr.pdPg) / (1 - t.Existence*tr.pdPg))
		} else {
			t.Misses = 0
			t.Hits++
		}
		t.Looks++
		if t.Status == Tentative && t.windowLen < tr.cfg.ConfirmN {
			t.window <<= 1
			if hit {
				t.window |= 1
			}
			t.windowLen++
			if t.hitsInWindow() >= tr.cfg.ConfirmM {
				t.Status, t.ConfirmedS = Confirmed, ts
			}
		}
	}
}

// housekeeping, once a second: brings every track to the present, updates
// the classification and deletes tracks that fail the rules.
func (tr *Tracker) housekeeping(now float64) {
	live := tr.tracks[:0]
	for _, t := range tr.tracks {
		tr.predictTo(t, now)
		tr.classify(t, now)
		switch {
		case t.Status == Tentative && t.windowLen-t.hitsInWindow() > tr.cfg.ConfirmN-tr.cfg.ConfirmM:
			t.Ended = "not confirmed"
		case t.Status == Confirmed && t.Misses >= tr.cfg.DeleteMisses:
			t.Ended = "missed"
		case t.PositionStdM() > tr.cfg.DeletePositionStdM:
			t.Ended = "uncertain"
		default:
			live = append(live, t)
			continue
		}
		t.Status, t.EndS = Deleted, now
		tr.ended = append(tr.ended, t)
	}
	clear(tr.tracks[len(live):])
	tr.tracks = live
}

// newTrack starts a tentative track at g, first seen by sensor s at time ts.
func (tr *Tracker) newTrack(g *Gaussian, s int, ts float64) *Track {
	t := &Track{ID: tr.nextID, Status: Tentative, Est: NewIMM(tr.models, tr.cfg.IMMSwitchPerS, g), TimeS: ts,
		BornS: ts, ConfirmedS: math.NaN(), UpdatedS: ts, EndS: math.NaN(), Existence: initialExistence,
		hitBy: make([]bool, len(tr.cov)), nextClass: ts + 1, lastRF: math.Inf(-1)}
	tr.nextID++
	t.hitBy[s] = true
	tr.classify(t, ts)
	tr.tracks = append(tr.tracks, t)
	return t
}

// initiatePlot starts a tentative track on a radar plot: the position is
// the plot's, with the covariance of the polar-to-Cartesian conversion
// (J·R·Jᵀ), the velocity zero with InitVelocityStdMPS on each axis. A plot
// without elevation puts the object at the antenna's height ± 150 m.
func (tr *Tracker) initiatePlot(s int, m *Measurement) {
	p, _ := m.Point()
	g := NewGaussian()
	x := g.X.RawVector().Data
	x[ix], x[iy], x[iz] = p.X, p.Y, p.Z
	r, az := m.z[0], m.z[1]
	el, sel := 0.0, 150/math.Max(r, 1)
	for i, c := range m.comp[:m.dim] {
		if c == compElevation {
			el, sel = m.z[i], m.std[i]
		}
	}
	// J: columns ∂(e, n, u)/∂(r, az, el).
	se, ce := math.Sincos(el)
	sa, ca := math.Sincos(az)
	J := mat.NewDense(3, 3, []float64{
		ce * sa, r * ce * ca, -r * se * sa,
		ce * ca, -r * ce * sa, -r * se * ca,
		se, 0, r * ce,
	})
	R := mat.NewDiagDense(3, []float64{m.std[0] * m.std[0], m.std[1] * m.std[1], sel * sel})
	var JR, C mat.Dense
	JR.Mul(J, R)
	C.Mul(&JR, J.T())
	for i := 0; i < 3; i++ {
		for j := i; j < 3; j++ {
			g.P.SetSym(i, j, (C.At(i, j)+C.At(j, i))/2)
		}
	}
	v := tr.cfg.InitVelocityStdMPS * tr.cfg.InitVelocityStdMPS
	for i := ivx; i <= ivz; i++ {
		g.P.SetSym(i, i, v)
	}
	tr.newTrack(&g, s, m.TimeS)
}

// Defaults for a track started by RF triangulation, which fixes the
// horizontal position only.
const (
	rfInitAltM    = 60.0
	rfInitAltStdM = 60.0
	minCrossing   = 5 * math.Pi / 180 // smallest angle between bearings
	maxFixRangeM  = 30000.0
)

// triangulate starts tracks from unused RF bearings of one link heard by
// two or more sensors within the triangulation window: the weighted
// least-squares intersection of the bearing lines, with its covariance
// from the geometry (see Triangulate).
func (tr *Tracker) triangulate(now float64) {
	pool := tr.rfPool[:0]
	for _, p := range tr.rfPool {
		if !p.used && now-p.m.TimeS <= tr.cfg.TriangulationWindowS {
			pool = append(pool, p)
		}
	}
	tr.rfPool = pool
	for i := len(pool) - 1; i >= 0; i-- {
		a := &pool[i]
		if a.used {
			continue
		}
		group := []*Measurement{&a.m}
		idx := []int{i}
		for j := i - 1; j >= 0; j-- {
			b := &pool[j]
			if b.used || sameSensor(group, b.m.Sensor) || math.Abs(a.m.FrequencyHz-b.m.FrequencyHz) > math.Max(a.m.BandwidthHz, b.m.BandwidthHz)/2 {
				continue
			}
			group = append(group, &b.m)
			idx = append(idx, j)
		}
		if len(group) < 2 {
			continue
		}
		fix, cov, ok := Triangulate(group)
		if !ok {
			continue
		}
		g := NewGaussian()
		x := g.X.RawVector().Data
		x[ix], x[iy], x[iz] = fix.X, fix.Y, rfInitAltM
		g.P.SetSym(ix, ix, cov.At(0, 0))
		g.P.SetSym(ix, iy, cov.At(0, 1))
		g.P.SetSym(iy, iy, cov.At(1, 1))
		g.P.SetSym(iz, iz, rfInitAltStdM*rfInitAltStdM)
		v := tr.cfg.InitVelocityStdMPS * tr.cfg.InitVelocityStdMPS
		for k := ivx; k <= ivz; k++ {
			g.P.SetSym(k, k, v)
		}
		t := tr.newTrack(&g, group[0].Sensor, now)
		t.Emitter = true
		for _, m := range group {
			t.hitBy[m.Sensor] = true
		}
		t.RFUpdates += len(group)
		for _, k := range idx {
			pool[k].used = true
		}
	}
}

func sameSensor(ms []*Measurement, s int) bool {
	for _, m := range ms {
		if m.Sensor == s {
			return true
		}
	}
	return false
}

// Triangulate returns the horizontal position where two or more RF
// bearings from different sensors cross, and its 2×2 covariance. It is
// the weighted least-squares intersection of the bearing lines: line i
// through the sensor o_i with normal n_i = (cos θ_i, −sin θ_i) (θ the
// compass bearing) gives n_i·p = n_i·o_i, with weight 1/(σ_i·r_i)², σ_i
// the bearing noise and r_i the distance to the fix (from an unweighted
// first solution); then p = A⁻¹·b and cov = A⁻¹ with A = Σ w_i·n_i·n_iᵀ
// (the geometric dilution of precision of the pair or set). ok is false
// when the lines are nearly parallel (crossing under 5°), the fix lies
// behind a sensor or beyond 30 km.
func Triangulate(ms []*Measurement) (fix r3.Vec, cov *mat.SymDense, ok bool) {
	if len(ms) < 2 {
		return fix, nil, false
	}
	crossing := 0.0
	for i := range ms {
		for j := i + 1; j < len(ms); j++ {
			d := math.Abs(math.Sin(ms[i].z[0] - ms[j].z[0]))
			crossing = math.Max(crossing, math.Asin(math.Min(1, d)))
		}
	}
	if crossing < minCrossing {
		return fix, nil, false
	}
	solve := func(weight func(m *Measurement) float64) (r3.Vec, *mat.SymDense, bool) {
		A := mat.NewSymDense(2, nil)
		b := mat.NewVecDense(2, nil)
		for _, m := range ms {
			s, c := math.Sincos(m.z[0])
			n := [2]float64{c, -s}
			w := weight(m)
			A.SetSym(0, 0, A.At(0, 0)+w*n[0]*n[0])
			A.SetSym(0, 1, A.At(0, 1)+w*n[0]*n[1])
			A.SetSym(1, 1, A.At(1, 1)+w*n[1]*n[1])
			no := n[0]*m.Origin.X + n[1]*m.Origin.Y
			b.SetVec(0, b.AtVec(0)+w*n[0]*no)
			b.SetVec(1, b.AtVec(1)+w*n[1]*no)
		}
		var ch mat.Cholesky
		if !ch.Factorize(A) {
			return r3.Vec{}, nil, false
		}
		var p mat.VecDense
		if err := ch.SolveVecTo(&p, b); err != nil {
			return r3.Vec{}, nil, false
		}
		inv := mat.NewSymDense(2, nil)
		if err := ch.InverseTo(inv); err != nil {
			return r3.Vec{}, nil, false
		}
		return r3.Vec{X: p.AtVec(0), Y: p.AtVec(1)}, inv, true
	}
	first, _, ok := solve(func(*Measurement) float64 { return 1 })
	if !ok {
		return fix, nil, false
	}
	for _, m := range ms {
		s, c := math.Sincos(m.z[0])
		if r := (first.X-m.Origin.X)*s + (first.Y-m.Origin.Y)*c; r <= 0 || r > maxFixRangeM {
			return fix, nil, false
		}
	}
	return solve(func(m *Measurement) float64 {
		r := math.Hypot(first.X-m.Origin.X, first.Y-m.Origin.Y)
		return 1 / (m.std[0] * m.std[0] * r * r)
	})
}
