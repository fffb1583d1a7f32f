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

// minBandedPoints is the fewest points a northBands splits into bands:
// below it, one band (the walk along byX) costs less than placing the
// points in bands (on the airport, a few tracks and truths a second, the
// bands cost compare about 2 % of its time).
const minBandedPoints = 64

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
	runs  []int // the end in found of each band's places
	kept  []rankedEdge
	buf   []rankedEdge
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
	if ext := hi - lo; finite && len(pts) >= minBandedPoints && !math.IsInf(ext, 0) && !math.IsNaN(ext) && w > 0 && !math.IsInf(w, 0) {
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
// in ascending order band by band, the bands' runs ending at nb.runs (the
// caller puts what it keeps of them in order with keep and inOrder).
// With a coordinate of p not finite, or dy NaN, it is the whole
// walk. The slice is nb's, valid until the next call.
func (nb *northBands) window(xlo, xhi float64, p r3.Vec, dy float64) (found []int, inOrder bool) {
	dy = dy*(1+1e-9) + 1e-9
	b0, b1 := nb.band(p.Y-dy), nb.band(p.Y+dy)
	if !isFinite(&p) || math.IsNaN(p.Y-dy) || math.IsNaN(p.Y+dy) {
		b0, b1 = 0, len(nb.start)-2
	}
	nb.found, nb.runs = nb.found[:0], nb.runs[:0]
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
		nb.runs = append(nb.runs, len(nb.found))
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

// keepInOrder returns the edges keep found for the places of the last
// window, in the walk's order (by place): keep(k) tells whether the point
// at place k makes an edge, and which. The edges of each band's run come
// in order; the runs are merged. The slice is nb's, valid until the next
// call.
func (nb *northBands) keepInOrder(keep func(k int) (rankedEdge, bool)) []rankedEdge {
	nb.kept = nb.kept[:0]
	from := 0
	for _, end := range nb.runs {
		mid := len(nb.kept)
		for _, k := range nb.found[from:end] {
			if e, ok := keep(k); ok {
				nb.kept = append(nb.kept, e)
			}
		}
		from = end
		if mid > 0 && len(nb.kept) > mid {
			nb.buf = mergeRanked(nb.kept, mid, nb.buf)
		}
	}
	return nb.kept
}

// mergeRanked sorts s by place, whose parts s[:mid] and s[mid:] are each
// sorted: a linear merge through buf, which it returns grown for the next
// call.
func mergeRanked(s []rankedEdge, mid int, buf []rankedEdge) []rankedEdge {
	buf = append(buf[:0], s[:mid]...)
	i, j, k := 0, mid, 0
	for i < len(buf) && j < len(s) {
		if s[j].k < buf[i].k {
			s[k] = s[j]
			j++
		} else {
			s[k] = buf[i]
			i++
		}
		k++
	}
	copy(s[k:], buf[i:])
	return buf
}
