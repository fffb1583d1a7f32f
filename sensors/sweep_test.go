package sensors

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/geo"
)

// TestRotatingSkipIsSafe checks the shortcut of a rotating radar's
// Observe: a target it skips as clearly outside the step's sweep gets no
// dwell time in the step by the exact computation, for targets all round
// and just outside either edge of the sweep, at times up to days.
func TestRotatingSkipIsSafe(t *testing.T) {
	rnd := rand.New(rand.NewPCG(13, 14))
	skipped := 0
	for k := 0; k < 300000; k++ {
		period, step := 0.5+2*rnd.Float64(), 0.1
		bore := 2 * math.Pi * rnd.Float64()
		t1 := math.Round(1e6*rnd.Float64()*math.Pow(10, -3*rnd.Float64())) / 10
		t0 := t1 - step
		omega := 2 * math.Pi / period
		beam0 := bore + omega*t0
		sweep := omega * step
		b := newBeamSweep(beam0, sweep)
		if !b.on {
			continue
		}
		m := b.m
		az := 2 * math.Pi * rnd.Float64()
		switch k % 3 {
		case 1: // just before the sweep
			az = beam0 - m*(1+rnd.Float64())
		case 2: // just after it
			az = beam0 + sweep + m*(1+rnd.Float64())
		}
		rng := math.Pow(10, 1+3*rnd.Float64())
		sa, ca := math.Sincos(az)
		d := r3.Vec{X: rng * sa, Y: rng * ca, Z: 100 * rnd.Float64()}
		if !b.clearlyMisses(d) {
			continue
		}
		skipped++
		a := geo.Azimuth(d)
		for tc := t0 + geo.WrapTwoPi(a-beam0)/omega; tc <= t1; tc += period {
			if tc > t0 {
				t.Fatalf("skipped a target the beam dwells on: period %v, bore %v, t1 %v, azimuth %v, dwell at %v", period, bore, t1, a, tc)
			}
		}
	}
	if skipped < 100000 {
		t.Errorf("skipped only %d targets", skipped)
	}
}

// TestFieldOfViewSkipIsSafe checks the shortcut of a radar's dwell: a
// direction it finds clearly outside the field of view fails the azimuth
// test, for fields of view of every width under a half turn, directions
// all round and just outside either edge, near and far.
func TestFieldOfViewSkipIsSafe(t *testing.T) {
	rnd := rand.New(rand.NewPCG(15, 16))
	skipped := 0
	for k := 0; k < 300000; k++ {
		bore := 2 * math.Pi * rnd.Float64()
		halfW := geo.Rad(180*rnd.Float64()) / 2
		if k%10 == 0 {
			halfW = geo.Rad(float64([]int{0, 1, 30, 60, 89, 90, 120, 179}[rnd.IntN(8)])) / 2
		}
		f := newFieldOfView(bore, halfW)
		if !f.on {
			continue
		}
		az := 2 * math.Pi * rnd.Float64()
		switch k % 3 {
		case 1: // just before the left edge
			az = bore - halfW - f.m*(1+rnd.Float64())
		case 2: // just after the right edge
			az = bore + halfW + f.m*(1+rnd.Float64())
		}
		rng := math.Pow(10, 1+4*rnd.Float64())
		sa, ca := math.Sincos(az)
		d := r3.Vec{X: rng * sa, Y: rng * ca, Z: 100 * rnd.NormFloat64()}
		if !f.clearlyOutside(d) {
			continue
		}
		skipped++
		if off := geo.WrapPi(geo.Azimuth(d) - bore); !(math.Abs(off) > halfW) {
			t.Fatalf("skipped a direction in the field of view: bore %v, half width %v, azimuth %v, off %v", bore, halfW, geo.Azimuth(d), off)
		}
	}
	if skipped < 100000 {
		t.Errorf("skipped only %d directions", skipped)
	}
}
