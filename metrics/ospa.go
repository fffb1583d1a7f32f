package metrics

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/internal/keysort"
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
	var sd setDistance
	return sd.OSPA(x, y, c, p)
}

// OSPA is the package function OSPA, reusing sd's workspace.
func (sd *setDistance) OSPA(x, y []r3.Vec, c, p float64) float64 {
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
	loc, assigned := sd.assign(x, y, c, p)
	return root((loc+math.Pow(c, p)*float64(n-assigned))/float64(n), p)
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
// found. For invalid c or p (see GOSPA) d and localisation are NaN and
// missed = |x|, falseTracks = |y|.
func GOSPAParts(x, y []r3.Vec, c, p float64) (d, localisation float64, missed, falseTracks int) {
	var sd setDistance
	return sd.GOSPAParts(x, y, c, p)
}

// GOSPAParts is the package function GOSPAParts, reusing sd's workspace.
func (sd *setDistance) GOSPAParts(x, y []r3.Vec, c, p float64) (d, localisation float64, missed, falseTracks int) {
	if !validCutOff(c, p) {
		return math.NaN(), math.NaN(), len(x), len(y)
	}
	localisation, assigned := sd.assign(x, y, c, p)
	missed, falseTracks = len(x)-assigned, len(y)-assigned
	d = root(localisation+math.Pow(c, p)/2*float64(missed+falseTracks), p)
	return d, localisation, missed, falseTracks
}

// both returns OSPA and GOSPA (c and p valid) from one assignment.
func (sd *setDistance) both(x, y []r3.Vec, c, p float64) (ospa, gospa float64) {
	loc, assigned := sd.assign(x, y, c, p)
	cp := math.Pow(c, p)
	gospa = root(loc+cp/2*float64(len(x)+len(y)-2*assigned), p)
	switch n := max(len(x), len(y)); {
	case n == 0:
		ospa = 0
	case min(len(x), len(y)) == 0:
		ospa = c
	default:
		ospa = root((loc+cp*float64(n-assigned))/float64(n), p)
	}
	return ospa, gospa
}

func validCutOff(c, p float64) bool {
	return c > 0 && p >= 1 && !math.IsInf(c, 1) && !math.IsInf(p, 1)
}

// root returns v^(1/p), exactly for p = 1 and 2.
func root(v, p float64) float64 {
	switch p {
	case 1:
		return v
	case 2:
		return math.Sqrt(v)
	}
	return math.Pow(v, 1/p)
}

// setDistance computes OSPA and GOSPA between point sets, reusing its
// workspace: a metric evaluated every second of a run allocates nothing.
type setDistance struct {
	sa       sparseAssignment
	edges    []edge
	byX      []keysort.Item[float64] // points of y by east coordinate
	bands    northBands              // byX by north
	rowToCol []int
}

// assign finds the assignment of points of x to distinct points of y that
// minimises Σ min(c, ‖x_i − y_j‖)^p over the pairs, and returns the sum of
// ‖x_i − y_j‖^p over its pairs closer than c and their number.
//
// A pair at c or more costs c^p assigned or not, so only pairs closer than
// c matter, each worth ‖x_i − y_j‖^p − c^p < 0 against leaving both
// points out: the problem is a sparse assignment over the pairs closer
// than c, found by a sweep over y sorted by east (O((m + n)·log n) plus
// the close pairs, never m × n), solved component by component.
func (sd *setDistance) assign(x, y []r3.Vec, c, p float64) (localisation float64, assigned int) {
	if len(x) == 0 || len(y) == 0 {
		return 0, 0
	}
	cp := math.Pow(c, p)
	sd.byX = slices.Grow(sd.byX[:0], len(y))[:len(y)]
	for j := range sd.byX {
		sd.byX[j] = keysort.Item[float64]{Key: y[j].X, Index: j}
	}
	// In the order slices.SortFunc with cmp.Compare of the east
	// coordinates gives.
	keysort.Sort(sd.byX)
	sd.edges = sd.edges[:0]
	c2 := c * c
	sd.bands.build(sd.byX, y, c)
	for i, xi := range x {
		// From the first point not west of xi.X − c, to the last not east
		// of xi.X + c, in the north bands within c (a pair closer than c
		// is closer in north).
		sd.bands.window(xi.X-c, xi.X+c, xi, c)
		for _, f := range sd.bands.keepInOrder(func(k int) (rankedEdge, bool) {
			j := sd.byX[k].Index
			e := r3.Sub(xi, y[j])
			d2 := r3.Dot(e, e)
			if !(d2 < c2) { // including NaN distances from NaN coordinates
				return rankedEdge{}, false
			}
			cost := powDist(d2, p) - cp
			if math.IsInf(cp, 1) {
				cost = powDist(d2, p) // c^p overflows: assign as many pairs as possible, then the nearest
			}
			return rankedEdge{k: k, e: edge{row: i, col: j, cost: cost}}, true
		}) {
			sd.edges = append(sd.edges, f.e)
		}
	}
	sd.rowToCol = slices.Grow(sd.rowToCol[:0], len(x))[:len(x)]
	sd.sa.solve(sd.edges, len(x), len(y), sd.rowToCol, !math.IsInf(cp, 1))
	for i, j := range sd.rowToCol {
		if j >= 0 {
			e := r3.Sub(x[i], y[j])
			localisation += powDist(r3.Dot(e, e), p)
			assigned++
		}
	}
	return localisation, assigned
}

// powDist returns d^p from d² = d2.
func powDist(d2, p float64) float64 {
	switch p {
	case 2:
		return d2
	case 1:
		return math.Sqrt(d2)
	}
	return math.Pow(d2, p/2)
}
