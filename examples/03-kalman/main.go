// Command 03-kalman is the program of lesson 3 of the course
// (docs/course/03-kalman.md): one drone, one radar, one Kalman filter. A
// drone flies away from a radar with a little random acceleration; the
// radar measures its range and angles with noise; cuasim's extended Kalman
// filter (track.NewIMM with one constant-velocity model) estimates where
// it is and how fast it goes. The program prints the first updates of one
// run — how far the filter trusts each measurement — and, over many runs,
// the normalised estimation error squared (NEES) that says whether the
// filter's stated uncertainty is honest. With -png it draws the NEES over
// time for an honest filter and for two that misstate the radar's noise.
//
//	go run ./examples/03-kalman [-runs N] [-noise-scale K] [-q Q] [-png FILE]
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"

	"gonum.org/v1/gonum/spatial/r3"
	"gonum.org/v1/gonum/stat/distuv"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/cuasim/cuasim/examples/internal/coursefig"
	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/track"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "03-kalman:", err)
		os.Exit(1)
	}
}

// The experiment: a radar on a 10 m mast at the origin; a drone starting
// 1 km north at 60 m, flying north at 12 m/s; one plot a second for a
// minute.
const (
	steps      = 60
	dtS        = 1.0
	rangeStdM  = 5    // the radar's true range noise
	angleStd   = 0.01 // and angle noise, rad
	truthQ     = 0.5  // the drone's random acceleration, m²/s³ per axis
	seed       = 1
	startNorth = 1000.0
	speedMPS   = 12.0
)

var radar = r3.Vec{Z: 10}

// config is how the filter is set: the noise it believes the radar has
// (a multiple of the true noise) and its process noise.
type config struct {
	noiseScale float64
	q          float64
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("03-kalman", flag.ContinueOnError)
	runs := fs.Int("runs", 200, "Monte Carlo runs for the NEES")
	scale := fs.Float64("noise-scale", 1, "the filter believes the radar's noise is this multiple of the truth")
	q := fs.Float64("q", truthQ, "the filter's process noise (acceleration PSD), m²/s³")
	png := fs.String("png", "", "draw the mean NEES over time to this PNG file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *runs < 2 || *runs > 100000 || *scale <= 0 || *q <= 0 {
		return fmt.Errorf("need 2 <= -runs <= 100000, -noise-scale > 0 and -q > 0; got %d, %g, %g", *runs, *scale, *q)
	}
	cfg := config{noiseScale: *scale, q: *q}
	fmt.Fprintf(w, "Radar noise: range %g m, angles %g rad; filter believes %g× that, process noise q = %g m²/s³ (truth %g)\n\n",
		float64(rangeStdM), angleStd, cfg.noiseScale, cfg.q, float64(truthQ))

	// One run, step by step: the north position (along the radar's line
	// of sight here) before and after each update.
	fmt.Fprintln(w, "One run: the north coordinate, along the radar's line of sight")
	fmt.Fprintln(w, "t   error    σ predicted  σ updated  weight of the measurement 1 − σ²upd/σ²pred")
	_, _, err := simulate(cfg, 0, func(k int, errN, sdPred, sdUpd float64) {
		if k <= 5 || k == 10 || k == 30 || k == steps {
			fmt.Fprintf(w, "%2d  %5.1f m  %7.1f m  %8.1f m  %6.2f\n", k, errN, sdPred, sdUpd, 1-sdUpd*sdUpd/(sdPred*sdPred))
		}
	})
	if err != nil {
		return err
	}

	nees, rmse, err := meanNEES(cfg, *runs)
	if err != nil {
		return err
	}
	lo, hi := neesBand(*runs)
	fmt.Fprintf(w, "\nMean position NEES over %d runs (3 if consistent; 95%% of honest filters' means fall in [%.2f, %.2f])\n", *runs, lo, hi)
	fmt.Fprintln(w, "t    NEES   RMS position error")
	for _, k := range []int{2, 5, 10, 20, 40, 60} {
		fmt.Fprintf(w, "%2d  %5.2f  %5.1f m\n", k, nees[k-1], rmse[k-1])
	}
	var sum float64
	for _, v := range nees[9:] {
		sum += v
	}
	fmt.Fprintf(w, "average over t = 10..%d: %.2f\n", steps, sum/float64(steps-9))

	if *png != "" {
		return draw(*png, *runs, cfg.q)
	}
	return nil
}

// simulate runs the drone and the filter once with the random stream of
// run r, calling each (if not nil) after every update with the north
// error and the north standard deviation before and after it; it returns
// the position NEES and squared position error at each step.
func simulate(cfg config, r int, each func(k int, errN, sdPred, sdUpd float64)) (nees, sqErr [steps]float64, err error) {
	rng := rand.New(rand.NewPCG(seed, uint64(r)))
	pos := r3.Vec{Y: startNorth, Z: 60}
	vel := r3.Vec{Y: speedMPS}

	var imm *track.IMM
	for k := 1; k <= steps; k++ {
		pos, vel = move(rng, pos, vel)
		m := measure(rng, pos, float64(k), cfg.noiseScale)
		if imm == nil {
			// Start from the first plot: its position, velocity unknown.
			p, _ := m.Point()
			g := track.Gaussian{X: [6]float64{p.X, p.Y, p.Z}}
			for i, sd := range []float64{30, 30, 30, 15, 15, 5} {
				g.P[i][i] = sd * sd
			}
			imm = track.NewIMM([]track.MotionModel{track.CV{AccelPSD: cfg.q}}, 0, &g)
		} else {
			imm.Predict(dtS)
		}
		sdPred := math.Sqrt(imm.Comb.P[1][1])
		if k > 1 && !imm.Update(&m) {
			return nees, sqErr, fmt.Errorf("run %d, t %d: the update failed", r, k)
		}
		g := &imm.Comb
		e := []float64{g.X[0] - pos.X, g.X[1] - pos.Y, g.X[2] - pos.Z}
		v := metrics.PositionNEES(g, pos)
		if math.IsNaN(v) {
			return nees, sqErr, fmt.Errorf("run %d, t %d: position covariance not positive definite", r, k)
		}
		nees[k-1] = v
		sqErr[k-1] = e[0]*e[0] + e[1]*e[1] + e[2]*e[2]
		if each != nil {
			each(k, e[1], sdPred, math.Sqrt(g.P[1][1]))
		}
	}
	return nees, sqErr, nil
}

// move advances the truth one step by the CV model with white
// acceleration noise of PSD truthQ on each axis, drawn exactly from its
// discrete covariance q·[[dt³/3, dt²/2], [dt²/2, dt]].
func move(rng *rand.Rand, pos, vel r3.Vec) (r3.Vec, r3.Vec) {
	// Cholesky factor of the 2×2 covariance.
	a := math.Sqrt(truthQ * dtS * dtS * dtS / 3)
	b := truthQ * dtS * dtS / 2 / a
	c := math.Sqrt(truthQ*dtS - b*b)
	step := func(p, v float64) (float64, float64) {
		z1, z2 := rng.NormFloat64(), rng.NormFloat64()
		return p + v*dtS + a*z1, v + b*z1 + c*z2
	}
	pos.X, vel.X = step(pos.X, vel.X)
	pos.Y, vel.Y = step(pos.Y, vel.Y)
	pos.Z, vel.Z = step(pos.Z, vel.Z)
	return pos, vel
}

// measure is the radar's noisy measurement of pos, with the noise the
// filter is told (scale times the truth's).
func measure(rng *rand.Rand, pos r3.Vec, tS, scale float64) track.Measurement {
	d := r3.Sub(pos, radar)
	return track.FromDetection(&sensors.Detection{
		TimeS: tS, Kind: sensors.RadarPlot, Origin: radar,
		RangeM:       r3.Norm(d) + rangeStdM*rng.NormFloat64(),
		AzimuthRad:   math.Atan2(d.X, d.Y) + angleStd*rng.NormFloat64(),
		ElevationRad: math.Atan2(d.Z, math.Hypot(d.X, d.Y)) + angleStd*rng.NormFloat64(),
		HasElevation: true,
		RangeStdM:    scale * rangeStdM, AzimuthStdRad: scale * angleStd, ElevationStdRad: scale * angleStd,
	})
}

// meanNEES is the position NEES at each step averaged over runs, and the
// root mean square position error.
func meanNEES(cfg config, runs int) (mean, rmse [steps]float64, err error) {
	for r := range runs {
		nees, sq, err := simulate(cfg, r, nil)
		if err != nil {
			return mean, rmse, err
		}
		for k := range nees {
			mean[k] += nees[k] / float64(runs)
			rmse[k] += sq[k] / float64(runs)
		}
	}
	for k := range rmse {
		rmse[k] = math.Sqrt(rmse[k])
	}
	return mean, rmse, nil
}

// neesBand is the interval that holds the mean of runs independent
// chi-square(3) values with probability 0.95: runs·mean is chi-square
// with 3·runs degrees of freedom (Bar-Shalom, Li and Kirubarajan 2001,
// §5.4.2).
func neesBand(runs int) (lo, hi float64) {
	c := distuv.ChiSquared{K: 3 * float64(runs)}
	return c.Quantile(0.025) / float64(runs), c.Quantile(0.975) / float64(runs)
}

// draw plots the mean NEES over time for the filter told the true noise,
// half of it and twice it, with the 95 % band of an honest filter.
func draw(path string, runs int, q float64) error {
	p := coursefig.New(fmt.Sprintf("Mean position NEES over %d runs", runs), "time (s)", "mean NEES")
	p.Y.Scale = logScale{}
	p.Y.Tick.Marker = neesTicks{}
	p.Y.Min, p.Y.Max = 0.05, 20
	p.Legend.Top = false
	lo, hi := neesBand(runs)
	for _, b := range []float64{lo, hi} {
		l, err := plotter.NewLine(plotter.XYs{{X: 1, Y: b}, {X: steps, Y: b}})
		if err != nil {
			return err
		}
		l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(l)
		if b == lo {
			p.Legend.Add("95 % band of an honest filter", l)
		}
	}
	for i, s := range []float64{1, 0.5, 2} {
		nees, _, err := meanNEES(config{noiseScale: s, q: q}, runs)
		if err != nil {
			return err
		}
		var xy plotter.XYs
		for k, v := range nees {
			xy = append(xy, plotter.XY{X: float64(k + 1), Y: v})
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return err
		}
		l.Color = plotutil.Color(i)
		l.Width = vg.Points(1.5)
		p.Add(l)
		p.Legend.Add(fmt.Sprintf("filter told %g× the radar's noise", s), l)
	}
	return coursefig.Save(p, path)
}

// logScale and neesTicks draw the NEES on a log axis marked where a
// reader looks for it.
type logScale = plot.LogScale

type neesTicks struct{}

func (neesTicks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	for _, v := range []float64{0.1, 0.3, 1, 3, 10, 30, 100} {
		if v >= min && v <= max {
			ts = append(ts, plot.Tick{Value: v, Label: fmt.Sprintf("%g", v)})
		}
	}
	return ts
}
