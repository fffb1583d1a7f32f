package sensors

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/spatial/r3"
	"gonum.org/v1/gonum/stat/distuv"
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
