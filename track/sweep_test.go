package track

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/sensors"
)

// TestSweepKeepsBoundsPerAntenna checks the candidates of sweep, which
// keeps the bounds of the track's covariance along and across the line of
// sight for all the plots of one antenna until it predicts the track,
// against computing them for every plot (perPlot): a track started 30 s
// before a batch of plots graded in range along its line of sight, so that
// the bounds before and after the prediction (at the first candidate)
// differ and decide some plots.
func TestSweepKeepsBoundsPerAntenna(t *testing.T) {
	cov := sensors.Coverage{Kind: sensors.RadarPlot, RevisitS: 1, MinRangeM: 10, MaxRangeM: 20000,
		HalfWidthRad: math.Pi, MinElevationRad: -0.5, MaxElevationRad: 1.5, HasElevation: true,
		FalseAlarmsPerScan: 1, MeasurementVolume: 1e9}
	plot := func(tS float64, p r3.Vec) Measurement {
		rho := math.Hypot(p.X, p.Y)
		return FromDetection(&sensors.Detection{TimeS: tS, Kind: sensors.RadarPlot,
			RangeM: r3.Norm(p), AzimuthRad: math.Atan2(p.X, p.Y), ElevationRad: math.Atan2(p.Z, rho),
			RangeStdM: 10, AzimuthStdRad: 0.01, ElevationStdRad: 0.01, HasElevation: true, Link: -1})
	}
	const tb = 31.0
	var batch []Measurement
	for k := range 400 {
		batch = append(batch, plot(tb, r3.Vec{X: 3000 + 20*float64(k), Y: 0.01 * float64(k), Z: 100}))
	}
	var got [2][]int
	for i, per := range []bool{false, true} {
		tr := New(DefaultConfig(), []sensors.Coverage{cov})
		tr.Step(1, []Measurement{plot(1, r3.Vec{X: 3000, Z: 100})})
		if len(tr.tracks) != 1 {
			t.Fatalf("%d tracks, want 1", len(tr.tracks))
		}
		tr.perPlot = per
		tr.batch = append(tr.batch[:0], batch...)
		tr.sortPoints()
		tr.near = make([]bool, len(batch))
		tr.cand = tr.cand[:0]
		tk := tr.tracks[0]
		tr.sweep(tk, tb-tk.TimeS, tk.extrapolate(tb), tr.gateVariance(tk, tb-tk.TimeS), tb)
		got[i] = slices.Clone(tr.cand)
	}
	if len(got[1]) == 0 || len(got[1]) == len(batch) {
		t.Fatalf("%d candidates of %d plots: the test decides nothing", len(got[1]), len(batch))
	}
	if !slices.Equal(got[0], got[1]) {
		t.Errorf("candidates per antenna %v\nper plot %v", got[0], got[1])
	}
}
