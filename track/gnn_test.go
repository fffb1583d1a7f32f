package track_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/cuasim/cuasim/assign"
	"github.com/cuasim/cuasim/track"
)

// swarmPairs returns the gated pairs (grouped by track) of a 100-drone
// group against one scan, with its number of measurements. The drones are
// at random in a disc of radius 20 m·√100, no two closer than 20 m, and
// their tracks off by a few metres. With radar, each drone gives a plot
// with probability 0.9 (σ 8 m a side) and 30 false alarms fall in the
// disc: a pair is gated within 4σ, at cost d²/2σ² − 9. With bearings, an
// RF sensor 3 km away hears each drone with probability 0.5 (σ 1°): every
// track within 3σ of a bearing, most of the group, is gated with it, at
// cost δ²/2σ² − 9 (δ the angle between them).
func swarmPairs(rng *rand.Rand, bearings bool) ([]track.Pair, int) {
	const n, spacingM, stdM, stdRad = 100, 20.0, 8.0, math.Pi / 180
	radius := spacingM * math.Sqrt(n)
	type pt struct{ x, y float64 }
	var drones []pt
	for len(drones) < n {
		p := pt{radius * (2*rng.Float64() - 1), radius * (2*rng.Float64() - 1)}
		ok := p.x*p.x+p.y*p.y <= radius*radius
		for _, q := range drones {
			if (p.x-q.x)*(p.x-q.x)+(p.y-q.y)*(p.y-q.y) < spacingM*spacingM {
				ok = false
			}
		}
		if ok {
			drones = append(drones, p)
		}
	}
	tracks := make([]pt, n)
	for i, d := range drones {
		tracks[i] = pt{d.x + 3*rng.NormFloat64(), d.y + 3*rng.NormFloat64()}
	}
	var pairs []track.Pair
	if !bearings {
		var plots []pt
		for _, d := range drones {
			if rng.Float64() < 0.9 {
				plots = append(plots, pt{d.x + stdM*rng.NormFloat64(), d.y + stdM*rng.NormFloat64()})
			}
		}
		for range 30 {
			plots = append(plots, pt{radius * (2*rng.Float64() - 1), radius * (2*rng.Float64() - 1)})
		}
		for ti, t := range tracks {
			for j, p := range plots {
				d2 := ((t.x-p.x)*(t.x-p.x) + (t.y-p.y)*(t.y-p.y)) / (stdM * stdM)
				if d2 < 16 {
					pairs = append(pairs, track.Pair{Track: ti, Meas: j, Cost: d2/2 - 9})
				}
			}
		}
		return pairs, len(plots)
	}
	const sensorY = -3000.0
	az := func(p pt) float64 { return math.Atan2(p.x, p.y-sensorY) }
	var bs []float64
	for _, d := range drones {
		if rng.Float64() < 0.5 {
			bs = append(bs, az(d)+stdRad*rng.NormFloat64())
		}
	}
	for ti, t := range tracks {
		for j, b := range bs {
			if d := (az(t) - b) / stdRad; d*d < 9 {
				pairs = append(pairs, track.Pair{Track: ti, Meas: j, Cost: d*d/2 - 9})
			}
		}
	}
	return pairs, len(bs)
}

// TestGNNSwarmAgainstDense checks the global nearest neighbour association
// of a 100-drone group, by radar plots (many small components) and by RF
// bearings (one component of most of the group, nearly every pair gated),
// against the optimum of the same problem solved whole by assign.Solver on
// the dense matrix of tracks × (measurements + one "missed" column per
// track): GNN's choice must cost no more, and with real-valued costs the
// optimum is unique, so the pairs kept must be the same.
func TestGNNSwarmAgainstDense(t *testing.T) {
	const missCost = 1.6
	rng := rand.New(rand.NewPCG(20, 21))
	var dense assign.Solver
	for trial := range 20 {
		bearings := trial%2 == 1
		pairs, nMeas := swarmPairs(rng, bearings)
		nTracks := pairs[len(pairs)-1].Track + 1
		cols := nMeas + nTracks
		cost := make([]float64, nTracks*cols)
		for i := range cost {
			cost[i] = math.Inf(1)
		}
		for r := range nTracks {
			cost[r*cols+nMeas+r] = missCost
		}
		for _, p := range pairs {
			cost[p.Track*cols+p.Meas] = p.Cost
		}
		rowToCol := make([]int, nTracks)
		want, err := dense.Solve(cost, nTracks, cols, rowToCol)
		if err != nil {
			t.Fatal(err)
		}

		var gnn track.GNN
		gnn.Associate(pairs, nMeas, missCost)
		got := float64(nTracks) * missCost
		taken := make([]bool, nMeas)
		kept := make([]int, nTracks)
		for i := range kept {
			kept[i] = -1
		}
		for _, p := range pairs {
			if p.Track < 0 {
				continue
			}
			if kept[p.Track] >= 0 || taken[p.Meas] {
				t.Fatalf("trial %d: track %d or measurement %d kept twice", trial, p.Track, p.Meas)
			}
			kept[p.Track], taken[p.Meas] = p.Meas, true
			got += p.Cost - missCost
		}
		if got > want+1e-9*math.Abs(want) {
			t.Fatalf("trial %d (bearings %v, %d pairs): GNN's assignment costs %v, the dense solver's %v", trial, bearings, len(pairs), got, want)
		}
		for r, c := range rowToCol {
			if c >= nMeas {
				c = -1
			}
			if kept[r] != c {
				t.Fatalf("trial %d (bearings %v): track %d keeps measurement %d, the dense optimum %d", trial, bearings, r, kept[r], c)
			}
		}
	}
}
