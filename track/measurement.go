package track

import (
	"math"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/sensors"
)

// component is one measured quantity.
type component uint8

const (
	compRange     component = iota // slant range, m
	compAzimuth                    // compass azimuth, rad
	compElevation                  // elevation, rad
	compRadial                     // radial velocity, m/s, positive receding
	compPowerDiff                  // difference of the powers two RF sensors received from one emitter, dB (power.go)
)

// maxMeasDim is the largest measurement: range, azimuth, elevation, radial velocity.
const maxMeasDim = 4

// Measurement is one detection as the tracker sees it: what was measured,
// from where, when and how precisely, with no truth.
type Measurement struct {
	TimeS  float64
	Sensor int // index of the sensor in its network
	Kind   sensors.DetectionKind
	Origin r3.Vec // antenna, ENU metres

	dim  int
	comp [maxMeasDim]component
	z    [maxMeasDim]float64
	std  [maxMeasDim]float64

	// FrequencyHz and BandwidthHz identify the link an RF bearing heard.
	FrequencyHz, BandwidthHz float64
	// PowerDBm is an RF bearing's received power (0: not measured).
	PowerDBm float64
	// pw is the pair of bearings of a received-power difference.
	pw    *powerPair
	SNRdB float64
	// Class is the radar's micro-Doppler label, if any.
	Class sensors.Class

	// The sine and cosine of the measured azimuth and, for a plot with
	// elevation, the point it puts the object at (Point): what every
	// tracker that takes the measurement computes from it, computed once
	// by FromDetection (geom true), or by the tracker when not.
	sinAz, cosAz float64
	point        r3.Vec
	geom         bool
}

// FromDetection converts a sensor detection to a measurement, leaving its
// truth fields behind.
func FromDetection(d *sensors.Detection) Measurement {
	m := Measurement{TimeS: d.TimeS, Sensor: d.Sensor, Kind: d.Kind, Origin: d.Origin,
		FrequencyHz: d.FrequencyHz, BandwidthHz: d.BandwidthHz, PowerDBm: d.PowerDBm, SNRdB: d.SNRdB, Class: d.Class}
	if d.Kind == sensors.RadarPlot {
		m.add(compRange, d.RangeM, d.RangeStdM)
	}
	m.add(compAzimuth, d.AzimuthRad, d.AzimuthStdRad)
	if d.HasElevation {
		m.add(compElevation, d.ElevationRad, d.ElevationStdRad)
	}
	if d.HasVelocity {
		m.add(compRadial, d.RadialMPS, d.RadialStdMPS)
	}
	m.sinAz, m.cosAz = math.Sincos(m.z[m.azimuthIndex()])
	m.geom = true // Point below takes the sine and cosine of the azimuth
	if m.HasRange() && m.HasElevation() {
		m.point, _ = m.Point()
	}
	return m
}

// azimuthIndex is the place of the azimuth among the measured quantities:
// after the range of a radar plot, first for an RF bearing.
func (m *Measurement) azimuthIndex() int {
	if m.HasRange() {
		return 1
	}
	return 0
}

// sincosAz returns math.Sincos of the measured azimuth.
func (m *Measurement) sincosAz() (sin, cos float64) {
	if m.geom {
		return m.sinAz, m.cosAz
	}
	return math.Sincos(m.z[m.azimuthIndex()])
}

// point3D returns Point of a plot with elevation.
func (m *Measurement) point3D() r3.Vec {
	if m.geom {
		return m.point
	}
	p, _ := m.Point()
	return p
}

func (m *Measurement) add(c component, z, std float64) {
	m.comp[m.dim], m.z[m.dim], m.std[m.dim] = c, z, std
	m.dim++
}

// Dim returns the number of measured quantities.
func (m *Measurement) Dim() int { return m.dim }

// HasRange reports whether the measurement has a range (a radar plot).
func (m *Measurement) HasRange() bool { return m.dim > 0 && m.comp[0] == compRange }

// HasElevation reports whether the measurement has an elevation.
func (m *Measurement) HasElevation() bool {
	for _, c := range m.comp[:m.dim] {
		if c == compElevation {
			return true
		}
	}
	return false
}

// elevation returns the measured elevation and its standard deviation.
func (m *Measurement) elevation() (el, std float64, ok bool) {
	for i, c := range m.comp[:m.dim] {
		if c == compElevation {
			return m.z[i], m.std[i], true
		}
	}
	return 0, 0, false
}

// Point returns the position the measurement puts the object at, for a
// plot with range; RF bearings have none (ok is false). Without an
// elevation the object is put at the antenna's height.
func (m *Measurement) Point() (p r3.Vec, ok bool) {
	if !m.HasRange() {
		return p, false
	}
	r, el := m.z[0], 0.0
	for i, c := range m.comp[:m.dim] {
		if c == compElevation {
			el = m.z[i]
		}
	}
	// math.Sincos gives math.Sin and math.Cos bit for bit (geo's
	// TestSincosIsSinAndCos), each pair for the price of about one.
	se, ce := math.Sincos(el)
	sa, ca := m.sincosAz() // of az = m.z[1]
	return r3.Add(m.Origin, r3.Vec{X: r * ce * sa, Y: r * ce * ca, Z: r * se}), true
}

// predict writes the predicted measurement h(x) into zp and its Jacobian
// into the first Dim rows of H.
func (m *Measurement) predict(x *[stateDim]float64, zp *[maxMeasDim]float64, H *[maxMeasDim][stateDim]float64) {
	de, dn, du := x[ix]-m.Origin.X, x[iy]-m.Origin.Y, x[iz]-m.Origin.Z
	rho2 := de*de + dn*dn
	rho := math.Sqrt(rho2)
	r2 := rho2 + du*du
	r := math.Sqrt(r2)
	// Guard the singular points (the object at the antenna or overhead).
	rho = max(rho, 1e-6)
	rho2 = rho * rho
	r = max(r, 1e-6)
	r2 = r * r
	for i, c := range m.comp[:m.dim] {
		h := &H[i]
		*h = [stateDim]float64{}
		switch c {
		case compRange:
			zp[i] = r
			h[ix], h[iy], h[iz] = de/r, dn/r, du/r
		case compAzimuth:
			zp[i] = math.Atan2(de, dn)
			h[ix], h[iy] = dn/rho2, -de/rho2
		case compElevation:
			zp[i] = math.Atan2(du, rho)
			h[ix], h[iy], h[iz] = -de*du/(r2*rho), -dn*du/(r2*rho), rho/r2
		case compPowerDiff:
			p := r3.Vec{X: x[ix], Y: x[iy], Z: x[iz]}
			zp[i] = m.pw.pred(p)
			g := m.pw.gradient(p)
			h[ix], h[iy], h[iz] = g[0], g[1], g[2]
		case compRadial:
			vx, vy, vz := x[ivx], x[ivy], x[ivz]
			rd := (de*vx + dn*vy + du*vz) / r
			zp[i] = rd
			h[ix], h[iy], h[iz] = (vx-rd*de/r)/r, (vy-rd*dn/r)/r, (vz-rd*du/r)/r
			h[ivx], h[ivy], h[ivz] = de/r, dn/r, du/r
		}
	}
}

// predict3D is predict for a plot of layout radar3D (range, azimuth,
// elevation, radial velocity), unrolled: the same operations.
func (m *Measurement) predict3D(x *[stateDim]float64, zp *[maxMeasDim]float64, H *[maxMeasDim][stateDim]float64) {
	de, dn, du := x[ix]-m.Origin.X, x[iy]-m.Origin.Y, x[iz]-m.Origin.Z
	rho2 := de*de + dn*dn
	rho := math.Sqrt(rho2)
	r2 := rho2 + du*du
	r := math.Sqrt(r2)
	rho = max(rho, 1e-6)
	rho2 = rho * rho
	r = max(r, 1e-6)
	r2 = r * r
	ue, un, uu := de/r, dn/r, du/r
	vx, vy, vz := x[ivx], x[ivy], x[ivz]
	rd := (de*vx + dn*vy + du*vz) / r
	zp[0], zp[1], zp[2], zp[3] = r, math.Atan2(de, dn), math.Atan2(du, rho), rd
	H[0] = [stateDim]float64{ue, un, uu}
	H[1] = [stateDim]float64{dn / rho2, -de / rho2}
	H[2] = [stateDim]float64{-de * du / (r2 * rho), -dn * du / (r2 * rho), rho / r2}
	H[3] = [stateDim]float64{(vx - rd*de/r) / r, (vy - rd*dn/r) / r, (vz - rd*du/r) / r, ue, un, uu}
}

// innovation writes z − zp, with angle differences wrapped to (−π, π].
func (m *Measurement) innovation(zp, nu *[maxMeasDim]float64) {
	for i, c := range m.comp[:m.dim] {
		d := m.z[i] - zp[i]
		if c == compAzimuth || c == compElevation {
			d = wrapPi(d)
		}
		nu[i] = d
	}
}

// wrapPi wraps an angle to (−π, π], without math.Mod when it already is.
func wrapPi(a float64) float64 {
	if a > -math.Pi && a <= math.Pi {
		return a
	}
	return geo.WrapPi(a)
}
