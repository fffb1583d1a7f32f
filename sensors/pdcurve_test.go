package sensors

import (
	"fmt"
	"math"
	"testing"
)

// TestPdCurve checks the tabulated curve against the exact series on a
// dense SNR sweep (0.013 dB apart, off the grid) for every model, pulse
// counts from 1 to 1000 and Pfa from 1e-10 to 1e-2, and its ends.
func TestPdCurve(t *testing.T) {
	for _, model := range []Swerling{Swerling0, Swerling1, Swerling2, Swerling3, Swerling4} {
		for _, pfa := range []float64{1e-10, 1e-6, 1e-2} {
			for _, n := range []int{1, 10, 1000} {
				c := NewPdCurve(model, pfa, n)
				worst := 0.0
				for db := -40.0; db <= 90; db += 0.013 {
					worst = math.Max(worst, math.Abs(c.At(db)-DetectionProbability(model, db, pfa, n)))
				}
				if worst > 1e-4 {
					t.Errorf("%v, pfa %g, n %d: largest |At − DetectionProbability| = %.2g", model, pfa, n, worst)
				}
				if lo, hi := c.At(math.Inf(-1)), c.At(math.Inf(1)); math.Abs(lo-pfa) > 1e-6 || hi < 1-1e-6 {
					t.Errorf("%v, pfa %g, n %d: At(−Inf) = %g, At(+Inf) = %g", model, pfa, n, lo, hi)
				}
				if !math.IsNaN(c.At(math.NaN())) {
					t.Errorf("At(NaN) is not NaN")
				}
			}
		}
	}
}

// TestPdCurveAllocates checks that At allocates nothing.
func TestPdCurveAllocates(t *testing.T) {
	c := NewPdCurve(Swerling1, 1e-6, 10)
	x := 0.0
	if a := testing.AllocsPerRun(100, func() { x += c.At(12.3) }); a != 0 {
		t.Errorf("At allocates %v times per call", a)
	}
}

func BenchmarkPdCurveAt(b *testing.B) {
	c := NewPdCurve(Swerling1, 1e-6, 10)
	x := 0.0
	for i := 0; b.Loop(); i++ {
		x += c.At(float64(i%4000) / 100)
	}
	_ = fmt.Sprint(x)
}
