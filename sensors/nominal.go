package sensors

// The nominal range is a sensor's headline range, the one figure a table
// or a map gives for it: cuasim run's and cuasim validate's sensor tables,
// and the coverage circles of the report's layout map, all show this one.
const (
	// NominalRCSM2 and NominalPd define a radar's nominal range: Pd
	// NominalPd per look on a NominalRCSM2 Swerling 1 target (a small
	// quadcopter).
	NominalRCSM2 = 0.01
	NominalPd    = 0.5
)

// NominalRangeNote explains the nominal range under a table that shows it.
const NominalRangeNote = "radar: Pd 0.5 per look on a 0.01 m² Swerling 1 target; rf: median range of a 20 dBm 1 MHz 2.44 GHz link at 50 m.\n" +
	"Both ignore masking and the horizon; single lucky looks come from further out."

// NominalRangeM is the radar's headline range, metres: the range of
// NominalPd per look on a NominalRCSM2 Swerling 1 target, capped at its
// instrumented range.
func (r *Radar) NominalRangeM() float64 {
	m := r.MaxRangeM()
	if x := r.RangeForPd(Swerling1, NominalRCSM2, NominalPd); x < m {
		return x // NaN compares false: the instrumented range stays
	}
	return m
}

// NominalRangeM returns a sensor's headline range, metres (see
// NominalRangeNote), or 0 for a kind of sensor that has none.
func NominalRangeM(s Sensor) float64 {
	if n, ok := s.(interface{ NominalRangeM() float64 }); ok {
		return n.NominalRangeM()
	}
	return 0
}
