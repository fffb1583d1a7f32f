package metrics

import (
	"math"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/assign"
)

// OSPA returns the optimal sub-pattern assignment distance between the point
// sets x and y (Schuhmacher, Vo and Vo, IEEE TSP 2008) with cut-off c > 0 and
// order p >= 1.
//
// With m = min(|x|, |y|) and n = max(|x|, |y|), and x taken as the smaller set,
//
//	d = ( (1/n)·( min_π Σ_i min(c, ‖x_i − y_π(i)‖)^p + c^p·(n − m) ) )^(1/p),
//
// the minimum running over the injections π of the smaller set into the
// larger, found with assign.Solver. It is 0 when both sets are empty and c
// when exactly one is, and never exceeds c. OSPA is a metric on finite sets
// of points and is symmetric in x and y.
//
// c and p must be finite; OSPA returns NaN when c ≤ 0, p < 1 or either is NaN
// or infinite.
func OSPA(x, y []r3.Vec, c, p float64) float64 {
	if !validCutOff(c, p) {
		return math.NaN()
	}
	m, n := len(x), len(y)
	if m > n {
		m, n = n, m
	}
	switch {
	case n == 0:
		return 0
	case m == 0:
		return c
	}
	cp := math.Pow(c, p)
	total := cutOffAssignment(x, y, c, p, make([]int, len(x)))
	return math.Pow((total+cp*float64(n-m))/float64(n), 1/p)
}

// GOSPA returns the generalised OSPA distance with alpha = 2 (Rahmathullah,
// García-Fernández and Svensson, FUSION 2017) between the point sets x and y
// with cut-off c > 0 and order p >= 1:
//
//	d = ( min over assignments γ: Σ_(i,j)∈γ ‖x_i − y_j‖^p + (c^p/2)·(|x| + |y| − 2|γ|) )^(1/p),
//
// where γ pairs points of x with distinct points of y and only pairs closer
// than c are worth including. Equivalently, with m = min(|x|, |y|) and
// n = max(|x|, |y|),
//
//	d = ( min_π Σ_i min(c, ‖x_i − y_π(i)‖)^p + (c^p/2)·(n − m) )^(1/p),
//
// since a pair at distance c or more costs c^p whether it is assigned or
// both its points are left out. Unlike OSPA it is not normalised by the set
// size, so it grows with the number of missed and false points. It is 0 when
// both sets are empty.
//
// c and p must be finite; GOSPA returns NaN when c ≤ 0, p < 1 or either is NaN
// or infinite.
func GOSPA(x, y []r3.Vec, c, p float64) float64 {
	d, _, _, _ := GOSPAParts(x, y, c, p)
	return d
}

// GOSPAParts returns the GOSPA distance d (alpha = 2, as GOSPA) between the
// truth x and the estimates y together with its decomposition under the
// optimal assignment: localisation is the sum of ‖x_i − y_j‖^p over the
// assigned pairs (those closer than c), missed counts the points of x left
// unassigned and falseTracks the points of y left unassigned, so that
//
//	d^p = localisation + (c^p/2)·(missed + falseTracks).
//
// When the optimal assignment is not unique the counts are those of the one
// assign.Solver finds. For invalid c or p (see GOSPA) d and localisation are
// NaN and missed = |x|, falseTracks = |y|.
func GOSPAParts(x, y []r3.Vec, c, p float64) (d, localisation float64, missed, falseTracks int) {
	if !validCutOff(c, p) {
		return math.NaN(), math.NaN(), len(x), len(y)
	}
	assigned := 0
	if len(x) > 0 && len(y) > 0 {
		rowToCol := make([]int, len(x))
		cutOffAssignment(x, y, c, p, rowToCol)
		for i, j := range rowToCol {
			if j < 0 {
				continue
			}
			if dist := r3.Norm(r3.Sub(x[i], y[j])); dist < c {
				localisation += math.Pow(dist, p)
				assigned++
			}
		}
	}
	missed, falseTracks = len(x)-assigned, len(y)-assigned
	cp := math.Pow(c, p)
	d = math.Pow(localisation+cp/2*float64(missed+falseTracks), 1/p)
	return d, localisation, missed, falseTracks
}

func validCutOff(c, p float64) bool {
	return c > 0 && p >= 1 && !math.IsInf(c, 1) && !math.IsInf(p, 1)
}

// cutOffAssignment minimises Σ min(c, ‖x_i − y_j‖)^p over the assignments of
// the smaller of x and y into the larger, both non-empty, and returns the
// minimum. rowToCol (len(x)) receives each point of x's partner in y, or -1.
func cutOffAssignment(x, y []r3.Vec, c, p float64, rowToCol []int) float64 {
	cp := math.Pow(c, p)
	cost := make([]float64, len(x)*len(y))
	for i, xi := range x {
		for j, yj := range y {
			if dist := r3.Norm(r3.Sub(xi, yj)); dist < c {
				cost[i*len(y)+j] = math.Pow(dist, p)
			} else { // including NaN distances from NaN coordinates
				cost[i*len(y)+j] = cp
			}
		}
	}
	var s assign.Solver
	total, err := s.Solve(cost, len(x), len(y), rowToCol)
	if err != nil {
		// Not expected: every entry is finite (or +Inf if c^p overflows),
		// never NaN or -Inf, and the sizes match.
		for i := range rowToCol {
			rowToCol[i] = -1
		}
		return math.NaN()
	}
	return total
}
