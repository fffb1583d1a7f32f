package trackbench

import (
	"math"

	"gonum.org/v1/gonum/spatial/r3"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/cuasim/cuasim/assign"
	"github.com/cuasim/cuasim/sensors"
)

// Reference is the benchmark's baseline, the tracker of a textbook: a
// 4-state (east, north and their velocities) extended Kalman filter with
// the targets' true nearly-constant-velocity model, a Mahalanobis gate on
// the range–bearing innovation, global nearest neighbour assignment by
// Mahalanobis distance (an unassigned track costs the gate), two-point
// initiation (a plot that no track took, and another within a velocity
// gate on the next scan, start a track with the velocity of their
// difference) and deletion after DeleteAfter scans in a row without an
// update. A track counts as confirmed from its start: two-point
// initiation is its confirmation.
//
// It knows the radar is at the origin and its noise (RangeStdM,
// BearingStdRad) from the plots.
type Reference struct {
	GateProbability float64 // of the Mahalanobis gate (2 dof); 0.999 if zero
	InitSpeedMPS    float64 // velocity gate of two-point initiation; 20 m/s if zero
	DeleteAfter     int     // scans without update; 3 if zero

	tracks []refTrack
	cands  []refPoint // plots of the last scan that neither a track nor an initiation took
	solver assign.Solver
	cost   []float64
	rowCol []int
	used   []bool
	pts    []refPoint
}

type refTrack struct {
	x      [4]float64 // e, n, ve, vn
	P      [4][4]float64
	misses int
}

// refPoint is a plot in Cartesian coordinates with its covariance.
type refPoint struct {
	p   [2]float64
	R   [2][2]float64
	det *sensors.Detection
}

func (r *Reference) gate() float64 {
	p := r.GateProbability
	if p == 0 {
		p = 0.999
	}
	return distuv.ChiSquared{K: 2}.Quantile(p)
}

// Step processes one scan's plots at time tS (scans ScanS apart).
func (r *Reference) Step(tS float64, plots []sensors.Detection) {
	deleteAfter, initSpeed := r.DeleteAfter, r.InitSpeedMPS
	if deleteAfter == 0 {
		deleteAfter = 3
	}
	if initSpeed == 0 {
		initSpeed = 20
	}
	gate := r.gate()
	for i := range r.tracks {
		r.tracks[i].predict(ScanS)
	}
	// Gate and assign: rows are tracks, columns the plots and then one
	// "unassigned" column per track at the gate's cost.
	nt, np := len(r.tracks), len(plots)
	cols := np + nt
	r.cost = r.cost[:0]
	for i := range r.tracks {
		for j := range plots {
			nis := r.tracks[i].nis(&plots[j])
			if nis > gate {
				nis = math.Inf(1)
			}
			r.cost = append(r.cost, nis)
		}
		for k := 0; k < nt; k++ {
			c := math.Inf(1)
			if k == i {
				c = gate
			}
			r.cost = append(r.cost, c)
		}
	}
	r.rowCol = append(r.rowCol[:0], make([]int, nt)...)
	if nt > 0 {
		if _, err := r.solver.Solve(r.cost, nt, cols, r.rowCol); err != nil {
			panic("trackbench: " + err.Error())
		}
	}
	r.used = append(r.used[:0], make([]bool, np)...)
	live := r.tracks[:0]
	for i := range r.tracks {
		t := r.tracks[i]
		if j := r.rowCol[i]; j >= 0 && j < np {
			t.update(&plots[j])
			t.misses = 0
			r.used[j] = true
		} else {
			t.misses++
		}
		if t.misses < deleteAfter {
			live = append(live, t)
		}
	}
	r.tracks = live
	// Two-point initiation: an unused plot and the nearest unused plot of
	// the last scan within the velocity gate (plus three standard
	// deviations of both positions) start a track.
	r.pts = r.pts[:0]
	for j := range plots {
		if !r.used[j] {
			r.pts = append(r.pts, cartesian(&plots[j]))
		}
	}
	next := r.pts[:0:0]
	for _, p := range r.pts {
		best, bestD := -1, math.Inf(1)
		for c, q := range r.cands {
			if q.det == nil {
				continue
			}
			d := math.Hypot(p.p[0]-q.p[0], p.p[1]-q.p[1])
			lim := initSpeed*ScanS + 3*math.Sqrt(p.R[0][0]+p.R[1][1]+q.R[0][0]+q.R[1][1])
			if d <= lim && d < bestD {
				best, bestD = c, d
			}
		}
		if best < 0 {
			next = append(next, p)
			continue
		}
		r.tracks = append(r.tracks, twoPoint(r.cands[best], p))
		r.cands[best].det = nil
	}
	r.cands = append(r.cands[:0], next...)
}

// Confirmed appends the positions of the confirmed tracks to dst.
func (r *Reference) Confirmed(dst []r3.Vec) []r3.Vec {
	for _, t := range r.tracks {
		dst = append(dst, r3.Vec{X: t.x[0], Y: t.x[1]})
	}
	return dst
}

// cartesian converts a plot to a point with the covariance J·R·Jᵀ.
func cartesian(d *sensors.Detection) refPoint {
	sa, ca := math.Sincos(d.AzimuthRad)
	r := d.RangeM
	J := [2][2]float64{{sa, r * ca}, {ca, -r * sa}}
	R := [2]float64{d.RangeStdM * d.RangeStdM, d.AzimuthStdRad * d.AzimuthStdRad}
	var C [2][2]float64
	for i := range 2 {
		for j := range 2 {
			C[i][j] = J[i][0]*R[0]*J[j][0] + J[i][1]*R[1]*J[j][1]
		}
	}
	return refPoint{p: [2]float64{r * sa, r * ca}, R: C, det: d}
}

// twoPoint starts a track at b with the velocity (b − a)/dt:
// P = [[R_b, R_b/dt], [R_b/dt, (R_a + R_b)/dt²]].
func twoPoint(a, b refPoint) refTrack {
	dt := ScanS
	t := refTrack{x: [4]float64{b.p[0], b.p[1], (b.p[0] - a.p[0]) / dt, (b.p[1] - a.p[1]) / dt}}
	for i := range 2 {
		for j := range 2 {
			t.P[i][j] = b.R[i][j]
			t.P[i][j+2] = b.R[i][j] / dt
			t.P[i+2][j] = b.R[i][j] / dt
			t.P[i+2][j+2] = (a.R[i][j] + b.R[i][j]) / (dt * dt)
		}
	}
	return t
}

// predict applies the nearly-constant-velocity model over dt.
func (t *refTrack) predict(dt float64) {
	t.x[0] += dt * t.x[2]
	t.x[1] += dt * t.x[3]
	var F [4][4]float64
	for i := range 4 {
		F[i][i] = 1
	}
	F[0][2], F[1][3] = dt, dt
	var FP, N [4][4]float64
	for i := range 4 {
		for j := range 4 {
			for k := range 4 {
				FP[i][j] += F[i][k] * t.P[k][j]
			}
		}
	}
	for i := range 4 {
		for j := range 4 {
			for k := range 4 {
				N[i][j] += FP[i][k] * F[j][k]
			}
		}
	}
	q := AccelPSD
	for k := range 2 {
		N[k][k] += q * dt * dt * dt / 3
		N[k][k+2] += q * dt * dt / 2
		N[k+2][k] += q * dt * dt / 2
		N[k+2][k+2] += q * dt
	}
	t.P = N
}

// innovation returns the range–bearing innovation of plot d, its
// Jacobian H and its covariance S.
func (t *refTrack) innovation(d *sensors.Detection) (nu [2]float64, H [2][4]float64, S [2][2]float64) {
	x, y := t.x[0], t.x[1]
	r2 := max(x*x+y*y, 1e-6)
	r := math.Sqrt(r2)
	nu[0] = d.RangeM - r
	nu[1] = math.Remainder(d.AzimuthRad-math.Atan2(x, y), 2*math.Pi)
	H[0] = [4]float64{x / r, y / r, 0, 0}
	H[1] = [4]float64{y / r2, -x / r2, 0, 0}
	for i := range 2 {
		for j := range 2 {
			for k := range 4 {
				for l := range 4 {
					S[i][j] += H[i][k] * t.P[k][l] * H[j][l]
				}
			}
		}
	}
	S[0][0] += d.RangeStdM * d.RangeStdM
	S[1][1] += d.AzimuthStdRad * d.AzimuthStdRad
	return nu, H, S
}

// nis is the normalised innovation squared of plot d.
func (t *refTrack) nis(d *sensors.Detection) float64 {
	nu, _, S := t.innovation(d)
	det := S[0][0]*S[1][1] - S[0][1]*S[1][0]
	return (S[1][1]*nu[0]*nu[0] - 2*S[0][1]*nu[0]*nu[1] + S[0][0]*nu[1]*nu[1]) / det
}

// update is the Kalman update by plot d: K = P·Hᵀ·S⁻¹, x += K·ν,
// P ← (I − K·H)·P.
func (t *refTrack) update(d *sensors.Detection) {
	nu, H, S := t.innovation(d)
	det := S[0][0]*S[1][1] - S[0][1]*S[1][0]
	Si := [2][2]float64{{S[1][1] / det, -S[0][1] / det}, {-S[1][0] / det, S[0][0] / det}}
	var PHt [4][2]float64
	for i := range 4 {
		for j := range 2 {
			for k := range 4 {
				PHt[i][j] += t.P[i][k] * H[j][k]
			}
		}
	}
	var K [4][2]float64
	for i := range 4 {
		for j := range 2 {
			K[i][j] = PHt[i][0]*Si[0][j] + PHt[i][1]*Si[1][j]
		}
	}
	for i := range 4 {
		t.x[i] += K[i][0]*nu[0] + K[i][1]*nu[1]
	}
	var N [4][4]float64
	for i := range 4 {
		for j := range 4 {
			N[i][j] = t.P[i][j] - (K[i][0]*PHt[j][0] + K[i][1]*PHt[j][1])
		}
	}
	for i := range 4 {
		for j := range 4 {
			t.P[i][j] = (N[i][j] + N[j][i]) / 2
		}
	}
}
