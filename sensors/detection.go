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

// Class is a micro-Doppler classifier's label of a radar plot.
type Class uint8

// The labels.
const (
	ClassNone  Class = iota // not labelled
	ClassDrone              // labelled drone
	ClassBird               // labelled bird
)

// String returns "", "drone" or "bird".
func (c Class) String() string { return [...]string{"", "drone", "bird"}[c] }

// Confusion is a micro-Doppler classifier's confusion matrix: the
// probability that a drone's, a bird's and a false alarm's plot is labelled
// drone (else bird), for plots of at least MinSNRdB.
type Confusion struct {
	MinSNRdB                               float64
	DroneAsDrone, BirdAsBird, FalseAsDrone float64
}

// PLabel returns the probability of label c for a drone (kind 0), a bird
// (1) or a false alarm (2).
func (m *Confusion) PLabel(c Class, kind int) float64 {
	pDrone := [3]float64{m.DroneAsDrone, 1 - m.BirdAsBird, m.FalseAsDrone}[kind]
	if c == ClassDrone {
		return pDrone
	}
	return 1 - pDrone
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
	SNRdB float64
	// Class is a radar's micro-Doppler label, ClassNone when the radar
	// has no classifier or the plot was too weak to label.
	Class Class

	PowerDBm    float64 // RF: received power
	FrequencyHz float64 // RF: centre frequency of the link heard
	BandwidthHz float64 // RF: its bandwidth

	// TruthID is the entity that caused the detection, or -1 for a false
	// alarm; Link is the index of the RF link heard, or -1. They are for
	// scoring only: a tracker must not read them.
	TruthID int
	Link    int
	// Unresolved is, for a radar that merges unresolved targets, the
	// number of targets the plot stands for when more than one shared its
	// resolution cell (TruthID is then the strongest's), 0 otherwise. For
	// scoring only, as TruthID.
	Unresolved int
}

// FalseAlarm reports whether the detection was caused by noise or
// background emissions rather than a target.
func (d *Detection) FalseAlarm() bool { return d.TruthID < 0 }
