package track

import (
	"math"
	"slices"
)

// Bounds of the JPDA enumeration, per component of the gating graph.
const (
	// DefaultJPDAMaxTracks is the most tracks a component may have for
	// JPDA to enumerate its joint events.
	DefaultJPDAMaxTracks = 8
	// DefaultJPDAMaxEvents is the most joint events JPDA enumerates in
	// one component.
	DefaultJPDAMaxEvents = 10000
	// minBeta is the association probability below which JPDA drops a
	// pair (sets its track to −1).
	minBeta = 1e-6
)

// JPDA is joint probabilistic data association (Fortmann, Bar-Shalom and
// Scheffe 1983; Bar-Shalom, Daum and Huang 2009), parametric form: it
// keeps every gated pair with its association probability β, and the
// tracker updates each track with all its weighted measurements
// (IMM.UpdatePDA).
//
// For each connected component of the gating graph it enumerates the
// feasible joint events — each measurement to at most one track, each
// track at most one measurement — and weighs each event θ by
//
//	w(θ) = Π_(i,j)∈θ Pd·g_ij/λ · Π_i unassigned (1 − Pd·Pg)
//	     = exp(−Σ_(i,j)∈θ Cost_ij − (unassigned tracks)·missCost).
//
// Then β_ij = Σ_θ∋(i,j) w(θ) / Σ_θ w(θ), and β_i0 = 1 − Σ_j β_ij is the
// probability that none of track i's measurements is its. The sums are
// taken relative to the heaviest event, so that nothing overflows.
//
// A component of more than MaxTracks tracks or more than MaxEvents joint
// events is not enumerated: it is associated by GNN instead (weight 1 on
// the chosen pairs) and counted in Fallbacks.
type JPDA struct {
	// MaxTracks and MaxEvents bound the enumeration; zero means
	// DefaultJPDAMaxTracks and DefaultJPDAMaxEvents.
	MaxTracks, MaxEvents int

	graph     gatingGraph
	gnn       GNN // for the components too large to enumerate
	fallbacks int

	// The component being enumerated: the pairs of local track r are
	// adj[off[r]:off[r+1]], with their local measurement and −Cost.
	off, adj []int
	colOf    []int
	logw     []float64
	acc      []float64 // Σ w(θ) of the events holding each pair of adj
	usedCol  []bool
	chosen   []int // per local track: its pair's place in adj, or −1
	miss     float64
	ref      float64 // log weight of the heaviest event
	total    float64
	events   int
	limit    int
	summing  bool // second pass: sum the weights
}

// Fallbacks returns how many components were too large to enumerate and
// were associated by GNN instead, since the JPDA was made.
func (a *JPDA) Fallbacks() int { return a.fallbacks }

// Associate sets each gated pair's weight to its association probability
// β, and the track of pairs with β < 10⁻⁶ to −1.
func (a *JPDA) Associate(pairs []Pair, nMeas int, missCost float64) {
	if len(pairs) == 0 {
		return
	}
	maxTracks, maxEvents := a.MaxTracks, a.MaxEvents
	if maxTracks <= 0 {
		maxTracks = DefaultJPDAMaxTracks
	}
	if maxEvents <= 0 {
		maxEvents = DefaultJPDAMaxEvents
	}
	g := &a.graph
	g.build(pairs, nMeas)
	for start := 0; start < len(g.byComp); {
		end, nr, nc := g.component(pairs, start)
		ks := g.byComp[start:end]
		if nr > maxTracks || !a.probabilities(g, pairs, ks, nr, nc, missCost, maxEvents) {
			a.fallbacks++
			a.gnn.assign(g, pairs, ks, nr, nc, missCost)
		}
		g.release(pairs, ks)
		start = end
	}
}

// probabilities sets the weights of one component's pairs ks (nr tracks,
// nc measurements) by enumerating its joint events; it returns false,
// changing nothing, if there are more than maxEvents.
func (a *JPDA) probabilities(g *gatingGraph, pairs []Pair, ks []int, nr, nc int, missCost float64, maxEvents int) bool {
	// Adjacency of the local tracks, by a counting sort of the pairs.
	a.off = slices.Grow(a.off[:0], nr+1)[:nr+1]
	clear(a.off)
	for _, k := range ks {
		a.off[g.row(k)+1]++
	}
	for r := 0; r < nr; r++ {
		a.off[r+1] += a.off[r]
	}
	n := len(ks)
	a.adj = slices.Grow(a.adj[:0], n)[:n]
	a.colOf = slices.Grow(a.colOf[:0], n)[:n]
	a.logw = slices.Grow(a.logw[:0], n)[:n]
	a.acc = slices.Grow(a.acc[:0], n)[:n]
	a.chosen = slices.Grow(a.chosen[:0], nr)[:nr]
	a.usedCol = slices.Grow(a.usedCol[:0], nc)[:nc]
	clear(a.usedCol)
	clear(a.acc)
	for _, k := range ks {
		r := g.row(k)
		i := a.off[r]
		a.adj[i], a.colOf[i], a.logw[i] = k, g.col(pairs, k), -pairs[k].Cost
		a.off[r]++
	}
	for r := nr; r > 0; r-- { // the counting sort moved each start to the next
		a.off[r] = a.off[r-1]
	}
	a.off[0] = 0

	// First pass: count the events and find the heaviest; second: sum.
	a.miss, a.limit = missCost, maxEvents
	a.ref, a.total, a.events, a.summing = math.Inf(-1), 0, 0, false
	if !a.enumerate(0, nr, 0) {
		return false
	}
	a.events, a.summing = 0, true
	a.enumerate(0, nr, 0)
	for i, k := range a.adj {
		b := a.acc[i] / a.total
		pairs[k].Weight = b
		if b < minBeta {
			pairs[k].Track = -1
		}
	}
	return true
}

// enumerate visits the joint events that extend the choices of local
// tracks 0…r−1 (of log weight lw so far) by a choice for each of tracks
// r…nr−1: none, or one of its measurements no earlier track took. It
// returns false once more than a.limit events have been visited.
func (a *JPDA) enumerate(r, nr int, lw float64) bool {
	if r == nr {
		a.events++
		if !a.summing {
			a.ref = max(a.ref, lw)
			return a.events <= a.limit
		}
		e := math.Exp(lw - a.ref)
		a.total += e
		for _, i := range a.chosen[:nr] {
			if i >= 0 {
				a.acc[i] += e
			}
		}
		return true
	}
	a.chosen[r] = -1
	if !a.enumerate(r+1, nr, lw-a.miss) {
		return false
	}
	for i := a.off[r]; i < a.off[r+1]; i++ {
		c := a.colOf[i]
		if a.usedCol[c] {
			continue
		}
		a.usedCol[c], a.chosen[r] = true, i
		ok := a.enumerate(r+1, nr, lw+a.logw[i])
		a.usedCol[c], a.chosen[r] = false, -1
		if !ok {
			return false
		}
	}
	return true
}
