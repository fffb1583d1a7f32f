// Command 08-imm is the program of lesson 8 of the course
// (docs/course/08-imm-groups.md): hovering drones and groups of drones.
//
// By default a drone flies north, stops to hover for a minute, and flies
// east; a radar measures it once a second; cuasim's constant-velocity EKF
// and its IMM of a constant-velocity and a near-hover model (the tracker's
// defaults) filter the same plots. The program prints, for each phase of
// the flight, each filter's position error and NEES, and how much
// probability the IMM gives the hover model. With -png it draws the error
// over time.
//
// With -group it runs the airbase scenario, in which six drones arrive in
// a vee 40 m apart, with global nearest neighbour and with JPDA
// association, and prints how the group's drones were tracked.
//
//	go run ./examples/08-imm [-runs N] [-switch P] [-png FILE]
//	go run ./examples/08-imm -group
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"

	"gonum.org/v1/gonum/spatial/r3"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/cuasim/cuasim/examples/internal/coursefig"
	"github.com/cuasim/cuasim/metrics"
	"github.com/cuasim/cuasim/pipeline"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
	"github.com/cuasim/cuasim/track"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "08-imm:", err)
		os.Exit(1)
	}
}

// The flight: 30 s north at 12 m/s, 60 s of hover, 30 s east at 12 m/s,
// about 1.5 km north of a radar on a 10 m mast, one plot a second.
const (
	flyS, hoverS = 30, 60
	steps        = 2*flyS + hoverS
	speedMPS     = 12.0
	rangeStdM    = 5
	angleStd     = 0.01
	seed         = 8
)

var radar = r3.Vec{Z: 10}

// phase names the part of the flight at step k (1-based).
func phase(k int) int {
	switch {
	case k <= flyS:
		return 0
	case k <= flyS+hoverS:
		return 1
	}
	return 2
}

var phaseNames = []string{"flying north", "hovering", "flying east"}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("08-imm", flag.ContinueOnError)
	runs := fs.Int("runs", 100, "Monte Carlo runs")
	switchPerS := fs.Float64("switch", track.DefaultConfig().IMMSwitchPerS, "the IMM's probability per second of switching model")
	group := fs.Bool("group", false, "run the airbase's group of six drones with GNN and JPDA instead")
	png := fs.String("png", "", "draw the position error over time to this PNG file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *group {
		return groups(w)
	}
	if *runs < 2 || *runs > 10000 {
		return fmt.Errorf("-runs %d: expected 2 to 10000", *runs)
	}
	if *switchPerS <= 0 || *switchPerS >= 1 {
		return fmt.Errorf("-switch %g: expected a probability per second in (0, 1)", *switchPerS)
	}
	cfg := track.DefaultConfig()
	cfg.IMMSwitchPerS = *switchPerS
	filters := []struct {
		name   string
		models []track.MotionModel
	}{
		{"CV alone", []track.MotionModel{track.CV{AccelPSD: cfg.CVAccelPSD}}},
		{"IMM CV+hover", []track.MotionModel{track.CV{AccelPSD: cfg.CVAccelPSD}, track.Hover{AccelPSD: cfg.HoverAccelPSD, TauS: cfg.HoverTauS}}},
	}
	fmt.Fprintf(w, "Filters: CV with q = %g m²/s³; IMM of that CV and a hover model (q = %g m²/s³, τ = %g s), switching %g per second\n",
		cfg.CVAccelPSD, cfg.HoverAccelPSD, cfg.HoverTauS, cfg.IMMSwitchPerS)
	fmt.Fprintf(w, "Radar noise: range %g m, angles %g rad; %d runs\n\n", float64(rangeStdM), angleStd, *runs)

	var curves [2][steps]float64
	fmt.Fprintln(w, "phase          filter        RMS position error  mean NEES  mean μ(hover)")
	var stats [2][3]phaseStats
	for f, flt := range filters {
		for r := range *runs {
			if err := simulate(flt.models, cfg.IMMSwitchPerS, r, func(k int, sqErr, nees, muHover float64) {
				curves[f][k-1] += sqErr / float64(*runs)
				if math.IsNaN(nees) {
					return
				}
				s := &stats[f][phase(k)]
				s.sq += sqErr
				s.nees += nees
				s.mu += muHover
				s.n++
			}); err != nil {
				return err
			}
		}
	}
	for p := range phaseNames {
		for f, flt := range filters {
			s := stats[f][p]
			mu := "-"
			if len(flt.models) > 1 {
				mu = fmt.Sprintf("%.2f", s.mu/float64(s.n))
			}
			fmt.Fprintf(w, "%-14s %-13s %15.1f m  %9.2f  %13s\n", phaseNames[p], flt.name, math.Sqrt(s.sq/float64(s.n)), s.nees/float64(s.n), mu)
		}
	}
	fmt.Fprintln(w, "\n(the first 5 s, while the filters learn the velocity, and the 5 s after each change of motion are left out)")
	if *png != "" {
		return draw(*png, curves, filters[0].name, filters[1].name)
	}
	return nil
}

// phaseStats sums one filter's figures over one phase.
type phaseStats struct {
	sq, nees, mu float64
	n            int
}

// simulate flies the drone once with the random stream of run r and
// filters it with the given models, calling each after every update past
// the first 5 s and not within 5 s after a change of motion with the
// squared position error, the position NEES and the hover model's
// probability (0 for one model). It calls it with NaN NEES for the other
// steps, which it reports for the error curve only.
func simulate(models []track.MotionModel, switchPerS float64, r int, each func(k int, sqErr, nees, muHover float64)) error {
	rng := rand.New(rand.NewPCG(seed, uint64(r)))
	pos := r3.Vec{Y: 1500, Z: 60}
	var vel r3.Vec
	var imm *track.IMM
	for k := 1; k <= steps; k++ {
		// Truth: cruise, or hold position with a little wander.
		switch phase(k) {
		case 0:
			vel = r3.Vec{Y: speedMPS}
		case 1:
			vel = r3.Vec{X: 0.3 * rng.NormFloat64(), Y: 0.3 * rng.NormFloat64(), Z: 0.1 * rng.NormFloat64()}
		case 2:
			vel = r3.Vec{X: speedMPS}
		}
		pos = r3.Add(pos, vel)
		m := measure(rng, pos, float64(k))
		if imm == nil {
			p, _ := m.Point()
			g := track.Gaussian{X: [6]float64{p.X, p.Y, p.Z}}
			for i, sd := range []float64{30, 30, 30, 15, 15, 5} {
				g.P[i][i] = sd * sd
			}
			imm = track.NewIMM(models, switchPerS, &g)
			continue
		}
		imm.Predict(1)
		if !imm.Update(&m) {
			return fmt.Errorf("run %d, t %d: the update failed", r, k)
		}
		g := &imm.Comb
		e := []float64{g.X[0] - pos.X, g.X[1] - pos.Y, g.X[2] - pos.Z}
		sq := e[0]*e[0] + e[1]*e[1] + e[2]*e[2]
		settled := k > 5 && (k <= flyS || k > flyS+5) && (k <= flyS+hoverS || k > flyS+hoverS+5)
		if !settled {
			each(k, sq, math.NaN(), math.NaN())
			continue
		}
		nees := metrics.PositionNEES(g, pos)
		if math.IsNaN(nees) {
			return fmt.Errorf("run %d, t %d: position covariance not positive definite", r, k)
		}
		mu := 0.0
		if len(models) > 1 {
			mu = imm.Mu[1]
		}
		each(k, sq, nees, mu)
	}
	return nil
}

// measure is the radar's noisy plot of pos.
func measure(rng *rand.Rand, pos r3.Vec, tS float64) track.Measurement {
	d := r3.Sub(pos, radar)
	return track.FromDetection(&sensors.Detection{
		TimeS: tS, Kind: sensors.RadarPlot, Origin: radar,
		RangeM:       r3.Norm(d) + rangeStdM*rng.NormFloat64(),
		AzimuthRad:   math.Atan2(d.X, d.Y) + angleStd*rng.NormFloat64(),
		ElevationRad: math.Atan2(d.Z, math.Hypot(d.X, d.Y)) + angleStd*rng.NormFloat64(),
		HasElevation: true,
		RangeStdM:    rangeStdM, AzimuthStdRad: angleStd, ElevationStdRad: angleStd,
	})
}

// draw plots each filter's RMS position error over time.
func draw(path string, curves [2][steps]float64, a, b string) error {
	p := coursefig.New("RMS position error: fly north, hover, fly east", "time (s)", "RMS position error (m)")
	for f, name := range []string{a, b} {
		var xy plotter.XYs
		for k := 1; k < steps; k++ { // step 1 is the first plot, before any update
			xy = append(xy, plotter.XY{X: float64(k + 1), Y: math.Sqrt(curves[f][k])})
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return err
		}
		l.Color = plotutil.Color(f)
		l.Width = vg.Points(1.5)
		p.Add(l)
		p.Legend.Add(name, l)
	}
	for _, t := range []float64{flyS + 0.5, flyS + hoverS + 0.5} {
		l, err := plotter.NewLine(plotter.XYs{{X: t, Y: 0}, {X: t, Y: 60}})
		if err != nil {
			return err
		}
		l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(l)
	}
	p.Y.Min, p.Y.Max = 0, 60
	p.X.Tick.Marker = coursefig.Every{Step: 30}
	p.Legend.Left = false
	return coursefig.Save(p, path)
}

// groups runs the airbase with GNN and with JPDA association and prints
// how each drone of its group of six was tracked.
func groups(w io.Writer) error {
	fmt.Fprintln(w, "Airbase, 40 simulated minutes, seed 1: six drones arrive in a vee 40 m apart")
	fmt.Fprintln(w, "association  drone      first track  held  tracks  breaks  swaps")
	for _, assoc := range []string{"gnn", "jpda"} {
		sc, err := scenarios.Open("airbase")
		if err != nil {
			return err
		}
		o, err := scenarios.ParseOverride("tracker.association=" + assoc)
		if err != nil {
			return err
		}
		if sc, err = sc.With(o); err != nil {
			return err
		}
		c := *sc
		c.Run.Seed, c.Run.DurationS = 1, 2400
		rep, err := pipeline.New(&c)
		if err != nil {
			return err
		}
		if err := rep.Run(context.Background(), nil); err != nil {
			return err
		}
		var held, present, breaks, swaps int
		for i := range rep.World.Entities {
			e := &rep.World.Entities[i]
			if e.Kind == sim.Bird || e.Group == "" || e.StartS > c.Run.DurationS {
				continue
			}
			tt := &rep.Tracking.Truth[i]
			first := "never"
			if !math.IsNaN(tt.FirstConfirmedS) {
				first = fmt.Sprintf("%6.0f s", tt.FirstConfirmedS-e.StartS)
			}
			fmt.Fprintf(w, "%-12s %-10s %11s  %3.0f%%  %6d  %6d  %5d\n", assoc, e.Name, first,
				100*float64(tt.Held)/math.Max(1, float64(tt.Present)), len(tt.TrackIDs), tt.Breaks, tt.Swaps)
			held += tt.Held
			present += tt.Present
			breaks += tt.Breaks
			swaps += tt.Swaps
		}
		fmt.Fprintf(w, "%-12s %-10s %11s  %3.0f%%  %6s  %6d  %5d\n\n", assoc, "all", "", 100*float64(held)/math.Max(1, float64(present)), "", breaks, swaps)
	}
	fmt.Fprintln(w, "(first track: seconds from the drone's appearance to its first confirmed track)")
	return nil
}
