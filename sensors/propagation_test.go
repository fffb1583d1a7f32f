package sensors

import (
	"math"
	"testing"
)

// TestPropagationReferenceValues checks the link-budget and radar-equation
// functions against shared/reference/vectors.md.
func TestPropagationReferenceValues(t *testing.T) {
	radar := RadarEquation{PeakPowerW: 10, GainDB: 30, FrequencyHz: 9.4e9, BandwidthHz: 1e6, NoiseFigureDB: 4, LossesDB: 3}
	for _, c := range []struct {
		name      string
		got, want float64
		tol       float64 // absolute, in the value's unit
	}{
		{"FreeSpacePathLossDB(2.44 GHz, 1 km)", FreeSpacePathLossDB(2.44e9, 1000), 100.1956, 1e-4},
		{"FreeSpacePathLossDB(5.8 GHz, 1 km)", FreeSpacePathLossDB(5.8e9, 1000), 107.7163, 1e-4},
		{"ThermalNoiseDBm(1 MHz, 0 dB)", ThermalNoiseDBm(1e6, 0), -113.9752, 1e-4},
		{"ThermalNoiseDBm(20 MHz, 6 dB)", ThermalNoiseDBm(20e6, 6), -94.9649, 1e-4},
		{"RadarHorizonM(10, 0)", RadarHorizonM(10, 0), 13034.31, 0.01},
		{"radar SNR at 1 km", radar.SNRDB(0.01, 1000), 4.0727, 1e-4},
		{"radar SNR at 2 km", radar.SNRDB(0.01, 2000), -7.9685, 1e-4},
	} {
		if math.Abs(c.got-c.want) > c.tol {
			t.Errorf("%s = %.6f, want %.6f", c.name, c.got, c.want)
		}
	}
}

// TestPathLossModels checks the two-ray and log-distance models against
// their closed forms on either side of their break points.
func TestPathLossModels(t *testing.T) {
	const f, ht, hr = 2.44e9, 50.0, 10.0
	crossover := 4 * math.Pi * ht * hr * f / SpeedOfLight
	for _, d := range []float64{100, crossover / 2, crossover * 2, crossover * 10} {
		want := FreeSpacePathLossDB(f, d)
		if d > crossover {
			want = math.Max(want, 40*math.Log10(d)-20*math.Log10(ht*hr))
		}
		if got := TwoRayPathLossDB(f, d, ht, hr); math.Abs(got-want) > 1e-9 {
			t.Errorf("two-ray at %.0f m: %.4f dB, want %.4f", d, got, want)
		}
	}
	// Far beyond the crossover the loss grows 40 dB per decade.
	if d := TwoRayPathLossDB(f, 10*crossover*10, ht, hr) - TwoRayPathLossDB(f, 10*crossover, ht, hr); math.Abs(d-40) > 1e-9 {
		t.Errorf("two-ray slope %.4f dB/decade, want 40", d)
	}
	if got, want := LogDistancePathLossDB(f, 50, 100, 3.5), FreeSpacePathLossDB(f, 50); got != want {
		t.Errorf("log-distance inside d0: %.4f, want free space %.4f", got, want)
	}
	if d := LogDistancePathLossDB(f, 10000, 100, 3.5) - LogDistancePathLossDB(f, 1000, 100, 3.5); math.Abs(d-35) > 1e-9 {
		t.Errorf("log-distance slope %.4f dB/decade, want 35", d)
	}
}
