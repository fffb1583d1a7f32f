package sensors

import "math"

// RadarEquation holds the parameters of the monostatic radar equation: peak
// power in watts, antenna gain in dB (the same on transmit and receive),
// carrier frequency and receiver noise bandwidth in Hz, noise figure and
// system losses in dB, and the number of pulses integrated per dwell.
type RadarEquation struct {
	PeakPowerW, GainDB, FrequencyHz, BandwidthHz, NoiseFigureDB, LossesDB float64
	Pulses                                                                int
}

// SNRDB returns the single-pulse SNR in dB of a target of RCS rcsM2 at range
// rangeM (Skolnik, Introduction to Radar Systems, eq. 2.61):
//
//	SNR = Pt·G²·λ²·σ / ((4π)³·R⁴·k·T0·B·F·L),  T0 = 290 K
//
// Pulses are integrated noncoherently at detection:
// DetectionProbability(model, SNRDB, pfa, Pulses).
func (r RadarEquation) SNRDB(rcsM2, rangeM float64) float64 {
	lambda := SpeedOfLight / r.FrequencyHz
	num := 10*math.Log10(r.PeakPowerW*lambda*lambda*rcsM2) + 2*r.GainDB
	den := 10*math.Log10(math.Pow(4*math.Pi, 3)*Boltzmann*T0*r.BandwidthHz) + 40*math.Log10(rangeM) + r.NoiseFigureDB + r.LossesDB
	return num - den
}

// ReferenceSNRDB scales a reference SNR to another RCS and range by the
// radar equation's σ/R⁴ law: SNR_ref + 10·log10(σ/σ_ref) − 40·log10(R/R_ref).
// With refSNRDB = RequiredSNR(model, pd, pfa, n) this calibrates a radar by
// one published detection point, as MATLAB's radarDataGenerator does. The
// pfa is the one the point is stated at: the SNR is the hardware's, and a
// radar run at another pfa detects DetectionProbability(model, SNR, pfa', n).
func ReferenceSNRDB(refSNRDB, refRCSM2, refRangeM, rcsM2, rangeM float64) float64 {
	return refSNRDB + 10*math.Log10(rcsM2/refRCSM2) - 40*math.Log10(rangeM/refRangeM)
}
