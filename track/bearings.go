package track

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/internal/keysort"
)

// maxBearingTracks is the most tracks one RF bearing is gated with: of the
// tracks that pass its coarse gate, the ones nearest to it in azimuth from
// the sensor. It binds only inside a group: a bearing is a line, and seen
// from a few kilometres a group of hundreds of drones is a few degrees
// wide, narrower than the coarse gate of a bearing (a few σ of 2° to 8°),
// so every bearing of a batch would otherwise be gated with every member,
// n bearings against n tracks, n² pairs to gate, test for power and
// assign. The members beyond the nearest 16 are no less plausible a source
// for the bearing than the 16 are: the bearing cannot tell them apart, and
// whichever of them the assignment gives it to, it moves that track by a
// fraction of the group's width. Outside groups no bearing passes the
// coarse gate of so many tracks and the result is that of gating every
// pair (TestBearingCandidatesAgainstEveryPair).
const maxBearingTracks = 32

// wideBearingRad is the coarse half-width, in radians, above which a
// track is tested against every bearing of a batch rather than looked up
// by its azimuth: a track near the sensor or with a very uncertain
// position, whose wide gate would widen the search for all.
const wideBearingRad = 1.0

// bearingPick is a track that passes a bearing's coarse gate and its
// azimuth's distance from the bearing, radians.
type bearingPick struct {
	track int
	dAz   float64
}

// bearingPair is a track and a bearing to gate it with.
type bearingPair struct{ track, bearing int }

// bearingIndex is the RF bearings' candidate search for one batch: the
// tracks that take bearings, sorted by their azimuth from the batch's
// antenna, and for each track the bearings it is to be gated with.
type bearingIndex struct {
	pos   []r3.Vec  // by track: its position extrapolated to the batch
	std   []float64 // by track: the square root of its gate variance
	az    []float64 // by track: azimuth from the antenna, radians
	byAz  []keysort.Item[float64]
	wide  []int // tracks tested against every bearing
	picks []bearingPick
	// merged is nearest's scratch.
	merged []bearingPick
	pairs  []bearingPair // kept
	start  []int         // by track: where its bearings begin in list
	list   []int         // bearings by track, each track's in batch order
}

// bearingCandidates sets, for the batch's RF bearings, the bearings each
// track is to be gated with (candidates), when they all come from one
// antenna: for each bearing, the tracks that pass its coarse gate
// (coarseBearing), or the maxBearingTracks of them nearest to it in
// azimuth when more pass. Tracks are found by a search outward from the
// bearing among the tracks sorted by azimuth, so a bearing's cost follows
// the tracks near it rather than all tracks. It reports false when the
// bearings come from more than one antenna (a moving sensor's within a
// step), for which the caller tests every pair.
func (tr *Tracker) bearingCandidates(tb float64) bool {
	batch := tr.batch
	origin := batch[0].Origin
	maxStd := 0.0
	for j := range batch {
		if batch[j].Origin != origin {
			return false
		}
		maxStd = max(maxStd, batch[j].std[0])
	}
	x := &tr.bearings
	n := len(tr.tracks)
	x.pos = slices.Grow(x.pos[:0], n)[:n]
	x.std = slices.Grow(x.std[:0], n)[:n]
	x.az = slices.Grow(x.az[:0], n)[:n]
	x.byAz, x.wide = x.byAz[:0], x.wide[:0]
	window := 0.0
	for ti, t := range tr.tracks {
		if !t.takesBearings(tb) {
			continue
		}
		pos := t.extrapolate(tb)
		std := math.Sqrt(tr.gateVariance(t, tb-t.TimeS))
		x.pos[ti], x.std[ti] = pos, std
		d := r3.Sub(pos, origin)
		rng := math.Hypot(d.X, d.Y)
		x.az[ti] = math.Atan2(d.X, d.Y)
		// An upper bound of the coarse gate's half-width for any bearing
		// of the batch (coarseBearing: k·(σ + std/range) + 0.01).
		w := tr.coarseK*(maxStd+std/rng) + 0.01
		if !(rng >= 1) || !(w < wideBearingRad) {
			if !(rng >= 1) || math.IsNaN(x.az[ti]) {
				x.az[ti] = math.NaN() // at the antenna: no azimuth
			}
			x.wide = append(x.wide, ti)
			continue
		}
		window = max(window, w)
		x.byAz = append(x.byAz, keysort.Item[float64]{Key: x.az[ti], Index: ti})
	}
	keysort.Sort(x.byAz)
	// Far above the rounding of either computation of the azimuth.
	window += 1e-6

	x.pairs = x.pairs[:0]
	for j := range batch {
		theta := geo.WrapPi(batch[j].z[0])
		x.picks = x.picks[:0]
		for _, ti := range x.wide {
			if tr.coarseBearing(j, x.pos[ti], x.std[ti]) {
				d := math.Abs(geo.WrapPi(x.az[ti] - theta))
				if math.IsNaN(d) {
					d = 0
				}
				x.picks = append(x.picks, bearingPick{ti, d})
			}
		}
		nw := len(x.picks)
		tr.searchAzimuth(j, theta, window)
		if len(x.picks) > maxBearingTracks {
			x.nearest(nw)
		}
		for _, p := range x.picks {
			x.pairs = append(x.pairs, bearingPair{p.track, j})
		}
	}
	// The pairs by track, each track's bearings in batch order (a
	// counting sort, stable).
	x.start = slices.Grow(x.start[:0], n+1)[:n+1]
	clear(x.start)
	for _, p := range x.pairs {
		x.start[p.track+1]++
	}
	for ti := range n {
		x.start[ti+1] += x.start[ti]
	}
	x.list = slices.Grow(x.list[:0], len(x.pairs))[:len(x.pairs)]
	for _, p := range x.pairs {
		x.list[x.start[p.track]] = p.bearing
		x.start[p.track]++
	}
	// start[ti] is now the end of track ti's bearings: shift back.
	copy(x.start[1:], x.start[:n])
	x.start[0] = 0
	return true
}

// comparePicks orders picks by azimuth distance, then track.
func comparePicks(a, b bearingPick) int {
	if c := cmp.Compare(a.dAz, b.dAz); c != 0 {
		return c
	}
	return a.track - b.track
}

// nearest keeps the maxBearingTracks first picks in comparePicks order:
// those of the wide tracks (picks[:nw]) and those searchAzimuth found,
// nearest first (picks[nw:], already in order but for ties and rounding,
// checked), each sorted and then merged; the order is total (no two picks
// are of one track), so the result is that of sorting them all.
func (x *bearingIndex) nearest(nw int) {
	wide, found := x.picks[:nw], x.picks[nw:]
	slices.SortFunc(wide, comparePicks)
	if !slices.IsSortedFunc(found, comparePicks) {
		slices.SortFunc(found, comparePicks)
	}
	x.merged = x.merged[:0]
	for len(x.merged) < maxBearingTracks {
		switch {
		case len(wide) > 0 && (len(found) == 0 || comparePicks(wide[0], found[0]) < 0):
			x.merged, wide = append(x.merged, wide[0]), wide[1:]
		default:
			x.merged, found = append(x.merged, found[0]), found[1:]
		}
	}
	x.picks = append(x.picks[:0], x.merged...)
}

// candidates returns the bearings track ti is to be gated with, found by
// bearingCandidates.
func (x *bearingIndex) candidates(ti int) []int { return x.list[x.start[ti]:x.start[ti+1]] }

// searchAzimuth adds to picks the tracks sorted by azimuth that pass
// bearing j's coarse gate, nearest in azimuth to the bearing θ first, up
// to maxBearingTracks of them, looking no further than window radians
// either side (no track beyond passes).
func (tr *Tracker) searchAzimuth(j int, theta, window float64) {
	x := &tr.bearings
	nb := len(x.byAz)
	if nb == 0 {
		return
	}
	r := keysort.Search(x.byAz, theta) % nb
	l := (r - 1 + nb) % nb
	for visited, found := 0, 0; visited < nb && found < maxBearingTracks; visited++ {
		dr := math.Abs(geo.WrapPi(x.byAz[r].Key - theta))
		dl := math.Abs(geo.WrapPi(x.byAz[l].Key - theta))
		var k int
		var d float64
		if dr <= dl {
			k, d = r, dr
			r = (r + 1) % nb
		} else {
			k, d = l, dl
			l = (l - 1 + nb) % nb
		}
		if d > window {
			return
		}
		ti := x.byAz[k].Index
		if tr.coarseBearing(j, x.pos[ti], x.std[ti]) {
			x.picks = append(x.picks, bearingPick{ti, d})
			found++
		}
	}
}
