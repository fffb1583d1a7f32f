package assign

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Edge is an allowed pair of a sparse assignment problem: a row, a column
// and the cost of pairing them.
type Edge struct {
	Row, Col int
	Cost     float64
}

// Sparse solves assignment problems given by their allowed pairs only,
// reusing its workspace: once it has solved a problem of a given size
// (rows, columns and edges), later problems no bigger allocate nothing.
// The zero value is ready to use. A Sparse is not safe for concurrent use.
//
// Its work follows the pairs the searches reach, not rows × columns; see the
// package documentation.
type Sparse struct {
	// The problem is solved with the smaller side as rows (transposed
	// when there are more rows than columns). The edges by row: row i's are
	// adjCol, adjCost and adjEdge [start[i]:start[i+1]], with the costs
	// shifted when missCost is +Inf.
	transposed bool
	start      []int
	adjCol     []int
	adjCost    []float64
	adjEdge    []int // the caller's index of each edge

	u, v     []float64 // row and column duals
	col4row  []int     // len rows: the column of each row, or −1
	edge4row []int     // len rows: the place in adj of each row's pair, or −1
	row4col  []int     // len cols: the row of each column, or −1

	// The current search: the length of the shortest path to column j
	// (spc[j], valid when seen[j] is the search's epoch), the row before it
	// on the path and that row's edge to it; done[j] is the epoch when j
	// was scanned. The heap holds the assigned columns reached; sink is
	// the best end reached so far, a free column or a row's unassigned end.
	spc        []float64
	path, via  []int
	seen, done []uint32
	epoch      uint32
	scanned    []int
	heap       []heapItem
	sink       heapItem
}

// heapItem is a node reached in a search: a column, or the "unassigned"
// end of a row; key is its distance, tie orders equal keys.
type heapItem struct {
	key  float64
	tie  uint64 // class<<32 | index: a row's unassigned end, then free columns, then assigned ones
	node int    // column, or −1−row for a row's unassigned end
}

// The classes of heapItem.tie: on a tie in distance a search ends rather
// than goes on, and leaves a row unassigned rather than assigns it.
const (
	classMiss     = 0
	classFree     = 1
	classAssigned = 2
)

// Solve finds the assignment of rows to distinct columns over the allowed
// pairs edges that minimises the total cost of its pairs plus missCost for
// every row left unassigned.
//
// Edges may come in any order; an edge of cost +Inf is not allowed (as if
// absent), and of two edges between one row and one column the cheaper
// counts. rowToCol (len rows, supplied by the caller) receives each row's
// column, or −1 when the row is left unassigned.
//
// missCost +Inf asks for Solver's rule instead: as many pairs as possible,
// and among those assignments the least total. Solve returns the total of
// the pairs' costs (without the unassigned rows' missCost). NaN or −Inf
// costs, a NaN or −Inf missCost, an edge outside rows × cols, negative sizes
// or a rowToCol of the wrong length are an error; on error the total is 0 and
// the contents of rowToCol are unspecified.
func (s *Sparse) Solve(edges []Edge, rows, cols int, missCost float64, rowToCol []int) (float64, error) {
	if rows < 0 || cols < 0 {
		return 0, fmt.Errorf("assign: negative size %d×%d", rows, cols)
	}
	if len(rowToCol) != rows {
		return 0, fmt.Errorf("assign: rowToCol has length %d, want %d", len(rowToCol), rows)
	}
	if math.IsNaN(missCost) || math.IsInf(missCost, -1) {
		return 0, fmt.Errorf("assign: missCost is %v", missCost)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for k, e := range edges {
		switch c := e.Cost; {
		case e.Row < 0 || e.Row >= rows || e.Col < 0 || e.Col >= cols:
			return 0, fmt.Errorf("assign: edge %d joins row %d and column %d, outside %d×%d", k, e.Row, e.Col, rows, cols)
		case math.IsNaN(c):
			return 0, fmt.Errorf("assign: edge %d (row %d, column %d) costs NaN", k, e.Row, e.Col)
		case math.IsInf(c, -1):
			return 0, fmt.Errorf("assign: edge %d (row %d, column %d) costs -Inf", k, e.Row, e.Col)
		case !math.IsInf(c, 1):
			lo = min(lo, c)
			hi = max(hi, c)
		}
	}
	for i := range rowToCol {
		rowToCol[i] = -1
	}
	if lo > hi { // no allowed pair
		return 0, nil
	}
	shift, miss := 0.0, missCost
	if math.IsInf(missCost, 1) {
		// Every row's unassigned end costs M, above any difference the
		// pairs can make. With the pairs' costs shifted to [0, R] (R the
		// spread of the finite costs) an assignment of k pairs costs
		// between (rows − k)·M and k·R + (rows − k)·M, so one with more
		// pairs is always cheaper when M > min(rows, cols)·R; among those
		// with k pairs the shift lowers every total by k·lo alike.
		shift = lo
		if math.IsInf(hi-lo, 0) {
			return 0, errors.New("assign: finite costs span too wide a range to maximise the number of pairs")
		}
		miss = float64(min(rows, cols))*(hi-lo) + 1
		if math.IsInf(miss, 0) {
			return 0, errors.New("assign: finite costs span too wide a range to maximise the number of pairs")
		}
	}
	// Leaving a row unassigned at miss each costs, up to a constant, what
	// leaving a column unassigned at miss each does (the two counts differ
	// by rows − cols whatever the assignment), so the problem may be solved
	// from either side: from the smaller, which has fewer rows to add.
	s.transposed = rows > cols
	n, m := rows, cols
	if s.transposed {
		n, m = cols, rows
	}
	s.build(edges, n, m, shift)
	if !s.solve(n, miss) {
		return 0, errors.New("assign: arithmetic overflow; costs are too large in magnitude")
	}
	total := 0.0
	for i, k := range s.edge4row[:n] {
		if k < 0 {
			continue
		}
		if s.transposed {
			rowToCol[s.adjCol[k]] = i
		} else {
			rowToCol[i] = s.adjCol[k]
		}
		total += edges[s.adjEdge[k]].Cost
	}
	return total, nil
}

// build sizes the workspace for rows × cols (the problem transposed when
// s.transposed) and sorts the allowed edges by row (a counting sort,
// keeping their order within a row), with their costs less shift.
func (s *Sparse) build(edges []Edge, rows, cols int, shift float64) {
	s.start = resize(s.start, rows+1)
	clear(s.start)
	n := 0
	for _, e := range edges {
		if !math.IsInf(e.Cost, 1) {
			s.start[s.rowOf(e)+1]++
			n++
		}
	}
	for i := range rows {
		s.start[i+1] += s.start[i]
	}
	s.adjCol = resize(s.adjCol, n)
	s.adjCost = resize(s.adjCost, n)
	s.adjEdge = resize(s.adjEdge, n)
	for k, e := range edges {
		if math.IsInf(e.Cost, 1) {
			continue
		}
		r, c := e.Row, e.Col
		if s.transposed {
			r, c = c, r
		}
		p := s.start[r]
		s.adjCol[p], s.adjCost[p], s.adjEdge[p] = c, e.Cost-shift, k
		s.start[r]++
	}
	for i := rows; i > 0; i-- { // the counting sort moved each start to the next
		s.start[i] = s.start[i-1]
	}
	s.start[0] = 0

	s.u = resize(s.u, rows)
	s.col4row = resize(s.col4row, rows)
	s.edge4row = resize(s.edge4row, rows)
	clear(s.u)
	for i := range rows {
		s.col4row[i], s.edge4row[i] = -1, -1
	}
	s.v = resize(s.v, cols)
	s.row4col = resize(s.row4col, cols)
	s.spc = resize(s.spc, cols)
	s.path = resize(s.path, cols)
	s.via = resize(s.via, cols)
	clear(s.v)
	for j := range cols {
		s.row4col[j] = -1
	}
	if len(s.seen) < cols {
		// New stamps start below any epoch to come.
		s.seen = slices.Grow(s.seen, cols-len(s.seen))[:cols]
		s.done = slices.Grow(s.done, cols-len(s.done))[:cols]
		clear(s.seen)
		clear(s.done)
		s.epoch = 0
	}
}

// rowOf returns the row of edge e in the problem as solved.
func (s *Sparse) rowOf(e Edge) int {
	if s.transposed {
		return e.Col
	}
	return e.Row
}

// solve adds the rows one at a time, each by the shortest augmenting path
// from it (Dijkstra over reduced costs, the search stopping at the first
// free column or unassigned end it settles), with miss the cost of a row's
// unassigned end. It reports false if the arithmetic overflowed.
func (s *Sparse) solve(rows int, miss float64) bool {
	for cur := range rows {
		if s.start[cur] == s.start[cur+1] {
			continue // no allowed pair: unassigned, and no other row can reach it
		}
		if s.epoch == math.MaxUint32 {
			clear(s.seen)
			clear(s.done)
			s.epoch = 0
		}
		s.epoch++
		s.heap, s.scanned = s.heap[:0], s.scanned[:0]
		s.sink = heapItem{key: math.Inf(1), tie: math.MaxUint64}
		s.relax(cur, 0, miss)
		for len(s.heap) > 0 && s.heap[0].less(&s.sink) {
			it := s.pop()
			j := it.node
			if s.done[j] == s.epoch || it.key != s.spc[j] {
				continue // settled already, or a longer path since improved on
			}
			s.done[j] = s.epoch
			s.scanned = append(s.scanned, j)
			s.relax(s.row4col[j], it.key, miss)
		}
		// The row's own unassigned end is always reached, so a sink is
		// there unless the sums overflowed.
		sink, minVal := s.sink.node, s.sink.key
		if math.IsNaN(minVal) || math.IsInf(minVal, 0) {
			return false
		}

		// Duals: reduced costs stay non-negative and are zero along the
		// assignment and the new path.
		s.u[cur] += minVal
		for _, j := range s.scanned {
			d := minVal - s.spc[j]
			s.u[s.row4col[j]] += d
			s.v[j] -= d
		}

		// Flip the assignment along the path back from the sink to cur.
		j := sink
		if sink < 0 {
			// The path ends in row r's unassigned end: r gives up its
			// column to the row before it on the path.
			r := -1 - sink
			j = s.col4row[r]
			s.col4row[r], s.edge4row[r] = -1, -1
			if r == cur {
				continue
			}
		}
		for {
			i := s.path[j]
			s.row4col[j] = i
			prev := s.col4row[i]
			s.col4row[i], s.edge4row[i] = j, s.via[j]
			if i == cur {
				break
			}
			j = prev
		}
	}
	return true
}

// relax updates the paths through row i, reached at distance d: to each
// column it may take, and to its unassigned end. Assigned columns go on
// the heap; free ones and the unassigned end, where a path would end,
// only compete for the sink.
func (s *Sparse) relax(i int, d, miss float64) {
	base := d - s.u[i]
	epoch := s.epoch
	for k := s.start[i]; k < s.start[i+1]; k++ {
		j := s.adjCol[k]
		if s.done[j] == epoch {
			continue
		}
		r := base + s.adjCost[k] - s.v[j]
		if s.seen[j] == epoch && !(r < s.spc[j]) {
			continue
		}
		s.seen[j], s.spc[j], s.path[j], s.via[j] = epoch, r, i, k
		if s.row4col[j] >= 0 {
			s.push(heapItem{key: r, tie: classAssigned<<32 | uint64(j), node: j})
		} else if it := (heapItem{key: r, tie: classFree<<32 | uint64(j), node: j}); it.less(&s.sink) {
			s.sink = it
		}
	}
	if it := (heapItem{key: base + miss, tie: classMiss<<32 | uint64(i), node: -1 - i}); it.less(&s.sink) {
		s.sink = it
	}
}

func (a *heapItem) less(b *heapItem) bool {
	return a.key < b.key || (a.key == b.key && a.tie < b.tie)
}

// push and pop keep s.heap a binary min-heap.
func (s *Sparse) push(it heapItem) {
	h := append(s.heap, it)
	k := len(h) - 1
	for k > 0 {
		p := (k - 1) / 2
		if !h[k].less(&h[p]) {
			break
		}
		h[k], h[p] = h[p], h[k]
		k = p
	}
	s.heap = h
}

func (s *Sparse) pop() heapItem {
	h := s.heap
	top := h[0]
	n := len(h) - 1
	h[0] = h[n]
	h = h[:n]
	for k := 0; ; {
		l := 2*k + 1
		if l >= n {
			break
		}
		m := l
		if r := l + 1; r < n && h[r].less(&h[l]) {
			m = r
		}
		if !h[m].less(&h[k]) {
			break
		}
		h[k], h[m] = h[m], h[k]
		k = m
	}
	s.heap = h
	return top
}
