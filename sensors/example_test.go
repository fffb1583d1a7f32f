package sensors_test

import (
	"fmt"

	"github.com/cuasim/cuasim/sensors"
)

// Why a 0.01 m² quadcopter vanishes at 3 km: the radar equation's R⁻⁴ law
// takes 12 dB of SNR for every doubling of range, and a fluctuating
// (Swerling 1) target needs far more SNR than a steady one for a high Pd.
func ExampleDetectionProbability() {
	radar := sensors.RadarEquation{
		PeakPowerW: 50, GainDB: 35, FrequencyHz: 9.4e9, BandwidthHz: 2e6,
		NoiseFigureDB: 4, LossesDB: 6, Pulses: 10,
	}
	const pfa = 1e-6
	fmt.Println("range   SNR/pulse  Pd steady  Pd Swerling 1")
	for _, r := range []float64{500, 1000, 1500, 2000, 3000, 4000} {
		snr := radar.SNRDB(0.01, r)
		fmt.Printf("%4.0f m  %6.1f dB  %9.3f  %13.3f\n", r, snr,
			sensors.DetectionProbability(sensors.Swerling0, snr, pfa, radar.Pulses),
			sensors.DetectionProbability(sensors.Swerling1, snr, pfa, radar.Pulses))
	}
	// Output:
	// range   SNR/pulse  Pd steady  Pd Swerling 1
	//  500 m    27.1 dB      1.000          0.995
	// 1000 m    15.1 dB      1.000          0.929
	// 1500 m     8.0 dB      1.000          0.692
	// 2000 m     3.0 dB      0.331          0.327
	// 3000 m    -4.0 dB      0.000          0.010
	// 4000 m    -9.0 dB      0.000          0.000
}

// The SNR a single pulse must have for Pd 0.9 at Pfa 1e-6: fluctuation
// costs about 8 dB (the fluctuation loss of Richards, Fundamentals of
// Radar Signal Processing, §6.3), and Albersheim's closed form approximates
// the steady case.
func ExampleRequiredSNR() {
	fmt.Printf("steady:     %.2f dB (Albersheim %.2f dB)\n",
		sensors.RequiredSNR(sensors.Swerling0, 0.9, 1e-6, 1), sensors.AlbersheimSNR(0.9, 1e-6, 1))
	fmt.Printf("Swerling 1: %.2f dB\n", sensors.RequiredSNR(sensors.Swerling1, 0.9, 1e-6, 1))
	// Output:
	// steady:     13.18 dB (Albersheim 13.11 dB)
	// Swerling 1: 21.14 dB
}

// Pd of a steady target with n pulses is a generalised Marcum Q function of
// √(2n·SNR) and √(2T), T the detection threshold.
func ExampleMarcumQ() {
	fmt.Printf("%.6f\n", sensors.MarcumQ(1, 2, 3))
	// Output:
	// 0.214362
}

// A passive RF link budget: a 20 dBm, 1 MHz control link at 2.44 GHz heard
// by a receiver with a 6 dB noise figure.
func ExampleFreeSpacePathLossDB() {
	noise := sensors.ThermalNoiseDBm(1e6, 6)
	fmt.Printf("noise floor %.1f dBm\n", noise)
	for _, r := range []float64{1000, 3000, 6000} {
		rx := 20 - sensors.FreeSpacePathLossDB(2.44e9, r)
		fmt.Printf("%4.0f m: received %.1f dBm, SNR %.1f dB\n", r, rx, rx-noise)
	}
	// Output:
	// noise floor -108.0 dBm
	// 1000 m: received -80.2 dBm, SNR 27.8 dB
	// 3000 m: received -89.7 dBm, SNR 18.2 dB
	// 6000 m: received -95.8 dBm, SNR 12.2 dB
}

// A radar on a 15 m mast cannot see a drone flying at 30 m beyond the
// 4/3-earth radio horizon.
func ExampleRadarHorizonM() {
	fmt.Printf("%.1f km\n", sensors.RadarHorizonM(15, 30)/1000)
	// Output:
	// 38.5 km
}
