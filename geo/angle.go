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
	a = modTwoPi(a + math.Pi)
	if a <= 0 {
		a += 2 * math.Pi
	}
	return a - math.Pi
}

// WrapTwoPi wraps an angle to [0, 2π).
func WrapTwoPi(a float64) float64 {
	a = modTwoPi(a)
	if a < 0 {
		a += 2 * math.Pi
	}
	if a >= 2*math.Pi { // math.Mod of a tiny negative rounds up to 2π
		a = 0
	}
	return a
}

// modTwoPi returns math.Mod(x, 2π), bit for bit, without math.Mod's
// long division where it can: inside one turn x itself, and up to 2⁵⁰ the
// remainder x − k·2π for k = ⌊|x|/2π⌋, computed by a fused multiply-add.
// The exact remainder of a division is representable in floating point,
// and the FMA rounds the exact x − k·2π once, so it returns it exactly
// once k is right; |x|/2π rounded may put k off by one, which the sign of
// the result shows and one more FMA corrects.
func modTwoPi(x float64) float64 {
	const y = 2 * math.Pi
	ax := math.Abs(x)
	if ax < y {
		return x
	}
	if !(ax < 1<<50) { // huge, infinite or NaN
		return math.Mod(x, y)
	}
	k := math.Floor(ax / y)
	r := math.FMA(-k, y, ax)
	switch {
	case r < 0:
		r = math.FMA(-(k - 1), y, ax)
	case r >= y:
		r = math.FMA(-(k + 1), y, ax)
	}
	return math.Copysign(r, x)
}
