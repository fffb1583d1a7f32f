package metrics

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/internal/keysort"
)

// TestNorthBandsAgainstWalk checks northBands.window against the walk
// along the points sorted by east coordinate that it replaces: its places
// are distinct, ascending when it says so, all on the walk, and include every point of the walk
// within dy of the query point in north, and every point of the walk
// with a coordinate not finite (a NaN distance, which the scoring's
// follow assignment counts as a pair); with a coordinate of the query not
// finite it is the whole walk. Points in groups
// (a swarm's) and scattered, windows from a few metres to kilometres.
func TestNorthBandsAgainstWalk(t *testing.T) {
	rnd := rand.New(rand.NewPCG(3, 4))
	var nb northBands
	for trial := range 300 {
		var pts []r3.Vec
		for range rnd.IntN(400) {
			p := r3.Vec{X: 3000 * rnd.NormFloat64(), Y: 3000 * rnd.NormFloat64(), Z: 100 * rnd.Float64()}
			if rnd.IntN(2) == 0 { // a group
				p = r3.Vec{X: 500 + 200*rnd.NormFloat64(), Y: -800 + 300*rnd.NormFloat64(), Z: 50}
			}
			pts = append(pts, p)
		}
		if trial%10 == 9 && len(pts) > 0 {
			pts[rnd.IntN(len(pts))].Z = math.NaN() // one band: the walk
		}
		byX := make([]keysort.Item[float64], len(pts))
		for i, p := range pts {
			byX[i] = keysort.Item[float64]{Key: p.X, Index: i}
		}
		keysort.Sort(byX)
		nb.build(byX, pts, 50+200*rnd.Float64())
		for range 50 {
			q := r3.Vec{X: 500 + 1000*rnd.NormFloat64(), Y: -800 + 1000*rnd.NormFloat64(), Z: 50}
			if rnd.IntN(20) == 0 {
				q.Z = math.NaN()
			}
			dx, dy := math.Exp(rnd.Float64()*8), math.Exp(rnd.Float64()*8)
			var walk []int
			for k := keysort.Search(byX, q.X-dx); k < len(byX) && !(byX[k].Key > q.X+dx); k++ {
				walk = append(walk, k)
			}
			got, inOrder := nb.window(q.X-dx, q.X+dx, q, dy)
			if inOrder && !slices.IsSorted(got) {
				t.Fatalf("trial %d: window %v not ascending", trial, got)
			}
			got = slices.Clone(got)
			slices.Sort(got)
			if len(slices.Compact(slices.Clone(got))) != len(got) {
				t.Fatalf("trial %d: window %v has a place twice", trial, got)
			}
			whole := !isFinite(&q)
			for _, k := range walk {
				in, p := slices.Contains(got, k), &pts[byX[k].Index]
				if !in && (whole || !isFinite(p) || math.Abs(p.Y-q.Y) <= dy) {
					t.Fatalf("trial %d: place %d, %.1f m north of the query (window ±%.1f), missing", trial, k, pts[byX[k].Index].Y-q.Y, dy)
				}
			}
			for _, k := range got {
				if !slices.Contains(walk, k) {
					t.Fatalf("trial %d: place %d not on the walk", trial, k)
				}
			}
			if whole && len(got) != len(walk) {
				t.Fatalf("trial %d: %d places, want the whole walk's %d", trial, len(got), len(walk))
			}
		}
	}
}

// TestSetDistanceEdgesInWalkOrder checks that setDistance.assign, which
// finds a row's pairs band by band, hands them to the assignment in the
// order of the walk along the points sorted by east coordinate (on which
// its ties depend): a group of 300 points against its 300 estimates.
func TestSetDistanceEdgesInWalkOrder(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 10))
	var x, y []r3.Vec
	for range 300 {
		p := r3.Vec{X: 400 * rnd.NormFloat64(), Y: 400 * rnd.NormFloat64(), Z: 50}
		x = append(x, p)
		y = append(y, r3.Add(p, r3.Vec{X: 30 * rnd.NormFloat64(), Y: 30 * rnd.NormFloat64()}))
	}
	var sd setDistance
	sd.assign(x, y, 100, 2)
	if len(sd.bands.start) < 4 {
		t.Fatalf("%d bands: the test decides nothing", len(sd.bands.start)-1)
	}
	rank := make([]int, len(y))
	for k, it := range sd.byX {
		rank[it.Index] = k
	}
	unordered := 0
	for i := 1; i < len(sd.edges); i++ {
		a, b := sd.edges[i-1], sd.edges[i]
		if a.row == b.row && rank[a.col] > rank[b.col] {
			unordered++
		}
	}
	if unordered > 0 {
		t.Errorf("%d of %d pairs out of the walk's order", unordered, len(sd.edges))
	}
}
