package track

import (
	"slices"

	"github.com/cuasim/cuasim/assign"
	"github.com/cuasim/cuasim/internal/keysort"
)

// Pair is a measurement–track pair inside the gate, with its association
// cost −ln(Pd·g/λ) (g the measurement's likelihood under the track's
// prediction, λ the clutter density), ln g, and the weight the associator
// gives it: the probability β that the measurement is the track's (1 for
// the pairs GNN and NearestNeighbour keep, the JPDA probability for JPDA).
type Pair struct {
	Track, Meas  int
	Cost, LogLik float64
	Weight       float64
}

// An Associator chooses which gated pairs update their tracks. It sets
// Track to −1 in the pairs it rejects and Weight, the association
// probability β, in those it keeps. Pairs come grouped by track;
// nMeas is the number of measurements in the batch and missCost the cost
// −ln(1 − Pd·Pg) of leaving a track without a measurement.
//
// A track that keeps one pair of weight 1 is updated by that measurement
// alone (a Kalman update); a track that keeps several pairs, or pairs of
// smaller weight, by probabilistic data association (IMM.UpdatePDA) with
// β₀ = 1 − Σ β the probability that none of them is its.
type Associator interface {
	Associate(pairs []Pair, nMeas int, missCost float64)
}

// gatingGraph splits a batch's gated pairs into the connected components
// of the gating graph, whose nodes are the tracks and the measurements and
// whose edges are the gated pairs (a union-find forest). Tracks in
// different components share no measurement, so association decides each
// component on its own. Rows are the batch's tracks, numbered in the order
// of the pairs; inside a component, tracks and measurements get local
// numbers from 0.
type gatingGraph struct {
	rows, rowIdx, parent, byComp []int
	byRoot                       []keysort.Item[int] // pairs by the root of their row
	local                        []int
	nRows                        int
}

// build makes the graph of pairs (grouped by track) over nMeas
// measurements and orders the pairs by component.
func (g *gatingGraph) build(pairs []Pair, nMeas int) {
	// Pairs are grouped by track (gating visits tracks in order): each new
	// track starts a row.
	g.rows = g.rows[:0]
	g.rowIdx = slices.Grow(g.rowIdx[:0], len(pairs))[:len(pairs)]
	for k, p := range pairs {
		if len(g.rows) == 0 || g.rows[len(g.rows)-1] != p.Track {
			g.rows = append(g.rows, p.Track)
		}
		g.rowIdx[k] = len(g.rows) - 1
	}
	R := len(g.rows)
	g.nRows = R
	g.parent = slices.Grow(g.parent[:0], R+nMeas)[:R+nMeas]
	for i := range g.parent {
		g.parent[i] = i
	}
	for k, p := range pairs {
		g.union(g.rowIdx[k], R+p.Meas)
	}
	g.byRoot = slices.Grow(g.byRoot[:0], len(pairs))[:len(pairs)]
	for k := range g.byRoot {
		g.byRoot[k] = keysort.Item[int]{Key: g.find(g.rowIdx[k]), Index: k}
	}
	// In the order slices.SortFunc with the roots' difference gives.
	keysort.Sort(g.byRoot)
	g.byComp = slices.Grow(g.byComp[:0], len(pairs))[:len(pairs)]
	for i, it := range g.byRoot {
		g.byComp[i] = it.Index
	}
	g.local = slices.Grow(g.local[:0], R+nMeas)[:R+nMeas]
	for i := range g.local {
		g.local[i] = -1
	}
}

// component numbers the tracks and measurements of the component whose
// pairs start at byComp[start]: it returns the end of its pairs in byComp
// and its numbers of tracks and measurements. row and col then give a
// pair's local numbers, until release.
func (g *gatingGraph) component(pairs []Pair, start int) (end, nr, nc int) {
	root := g.byRoot[start].Key
	end = start
	for ; end < len(g.byComp) && g.byRoot[end].Key == root; end++ {
		k := g.byComp[end]
		if r := g.rowIdx[k]; g.local[r] < 0 {
			g.local[r] = nr
			nr++
		}
		if c := g.nRows + pairs[k].Meas; g.local[c] < 0 {
			g.local[c] = nc
			nc++
		}
	}
	return end, nr, nc
}

// row and col are the local track and measurement numbers of pair k.
func (g *gatingGraph) row(k int) int               { return g.local[g.rowIdx[k]] }
func (g *gatingGraph) col(pairs []Pair, k int) int { return g.local[g.nRows+pairs[k].Meas] }

// release forgets the local numbers of the component's pairs ks.
func (g *gatingGraph) release(pairs []Pair, ks []int) {
	for _, k := range ks {
		g.local[g.rowIdx[k]], g.local[g.nRows+pairs[k].Meas] = -1, -1
	}
}

// find and union are a disjoint-set forest over the gating graph's nodes.
func (g *gatingGraph) find(i int) int {
	for g.parent[i] != i {
		g.parent[i] = g.parent[g.parent[i]]
		i = g.parent[i]
	}
	return i
}

func (g *gatingGraph) union(x, y int) {
	if ra, rb := g.find(x), g.find(y); ra != rb {
		g.parent[ra] = rb
	}
}

// GNN is global nearest neighbour association: the assignment of
// measurements to tracks, each used at most once, with the least total
// cost, where a track may also take its miss cost.
type GNN struct {
	graph    gatingGraph
	solver   assign.Sparse
	rowToCol []int
	edges    []assign.Edge
	seen     []bool // by measurement, for singletons
}

// Associate solves the global nearest neighbour assignment over the
// gated pairs: rows are tracks, columns the measurements, and a track left
// without one costs −ln(1 − Pd·Pg) (assign.Sparse, on the gated pairs
// only). The gating graph is split into
// its connected components (tracks and measurements linked by a gated
// pair), each solved on its own: the joint optimum is the union of the
// components' optima, and crowded scenes cost the sum of small problems
// instead of one large one. Pairs not chosen get track −1, the chosen ones
// weight 1.
func (a *GNN) Associate(pairs []Pair, nMeas int, missCost float64) {
	if len(pairs) == 0 {
		return
	}
	if a.singletons(pairs, nMeas) {
		// Every component is one track and one measurement: each pair is
		// kept when it beats leaving its track without (assign's rule for
		// a component of one pair).
		for k := range pairs {
			if pairs[k].Cost < missCost {
				pairs[k].Weight = 1
			} else {
				pairs[k].Track = -1
			}
		}
		return
	}
	a.associate(pairs, nMeas, missCost)
}

// associate is Associate by the connected components of the gating graph.
func (a *GNN) associate(pairs []Pair, nMeas int, missCost float64) {
	g := &a.graph
	g.build(pairs, nMeas)
	for start := 0; start < len(g.byComp); {
		end, nr, nc := g.component(pairs, start)
		a.assign(g, pairs, g.byComp[start:end], nr, nc, missCost)
		g.release(pairs, g.byComp[start:end])
		start = end
	}
}

// singletons reports whether no two pairs share a track or a
// measurement: every component of the gating graph is a single pair.
func (a *GNN) singletons(pairs []Pair, nMeas int) bool {
	for k := 1; k < len(pairs); k++ {
		if pairs[k].Track == pairs[k-1].Track { // pairs come grouped by track
			return false
		}
	}
	a.seen = slices.Grow(a.seen[:0], nMeas)[:nMeas]
	clear(a.seen)
	for _, p := range pairs {
		if a.seen[p.Meas] {
			return false
		}
		a.seen[p.Meas] = true
	}
	return true
}

// assign solves the assignment of one component of g, whose pairs are ks,
// with nr tracks and nc measurements.
func (a *GNN) assign(g *gatingGraph, pairs []Pair, ks []int, nr, nc int, missCost float64) {
	if nr == 1 || nc == 1 {
		// One track or one measurement: at most one pair is kept, the
		// cheapest, if it beats leaving its track without (every other
		// track of the component misses either way).
		best := ks[0]
		for _, k := range ks[1:] {
			if pairs[k].Cost < pairs[best].Cost {
				best = k
			}
		}
		for _, k := range ks {
			if k == best && pairs[k].Cost < missCost {
				pairs[k].Weight = 1
			} else {
				pairs[k].Track = -1
			}
		}
		return
	}
	a.edges = a.edges[:0]
	for _, k := range ks {
		a.edges = append(a.edges, assign.Edge{Row: g.row(k), Col: g.col(pairs, k), Cost: pairs[k].Cost})
	}
	a.rowToCol = slices.Grow(a.rowToCol[:0], nr)[:nr]
	if _, err := a.solver.Solve(a.edges, nr, nc, missCost, a.rowToCol); err != nil {
		panic("track: assignment: " + err.Error()) // costs are finite or +Inf by construction
	}
	for _, k := range ks {
		if a.rowToCol[g.row(k)] != g.col(pairs, k) {
			pairs[k].Track = -1
		} else {
			pairs[k].Weight = 1
		}
	}
}

// NearestNeighbour is naive nearest-neighbour association, for teaching:
// each track takes its own lowest-cost measurement when that beats
// missing, even if another track takes the same one. Two tracks crossing
// one another then coalesce on the same measurements; GNN prevents it.
type NearestNeighbour struct{}

// Associate keeps, for each track, its lowest-cost pair, with weight 1.
func (NearestNeighbour) Associate(pairs []Pair, nMeas int, missCost float64) {
	for start := 0; start < len(pairs); {
		end, best := start, -1
		for ; end < len(pairs) && pairs[end].Track == pairs[start].Track; end++ {
			if pairs[end].Cost < missCost && (best < 0 || pairs[end].Cost < pairs[best].Cost) {
				best = end
			}
		}
		for k := start; k < end; k++ {
			if k != best {
				pairs[k].Track = -1
			} else {
				pairs[k].Weight = 1
			}
		}
		start = end
	}
}
