package sensors

import (
	"math"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/geo"
)

// Coverage is what a tracker knows of a sensor: where and how often it
// looks, what it measures, and how dense its false alarms are. It holds no
// truth.
type Coverage struct {
	Kind   DetectionKind
	Origin r3.Vec // antenna, ENU metres

	// RevisitS is the time between two looks at a point of the field of
	// view, seconds: a rotating radar's period, a sector sweep, a staring
	// radar's or an RF sensor's update period.
	RevisitS float64

	MinRangeM, MaxRangeM             float64 // RF: 0 and +Inf
	BoresightRad, HalfWidthRad       float64 // azimuth field of view
	MinElevationRad, MaxElevationRad float64

	HasElevation, HasVelocity bool

	// FalseAlarmsPerScan is the expected number of false reports per
	// revisit over the whole field of view, spread uniformly over
	// MeasurementVolume: range × azimuth [× elevation] [× radial velocity]
	// for a radar (m·rad·rad·m/s), azimuth [× elevation] for RF.
	FalseAlarmsPerScan float64
	MeasurementVolume  float64

	// Classifier is the radar's micro-Doppler confusion matrix, or nil.
	Classifier *Confusion

	// RF: the antenna gain (dBi), the median path-loss model, and the
	// standard deviation (dB) and decorrelation distance (m) of the
	// shadowing, with which a tracker predicts the difference of the
	// powers two sensors receive from one emitter.
	RxGainDB, ShadowingDB, ShadowDecorrM float64
	PathLoss                             PathLoss
}

// Covers reports whether p lies in the field of view and range interval
// (it ignores masking and the horizon).
func (c *Coverage) Covers(p r3.Vec) bool {
	// look's geometry, each part computed only when the tests before it
	// pass.
	d := r3.Sub(p, c.Origin)
	// Clearly beyond the range, by 1e-9 of the squared range (its
	// rounding, and r3.Norm's, are a few units of 1e-16).
	if d2 := d.X*d.X + d.Y*d.Y + d.Z*d.Z; d2 > c.MaxRangeM*c.MaxRangeM*(1+1e-9) {
		return false
	}
	rangeM := r3.Norm(d)
	if !(rangeM != 0 && rangeM >= c.MinRangeM && rangeM <= c.MaxRangeM) {
		return false
	}
	if el := math.Asin(d.Z / rangeM); !(el >= c.MinElevationRad && el <= c.MaxElevationRad) {
		return false
	}
	// All round, any (finite) azimuth is within π of the boresight.
	return c.HalfWidthRad >= math.Pi || math.Abs(geo.WrapPi(geo.Azimuth(d)-c.BoresightRad)) <= c.HalfWidthRad
}

// ClutterDensity is the expected number of false reports per scan per unit
// of measurement volume, the λ of a track score.
func (c *Coverage) ClutterDensity() float64 {
	return c.FalseAlarmsPerScan / c.MeasurementVolume
}

// Coverage describes the radar for a tracker.
func (r *Radar) Coverage() Coverage {
	c := Coverage{
		Kind: RadarPlot, Origin: r.pos,
		MinRangeM: r.rangeMin, MaxRangeM: r.rangeMax,
		BoresightRad: r.bore, HalfWidthRad: r.halfW,
		MinElevationRad: r.elMin, MaxElevationRad: r.elMax,
		HasElevation: r.measuresEl, HasVelocity: r.velRes > 0,
		FalseAlarmsPerScan: r.faPerScan,
		MeasurementVolume:  (r.rangeMax - r.rangeMin) * 2 * r.halfW,
		Classifier:         r.classify,
	}
	if r.mode == scanStaring {
		c.RevisitS = 1 / r.updateHz
	} else {
		c.RevisitS = r.periodS
	}
	if c.HasElevation {
		c.MeasurementVolume *= r.elMax - r.elMin
	}
	if c.HasVelocity {
		c.MeasurementVolume *= 2 * falseAlarmMaxRadialMPS
	}
	return c
}

// Coverage describes the RF sensor for a tracker.
func (s *RF) Coverage() Coverage {
	c := Coverage{
		Kind: RFBearing, Origin: s.pos, RevisitS: s.updateS,
		MinRangeM: 0, MaxRangeM: math.Inf(1),
		BoresightRad: s.bore, HalfWidthRad: s.halfW,
		MinElevationRad: s.elMin, MaxElevationRad: s.elMax,
		HasElevation:       s.measuresEl,
		FalseAlarmsPerScan: s.faPerUpdate,
		MeasurementVolume:  2 * s.halfW,
		RxGainDB:           s.gainDB, ShadowingDB: s.shadowStdDB, ShadowDecorrM: s.decorrM,
		PathLoss: s.loss,
	}
	if c.HasElevation {
		c.MeasurementVolume *= s.elMax - s.elMin
	}
	return c
}
