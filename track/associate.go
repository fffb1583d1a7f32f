package track

import (
	"math"
	"slices"

	"github.com/cuasim/cuasim/assign"
)

// Pair is a measurement–track pair inside the gate, with its association
// cost −ln(Pd·g/λ) (g the measurement's likelihood under the track's
// prediction, λ the clutter density) and ln g.
type Pair struct {
	Track, Meas  int
	Cost, LogLik float64
}

// An Associator chooses which gated pairs update their tracks. It sets
// Track to −1 in the pairs it rejects. Pairs come grouped by track;
// nMeas is the number of measurements in the batch and missCost the cost
// −ln(1 − Pd·Pg) of leaving a track without a measurement.
type Associator interface {
	Associate(pairs []Pair, nMeas int, missCost float64)
}

// GNN is global nearest neighbour association: the assignment of
// measurements to tracks, each used at most once, with the least total
// cost, where a track may also take its miss cost.
type GNN struct {
	solver                       assign.Solver
	rows, rowIdx, parent, byComp []int
	local, rowToCol              []int
	cost                         []float64
}

// Associate solves the global nearest neighbour assignment over the
// gated pairs: rows are tracks, columns the measurements plus one "missed"
// column per row at cost −ln(1 − Pd·Pg). The gating graph is split into
// its connected components (tracks and measurements linked by a gated
// pair), each solved on its own: the joint optimum is the union of the
// components' optima, and crowded scenes cost the sum of small problems
// instead of one large one. Pairs not chosen get track −1.
func (a *GNN) Associate(pairs []Pair, nMeas int, missCost float64) {
	if len(pairs) == 0 {
		return
	}
	// Pairs are grouped by track (gating visits tracks in order): each new
	// track starts a row.
	a.rows = a.rows[:0]
	a.rowIdx = slices.Grow(a.rowIdx[:0], len(pairs))[:len(pairs)]
	for k, p := range pairs {
		if len(a.rows) == 0 || a.rows[len(a.rows)-1] != p.Track {
			a.rows = append(a.rows, p.Track)
		}
		a.rowIdx[k] = len(a.rows) - 1
	}
	R := len(a.rows)
	a.parent = slices.Grow(a.parent[:0], R+nMeas)[:R+nMeas]
	for i := range a.parent {
		a.parent[i] = i
	}
	for k, p := range pairs {
		a.union(a.rowIdx[k], R+p.Meas)
	}
	a.byComp = slices.Grow(a.byComp[:0], len(pairs))[:len(pairs)]
	for k := range a.byComp {
		a.byComp[k] = k
	}
	slices.SortFunc(a.byComp, func(x, y int) int {
		return a.find(a.rowIdx[x]) - a.find(a.rowIdx[y])
	})
	a.local = slices.Grow(a.local[:0], R+nMeas)[:R+nMeas]
	for i := range a.local {
		a.local[i] = -1
	}
	miss := missCost
	for start := 0; start < len(a.byComp); {
		root := a.find(a.rowIdx[a.byComp[start]])
		end := start
		nr, nc := 0, 0
		for ; end < len(a.byComp) && a.find(a.rowIdx[a.byComp[end]]) == root; end++ {
			k := a.byComp[end]
			if r := a.rowIdx[k]; a.local[r] < 0 {
				a.local[r] = nr
				nr++
			}
			if c := R + pairs[k].Meas; a.local[c] < 0 {
				a.local[c] = nc
				nc++
			}
		}
		cols := nc + nr
		a.cost = slices.Grow(a.cost[:0], nr*cols)[:nr*cols]
		for i := range a.cost {
			a.cost[i] = math.Inf(1)
		}
		for r := 0; r < nr; r++ {
			a.cost[r*cols+nc+r] = miss
		}
		for _, k := range a.byComp[start:end] {
			a.cost[a.local[a.rowIdx[k]]*cols+a.local[R+pairs[k].Meas]] = pairs[k].Cost
		}
		a.rowToCol = slices.Grow(a.rowToCol[:0], nr)[:nr]
		if _, err := a.solver.Solve(a.cost, nr, cols, a.rowToCol); err != nil {
			panic("track: assignment: " + err.Error()) // costs are finite or +Inf by construction
		}
		for _, k := range a.byComp[start:end] {
			if a.rowToCol[a.local[a.rowIdx[k]]] != a.local[R+pairs[k].Meas] {
				pairs[k].Track = -1
			}
		}
		for _, k := range a.byComp[start:end] {
			a.local[a.rowIdx[k]], a.local[R+pairs[k].Meas] = -1, -1
		}
		start = end
	}
}

// find and union are a disjoint-set forest over the gating graph's nodes.
func (a *GNN) find(i int) int {
	for a.parent[i] != i {
		a.parent[i] = a.parent[a.parent[i]]
		i = a.parent[i]
	}
	return i
}

func (a *GNN) union(x, y int) {
	if ra, rb := a.find(x), a.find(y); ra != rb {
		a.parent[ra] = rb
	}
}

// NearestNeighbour is naive nearest-neighbour association, for teaching:
// each track takes its own lowest-cost measurement when that beats
// missing, even if another track takes the same one. Two tracks crossing
// one another then coalesce on the same measurements; GNN prevents it.
type NearestNeighbour struct{}

// Associate keeps, for each track, its lowest-cost pair.
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
			}
		}
		start = end
	}
}
