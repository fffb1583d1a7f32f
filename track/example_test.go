package track_test

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/track"
)

// round rounds x to the given number of decimals, without a negative zero,
// so that printed values do not depend on the last bits of floating point.
func round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	x = math.Round(x*p) / p
	if x == 0 {
		return 0 // turns −0 into +0
	}
	return x
}

// ExampleIMM filters a drone flying north, away from a 3-D radar at the
// origin, with an IMM of a constant-velocity model and a near-hover model.
// The filter starts 30 m off with no idea of the velocity; the radar's
// plots (range ± 5 m, angles ± 0.01 rad, no Doppler) soon give it the
// speed, and the CV model, which predicts the motion, takes the
// probability from the hover model, which keeps expecting the drone to
// stop.
func ExampleIMM() {
	radar := r3.Vec{Z: 10} // antenna, ENU metres
	truth := r3.Vec{X: 0, Y: 2000, Z: 60}
	vel := r3.Vec{Y: 12} // m/s, north

	// Initial estimate: position 30 m off, velocity unknown (0 ± 15 m/s).
	g := track.Gaussian{X: [6]float64{truth.X + 20, truth.Y - 20, truth.Z + 10}}
	for i, std := range []float64{50, 50, 30, 15, 15, 3} {
		g.P[i][i] = std * std
	}
	imm := track.NewIMM([]track.MotionModel{track.CV{AccelPSD: 4}, track.Hover{AccelPSD: 25, TauS: 0.2}}, 0.05, &g)

	// Noise-free plots, so that the output is exact; the filter still
	// weighs them by the stated noise.
	fmt.Println("t  east   north   up  speed  μ(CV) μ(hover)")
	for k := 1; k <= 8; k++ {
		truth = r3.Add(truth, vel)
		d := r3.Sub(truth, radar)
		m := track.FromDetection(&sensors.Detection{
			TimeS: float64(k), Kind: sensors.RadarPlot, Origin: radar,
			RangeM:       r3.Norm(d),
			AzimuthRad:   math.Atan2(d.X, d.Y),
			ElevationRad: math.Atan2(d.Z, math.Hypot(d.X, d.Y)),
			HasElevation: true,
			RangeStdM:    5, AzimuthStdRad: 0.01, ElevationStdRad: 0.01,
		})
		imm.Predict(1)
		if !imm.Update(&m) {
			fmt.Println("update failed")
			return
		}
		x := imm.Comb.X
		speed := math.Sqrt(x[3]*x[3] + x[4]*x[4] + x[5]*x[5])
		fmt.Printf("%d %5.0f %7.0f %4.0f %6.1f %6.2f %6.2f\n", k,
			round(x[0], 0), round(x[1], 0), round(x[2], 0), round(speed, 1),
			round(imm.Mu[0], 2), round(imm.Mu[1], 2))
	}
	// Output:
	// t  east   north   up  speed  μ(CV) μ(hover)
	// 1     3    2012   63    1.5   0.49   0.51
	// 2     1    2021   62    5.9   0.56   0.44
	// 3     0    2035   61   11.0   0.95   0.05
	// 4    -1    2048   61   11.6   0.97   0.03
	// 5    -1    2060   60   11.7   0.97   0.03
	// 6    -1    2072   60   11.7   0.97   0.03
	// 7    -1    2084   60   11.7   0.97   0.03
	// 8    -1    2096   60   11.7   0.98   0.02
}

// ExampleTriangulate crosses two RF bearings, from sensors at (−1000, 0)
// and (1000, 0) hearing a drone at (0, 2000) with 1° noise. The fix's
// error ellipse is long in north, along the bearings, and short in east:
// the lines cross at 53°, and each is 2.2 km long, so 1° is 39 m across
// each line.
func ExampleTriangulate() {
	target := r3.Vec{Y: 2000}
	var ms []*track.Measurement
	for i, o := range []r3.Vec{{X: -1000}, {X: 1000}} {
		d := r3.Sub(target, o)
		m := track.FromDetection(&sensors.Detection{
			Sensor: i, Kind: sensors.RFBearing, Origin: o,
			AzimuthRad: math.Atan2(d.X, d.Y), AzimuthStdRad: math.Pi / 180,
		})
		ms = append(ms, &m)
	}
	fix, cov, ok := track.Triangulate(ms)
	if !ok {
		fmt.Println("no fix")
		return
	}
	fmt.Printf("fix: (%.1f, %.1f) m\n", round(fix.X, 1), round(fix.Y, 1))
	fmt.Printf("1-σ error: east %.1f m, north %.1f m\n", round(math.Sqrt(cov.At(0, 0)), 1), round(math.Sqrt(cov.At(1, 1)), 1))
	// Output:
	// fix: (0.0, 2000.0) m
	// 1-σ error: east 30.9 m, north 61.7 m
}
