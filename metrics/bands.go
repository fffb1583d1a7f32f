package metrics

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/internal/keysort"
)

// maxNorthBands is the most bands a northBands splits its points into.
const maxNorthBands = 256

// northBands indexes points sorted by east coordinate (byX, as
// keysort.Sort leaves them) in bands by north coordinate, so that a sweep
// over an east window looks only at the points of the bands a north
// window meets: the sweeps of the scoring over a swarm, whose members
// share east windows by the hundred, find their pairs among a few.
//
// Band b holds the places in byX, in order, of the points with north
// coordinate from y0 + b·w (the lowest band all below, the highest all
// above); one band holds them all when a coordinate of a point is not
// finite, so that every sweep then is the walk along byX (a pair with a
// NaN distance may count, as the walk finds it).
type northBands struct {
	y0, w float64
	start []int // band b is items[start[b]:start[b+1]]
	items []bandItem
	found []int
}

type bandItem struct {
	x float64 // the east coordinate, byX's key
	k int     // the place in byX
}

// build indexes byX, the points pts sorted by east coordinate, in bands
// of width at least w.
func (nb *northBands) build(byX []keysort.Item[float64], pts []r3.Vec, w float64) {
	lo, hi := math.Inf(1), math.Inf(-1)
	finite := true
	for i := range pts {
		p := &pts[i]
		lo, hi = min(lo, p.Y), max(hi, p.Y)
		finite = finite && isFinite(p)
	}
	n := 1
	if ext := hi - lo; finite && len(pts) > 0 && !math.IsInf(ext, 0) && !math.IsNaN(ext) && w > 0 && !math.IsInf(w, 0) {
		w = max(w, ext/(maxNorthBands-1))
		n = min(int(ext/w)+1, maxNorthBands)
	}
	nb.y0, nb.w = lo, w
	nb.start = slices.Grow(nb.start[:0], n+1)[:n+1]
	clear(nb.start)
	nb.items = slices.Grow(nb.items[:0], len(byX))[:len(byX)]
	for _, it := range byX {
		nb.start[nb.band(pts[it.Index].Y)+1]++
	}
	for b := range n {
		nb.start[b+1] += nb.start[b]
	}
	for k, it := range byX { // a counting sort, stable: each band in east order
		b := nb.band(pts[it.Index].Y)
		nb.items[nb.start[b]] = bandItem{x: it.Key, k: k}
		nb.start[b]++
	}
	copy(nb.start[1:], nb.start[:n])
	nb.start[0] = 0
}

// isFinite reports whether p's coordinates are all finite.
func isFinite(p *r3.Vec) bool {
	return !math.IsNaN(p.X+p.Y+p.Z) && !math.IsInf(p.X, 0) && !math.IsInf(p.Y, 0) && !math.IsInf(p.Z, 0)
}

// band returns the band of north coordinate y (the lowest for NaN).
func (nb *northBands) band(y float64) int {
	n := len(nb.start) - 1
	if n == 1 {
		return 0
	}
	f := math.Floor((y - nb.y0) / nb.w)
	switch {
	case !(f >= 0):
		return 0
	case f >= float64(n-1):
		return n - 1
	}
	return int(f)
}

// window returns the places k in byX that the walk from
// keysort.Search(byX, xlo) while byX[k].Key ≤ xhi (not above it) visits,
// less those of points in bands wholly more than dy (with a margin for
// rounding) north or south of p: every point of the walk within dy of p
// in north is among them. They are in ascending order when inOrder, else
// in ascending order band by band (the caller sorts what it keeps of
// them). With a coordinate of p not finite, or dy NaN, it is the whole
// walk. The slice is nb's, valid until the next call.
func (nb *northBands) window(xlo, xhi float64, p r3.Vec, dy float64) (found []int, inOrder bool) {
	dy = dy*(1+1e-9) + 1e-9
	b0, b1 := nb.band(p.Y-dy), nb.band(p.Y+dy)
	if !isFinite(&p) || math.IsNaN(p.Y-dy) || math.IsNaN(p.Y+dy) {
		b0, b1 = 0, len(nb.start)-2
	}
	nb.found = nb.found[:0]
	for b := b0; b <= b1; b++ {
		items := nb.items[nb.start[b]:nb.start[b+1]]
		i, hi := 0, len(items)
		for i < hi { // keysort.Search within the band
			m := int(uint(i+hi) >> 1)
			if cmp.Less(items[m].x, xlo) {
				i = m + 1
			} else {
				hi = m
			}
		}
		for ; i < len(items) && !(items[i].x > xhi); i++ {
			nb.found = append(nb.found, items[i].k)
		}
	}
	return nb.found, b1 == b0
}

// rankedEdge is an edge found by a window, with its point's place in byX
// and its squared distance.
type rankedEdge struct {
	k  int
	d2 float64
	e  edge
}

// sortRanked sorts a window's edges into the walk's order (by place, all
// distinct).
func sortRanked(es []rankedEdge) {
	slices.SortFunc(es, func(a, b rankedEdge) int { return a.k - b.k })
}
