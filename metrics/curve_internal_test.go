package metrics

import (
	"math/rand/v2"
	"testing"
)

// TestByTrack: the log grouped by track, each track's entries in log
// order, alike by the counting sort (dense IDs) and by the sort (sparse
// IDs), and as a check by brute force.
func TestByTrack(t *testing.T) {
	rnd := rand.New(rand.NewPCG(16, 8))
	for range 100 {
		var log []curveEntry
		for i := range rnd.IntN(300) {
			log = append(log, curveEntry{track: 5 + rnd.IntN(20), eval: int32(i)})
		}
		dense := byTrack(log)
		sparse := make([]curveEntry, len(log))
		copy(sparse, log)
		for i := range sparse {
			sparse[i].track *= 1_000_000
		}
		sparse = byTrack(sparse)
		k := 0
		for id := range 25 {
			for _, e := range log {
				if e.track != id {
					continue
				}
				if dense[k] != e || sparse[k].track != id*1_000_000 || sparse[k].eval != e.eval {
					t.Fatalf("entry %d: dense %+v, sparse %+v, want %+v", k, dense[k], sparse[k], e)
				}
				k++
			}
		}
		if k != len(log) || len(dense) != len(log) || len(sparse) != len(log) {
			t.Fatalf("%d entries, grouped %d and %d", len(log), len(dense), len(sparse))
		}
	}
}
