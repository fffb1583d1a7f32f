package assign_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cuasim/cuasim/assign"
)

var inf = math.Inf(1)

// bruteForce returns the largest number of finite pairs any assignment
// achieves and the least total of finite pairs among assignments achieving
// it, by trying every injection of the smaller side into the larger.
func bruteForce(cost []float64, rows, cols int) (pairs int, total float64) {
	transposed := rows > cols
	n, m := rows, cols
	if transposed {
		n, m = cols, rows
	}
	at := func(i, j int) float64 { // i on the smaller side
		if transposed {
			return cost[j*cols+i]
		}
		return cost[i*cols+j]
	}
	bestPairs, bestTotal := -1, inf
	used := make([]bool, m)
	var rec func(i, k int, t float64)
	rec = func(i, k int, t float64) {
		if i == n {
			if k > bestPairs || (k == bestPairs && t < bestTotal) {
				bestPairs, bestTotal = k, t
			}
			return
		}
		for j := range m {
			if used[j] {
				continue
			}
			used[j] = true
			if c := at(i, j); math.IsInf(c, 1) {
				rec(i+1, k, t)
			} else {
				rec(i+1, k+1, t+c)
			}
			used[j] = false
		}
	}
	rec(0, 0, 0)
	if bestPairs < 0 { // n == 0
		return 0, 0
	}
	return bestPairs, bestTotal
}

// check verifies that rowToCol is a valid assignment using only finite
// entries, that it sums to total, and returns its number of pairs.
func check(t *testing.T, cost []float64, rows, cols int, rowToCol []int, total float64) int {
	t.Helper()
	seen := make(map[int]bool)
	pairs, sum := 0, 0.0
	for i, j := range rowToCol {
		if j == -1 {
			continue
		}
		if j < 0 || j >= cols {
			t.Fatalf("row %d assigned to column %d out of range [0, %d)", i, j, cols)
		}
		if seen[j] {
			t.Fatalf("column %d assigned twice: %v", j, rowToCol)
		}
		seen[j] = true
		c := cost[i*cols+j]
		if math.IsInf(c, 1) {
			t.Fatalf("row %d assigned to forbidden column %d", i, j)
		}
		pairs++
		sum += c
	}
	if math.Abs(sum-total) > 1e-9*(1+math.Abs(sum)) {
		t.Fatalf("returned total %v, but the assigned entries sum to %v", total, sum)
	}
	return pairs
}

func randomMatrix(rng *rand.Rand, rows, cols int, integer bool, pInf float64) []float64 {
	cost := make([]float64, rows*cols)
	for k := range cost {
		switch {
		case rng.Float64() < pInf:
			cost[k] = inf
		case integer:
			cost[k] = float64(rng.IntN(21) - 5) // small range: many ties
		default:
			cost[k] = rng.NormFloat64() * 100
		}
	}
	// Sometimes forbid a whole row or a whole column.
	if rows > 0 && rng.IntN(4) == 0 {
		i := rng.IntN(rows)
		for j := range cols {
			cost[i*cols+j] = inf
		}
	}
	if cols > 0 && rng.IntN(6) == 0 {
		j := rng.IntN(cols)
		for i := range rows {
			cost[i*cols+j] = inf
		}
	}
	return cost
}

func TestAgainstBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var s assign.Solver // reused across sizes, so workspace reuse is exercised too
	trials := 0
	for range 60 {
		for rows := range 8 {
			for cols := range 8 {
				integer := rng.IntN(2) == 0
				pInf := [...]float64{0, 0, 0.2, 0.5, 0.9}[rng.IntN(5)]
				cost := randomMatrix(rng, rows, cols, integer, pInf)
				rowToCol := make([]int, rows)
				for i := range rowToCol {
					rowToCol[i] = 99 // must be overwritten
				}
				total, err := s.Solve(cost, rows, cols, rowToCol)
				if err != nil {
					t.Fatalf("%d×%d: %v", rows, cols, err)
				}
				pairs := check(t, cost, rows, cols, rowToCol, total)
				wantPairs, wantTotal := bruteForce(cost, rows, cols)
				if pairs != wantPairs {
					t.Fatalf("%d×%d %v: %d pairs %v, want %d", rows, cols, cost, pairs, rowToCol, wantPairs)
				}
				if integer && total != wantTotal || math.Abs(total-wantTotal) > 1e-9*(1+math.Abs(wantTotal)) {
					t.Fatalf("%d×%d %v: total %v %v, want %v", rows, cols, cost, total, rowToCol, wantTotal)
				}
				trials++
			}
		}
	}
	t.Logf("%d random matrices agree with brute force", trials)
}

func TestTextbook(t *testing.T) {
	// The worked example of the Hungarian algorithm on Wikipedia
	// ("Hungarian algorithm", matrix form): optimum 140 with
	// 0→2 (69), 1→1 (37), 2→0 (11), 3→3 (23).
	cost := []float64{
		82, 83, 69, 92,
		77, 37, 49, 92,
		11, 69, 5, 86,
		8, 9, 98, 23,
	}
	var s assign.Solver
	rowToCol := make([]int, 4)
	total, err := s.Solve(cost, 4, 4, rowToCol)
	if err != nil {
		t.Fatal(err)
	}
	want := []int{2, 1, 0, 3}
	if total != 140 || !equal(rowToCol, want) {
		t.Errorf("got %v total %v, want %v total 140", rowToCol, total, want)
	}

	// The same matrix transposed: the transposed assignment.
	tr := make([]float64, 16)
	for i := range 4 {
		for j := range 4 {
			tr[j*4+i] = cost[i*4+j]
		}
	}
	if total, err = s.Solve(tr, 4, 4, rowToCol); err != nil || total != 140 || !equal(rowToCol, []int{2, 1, 0, 3}) {
		t.Errorf("transposed: got %v total %v err %v", rowToCol, total, err)
	}
}

func TestRectangular(t *testing.T) {
	var s assign.Solver
	// 2×3: row 0 is cheapest on column 2, row 1 on column 0.
	wide := []float64{
		5, 9, 1,
		2, 8, 7,
	}
	r := make([]int, 2)
	if total, err := s.Solve(wide, 2, 3, r); err != nil || total != 3 || !equal(r, []int{2, 0}) {
		t.Errorf("2×3: got %v total %v err %v", r, total, err)
	}
	// Its transpose, 3×2: the middle row is left out.
	tall := []float64{
		5, 2,
		9, 8,
		1, 7,
	}
	r = make([]int, 3)
	if total, err := s.Solve(tall, 3, 2, r); err != nil || total != 3 || !equal(r, []int{1, -1, 0}) {
		t.Errorf("3×2: got %v total %v err %v", r, total, err)
	}
}

func TestNegativeCosts(t *testing.T) {
	var s assign.Solver
	// Negative costs need no special treatment: the optimum is the
	// anti-diagonal, -10 + -10 + -1 = -21 (the diagonal gives -12).
	cost := []float64{
		-1, -2, -10,
		-3, -10, -4,
		-1, -5, -1,
	}
	r := make([]int, 3)
	total, err := s.Solve(cost, 3, 3, r)
	if err != nil {
		t.Fatal(err)
	}
	if wantPairs, want := bruteForce(cost, 3, 3); total != want || check(t, cost, 3, 3, r, total) != wantPairs {
		t.Errorf("got %v total %v, want total %v", r, total, want)
	}
	if total != -21 {
		t.Errorf("total %v, want -21", total)
	}
}

func TestForbidden(t *testing.T) {
	var s assign.Solver
	// Cardinality comes first: row 0 alone would prefer column 0 (cost 0),
	// but only column 0 is allowed to row 1, so row 0 must take column 1
	// at cost 1000.
	cost := []float64{
		0, 1000,
		5, inf,
	}
	r := make([]int, 2)
	if total, err := s.Solve(cost, 2, 2, r); err != nil || total != 1005 || !equal(r, []int{1, 0}) {
		t.Errorf("got %v total %v err %v, want [1 0] total 1005", r, total, err)
	}
	// Two rows compete for the one column they may use: the cheaper wins.
	cost = []float64{
		10, inf,
		1, inf,
	}
	if total, err := s.Solve(cost, 2, 2, r); err != nil || total != 1 || !equal(r, []int{-1, 0}) {
		t.Errorf("got %v total %v err %v, want [-1 0] total 1", r, total, err)
	}
	// Everything forbidden.
	cost = []float64{inf, inf, inf, inf, inf, inf}
	r = make([]int, 3)
	if total, err := s.Solve(cost, 3, 2, r); err != nil || total != 0 || !equal(r, []int{-1, -1, -1}) {
		t.Errorf("all forbidden: got %v total %v err %v", r, total, err)
	}
	// Large offsets with forbidden entries still resolve exactly.
	cost = []float64{
		1e12, 1e12 + 3,
		inf, 1e12 + 1,
	}
	r = make([]int, 2)
	if total, err := s.Solve(cost, 2, 2, r); err != nil || total != 2e12+1 || !equal(r, []int{0, 1}) {
		t.Errorf("offset: got %v total %v err %v", r, total, err)
	}
}

func TestZeroSize(t *testing.T) {
	var s assign.Solver
	if total, err := s.Solve(nil, 0, 0, nil); err != nil || total != 0 {
		t.Errorf("0×0: total %v err %v", total, err)
	}
	if total, err := s.Solve(nil, 0, 5, []int{}); err != nil || total != 0 {
		t.Errorf("0×5: total %v err %v", total, err)
	}
	r := []int{7, 7, 7}
	if total, err := s.Solve(nil, 3, 0, r); err != nil || total != 0 || !equal(r, []int{-1, -1, -1}) {
		t.Errorf("3×0: got %v total %v err %v", r, total, err)
	}
}

func TestErrors(t *testing.T) {
	var s assign.Solver
	r := make([]int, 2)
	for _, tc := range []struct {
		name       string
		cost       []float64
		rows, cols int
		rowToCol   []int
	}{
		{"NaN", []float64{1, math.NaN(), 3, 4}, 2, 2, r},
		{"-Inf", []float64{1, 2, math.Inf(-1), 4}, 2, 2, r},
		{"short cost", []float64{1, 2, 3}, 2, 2, r},
		{"short rowToCol", []float64{1, 2, 3, 4}, 2, 2, r[:1]},
		{"negative size", nil, -1, 0, nil},
		{"overflow with +Inf", []float64{-1e308, 1e308, inf, 0}, 2, 2, r},
	} {
		if _, err := s.Solve(tc.cost, tc.rows, tc.cols, tc.rowToCol); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	// The solver still works after an error.
	if total, err := s.Solve([]float64{1, 2, 3, 4}, 2, 2, r); err != nil || total != 5 {
		t.Errorf("after errors: total %v err %v", total, err)
	}
}

func TestNoAllocs(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, size := range [][2]int{{20, 20}, {10, 30}, {30, 10}} {
		rows, cols := size[0], size[1]
		cost := randomMatrix(rng, rows, cols, false, 0.3)
		r := make([]int, rows)
		var s assign.Solver
		if _, err := s.Solve(cost, rows, cols, r); err != nil {
			t.Fatal(err)
		}
		allocs := testing.AllocsPerRun(20, func() {
			if _, err := s.Solve(cost, rows, cols, r); err != nil {
				t.Fatal(err)
			}
		})
		if allocs != 0 {
			t.Errorf("%d×%d: %v allocations per call, want 0", rows, cols, allocs)
		}
	}
}

func equal(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func benchmark(b *testing.B, rows, cols int) {
	rng := rand.New(rand.NewPCG(5, 6))
	cost := make([]float64, rows*cols)
	for k := range cost {
		cost[k] = rng.Float64() * 1000
	}
	r := make([]int, rows)
	var s assign.Solver
	if _, err := s.Solve(cost, rows, cols, r); err != nil { // size the workspace
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Solve(cost, rows, cols, r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSolve50x50(b *testing.B)   { benchmark(b, 50, 50) }
func BenchmarkSolve200x700(b *testing.B) { benchmark(b, 200, 700) }
func BenchmarkSolve700x200(b *testing.B) { benchmark(b, 700, 200) }

// BenchmarkSolve200x700Gated is a tracker-like matrix where gating forbids
// most pairs.
func BenchmarkSolve200x700Gated(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 8))
	const rows, cols = 200, 700
	cost := make([]float64, rows*cols)
	for k := range cost {
		if rng.Float64() < 0.95 {
			cost[k] = inf
		} else {
			cost[k] = rng.Float64() * 1000
		}
	}
	r := make([]int, rows)
	var s assign.Solver
	if _, err := s.Solve(cost, rows, cols, r); err != nil { // size the workspace
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Solve(cost, rows, cols, r); err != nil {
			b.Fatal(err)
		}
	}
}
