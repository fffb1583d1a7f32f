package metrics

import (
	"math"
	"slices"

	"github.com/cuasim/cuasim/assign"
	"github.com/cuasim/cuasim/internal/keysort"
)

// edge is an allowed pair of a sparse assignment problem.
type edge struct {
	row, col int
	cost     float64
}

// sparseAssignment solves assignment problems given as their allowed pairs
// only, one connected component at a time: rows and columns linked by no
// chain of allowed pairs never compete, so the optimum is the union of the
// components' optima and a scene of many far-apart objects costs the sum
// of small problems. It reuses its workspace.
type sparseAssignment struct {
	solver             assign.Sparse
	parent             []int
	order              []keysort.Item[int] // edges by the root of their component
	localRow, localCol []int
	rowsOf, colsOf     []int
	local              []assign.Edge // the component's edges, numbered in it
	compRowCol         []int
}

// solve assigns rows to columns over the allowed pairs edges, writing each
// row's column, or −1, into rowToCol (len rows). With optional, a row may
// stay unassigned at no cost, and the total cost is minimised; without,
// as many pairs as possible are made and, among those assignments, the
// total is minimised (assign.Solver's rule for forbidden pairs). Each
// component of more than one row and column goes to assign.Sparse.
func (a *sparseAssignment) solve(edges []edge, rows, cols int, rowToCol []int, optional bool) {
	for i := range rowToCol[:rows] {
		rowToCol[i] = -1
	}
	if len(edges) == 0 {
		return
	}
	n := rows + cols
	a.parent = slices.Grow(a.parent[:0], n)[:n]
	for i := range a.parent {
		a.parent[i] = i
	}
	for _, e := range edges {
		if x, y := a.find(e.row), a.find(rows+e.col); x != y {
			a.parent[x] = y
		}
	}
	a.order = slices.Grow(a.order[:0], len(edges))[:len(edges)]
	for k, e := range edges {
		// Consecutive edges of one row (the callers make them row by
		// row) share its root, found once.
		var root int
		if k > 0 && e.row == edges[k-1].row {
			root = a.order[k-1].Key
		} else {
			root = a.find(e.row)
		}
		a.order[k] = keysort.Item[int]{Key: root, Index: k}
	}
	// In the order slices.SortFunc with the roots' difference gives.
	keysort.Sort(a.order)
	a.localRow = fill(a.localRow, rows, -1)
	a.localCol = fill(a.localCol, cols, -1)
	for start := 0; start < len(a.order); {
		end := start + 1
		for end < len(a.order) && a.order[end].Key == a.order[start].Key {
			end++
		}
		a.component(edges, a.order[start:end], rowToCol, optional)
		start = end
	}
}

// component solves the component whose edges are those of ks.
func (a *sparseAssignment) component(edges []edge, ks []keysort.Item[int], rowToCol []int, optional bool) {
	a.rowsOf, a.colsOf = a.rowsOf[:0], a.colsOf[:0]
	for _, k := range ks {
		e := edges[k.Index]
		if a.localRow[e.row] < 0 {
			a.localRow[e.row] = len(a.rowsOf)
			a.rowsOf = append(a.rowsOf, e.row)
		}
		if a.localCol[e.col] < 0 {
			a.localCol[e.col] = len(a.colsOf)
			a.colsOf = append(a.colsOf, e.col)
		}
	}
	nr, nc := len(a.rowsOf), len(a.colsOf)
	if nr == 1 || nc == 1 {
		// One row or one column: at most one pair, the cheapest (and only
		// if it gains when pairs are optional; otherwise any pair is worth
		// more than none).
		best := ks[0].Index
		for _, k := range ks[1:] {
			if edges[k.Index].cost < edges[best].cost {
				best = k.Index
			}
		}
		if e := edges[best]; !optional || e.cost < 0 {
			rowToCol[e.row] = e.col
		}
	} else {
		// A row may stay unassigned at no cost when pairs are optional;
		// otherwise as many pairs as possible are made (miss +Inf).
		miss := math.Inf(1)
		if optional {
			miss = 0
		}
		a.local = a.local[:0]
		for _, k := range ks {
			e := edges[k.Index]
			a.local = append(a.local, assign.Edge{Row: a.localRow[e.row], Col: a.localCol[e.col], Cost: e.cost})
		}
		a.compRowCol = slices.Grow(a.compRowCol[:0], nr)[:nr]
		if _, err := a.solver.Solve(a.local, nr, nc, miss, a.compRowCol); err != nil {
			panic("metrics: assignment: " + err.Error()) // costs are finite or +Inf by construction
		}
		for r, c := range a.compRowCol {
			if c >= 0 {
				rowToCol[a.rowsOf[r]] = a.colsOf[c]
			}
		}
	}
	for _, r := range a.rowsOf {
		a.localRow[r] = -1
	}
	for _, c := range a.colsOf {
		a.localCol[c] = -1
	}
}

func (a *sparseAssignment) find(i int) int {
	for a.parent[i] != i {
		a.parent[i] = a.parent[a.parent[i]]
		i = a.parent[i]
	}
	return i
}

// fill returns s resized to n and set to v.
func fill[T any](s []T, n int, v T) []T {
	s = slices.Grow(s[:0], n)[:n]
	for i := range s {
		s[i] = v
	}
	return s
}
