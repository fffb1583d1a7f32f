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
