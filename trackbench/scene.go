package trackbench

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
	"github.com/cuasim/cuasim/track"
)

// The benchmark's parameters.
const (
	RangeStdM     = 10.0                // range noise, m
	BearingStdRad = 0.5 * math.Pi / 180 // bearing noise, rad
	AccelPSD      = 0.5                 // white acceleration of the targets, m²/s³ per axis
	Pd            = 0.9                 // detection probability per scan
	ClutterPerScn = 5.0                 // mean false plots per scan
	ClutterHalfM  = 2000.0              // the clutter square is ±2 km about the radar
	ScanS         = 1.0                 // scan period, s
	Scans         = 300                 // scans per run
	MinStartM     = 300.0               // targets start this far out, and
	MaxStartM     = 1800.0              // no further
	MinSpeedMPS   = 5.0                 // initial speeds, m/s
	MaxSpeedMPS   = 15.0
	MaxRangeM     = 20000.0 // the radar's instrumented range: every target stays inside
)

// Scan is one scan: the true target positions (planar, z = 0) and the
// radar's plots, targets' and false, shuffled.
type Scan struct {
	TimeS float64
	Truth []r3.Vec
	Plots []sensors.Detection
}

// Scene is one run of the benchmark: K targets over Scans scans.
type Scene struct {
	K     int
	Seed  uint64
	Scans []Scan
}

// NewScene draws a run with k targets from seed; the same k and seed give
// the same scene. Truth, detections and clutter draw from their own
// streams (sim.Stream).
func NewScene(k int, seed uint64) *Scene {
	truthRnd := sim.Stream(seed, "trackbench/truth")
	detRnd := sim.Stream(seed, "trackbench/detections")
	clutRnd := sim.Stream(seed, "trackbench/clutter")
	type target struct{ x, y, vx, vy float64 }
	ts := make([]target, k)
	for i := range ts {
		r := MinStartM + (MaxStartM-MinStartM)*truthRnd.Float64()
		sb, cb := math.Sincos(2 * math.Pi * truthRnd.Float64())
		s := MinSpeedMPS + (MaxSpeedMPS-MinSpeedMPS)*truthRnd.Float64()
		sh, ch := math.Sincos(2 * math.Pi * truthRnd.Float64())
		ts[i] = target{r * sb, r * cb, s * sh, s * ch}
	}
	// The per-axis noise of the nearly-constant-velocity model over one
	// scan, Q = q·[[dt³/3, dt²/2], [dt²/2, dt]], drawn through its
	// Cholesky factor.
	dt := ScanS
	q11, q12, q22 := AccelPSD*dt*dt*dt/3, AccelPSD*dt*dt/2, AccelPSD*dt
	l11 := math.Sqrt(q11)
	l21 := q12 / l11
	l22 := math.Sqrt(q22 - l21*l21)
	axis := func(p, v *float64) {
		a, b := truthRnd.NormFloat64(), truthRnd.NormFloat64()
		*p += *v*dt + l11*a
		*v += l21*a + l22*b
	}
	sc := &Scene{K: k, Seed: seed}
	for n := 1; n <= Scans; n++ {
		t := float64(n) * ScanS
		s := Scan{TimeS: t, Truth: make([]r3.Vec, k)}
		for i := range ts {
			axis(&ts[i].x, &ts[i].vx)
			axis(&ts[i].y, &ts[i].vy)
			s.Truth[i] = r3.Vec{X: ts[i].x, Y: ts[i].y}
			if detRnd.Float64() < Pd {
				s.Plots = append(s.Plots, plot(t, ts[i].x, ts[i].y, i, detRnd))
			}
		}
		for range poisson(clutRnd, ClutterPerScn) {
			x := ClutterHalfM * (2*clutRnd.Float64() - 1)
			y := ClutterHalfM * (2*clutRnd.Float64() - 1)
			s.Plots = append(s.Plots, plot(t, x, y, -1, nil))
		}
		clutRnd.Shuffle(len(s.Plots), func(a, b int) { s.Plots[a], s.Plots[b] = s.Plots[b], s.Plots[a] })
		sc.Scans = append(sc.Scans, s)
	}
	return sc
}

// plot is a 2-D radar plot of the point (x, y) seen from the origin, with
// noise drawn from rnd (none for a false plot, rnd nil, which is already
// uniform).
func plot(t, x, y float64, truth int, rnd *rand.Rand) sensors.Detection {
	r, az := math.Hypot(x, y), math.Atan2(x, y)
	if rnd != nil {
		r += RangeStdM * rnd.NormFloat64()
		az += BearingStdRad * rnd.NormFloat64()
	}
	return sensors.Detection{TimeS: t, Kind: sensors.RadarPlot, RangeM: r, AzimuthRad: az,
		RangeStdM: RangeStdM, AzimuthStdRad: BearingStdRad, TruthID: truth, Link: -1}
}

// poisson draws a Poisson count of mean m (Knuth's product of uniforms;
// m is small).
func poisson(rnd *rand.Rand, m float64) int {
	l, p, n := math.Exp(-m), 1.0, 0
	for {
		p *= rnd.Float64()
		if p <= l {
			return n
		}
		n++
	}
}

// Coverage is the benchmark radar as cuasim's tracker sees it: at the
// origin, all round, 1 s revisit, range and azimuth only, its clutter
// density the false plots per scan over the clutter square's measurement
// volume, ∫∫ dr dθ = ∫ dA/r = 8a·ln(1 + √2) for a square of half-side a
// about the radar.
func Coverage() sensors.Coverage {
	return sensors.Coverage{Kind: sensors.RadarPlot, RevisitS: ScanS,
		MinRangeM: 0, MaxRangeM: MaxRangeM, HalfWidthRad: math.Pi,
		MinElevationRad: -math.Pi / 2, MaxElevationRad: math.Pi / 2,
		FalseAlarmsPerScan: ClutterPerScn,
		MeasurementVolume:  8 * ClutterHalfM * math.Log(1+math.Sqrt2),
	}
}

// Config is cuasim's tracker set up for the benchmark as a user would:
// the targets' true acceleration density, confirmation 2 of 3, deletion
// after 3 misses, the true Pd, and an altitude prior of 0 ± 1 m for this
// planar world. imm selects the IMM of CV and the near-hover model
// (defaults) instead of CV alone.
func Config(imm bool) track.Config {
	c := track.DefaultConfig()
	c.IMM = imm
	c.CVAccelPSD = AccelPSD
	c.ConfirmM, c.ConfirmN, c.DeleteMisses = 2, 3, 3
	c.AssumedPd = Pd
	c.InitVelocityStdMPS = MaxSpeedMPS
	c.AltitudeMeanM, c.AltitudeStdM, c.VerticalSpeedStdMPS = 0, 1, 0.1
	return c
}
