package alert

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/cuasim/cuasim/track"
)

// stateOfReference is StateOf as first written: the whole of F·P·Fᵀ, then
// the entries kept. StateOf computes only those, in the same order.
func stateOfReference(t *track.Track, nowS float64) TrackState {
	x, P := t.State(), t.Covariance()
	dt := math.Max(0, nowS-t.TimeS)
	s := TrackState{ID: t.ID, AgeS: nowS - t.BornS, Existence: t.Existence, PDrone: t.PDrone}
	for i := range 3 {
		s.Pos[i] = x[i] + dt*x[i+3]
		s.Vel[i] = x[i+3]
	}
	var Q [6][6]float64
	for i := range 6 {
		for j := range 6 {
			v := P[i][j]
			if i < 3 {
				v += dt * P[i+3][j]
			}
			if j < 3 {
				v += dt * P[i][j+3]
			}
			if i < 3 && j < 3 {
				v += dt * dt * P[i+3][j+3]
			}
			Q[i][j] = v
		}
	}
	h := [4]int{0, 1, 3, 4}
	for i, a := range h {
		for j, b := range h {
			s.CovH[i][j] = Q[a][b]
		}
	}
	s.CovV = [2][2]float64{{Q[2][2], Q[2][5]}, {Q[5][2], Q[5][5]}}
	return s
}

// TestStateOfExact checks StateOf bit for bit against the full product.
func TestStateOfExact(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for k := 0; k < 2000; k++ {
		tr := &track.Track{ID: k, TimeS: 100 * rnd.Float64(), BornS: 10 * rnd.Float64(), Existence: rnd.Float64(), PDrone: rnd.Float64()}
		for i := range 6 {
			tr.Est.Comb.X[i] = 1000 * rnd.NormFloat64()
			for j := range 6 {
				tr.Est.Comb.P[i][j] = 100 * rnd.NormFloat64() // not symmetric: every entry counts
			}
		}
		now := tr.TimeS + 3*rnd.Float64() - 0.5
		if got, want := StateOf(tr, now), stateOfReference(tr, now); got != want {
			t.Fatalf("track %d: StateOf %+v, want %+v", k, got, want)
		}
	}
}

// TestFartherNeverDecidesWrongly checks the bounding-box shortcut of
// Assess: whenever lowerBound says a point is further than m from a zone,
// so does Distance; and it decides most points far from the zone.
func TestFartherNeverDecidesWrongly(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	zones := []Zone{
		NewPolygonZone("runway", SeverityCritical, [][2]float64{{-1500, -23}, {1500, -23}, {1500, 23}, {-1500, 23}}, 0, 300),
		NewPolygonZone("apron", SeverityHigh, [][2]float64{{-300, 200}, {300, 200}, {300, 380}, {-300, 380}}, 0, 200),
		NewPolygonZone("l", SeverityLow, [][2]float64{{0, 0}, {100, 0}, {100, 30}, {30, 30}, {30, 100}, {0, 100}}, 0, 100),
		NewPolygonZone("far", SeverityLow, [][2]float64{{1e7, 1e7}, {1e7 + 50, 1e7}, {1e7, 1e7 + 80}}, 0, 100),
	}
	decided := 0
	for k := 0; k < 200000; k++ {
		z := &zones[k%len(zones)]
		c := [2]float64{(z.min[0] + z.max[0]) / 2, (z.min[1] + z.max[1]) / 2}
		scale := math.Pow(10, 4*rnd.Float64())
		e, n := c[0]+scale*rnd.NormFloat64(), c[1]+scale*rnd.NormFloat64()
		m := 300 * rnd.Float64()
		if k%3 == 0 {
			m = z.Distance(e, n) * (1 - 1e-12*rnd.Float64()) // just under the distance
		}
		if box, slack := z.lowerBound(e, n); box > m+slack {
			decided++
			if !(z.Distance(e, n) > m) {
				t.Fatalf("zone %s, point (%v, %v), m %v: further by the box, but distance %v", z.Name, e, n, m, z.Distance(e, n))
			}
		}
	}
	if decided < 50000 {
		t.Errorf("the box decided only %d of 200000 points", decided)
	}
}

// TestPropagatedIsFPFt checks propagated against F·P·Fᵀ formed by gonum,
// F = [I dt·I; 0 I], independently of the entry-by-entry formula that
// StateOf and stateOfReference share.
func TestPropagatedIsFPFt(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	for k := 0; k < 200; k++ {
		dt := 5 * rnd.Float64()
		var P [6][6]float64
		Pm := mat.NewDense(6, 6, nil)
		for i := range 6 {
			for j := range 6 {
				P[i][j] = 100 * rnd.NormFloat64()
				Pm.Set(i, j, P[i][j])
			}
		}
		F := mat.NewDense(6, 6, nil)
		for i := range 6 {
			F.Set(i, i, 1)
			if i < 3 {
				F.Set(i, i+3, dt)
			}
		}
		var FP, Q mat.Dense
		FP.Mul(F, Pm)
		Q.Mul(&FP, F.T())
		for i := range 6 {
			for j := range 6 {
				if got, want := propagated(&P, dt, i, j), Q.At(i, j); math.Abs(got-want) > 1e-9*(1+math.Abs(want))*(1+dt*dt) {
					t.Fatalf("dt %g: propagated (%d, %d) = %g, F·P·Fᵀ gives %g", dt, i, j, got, want)
				}
			}
		}
	}
}
