package assign

import (
	"errors"
	"fmt"
	"math"
)

// Solver solves assignment problems, reusing its workspace: after the first
// call with a given size it allocates nothing. The zero value is ready to use.
// A Solver is not safe for concurrent use.
type Solver struct {
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
func (s *Solver) Solve(cost []float64, rows, cols int, rowToCol []int) (float64, error) {
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
	if !transposed {
		forbidden = forbidden[:len(cost)]
		for k, c := range cost[:len(w)] {
			if math.IsInf(c, 1) {
				w[k], forbidden[k] = bigM, true
			} else {
				w[k], forbidden[k] = c-shift, false
			}
		}
	} else {
		for i := range rows {
			for j := range cols {
				c := cost[i*cols+j]
				k := j*rows + i
				if math.IsInf(c, 1) {
					w[k], forbidden[k] = bigM, true
				} else {
					w[k], forbidden[k] = c-shift, false
				}
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
func (s *Solver) grow(n, m int) {
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

func resize[T any](x []T, n int) []T {
	if cap(x) < n {
		return make([]T, n)
	}
	return x[:n]
}

// solve runs the shortest augmenting path algorithm on the n×m matrix s.w,
// n ≤ m, all entries finite, leaving the matching in s.col4row. It reports
// false only if the arithmetic overflowed, which costs near the limits of
// float64 can cause.
func (s *Solver) solve(n, m int) bool {
	// Each slice cut to its length, n or m, so that one bounds check of an
	// index serves them all.
	u, col4row, sr := s.u[:n], s.col4row[:n], s.sr[:n]
	v, row4col, spc, sc, path := s.v[:m], s.row4col[:m], s.spc[:m], s.sc[:m], s.path[:m]
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
		for i := range u {
			if sr[i] && i != cur {
				u[i] += minVal - spc[col4row[i]]
			}
		}
		for j := range v {
			if sc[j] {
				v[j] -= minVal - spc[j]
			}
		}

		// Flip the matching along the path back from the sink to cur.
		for j := sink; ; {
			i := path[j]
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
func (s *Solver) augmentingPath(start, n, m int) (sink int, minVal float64) {
	// Each slice cut to its length, n or m, so that one bounds check of an
	// index serves them all.
	w, u, sr := s.w, s.u[:n], s.sr[:n]
	v, spc, path, row4col, remaining, sc := s.v[:m], s.spc[:m], s.path[:m], s.row4col[:m], s.remaining[:m], s.sc[:m]
	// Scan columns in reverse order, which (with the preference for free
	// columns on ties below) tends to settle ties on the diagonal.
	nRemaining := m
	for j := range remaining {
		remaining[j] = m - j - 1
		sc[j] = false
		spc[j] = math.Inf(1)
	}
	clear(sr)

	i := start
	sink = -1
	for sink == -1 {
		sr[i] = true
		index := -1
		lowest := math.Inf(1)
		row := w[i*m:][:m]
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
