package metrics

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/cuasim/cuasim/sim"
)

// causeReference is cause as first written, on the incident's maps: the
// category its track spent most evaluations in, ties to the first of a
// drone, a bird, a duplicate, an RF ghost, clutter.
func causeReference(in *Incident, w *sim.World, entries *ZoneEntries) (string, int) {
	best, bestN, entity := CauseClutter, -1, -1
	consider := func(c string, n int, id int32) {
		if n > bestN {
			best, bestN, entity = c, n, int(id)
		}
	}
	keys := func(m map[int32]int) []int32 {
		var ks []int32
		for k := range m {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks
	}
	for _, id := range keys(in.onEntity) {
		if w.Entities[id].Kind == sim.Drone {
			c := CauseOutside
			if !math.IsNaN(entries.EntryS[id]) {
				c = CauseIntruder
			}
			consider(c, in.onEntity[id], id)
		}
	}
	for _, id := range keys(in.onEntity) {
		if w.Entities[id].Kind == sim.Bird {
			consider(CauseBird, in.onEntity[id], id)
		}
	}
	for _, id := range keys(in.near) {
		c := CauseDuplicate
		if w.Entities[id].Kind == sim.Bird {
			c = CauseBird
		}
		consider(c, in.near[id], id)
	}
	consider(CauseRFGhost, in.ghost, -1)
	consider(CauseClutter, in.clutter, -1)
	return best, entity
}

// TestCauseOfReference: cause, through causeOf (which the curve shares),
// gives what cause as first written gives, on random incidents with many
// ties.
func TestCauseOfReference(t *testing.T) {
	rnd := rand.New(rand.NewPCG(16, 6))
	w := &sim.World{}
	entries := &ZoneEntries{}
	for i := range 8 {
		w.Entities = append(w.Entities, sim.Entity{ID: i, Kind: sim.Kind(rnd.IntN(2))})
		e := math.NaN()
		if rnd.IntN(2) == 0 {
			e = 10
		}
		entries.EntryS = append(entries.EntryS, e)
	}
	causes := map[string]bool{}
	for range 20000 {
		in := &Incident{onEntity: map[int32]int{}, near: map[int32]int{}, ghost: rnd.IntN(3), clutter: rnd.IntN(3)}
		for range rnd.IntN(4) {
			in.onEntity[int32(rnd.IntN(8))] = 1 + rnd.IntN(3)
		}
		for range rnd.IntN(4) {
			in.near[int32(rnd.IntN(8))] = 1 + rnd.IntN(3)
		}
		gc, ge := cause(in, w, entries)
		wc, we := causeReference(in, w, entries)
		if gc != wc || ge != we {
			t.Fatalf("incident %+v: cause %s %d, want %s %d", in, gc, ge, wc, we)
		}
		causes[gc] = true
	}
	if len(causes) != 6 {
		t.Errorf("causes met: %v, want all six", causes)
	}
}
