package sensors

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/spatial/r3"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/cuasim/cuasim/sim"
	"github.com/cuasim/cuasim/terrain"
)

// geometry is where a point lies as seen from a sensor at s: with
// d = p − s, rangeM = r3.Norm(d), groundM = math.Hypot(d.X, d.Y),
// az = geo.Azimuth(d), el = math.Asin(d.Z/rangeM) and unit = d/rangeM. The
// sensors compute it part by part, each part only when the coverage tests
// before it pass.
type geometry struct {
	rangeM  float64 // slant range, m
	groundM float64 // horizontal distance, m
	az, el  float64 // compass azimuth and elevation, rad
	unit    r3.Vec  // unit line-of-sight vector, sensor to point
}

// inSight reports whether nothing on the ground hides p, whose geometry
// from the antenna at pos is g (az and groundM set): the earth's curvature
// and the terrain, from the antenna's horizon table h, or on flat ground
// (h nil) the 4/3-earth radio horizon; then the site's obstacles. Radars
// and RF sensors, in the simulation and in coverage maps alike, see
// through this one test.
func inSight(h *terrain.Horizon, site *sim.Site, pos, p r3.Vec, g *geometry) bool {
	if h != nil {
		if !h.Visible(p.X, p.Y, p.Z, g.az, g.groundM) {
			return false
		}
	} else if g.groundM > RadarHorizonM(pos.Z, p.Z) {
		return false
	}
	return site.LineOfSight(pos, p)
}

// antenna returns the position of an antenna mastM above the ground at
// (eastM, northM), and its horizon table out to maxRangeM when the site
// has terrain (nil on flat ground).
func antenna(site *sim.Site, eastM, northM, mastM, maxRangeM float64) (r3.Vec, *terrain.Horizon) {
	pos := r3.Vec{X: eastM, Y: northM, Z: mastM}
	if site.Terrain == nil {
		return pos, nil
	}
	pos.Z += site.GroundM(eastM, northM)
	return pos, site.Terrain.Horizon(pos.X, pos.Y, pos.Z, maxRangeM)
}

// db converts a power ratio to decibels.
func db(x float64) float64 { return 10 * math.Log10(x) }

// poisson draws a Poisson count with mean lambda; it draws nothing when the
// mean is zero.
func poisson(r *rand.Rand, lambda float64) int {
	if lambda <= 0 {
		return 0
	}
	return int(distuv.Poisson{Lambda: lambda, Src: r}.Rand())
}
