package keysort

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSameAsSortFunc checks that Sort leaves items in the order
// slices.SortFunc with cmp.Compare of the keys leaves them, equal keys
// included, over lengths that take each branch of pdqsort (insertion sort,
// median of three, ninther, partial insertion sort, equal partitions) and
// key patterns that defeat it (sorted, reversed, few distinct, organ pipe).
// Should Go's sort change, this fails: Sort keeps the order the results of
// its callers were made with.
func TestSameAsSortFunc(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	patterns := map[string]func(i, n int) int{
		"random":    func(i, n int) int { return r.IntN(n + 1) },
		"few":       func(i, n int) int { return r.IntN(4) },
		"equal":     func(i, n int) int { return 7 },
		"sorted":    func(i, n int) int { return i / 3 },
		"reversed":  func(i, n int) int { return (n - i) / 3 },
		"organ":     func(i, n int) int { return min(i, n-i) },
		"sawtooth":  func(i, n int) int { return i % 11 },
		"nearsort":  func(i, n int) int { return i/2 + r.IntN(3) },
		"nearrev":   func(i, n int) int { return (n-i)/2 + r.IntN(3) },
		"bigrandom": func(i, n int) int { return r.IntN(1 << 20) },
	}
	for name, key := range patterns {
		for n := 0; n <= 700; n += 1 + n/7 {
			for rep := 0; rep < 3; rep++ {
				ints := make([]Item[int], n)
				floats := make([]Item[float64], n)
				for i := range ints {
					k := key(i, n)
					ints[i] = Item[int]{Key: k, Index: i}
					f := float64(k) / 4
					if name == "random" && r.IntN(20) == 0 {
						f = math.NaN()
					}
					floats[i] = Item[float64]{Key: f, Index: i}
				}
				same(t, name, ints)
				same(t, name, floats)
			}
		}
	}
}

func same[K cmp.Ordered](t *testing.T, name string, x []Item[K]) {
	t.Helper()
	want := slices.Clone(x)
	slices.SortFunc(want, func(a, b Item[K]) int { return cmp.Compare(a.Key, b.Key) })
	got := slices.Clone(x)
	Sort(got)
	for i := range got {
		if got[i].Index != want[i].Index {
			t.Fatalf("%s, %d items: item %d is index %d, slices.SortFunc puts %d there", name, len(x), i, got[i].Index, want[i].Index)
		}
	}
}

// TestHeapSortSorts checks the fallback that patterns rarely reach.
func TestHeapSortSorts(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 200; n++ {
		x := make([]Item[int], n)
		for i := range x {
			x[i] = Item[int]{Key: r.IntN(10), Index: i}
		}
		pdqsort(x, 0, n, 0)
		if !slices.IsSortedFunc(x, func(a, b Item[int]) int { return cmp.Compare(a.Key, b.Key) }) {
			t.Fatalf("%d items: not sorted", n)
		}
	}
}

// TestSearch checks Search against slices.BinarySearchFunc with
// cmp.Compare on sorted keys with repeats, for keys below, between, on
// and above them, and on an empty slice.
func TestSearch(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := 0; n <= 200; n += 1 + n/5 {
		x := make([]Item[float64], n)
		for i := range x {
			x[i] = Item[float64]{Key: float64(r.IntN(n/2 + 1)), Index: i}
		}
		Sort(x)
		for k := -1.0; k <= float64(n/2)+1; k += 0.5 {
			want, _ := slices.BinarySearchFunc(x, k, func(it Item[float64], k float64) int { return cmp.Compare(it.Key, k) })
			if got := Search(x, k); got != want {
				t.Fatalf("n %d, key %g: Search %d, BinarySearchFunc %d", n, k, got, want)
			}
		}
	}
}
