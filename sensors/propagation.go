package sensors

import "math"

// Physical constants (CODATA 2018, exact by SI definition).
const (
	SpeedOfLight = 299_792_458.0 // m/s
	Boltzmann    = 1.380649e-23  // J/K
	T0           = 290.0         // standard noise temperature, K
)

// earthRadiusM is the mean earth radius used for the radio horizon.
const earthRadiusM = 6_371_000.0

// FreeSpacePathLossDB returns the free-space (Friis) path loss in dB between
// isotropic antennas: 20·log10(4π·d·f/c).
func FreeSpacePathLossDB(freqHz, distanceM float64) float64 {
	return 20 * math.Log10(4*math.Pi*distanceM*freqHz/SpeedOfLight)
}

// TwoRayPathLossDB returns the two-ray ground-reflection path loss in dB
// (Rappaport, Wireless Communications, §4.6): free space up to the crossover
// distance d_c = 4π·h_t·h_r/λ, and beyond it 40·log10(d) − 20·log10(h_t·h_r),
// never less than free space. Heights are above the ground, in metres.
func TwoRayPathLossDB(freqHz, distanceM, txHeightM, rxHeightM float64) float64 {
	fs := FreeSpacePathLossDB(freqHz, distanceM)
	crossover := 4 * math.Pi * txHeightM * rxHeightM * freqHz / SpeedOfLight
	if distanceM <= crossover {
		return fs
	}
	return max(fs, 40*math.Log10(distanceM)-20*math.Log10(txHeightM*rxHeightM))
}

// LogDistancePathLossDB returns the log-distance path loss in dB:
// free-space loss up to the reference distance d0, and beyond it
// FSPL(d0) + 10·γ·log10(d/d0) with path-loss exponent γ (Rappaport §4.9).
// Shadowing is added by the caller.
func LogDistancePathLossDB(freqHz, distanceM, refDistanceM, exponent float64) float64 {
	if distanceM <= refDistanceM {
		return FreeSpacePathLossDB(freqHz, distanceM)
	}
	return FreeSpacePathLossDB(freqHz, refDistanceM) + 10*exponent*math.Log10(distanceM/refDistanceM)
}

// ThermalNoiseDBm returns a receiver's noise power in dBm referred to its
// input: k·T0·B plus the noise figure, about −174 dBm/Hz + 10·log10(B) + NF.
func ThermalNoiseDBm(bandwidthHz, noiseFigureDB float64) float64 {
	return 10*math.Log10(Boltzmann*T0*bandwidthHz*1000) + noiseFigureDB
}

// RadarHorizonM returns the radio horizon in metres between antennas at
// heights h1 and h2 above a smooth earth with the standard 4/3 effective
// radius for refraction: √(2·k·Re·h1) + √(2·k·Re·h2), k = 4/3, Re = 6371 km
// (about 4.12·(√h1 + √h2) km, Skolnik, Introduction to Radar Systems §8.2).
// Negative heights count as zero.
func RadarHorizonM(h1M, h2M float64) float64 {
	const k = 4.0 / 3
	return math.Sqrt(2*k*earthRadiusM*max(0, h1M)) + math.Sqrt(2*k*earthRadiusM*max(0, h2M))
}
