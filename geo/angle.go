package geo

import (
	"math"

	"gonum.org/v1/gonum/spatial/r3"
)

// Rad converts degrees, as files, flags and screens give angles, to radians,
// as the code uses them.
func Rad(deg float64) float64 { return deg * math.Pi / 180 }

// Deg converts radians to degrees.
func Deg(rad float64) float64 { return rad * 180 / math.Pi }

// Azimuth returns the compass azimuth of a direction in the ENU frame:
// radians clockwise from north, in [0, 2π).
func Azimuth(d r3.Vec) float64 { return WrapTwoPi(math.Atan2(d.X, d.Y)) }

// WrapPi wraps an angle to (−π, π].
func WrapPi(a float64) float64 {
	a = math.Mod(a+math.Pi, 2*math.Pi)
	if a <= 0 {
		a += 2 * math.Pi
	}
	return a - math.Pi
}

// WrapTwoPi wraps an angle to [0, 2π).
func WrapTwoPi(a float64) float64 {
	a = math.Mod(a, 2*math.Pi)
	if a < 0 {
		a += 2 * math.Pi
	}
	if a >= 2*math.Pi { // math.Mod of a tiny negative rounds up to 2π
		a = 0
	}
	return a
}
