package track

import (
	"math"
	"math/rand/v2"
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

// TestSweepByClassAgainstGeneral checks sweepByClass (a large batch from
// one antenna: the tests in the scan of each spread class and north band)
// against the general path (sphereByClass, then the tests in east order,
// per plot), track by track: the candidates, in order, and the plots
// marked near a confirmed track. 200 tracks started a few seconds before
// from plots over a 2 km square, so that their gates span several bands
// and take several candidates; 600 plots, two thirds near the tracks
// (half of those spread north and south, out to the edges of the tracks'
// spheres, in other bands), with
// elevation errors from 0.3° to 3° (spreads of every class).
func TestSweepByClassAgainstGeneral(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 8))
	cov := sensors.Coverage{Kind: sensors.RadarPlot, RevisitS: 1, MinRangeM: 10, MaxRangeM: 20000,
		HalfWidthRad: math.Pi, MinElevationRad: -0.5, MaxElevationRad: 1.5, HasElevation: true,
		FalseAlarmsPerScan: 1, MeasurementVolume: 1e9}
	plot := func(tS float64, p r3.Vec, elStd float64) Measurement {
		rho := math.Hypot(p.X, p.Y)
		return FromDetection(&sensors.Detection{TimeS: tS, Kind: sensors.RadarPlot,
			RangeM: r3.Norm(p), AzimuthRad: math.Atan2(p.X, p.Y), ElevationRad: math.Atan2(p.Z, rho),
			RangeStdM: 10, AzimuthStdRad: 0.01, ElevationStdRad: elStd, HasElevation: true, Link: -1})
	}
	box := func() r3.Vec {
		return r3.Vec{X: 2000 + 6000*rnd.Float64(), Y: -3000 + 6000*rnd.Float64(), Z: 50 + 200*rnd.Float64()}
	}
	var starts, batch []Measurement
	for range 200 {
		starts = append(starts, plot(1, box(), 0.005))
	}
	const tb = 1.5
	for i := range 600 {
		p, elStd := box(), 0.005+0.05*rnd.Float64()
		switch i % 3 {
		case 0:
			p = r3.Add(starts[rnd.IntN(len(starts))].point, r3.Vec{X: 60 * rnd.NormFloat64(), Y: 60 * rnd.NormFloat64(), Z: 20 * rnd.NormFloat64()})
		case 1: // north or south of a track, out to the edge of the sphere (√γ ≈ 4 of the plot's σ up)
			q := starts[rnd.IntN(len(starts))].point
			p = r3.Add(q, r3.Vec{X: 20 * rnd.NormFloat64(), Y: 4 * r3.Norm(q) * elStd * (2*rnd.Float64() - 1), Z: 20 * rnd.NormFloat64()})
		}
		batch = append(batch, plot(tb, p, elStd))
	}
	type result struct {
		cand [][]int
		near []bool
	}
	var got [2]result
	for i, per := range []bool{false, true} {
		tr := New(DefaultConfig(), []sensors.Coverage{cov})
		tr.Step(1, starts)
		if len(tr.tracks) < 150 {
			t.Fatalf("%d tracks started of %d plots", len(tr.tracks), len(starts))
		}
		for _, tk := range tr.tracks {
			tk.Status = Confirmed // so that the sweep marks the plots near them
		}
		tr.perPlot = per
		tr.batch = append(tr.batch[:0], batch...)
		tr.sortPoints()
		if !tr.byClass || !tr.oneOrigin {
			t.Fatalf("byClass %v, oneOrigin %v: want both", tr.byClass, tr.oneOrigin)
		}
		tr.near = make([]bool, len(batch))
		for _, tk := range tr.tracks {
			tr.cand = tr.cand[:0]
			tr.sweep(tk, tb-tk.TimeS, tk.extrapolate(tb), tr.gateVariance(tk, tb-tk.TimeS), tb)
			got[i].cand = append(got[i].cand, slices.Clone(tr.cand))
		}
		got[i].near = tr.near
	}
	several, near := 0, 0
	for k, c := range got[0].cand {
		if !slices.Equal(c, got[1].cand[k]) {
			t.Errorf("track %d: candidates by class %v, in east order %v", k, c, got[1].cand[k])
		}
		if len(c) > 1 {
			several++
		}
	}
	for j := range batch {
		if got[0].near[j] != got[1].near[j] {
			t.Errorf("plot %d: near %v by class, %v in east order", j, got[0].near[j], got[1].near[j])
		}
		if got[0].near[j] {
			near++
		}
	}
	if several < 20 || near < 20 || near == len(batch) {
		t.Errorf("%d tracks with several candidates, %d plots near of %d: the test decides little", several, near, len(batch))
	}
}
