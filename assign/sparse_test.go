package assign_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cuasim/cuasim/assign"
)

// bruteForceMiss returns the least total of pairs plus miss per row left
// unassigned, by trying for each row every column no earlier row took, and
// none.
func bruteForceMiss(cost []float64, rows, cols int, miss float64) float64 {
	best := inf
	used := make([]bool, cols)
	var rec func(i int, t float64)
	rec = func(i int, t float64) {
		if i == rows {
			best = min(best, t)
			return
		}
		rec(i+1, t+miss)
		for j := range cols {
			if c := cost[i*cols+j]; !used[j] && !math.IsInf(c, 1) {
				used[j] = true
				rec(i+1, t+c)
				used[j] = false
			}
		}
	}
	rec(0, 0)
	return best
}

// edgesOf returns the pairs of a cost matrix as edges, in random order,
// with a forbidden pair written out now and then (cost +Inf) and now and
// then an allowed pair twice, the second time dearer.
func edgesOf(rng *rand.Rand, cost []float64, rows, cols int) []assign.Edge {
	var edges []assign.Edge
	for i := range rows {
		for j := range cols {
			c := cost[i*cols+j]
			switch {
			case !math.IsInf(c, 1):
				edges = append(edges, assign.Edge{Row: i, Col: j, Cost: c})
				if rng.IntN(8) == 0 {
					edges = append(edges, assign.Edge{Row: i, Col: j, Cost: c + 1 + rng.Float64()})
				}
			case rng.IntN(4) == 0:
				edges = append(edges, assign.Edge{Row: i, Col: j, Cost: inf})
			}
		}
	}
	rng.Shuffle(len(edges), func(a, b int) { edges[a], edges[b] = edges[b], edges[a] })
	return edges
}

// checkSparse verifies that rowToCol assigns rows to distinct columns over
// allowed pairs, that total is the sum of their cheapest costs, and returns
// its number of pairs and the total with miss per unassigned row.
func checkSparse(t *testing.T, cost []float64, rows, cols int, rowToCol []int, total, miss float64) (pairs int, withMiss float64) {
	t.Helper()
	pairs = check(t, cost, rows, cols, rowToCol, total)
	withMiss = total
	if rows > pairs {
		withMiss += miss * float64(rows-pairs)
	}
	return pairs, withMiss
}

func TestSparseAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	var s assign.Sparse // reused across sizes, so workspace reuse is exercised too
	trials := 0
	for range 40 {
		for rows := range 8 {
			for cols := range 8 {
				integer := rng.IntN(2) == 0
				pInf := [...]float64{0, 0, 0.2, 0.5, 0.9}[rng.IntN(5)]
				cost := randomMatrix(rng, rows, cols, integer, pInf)
				edges := edgesOf(rng, cost, rows, cols)
				rowToCol := make([]int, rows)
				for _, miss := range []float64{inf, 0, 3, float64(rng.IntN(15)), rng.NormFloat64() * 100} {
					for i := range rowToCol {
						rowToCol[i] = 99 // must be overwritten
					}
					total, err := s.Solve(edges, rows, cols, miss, rowToCol)
					if err != nil {
						t.Fatalf("%d×%d miss %v: %v", rows, cols, miss, err)
					}
					pairs, withMiss := checkSparse(t, cost, rows, cols, rowToCol, total, miss)
					if math.IsInf(miss, 1) {
						wantPairs, wantTotal := bruteForce(cost, rows, cols)
						if pairs != wantPairs || !near(total, wantTotal, integer) {
							t.Fatalf("%d×%d %v: %d pairs total %v %v, want %d pairs total %v", rows, cols, cost, pairs, total, rowToCol, wantPairs, wantTotal)
						}
					} else if want := bruteForceMiss(cost, rows, cols, miss); !near(withMiss, want, integer && miss == math.Trunc(miss)) {
						t.Fatalf("%d×%d %v miss %v: total %v %v, want %v", rows, cols, cost, miss, withMiss, rowToCol, want)
					}
					trials++
				}
			}
		}
	}
	t.Logf("%d random problems agree with brute force", trials)
}

func near(got, want float64, exact bool) bool {
	if exact {
		return got == want
	}
	return math.Abs(got-want) <= 1e-9*(1+math.Abs(want))
}

// withMissColumns returns the dense matrix of a problem with a cost miss
// for leaving a row unassigned: one column per row after cols, at miss on
// the diagonal and forbidden elsewhere (how the tracker wrote it for
// Solver).
func withMissColumns(cost []float64, rows, cols int, miss float64) []float64 {
	w := cols + rows
	d := make([]float64, rows*w)
	for i := range rows {
		for j := range w {
			switch {
			case j < cols:
				d[i*w+j] = cost[i*cols+j]
			case j-cols == i:
				d[i*w+j] = miss
			default:
				d[i*w+j] = inf
			}
		}
	}
	return d
}

// TestSparseSameAsDense checks that Sparse and Solver choose the same
// assignment, pair for pair, where it is unique (real-valued costs), on
// problems up to 60×60 too large for brute force, both with a cost for an
// unassigned row (the tracker's form) and with as many pairs as possible
// (the scoring's); and that on integer costs, with many ties, their totals
// agree. Ties may be settled differently; how often is logged.
func TestSparseSameAsDense(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	var sp assign.Sparse
	var de assign.Solver
	trials, tied, differ := 0, 0, 0
	for range 300 {
		rows, cols := 1+rng.IntN(60), 1+rng.IntN(60)
		integer := rng.IntN(3) == 0
		pInf := [...]float64{0, 0.5, 0.9, 0.97}[rng.IntN(4)]
		cost := randomMatrix(rng, rows, cols, integer, pInf)
		edges := edgesOf(rng, cost, rows, cols)
		for _, miss := range []float64{inf, 0, rng.NormFloat64() * 100} {
			dense, dc := cost, cols
			if !math.IsInf(miss, 1) {
				dense, dc = withMissColumns(cost, rows, cols, miss), cols+rows
			}
			want := make([]int, rows)
			wantTotal, err := de.Solve(dense, rows, dc, want)
			if err != nil {
				t.Fatal(err)
			}
			got := make([]int, rows)
			total, err := sp.Solve(edges, rows, cols, miss, got)
			if err != nil {
				t.Fatal(err)
			}
			// With miss columns every row is assigned, some to their miss.
			wantPairs, wantWithMiss := 0, wantTotal
			for i, j := range want {
				switch {
				case j >= cols:
					want[i] = -1
					wantTotal -= miss
				case j >= 0:
					wantPairs++
				}
			}
			pairs, withMiss := checkSparse(t, cost, rows, cols, got, total, miss)
			if math.IsInf(miss, 1) {
				if pairs != wantPairs || !near(total, wantTotal, integer) {
					t.Fatalf("%d×%d: %d pairs total %v, dense %d pairs total %v", rows, cols, pairs, total, wantPairs, wantTotal)
				}
			} else if !near(withMiss, wantWithMiss, integer && miss == math.Trunc(miss)) {
				t.Fatalf("%d×%d miss %v: total %v, dense %v", rows, cols, miss, withMiss, wantWithMiss)
			}
			trials++
			if integer {
				tied++
				if !equal(got, want) {
					differ++
				}
				continue
			}
			if !equal(got, want) {
				t.Fatalf("%d×%d miss %v: assignment %v, dense %v", rows, cols, miss, got, want)
			}
		}
	}
	t.Logf("%d problems; on %d with integer costs the assignments differ in %d (equal totals)", trials, tied, differ)
}

func TestSparseErrors(t *testing.T) {
	var s assign.Sparse
	r := make([]int, 2)
	for _, c := range []struct {
		edges      []assign.Edge
		rows, cols int
		miss       float64
		rowToCol   []int
	}{
		{nil, -1, 2, 0, nil},
		{nil, 2, 2, 0, make([]int, 1)},
		{[]assign.Edge{{0, 0, math.NaN()}}, 2, 2, 0, r},
		{[]assign.Edge{{0, 0, math.Inf(-1)}}, 2, 2, 0, r},
		{[]assign.Edge{{0, 2, 1}}, 2, 2, 0, r},
		{[]assign.Edge{{-1, 0, 1}}, 2, 2, 0, r},
		{[]assign.Edge{{0, 0, 1}}, 2, 2, math.NaN(), r},
		{[]assign.Edge{{0, 0, 1}}, 2, 2, math.Inf(-1), r},
		{[]assign.Edge{{0, 0, -math.MaxFloat64}, {1, 1, math.MaxFloat64}}, 2, 2, inf, r},
	} {
		if total, err := s.Solve(c.edges, c.rows, c.cols, c.miss, c.rowToCol); err == nil {
			t.Errorf("%+v: no error (total %v)", c, total)
		}
	}
	// Still usable after errors.
	if total, err := s.Solve([]assign.Edge{{0, 0, 1}, {0, 1, 2}, {1, 0, 3}, {1, 1, 4}}, 2, 2, inf, r); err != nil || total != 5 {
		t.Errorf("after errors: total %v err %v", total, err)
	}
}

func TestSparseNoAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	for _, size := range [][2]int{{20, 20}, {10, 30}, {30, 10}} {
		rows, cols := size[0], size[1]
		edges := edgesOf(rng, randomMatrix(rng, rows, cols, false, 0.7), rows, cols)
		r := make([]int, rows)
		var s assign.Sparse
		for _, miss := range []float64{inf, 5} {
			if _, err := s.Solve(edges, rows, cols, miss, r); err != nil {
				t.Fatal(err)
			}
			allocs := testing.AllocsPerRun(20, func() {
				if _, err := s.Solve(edges, rows, cols, miss, r); err != nil {
					t.Fatal(err)
				}
			})
			if allocs != 0 {
				t.Errorf("%d×%d miss %v: %v allocations per call, want 0", rows, cols, miss, allocs)
			}
		}
	}
}
