package geo

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/spatial/r3"
)

// WGS84 ellipsoid (NIMA TR8350.2).
const (
	SemiMajorM = 6378137.0                     // a
	Flattening = 1 / 298.257223563             // f
	SemiMinorM = SemiMajorM * (1 - Flattening) // b
	ecc2       = Flattening * (2 - Flattening) // first eccentricity squared
	ecc2Prime  = ecc2 / (1 - ecc2)             // second eccentricity squared
)

// LLA is a geodetic position on the WGS84 ellipsoid: latitude and longitude
// in degrees, height above the ellipsoid in metres.
type LLA struct{ LatDeg, LonDeg, AltM float64 }

// Valid reports whether the position is usable: finite, latitude within
// [−90, 90] and longitude within [−180, 180].
func (p LLA) Valid() error {
	switch {
	case math.IsNaN(p.LatDeg) || math.IsInf(p.LatDeg, 0) || p.LatDeg < -90 || p.LatDeg > 90:
		return fmt.Errorf("latitude: expected degrees in [-90, 90], found %g", p.LatDeg)
	case math.IsNaN(p.LonDeg) || math.IsInf(p.LonDeg, 0) || p.LonDeg < -180 || p.LonDeg > 180:
		return fmt.Errorf("longitude: expected degrees in [-180, 180], found %g", p.LonDeg)
	case math.IsNaN(p.AltM) || math.IsInf(p.AltM, 0):
		return fmt.Errorf("height: expected a finite number of metres, found %g", p.AltM)
	}
	return nil
}

// ToECEF converts a geodetic position to Earth-centred, Earth-fixed
// Cartesian metres.
func ToECEF(p LLA) r3.Vec {
	sinLat, cosLat := math.Sincos(Rad(p.LatDeg))
	sinLon, cosLon := math.Sincos(Rad(p.LonDeg))
	n := SemiMajorM / math.Sqrt(1-ecc2*sinLat*sinLat) // prime vertical radius of curvature
	return r3.Vec{
		X: (n + p.AltM) * cosLat * cosLon,
		Y: (n + p.AltM) * cosLat * sinLon,
		Z: (n*(1-ecc2) + p.AltM) * sinLat,
	}
}

// FromECEF converts Earth-centred, Earth-fixed metres to a geodetic position.
// It uses Bowring's method: a parametric-latitude start and three
// fixed-point iterations, accurate to well under a millimetre from the
// earth's centre to orbit (the round-trip tests check 1e-6 m).
func FromECEF(x r3.Vec) LLA {
	lon := math.Atan2(x.Y, x.X)
	p := math.Hypot(x.X, x.Y)
	if p < 1e-9 { // on the polar axis
		lat := math.Copysign(math.Pi/2, x.Z)
		return LLA{LatDeg: Deg(lat), LonDeg: Deg(lon), AltM: math.Abs(x.Z) - SemiMinorM}
	}
	// Bowring (1976): latitude from the parametric latitude beta.
	beta := math.Atan2(SemiMajorM*x.Z, SemiMinorM*p)
	var lat float64
	for range 3 {
		sb, cb := math.Sincos(beta)
		lat = math.Atan2(x.Z+ecc2Prime*SemiMinorM*sb*sb*sb, p-ecc2*SemiMajorM*cb*cb*cb)
		beta = math.Atan((1 - Flattening) * math.Tan(lat))
	}
	sinLat, cosLat := math.Sincos(lat)
	n := SemiMajorM / math.Sqrt(1-ecc2*sinLat*sinLat)
	var h float64
	if math.Abs(cosLat) > 1e-3 {
		h = p/cosLat - n
	} else {
		h = x.Z/sinLat - n*(1-ecc2)
	}
	return LLA{LatDeg: Deg(lat), LonDeg: Deg(lon), AltM: h}
}

// Frame is a local East-North-Up tangent-plane frame anchored at an origin.
type Frame struct {
	origin LLA
	o      r3.Vec // origin in ECEF
	// rows of the ECEF→ENU rotation
	e, n, u r3.Vec
}

// NewFrame returns the East-North-Up frame at origin.
func NewFrame(origin LLA) Frame {
	sinLat, cosLat := math.Sincos(Rad(origin.LatDeg))
	sinLon, cosLon := math.Sincos(Rad(origin.LonDeg))
	return Frame{
		origin: origin,
		o:      ToECEF(origin),
		e:      r3.Vec{X: -sinLon, Y: cosLon},
		n:      r3.Vec{X: -sinLat * cosLon, Y: -sinLat * sinLon, Z: cosLat},
		u:      r3.Vec{X: cosLat * cosLon, Y: cosLat * sinLon, Z: sinLat},
	}
}

// Origin returns the frame's origin.
func (f Frame) Origin() LLA { return f.origin }

// ToENU returns a geodetic position's East-North-Up coordinates in metres.
func (f Frame) ToENU(p LLA) r3.Vec {
	d := r3.Sub(ToECEF(p), f.o)
	return r3.Vec{X: r3.Dot(f.e, d), Y: r3.Dot(f.n, d), Z: r3.Dot(f.u, d)}
}

// ToLLA returns the geodetic position of East-North-Up coordinates.
func (f Frame) ToLLA(enu r3.Vec) LLA {
	d := r3.Add(r3.Add(r3.Scale(enu.X, f.e), r3.Scale(enu.Y, f.n)), r3.Scale(enu.Z, f.u))
	return FromECEF(r3.Add(f.o, d))
}
