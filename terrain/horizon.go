package terrain

import (
	"math"
)

// EffectiveEarthRadiusM is the earth's radius for radio propagation under
// standard refraction: k·Re with k = 4/3 and the mean radius Re = 6371 km,
// the model of sensors.RadarHorizonM (Skolnik, Introduction to Radar
// Systems §8.2).
const EffectiveEarthRadiusM = 4.0 / 3 * 6_371_000

// Bounds on a Horizon's azimuth bins: at least one a degree, and at most
// about one every 5 mrad (0.09°), which keeps the table of a sensor with no
// range limit over a 50 km grid near 20 MB.
const (
	minAzimuthBins = 360
	maxAzimuthBins = 4096
)

// horizonKey identifies a Horizon in its grid's cache.
type horizonKey struct{ e, n, z, rangeM float64 }

// maxCachedBytes bounds the tables a grid keeps for later sensors at the
// same places; beyond it the oldest are dropped (a sensor keeps its own).
// A layout search that tries many positions then does not hold a table
// for each.
const maxCachedBytes = 256 << 20

// Horizon is what the terrain and the earth's curvature hide from one
// antenna: along rays from the antenna at nAz evenly spaced azimuths, the
// steepest slope at which the ground is seen from the antenna up to each
// range, every stepM (the grid's spacing). A point is in
// sight when the slope to it is at least the steepest slope of the ground
// before it on its azimuth's ray, and it is not below the ground.
//
// Slopes are measured in the plane tangent to the effective earth at the
// antenna, so that a straight ray from the antenna sees the ground at
// range r and height h at slope (h − r²/(2·k·Re) − z)/r, z the antenna's
// height: the usual "earth bulge" of a path profile, which over flat
// ground gives the smooth-earth horizon √(2·k·Re·z) + √(2·k·Re·h).
//
// A Horizon is read-only and safe for concurrent use. Its query, Visible,
// costs one bilinear height, a few multiplications and a table look-up,
// and allocates nothing.
type Horizon struct {
	grid       *Grid
	e, n, z    float64 // antenna, m
	nAz        int     // azimuth bins, the first centred on north
	binsPerRad float64
	stepM      float64 // range step along a ray
	nR         int     // range steps per ray, the first at range 0
	// maxSlope[k·nR + i] is the steepest ground slope seen on ray k at
	// ranges stepM, 2·stepM, ..., i·stepM (−∞ for i = 0).
	maxSlope []float32
}

// Horizon returns the horizon table of an antenna at (eastM, northM) and
// upM metres above the datum, out to maxRangeM (+Inf for a sensor with no
// range limit: then to the grid's farthest corner, beyond which the ground
// is the datum). Tables are cached in the grid, up to maxCachedBytes: a
// sensor rebuilt for another replication at the same place shares its
// table.
func (g *Grid) Horizon(eastM, northM, upM, maxRangeM float64) *Horizon {
	rangeM := min(maxRangeM, g.farthestCornerM(eastM, northM))
	key := horizonKey{eastM, northM, upM, rangeM}
	g.mu.Lock()
	defer g.mu.Unlock()
	if h, ok := g.horizons[key]; ok {
		return h
	}
	h := newHorizon(g, eastM, northM, upM, rangeM)
	if g.horizons == nil {
		g.horizons = map[horizonKey]*Horizon{}
	}
	g.horizons[key] = h
	g.order = append(g.order, key)
	g.cachedBytes += 4 * len(h.maxSlope)
	for g.cachedBytes > g.cacheLimitBytes && len(g.order) > 1 {
		old := g.order[0]
		g.order = g.order[1:]
		g.cachedBytes -= 4 * len(g.horizons[old].maxSlope)
		delete(g.horizons, old)
	}
	return h
}

// newHorizon builds the table of an antenna out to rangeM. Along each ray
// the ground is taken at every crossing of the ray with a grid line, where
// the bilinear ground is linear between two nodes: at most a grid spacing
// apart, and a crest along a grid line is found where it is, not up to a
// sample beyond it. Beyond the grid the crossings go on over the datum.
func newHorizon(g *Grid, e, n, z, rangeM float64) *Horizon {
	h := &Horizon{grid: g, e: e, n: n, z: z, stepM: g.spacingM}
	h.nR = int(math.Ceil(rangeM/h.stepM)) + 1
	h.nAz = min(max(int(math.Ceil(2*math.Pi*rangeM/h.stepM)), minAzimuthBins), maxAzimuthBins)
	h.binsPerRad = float64(h.nAz) / (2 * math.Pi)
	h.maxSlope = make([]float32, h.nAz*h.nR)
	x0, y0 := (e-g.minEastM)/g.spacingM, (n-g.minNorthM)/g.spacingM
	for k := range h.nAz {
		sin, cos := math.Sincos(float64(k) / h.binsPerRad)
		ray := h.maxSlope[k*h.nR : (k+1)*h.nR]
		steepest := math.Inf(-1)
		slope := func(r float64) {
			if s := (g.HeightM(e+r*sin, n+r*cos) - r*r/(2*EffectiveEarthRadiusM) - z) / r; s > steepest {
				steepest = s
			}
		}
		ex, ey := newCrossings(x0, sin/g.spacingM), newCrossings(y0, cos/g.spacingM)
		ray[0] = float32(steepest)
		for i := 1; i < h.nR; i++ {
			r := float64(i) * h.stepM
			for ; ex.r <= r; ex.next() {
				slope(ex.r)
			}
			for ; ey.r <= r; ey.next() {
				slope(ey.r)
			}
			ray[i] = roundDown(steepest)
		}
	}
	return h
}

// crossings walks the ranges at which a ray crosses the grid lines of one
// axis: the ray's coordinate on that axis, in grid spacings, is c0 + r·dc.
type crossings struct {
	c0, dc float64
	line   float64 // the next line crossed
	r      float64 // the range at which it is crossed; +Inf if never
}

func newCrossings(c0, dc float64) crossings {
	x := crossings{c0: c0, dc: dc, r: math.Inf(1)}
	switch {
	case dc > 0:
		x.line = math.Floor(c0) + 1
	case dc < 0:
		x.line = math.Ceil(c0) - 1
	default:
		return x
	}
	x.r = (x.line - c0) / dc
	return x
}

// next moves to the following line.
func (x *crossings) next() {
	if x.dc > 0 {
		x.line++
	} else {
		x.line--
	}
	x.r = (x.line - x.c0) / x.dc
}

// Visible reports whether a point at (eastM, northM) and upM metres above
// the datum is in sight of the antenna: not below the ground, and seen at
// a slope at least the steepest of the ground before it on the ray of the
// azimuth bin nearest azRad. azRad is the point's compass azimuth from the
// antenna (radians clockwise from north, in [0, 2π)) and groundM its
// horizontal distance, which the caller has at hand.
//
// The ground is taken where the bin's ray crosses grid lines, up to the
// last range step at or before groundM; beyond the table's range it is the datum,
// whose steepest slope has a closed form. The table holds float32 slopes
// rounded down, so that rounding never hides a point the exact slopes
// show: a point on flat ground stays in sight out to the horizon.
func (h *Horizon) Visible(eastM, northM, upM, azRad, groundM float64) bool {
	if upM < h.grid.HeightM(eastM, northM) {
		return false
	}
	slope := (upM - groundM*groundM/(2*EffectiveEarthRadiusM) - h.z) / groundM
	k := int(azRad*h.binsPerRad+0.5) % h.nAz
	if k < 0 {
		k += h.nAz
	}
	i := int(groundM / h.stepM)
	if i < h.nR {
		return slope >= float64(h.maxSlope[k*h.nR+i])
	}
	return slope >= max(float64(h.maxSlope[(k+1)*h.nR-1]), h.datumSlope(groundM))
}

// Sees is Visible for a point given by its position alone.
func (h *Horizon) Sees(eastM, northM, upM float64) bool {
	de, dn := eastM-h.e, northM-h.n
	az := math.Atan2(de, dn)
	if az < 0 {
		az += 2 * math.Pi
	}
	return h.Visible(eastM, northM, upM, az, math.Hypot(de, dn))
}

// datumSlope returns the steepest slope of the datum (flat ground at
// height 0) seen from the antenna between the end of the table and
// groundM: (−r²/(2·k·Re) − z)/r is largest at r = √(2·k·Re·z), the
// antenna's horizon, and falls away on either side of it.
func (h *Horizon) datumSlope(groundM float64) float64 {
	a := float64(h.nR-1) * h.stepM
	r := min(max(math.Sqrt(2*EffectiveEarthRadiusM*max(h.z, 0)), a), groundM)
	return -r/(2*EffectiveEarthRadiusM) - h.z/r
}

// roundDown returns the largest float32 not above x.
func roundDown(x float64) float32 {
	f := float32(x)
	if float64(f) > x {
		f = math.Nextafter32(f, float32(math.Inf(-1)))
	}
	return f
}
