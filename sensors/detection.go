package sensors

import (
	"gonum.org/v1/gonum/spatial/r3"
)

// DetectionKind says which kind of sensor made a detection.
type DetectionKind uint8

// The kinds of detection.
const (
	RadarPlot DetectionKind = iota // range, azimuth, [elevation], [radial velocity]
	RFBearing                      // bearing, [elevation], received power, band
)

// String returns "radar" or "rf".
func (k DetectionKind) String() string {
	if k == RFBearing {
		return "rf"
	}
	return "radar"
}

// Detection is one report from a sensor: a radar plot or an RF bearing.
// Angles are radians: azimuth clockwise from north, elevation above the
// horizontal, both seen from Origin. Each measured quantity comes with the
// standard deviation of its noise, as a tracker needs it.
type Detection struct {
	TimeS  float64
	Sensor int // index of the sensor in its Network
	Kind   DetectionKind
	Origin r3.Vec // antenna position, ENU metres

	RangeM       float64 // radar
	AzimuthRad   float64
	ElevationRad float64 // when HasElevation
	RadialMPS    float64 // radial velocity, positive receding; when HasVelocity

	RangeStdM, AzimuthStdRad, ElevationStdRad, RadialStdMPS float64

	HasElevation, HasVelocity bool

	// SNRdB is, for a radar plot, the mean SNR integrated over the dwell (an
	// apparent value for a false alarm) and, for an RF bearing, the link's
	// SNR in the receiver's bandwidth.
	SNRdB       float64
	PowerDBm    float64 // RF: received power
	FrequencyHz float64 // RF: centre frequency of the link heard
	BandwidthHz float64 // RF: its bandwidth

	// TruthID is the entity that caused the detection, or -1 for a false
	// alarm; Link is the index of the RF link heard, or -1. They are for
	// scoring only: a tracker must not read them.
	TruthID int
	Link    int
}

// FalseAlarm reports whether the detection was caused by noise or
// background emissions rather than a target.
func (d *Detection) FalseAlarm() bool { return d.TruthID < 0 }
