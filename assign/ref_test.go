package assign

// The Solver as first written, before its loops were tuned: Solve must
// give the same assignment and total, bit for bit, ties included
// (TestSameAsReference).

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// refSolver solves assignment problems, reusing its workspace: after the first
// call with a given size it allocates nothing. The zero value is ready to use.
// A refSolver is not safe for concurrent use.
type refSolver struct {
	w         []float64 // n×m working costs (transposed when rows > cols), shifted, +Inf replaced by big-M
	forbidden []bool    // n×m: whether the original entry was +Inf
	u         []float64 // row duals, len n
	v         []float64 // column duals, len m
	spc       []float64 // shortest path cost to each column, len m
	path      []int     // predecessor row of each column on the shortest path tree, len m
	col4row   []int     // len n
	row4col   []int     // len m
	remaining []int     // columns not yet scanned in the current search, len m
	sr        []bool    // rows scanned in the current search, len n
	sc        []bool    // columns scanned in the current search, len m
}

// Solve finds the assignment of rows to distinct columns that minimises the
// total cost.
//
// cost is row-major with rows*cols entries. An entry of +Inf forbids that
// pair. rowToCol (len rows, supplied by the caller) receives each row's column
// or -1 when the row is unassigned (rows > cols, or every column it may take
// is forbidden or better used elsewhere).
//
// It assigns as many pairs with finite cost as possible, and among those the
// minimum total; it returns that total, summed from the entries of cost. NaN
// or -Inf entries are an error, as are a cost or rowToCol of the wrong length
// and negative sizes; on error the total is 0 and the contents of rowToCol are
// unspecified. See the package documentation for how forbidden pairs are
// handled.
func (s *refSolver) Solve(cost []float64, rows, cols int, rowToCol []int) (float64, error) {
	if rows < 0 || cols < 0 {
		return 0, fmt.Errorf("assign: negative size %d×%d", rows, cols)
	}
	if len(cost) != rows*cols {
		return 0, fmt.Errorf("assign: cost has %d entries, want %d×%d = %d", len(cost), rows, cols, rows*cols)
	}
	if len(rowToCol) != rows {
		return 0, fmt.Errorf("assign: rowToCol has length %d, want %d", len(rowToCol), rows)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	hasInf := false
	for k, c := range cost {
		switch {
		case math.IsNaN(c):
			return 0, fmt.Errorf("assign: cost[%d][%d] is NaN", k/cols, k%cols)
		case math.IsInf(c, -1):
			return 0, fmt.Errorf("assign: cost[%d][%d] is -Inf", k/cols, k%cols)
		case math.IsInf(c, 1):
			hasInf = true
		default:
			lo = min(lo, c)
			hi = max(hi, c)
		}
	}
	for i := range rowToCol {
		rowToCol[i] = -1
	}
	if rows == 0 || cols == 0 || lo > hi { // empty, or every pair forbidden
		return 0, nil
	}

	// Work on an n×m matrix with n ≤ m.
	transposed := rows > cols
	n, m := rows, cols
	if transposed {
		n, m = cols, rows
	}
	spread := hi - lo
	shift := lo
	if math.IsInf(spread, 0) {
		shift = 0 // finite entries span more than float64 can hold; shifting would overflow
	}
	bigM := 2*float64(n)*spread + 1
	if hasInf && math.IsInf(bigM, 0) {
		return 0, errors.New("assign: finite costs span too wide a range to be combined with +Inf entries")
	}
	s.grow(n, m)
	w, forbidden := s.w, s.forbidden
	for i := range rows {
		for j := range cols {
			c := cost[i*cols+j]
			k := i*cols + j
			if transposed {
				k = j*rows + i
			}
			if math.IsInf(c, 1) {
				w[k], forbidden[k] = bigM, true
			} else {
				w[k], forbidden[k] = c-shift, false
			}
		}
	}

	if !s.solve(n, m) {
		for i := range rowToCol {
			rowToCol[i] = -1
		}
		return 0, errors.New("assign: arithmetic overflow; costs are too large in magnitude")
	}

	total := 0.0
	for r, c := range s.col4row {
		if forbidden[r*m+c] {
			continue
		}
		if transposed {
			rowToCol[c] = r
			total += cost[c*cols+r]
		} else {
			rowToCol[r] = c
			total += cost[r*cols+c]
		}
	}
	return total, nil
}

// grow sizes the workspace for an n×m problem, reallocating only when it is
// too small.
func (s *refSolver) grow(n, m int) {
	s.w = resize(s.w, n*m)
	s.forbidden = resize(s.forbidden, n*m)
	s.u = resize(s.u, n)
	s.v = resize(s.v, m)
	s.spc = resize(s.spc, m)
	s.path = resize(s.path, m)
	s.col4row = resize(s.col4row, n)
	s.row4col = resize(s.row4col, m)
	s.remaining = resize(s.remaining, m)
	s.sr = resize(s.sr, n)
	s.sc = resize(s.sc, m)
}

// solve runs the shortest augmenting path algorithm on the n×m matrix s.w,
// n ≤ m, all entries finite, leaving the matching in s.col4row. It reports
// false only if the arithmetic overflowed, which costs near the limits of
// float64 can cause.
func (s *refSolver) solve(n, m int) bool {
	u, v := s.u, s.v
	col4row, row4col := s.col4row, s.row4col
	for i := range u {
		u[i] = 0
		col4row[i] = -1
	}
	for j := range v {
		v[j] = 0
		row4col[j] = -1
	}
	for cur := range n {
		sink, minVal := s.augmentingPath(cur, n, m)
		if sink < 0 {
			// Every entry is finite and n ≤ m, so a free column is always
			// reachable unless the sums overflowed.
			return false
		}

		// Update the duals so that reduced costs stay non-negative and are
		// zero along the matching and the new path.
		u[cur] += minVal
		for i := range n {
			if s.sr[i] && i != cur {
				u[i] += minVal - s.spc[col4row[i]]
			}
		}
		for j := range m {
			if s.sc[j] {
				v[j] -= minVal - s.spc[j]
			}
		}

		// Flip the matching along the path back from the sink to cur.
		for j := sink; ; {
			i := s.path[j]
			row4col[j] = i
			col4row[i], j = j, col4row[i]
			if i == cur {
				break
			}
		}
	}
	return true
}

// augmentingPath finds the shortest augmenting path from the free row start
// to a free column, Dijkstra-style over reduced costs. It returns the sink
// column (-1 if none can be reached) and the path's length.
func (s *refSolver) augmentingPath(start, n, m int) (sink int, minVal float64) {
	w, u, v := s.w, s.u, s.v
	spc, path, row4col, remaining := s.spc, s.path, s.row4col, s.remaining
	sr, sc := s.sr, s.sc
	// Scan columns in reverse order, which (with the preference for free
	// columns on ties below) tends to settle ties on the diagonal.
	nRemaining := m
	for j := range m {
		remaining[j] = m - j - 1
		sc[j] = false
		spc[j] = math.Inf(1)
	}
	for i := range n {
		sr[i] = false
	}

	i := start
	sink = -1
	for sink == -1 {
		sr[i] = true
		index := -1
		lowest := math.Inf(1)
		row := w[i*m : (i+1)*m]
		base := minVal - u[i]
		for it, j := range remaining[:nRemaining] {
			r := base + row[j] - v[j]
			if r < spc[j] {
				path[j] = i
				spc[j] = r
			}
			if spc[j] < lowest || (spc[j] == lowest && row4col[j] == -1) {
				lowest = spc[j]
				index = it
			}
		}
		if index < 0 || math.IsInf(lowest, 1) {
			return -1, lowest
		}
		minVal = lowest
		j := remaining[index]
		if row4col[j] == -1 {
			sink = j
		} else {
			i = row4col[j]
		}
		sc[j] = true
		nRemaining--
		remaining[index] = remaining[nRemaining]
	}
	return sink, minVal
}

// TestSameAsReference checks Solve against refSolver on random problems of
// the sizes the tracker and the metrics meet, integer costs (many ties),
// forbidden entries and shapes both ways, bit for bit.
func TestSameAsReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	var s Solver
	var ref refSolver
	for k := 0; k < 50000; k++ {
		rows, cols := rng.IntN(10), rng.IntN(10)
		if k%10 == 0 {
			rows, cols = rng.IntN(40), rng.IntN(40)
		}
		pInf := []float64{0, 0.3, 0.6, 0.9}[k%4]
		cost := make([]float64, rows*cols)
		for i := range cost {
			switch {
			case rng.Float64() < pInf:
				cost[i] = math.Inf(1)
			case k%3 == 0:
				cost[i] = float64(rng.IntN(7) - 3)
			default:
				cost[i] = rng.NormFloat64() * 100
			}
		}
		if k%97 == 0 && len(cost) > 0 {
			cost[rng.IntN(len(cost))] = []float64{math.NaN(), math.Inf(-1), 1e308, -1e308}[rng.IntN(4)]
		}
		got, want := make([]int, rows), make([]int, rows)
		gt, gerr := s.Solve(cost, rows, cols, got)
		wt, werr := ref.Solve(cost, rows, cols, want)
		if (gerr == nil) != (werr == nil) || (gerr != nil && gerr.Error() != werr.Error()) {
			t.Fatalf("case %d (%d×%d): error %v, want %v", k, rows, cols, gerr, werr)
		}
		if gerr != nil {
			continue
		}
		if math.Float64bits(gt) != math.Float64bits(wt) || !slices.Equal(got, want) {
			t.Fatalf("case %d (%d×%d): %v %v, want %v %v", k, rows, cols, got, gt, want, wt)
		}
	}
}
