package sensors

import (
	"math"
	"testing"

	"github.com/cuasim/cuasim/internal/refvalues"
)

// TestPropagationReferenceValues checks the link-budget and radar-equation
// functions against testdata/reference-values.txt (closed forms evaluated
// outside cuasim; the file cites each).
func TestPropagationReferenceValues(t *testing.T) {
	radar := RadarEquation{PeakPowerW: 10, GainDB: 30, FrequencyHz: 9.4e9, BandwidthHz: 1e6, NoiseFigureDB: 4, LossesDB: 3}
	for _, c := range []struct {
		key string
		got float64
		tol float64 // absolute, in the value's unit
	}{
		{"fspl_db(2.44e9hz,1000m)", FreeSpacePathLossDB(2.44e9, 1000), 1e-4},
		{"fspl_db(5.8e9hz,1000m)", FreeSpacePathLossDB(5.8e9, 1000), 1e-4},
		{"thermal_noise_dbm(1e6hz,0db)", ThermalNoiseDBm(1e6, 0), 1e-4},
		{"thermal_noise_dbm(20e6hz,6db)", ThermalNoiseDBm(20e6, 6), 1e-4},
		{"radar_horizon_m(10m,0m)", RadarHorizonM(10, 0), 0.01},
		{"radar_snr_db(1000m)", radar.SNRDB(0.01, 1000), 1e-4},
		{"radar_snr_db(2000m)", radar.SNRDB(0.01, 2000), 1e-4},
	} {
		if want := refvalues.Value(t, c.key); !(math.Abs(c.got-want) <= c.tol) {
			t.Errorf("%s = %.6f, want %.6f", c.key, c.got, want)
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
