// Command 04-tracking is the program of lesson 4 of the course
// (docs/course/04-tracking.md): many things in the sky. It runs the airport
// scenario (drones, gulls, radar clutter and RF false alarms) through
// cuasim's whole pipeline once for each M-of-N confirmation rule, and
// prints what the confirmed tracks followed — drones, birds or nothing —
// and how soon and how well the drones were tracked. With -png it draws the
// confirmed tracks by what they followed.
//
//	go run ./examples/04-tracking [-duration S] [-seed N] [-gate P] [-png FILE]
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/cuasim/cuasim/examples/internal/coursefig"
	"github.com/cuasim/cuasim/pipeline"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sim"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "04-tracking:", err)
		os.Exit(1)
	}
}

// rules are the M-of-N confirmation rules compared: M associations within
// the first N scans confirm a tentative track.
var rules = [][2]int{{1, 1}, {2, 3}, {3, 5}, {5, 6}}

// result is what one run's confirmed tracks followed.
type result struct {
	m, n                                 int
	confirmed, drone, bird, dup, clutter int
	heldPct                              float64 // of the time drones were present
	meanDelayS                           float64 // from a drone's first appearance to its first confirmed track
	tracked, drones                      int
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("04-tracking", flag.ContinueOnError)
	durationS := fs.Float64("duration", 600, "simulated seconds")
	seed := fs.Uint64("seed", 1, "random seed")
	gate := fs.Float64("gate", 0.999, "gate probability: the chance a true plot falls inside the gate")
	png := fs.String("png", "", "draw the confirmed tracks by what they followed to this PNG file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *durationS < 60 || *durationS > 3600 {
		return fmt.Errorf("-duration %g: expected 60 to 3600 s", *durationS)
	}
	fmt.Fprintln(w, "Probability that M-of-N confirms, for a thing seen with probability p per scan")
	fmt.Fprintln(w, "M-of-N  p = 0.9   p = 0.5   p = 0.05")
	for _, mn := range rules {
		fmt.Fprintf(w, "%d of %d  %7.3f  %7.3f  %9.1e\n", mn[0], mn[1], confirmP(mn[0], mn[1], 0.9), confirmP(mn[0], mn[1], 0.5), confirmP(mn[0], mn[1], 0.05))
	}
	fmt.Fprintln(w)

	fmt.Fprintf(w, "Airport scenario, %.0f s simulated, seed %d, gate probability %g\n\n", *durationS, *seed, *gate)
	fmt.Fprintln(w, "M-of-N  confirmed  on a drone  on a bird  duplicate  on nothing  drones tracked  held  first track after")
	var results []result
	for _, mn := range rules {
		r, err := once(mn[0], mn[1], *durationS, *seed, *gate)
		if err != nil {
			return err
		}
		results = append(results, r)
		fmt.Fprintf(w, "%d of %d  %9d  %10d  %9d  %9d  %10d  %8d of %d  %3.0f%%  %5.0f s\n", r.m, r.n, r.confirmed, r.drone, r.bird, r.dup, r.clutter,
			r.tracked, r.drones, r.heldPct, r.meanDelayS)
	}
	fmt.Fprintln(w, "\n(first track after: mean time from a drone's appearance to its first confirmed track, over the drones tracked)")
	if *png != "" {
		return draw(*png, results)
	}
	return nil
}

// confirmP is the probability of at least m successes in n independent
// scans of probability p each: Σ_{k≥m} C(n,k)·pᵏ·(1−p)ⁿ⁻ᵏ.
func confirmP(m, n int, p float64) float64 {
	var sum float64
	for k := m; k <= n; k++ {
		sum += binomial(n, k) * math.Pow(p, float64(k)) * math.Pow(1-p, float64(n-k))
	}
	return sum
}

// binomial is C(n, k).
func binomial(n, k int) float64 {
	c := 1.0
	for i := 1; i <= k; i++ {
		c = c * float64(n-k+i) / float64(i)
	}
	return c
}

// once runs the airport with one confirmation rule.
func once(m, n int, durationS float64, seed uint64, gate float64) (result, error) {
	res := result{m: m, n: n}
	sc, err := scenarios.Open("airport")
	if err != nil {
		return res, err
	}
	var sets []scenarios.Override
	for _, s := range []string{
		"tracker.confirm_m=" + strconv.Itoa(m),
		"tracker.confirm_n=" + strconv.Itoa(n),
		"tracker.gate_probability=" + strconv.FormatFloat(gate, 'g', -1, 64),
	} {
		o, err := scenarios.ParseOverride(s)
		if err != nil {
			return res, err
		}
		sets = append(sets, o)
	}
	if sc, err = sc.With(sets...); err != nil {
		return res, err
	}
	c := *sc
	c.Run.Seed, c.Run.DurationS = seed, durationS
	rep, err := pipeline.New(&c)
	if err != nil {
		return res, err
	}
	if err := rep.Run(context.Background(), nil); err != nil {
		return res, err
	}
	ts := rep.Tracking
	for _, f := range ts.Tracks {
		res.confirmed++
		switch f.Cause() {
		case "drone":
			res.drone++
		case "bird":
			res.bird++
		case "duplicate":
			res.dup++
		default:
			res.clutter++
		}
	}
	var present, held int
	var delay float64
	for i := range rep.World.Entities {
		e := &rep.World.Entities[i]
		if e.Kind == sim.Bird || e.StartS > durationS {
			continue
		}
		res.drones++
		tt := &ts.Truth[i]
		present += tt.Present
		held += tt.Held
		if !math.IsNaN(tt.FirstConfirmedS) {
			res.tracked++
			delay += tt.FirstConfirmedS - e.StartS
		}
	}
	if present > 0 {
		res.heldPct = 100 * float64(held) / float64(present)
	}
	if res.tracked > 0 {
		res.meanDelayS = delay / float64(res.tracked)
	}
	return res, nil
}

// draw plots, for each rule, the shares of the confirmed tracks that
// followed a drone, a bird, a drone another track held, and nothing, as
// stacked bars labelled with the number of confirmed tracks.
func draw(path string, results []result) error {
	p := coursefig.New("What the confirmed tracks followed", "confirmation rule (M of N)", "share of the confirmed tracks (%)")
	groups := []struct {
		name string
		get  func(r result) int
	}{
		{"a drone", func(r result) int { return r.drone }},
		{"a bird", func(r result) int { return r.bird }},
		{"a drone another track held", func(r result) int { return r.dup }},
		{"nothing (clutter, false alarms)", func(r result) int { return r.clutter }},
	}
	width := vg.Points(40)
	var names []string
	var labels plotter.XYLabels
	for i, r := range results {
		names = append(names, fmt.Sprintf("%d of %d", r.m, r.n))
		labels.XYs = append(labels.XYs, plotter.XY{X: float64(i), Y: 102})
		labels.Labels = append(labels.Labels, fmt.Sprintf("%d tracks", r.confirmed))
	}
	var below *plotter.BarChart
	for i, g := range groups {
		var v plotter.Values
		for _, r := range results {
			share := 0.0
			if r.confirmed > 0 {
				share = 100 * float64(g.get(r)) / float64(r.confirmed)
			}
			v = append(v, share)
		}
		b, err := plotter.NewBarChart(v, width)
		if err != nil {
			return err
		}
		b.Color = plotutil.Color(i)
		b.LineStyle.Width = 0
		if below != nil {
			b.StackOn(below)
		}
		below = b
		p.Add(b)
		p.Legend.Add(g.name, b)
	}
	l, err := plotter.NewLabels(labels)
	if err != nil {
		return err
	}
	for i := range l.TextStyle {
		l.TextStyle[i].XAlign = -0.5
	}
	p.Add(l)
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(results))-0.4
	p.Y.Min, p.Y.Max = 0, 150
	p.Y.Tick.Marker = percentTicks{}
	p.Legend.Left = true
	return coursefig.Save(p, path)
}

// percentTicks marks 0, 20, … 100 on an axis that extends above 100 to
// leave room for the legend.
type percentTicks struct{}

// Ticks returns the labelled ticks.
func (percentTicks) Ticks(min, max float64) []plot.Tick {
	var ts []plot.Tick
	for v := 0; v <= 100; v += 20 {
		ts = append(ts, plot.Tick{Value: float64(v), Label: strconv.Itoa(v)})
	}
	return ts
}
