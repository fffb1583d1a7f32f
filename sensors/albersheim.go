package sensors

import "math"

// AlbersheimSNR returns Albersheim's approximation (W. J. Albersheim, "A
// closed-form approximation to Robertson's detection characteristics",
// Proc. IEEE 69(7), 1981; Richards, Fundamentals of Radar Signal
// Processing, §6.3.2) of the single-pulse SNR in dB that a non-fluctuating
// (Swerling 0) target needs for detection probability pd at false-alarm
// probability pfa with n pulses integrated noncoherently:
//
//	A = ln(0.62/Pfa), B = ln(Pd/(1−Pd)),
//	SNR_dB = −5·log10(n) + (6.2 + 4.54/√(n+0.44))·log10(A + 0.12·A·B + 1.7·B).
//
// Albersheim fitted it to Robertson's curves for a linear detector and
// quotes 0.2 dB for 1e-7 ≤ Pfa ≤ 1e-3, 0.1 ≤ Pd ≤ 0.9 and 1 ≤ n ≤ 8096.
// Against the exact square-law RequiredSNR(Swerling0, …) it is within
// 0.35 dB for 0.3 ≤ Pd ≤ 0.9 in that range, but near Pd = 0.1 it degrades
// (1.8 dB at Pfa 1e-4, 4 dB at Pfa 1e-3): use RequiredSNR when it matters. It returns NaN
// for pd or pfa outside (0, 1), n < 1, or where the logarithm's argument is
// not positive (pd far below pfa).
func AlbersheimSNR(pd, pfa float64, n int) float64 {
	if !(pd > 0 && pd < 1) || !(pfa > 0 && pfa < 1) || n < 1 {
		return math.NaN()
	}
	a := math.Log(0.62 / pfa)
	b := math.Log(pd / (1 - pd))
	nf := float64(n)
	return -5*math.Log10(nf) + (6.2+4.54/math.Sqrt(nf+0.44))*math.Log10(a+0.12*a*b+1.7*b)
}
