package sensors

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/spatial/r3"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/cuasim/cuasim/geo"
)

// geometry is where a point lies as seen from a sensor.
type geometry struct {
	rangeM  float64 // slant range, m
	groundM float64 // horizontal distance, m
	az, el  float64 // compass azimuth and elevation, rad
	unit    r3.Vec  // unit line-of-sight vector, sensor to point
}

// look returns the geometry of p seen from the sensor at s; ok is false when
// the two coincide.
func look(s, p r3.Vec) (g geometry, ok bool) {
	d := r3.Sub(p, s)
	g.rangeM = r3.Norm(d)
	if g.rangeM == 0 {
		return g, false
	}
	g.groundM = math.Hypot(d.X, d.Y)
	g.az = geo.Azimuth(d)
	g.el = math.Asin(d.Z / g.rangeM)
	g.unit = r3.Scale(1/g.rangeM, d)
	return g, true
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
