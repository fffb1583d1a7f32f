// Command 02-rf is the program of lesson 2 of the course
// (docs/course/02-rf.md): passive RF detection. For the links of a small
// drone and the direction finders of the airport scenario it prints the
// link budget (received power, noise, SNR) against range under three path
// loss models, the range at which each link is still heard, and how wide
// the bearing error is at each range. With -png it draws the received
// power against range.
//
//	go run ./examples/02-rf [-exponent G] [-threshold DB] [-png FILE]
package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/cuasim/cuasim/examples/internal/coursefig"
	"github.com/cuasim/cuasim/sensors"
)

func main() {
	if err := run(os.Stdout, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "02-rf:", err)
		os.Exit(1)
	}
}

// link is a drone's radio link, as in the airport scenario's uav_types.
type link struct {
	name                  string
	freqHz, eirpDBm, bwHz float64
}

var links = []link{
	{"control 2.44 GHz", 2.44e9, 20, 1e6},
	{"video 5.8 GHz", 5.8e9, 23, 20e6},
	{"telemetry 868 MHz", 868e6, 27, 0.5e6},
}

// The receiver of the airport scenario's RF detectors.
const (
	noiseFigureDB = 6
	mastM         = 8 // receiver height
	floorDeg      = 2 // bearing noise at high SNR
	atThrDeg      = 8 // bearing noise at the threshold
)

// model is a path-loss model: loss in dB at a distance.
type model struct {
	name string
	loss func(freqHz, dM float64) float64
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("02-rf", flag.ContinueOnError)
	exponent := fs.Float64("exponent", 2.2, "path-loss exponent of the log-distance model")
	threshold := fs.Float64("threshold", 10, "SNR in dB a link must reach to be heard")
	droneM := fs.Float64("alt", 80, "drone height in metres, for the two-ray model")
	png := fs.String("png", "", "draw the received power against range to this PNG file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *droneM < 1 || *droneM > 1000 {
		return fmt.Errorf("-alt %g: expected 1 to 1000 m", *droneM)
	}
	if *exponent < 2 || *exponent > 6 {
		return fmt.Errorf("-exponent %g: expected 2 (free space) to 6", *exponent)
	}
	models := []model{
		{"free space", func(f, d float64) float64 { return sensors.FreeSpacePathLossDB(f, d) }},
		{fmt.Sprintf("log-distance γ=%g", *exponent), func(f, d float64) float64 { return sensors.LogDistancePathLossDB(f, d, 1, *exponent) }},
		{fmt.Sprintf("two-ray %g m", *droneM), func(f, d float64) float64 { return sensors.TwoRayPathLossDB(f, d, *droneM, mastM) }},
	}

	c := links[0]
	noise := sensors.ThermalNoiseDBm(c.bwHz, noiseFigureDB)
	fmt.Fprintf(w, "Link: %s, EIRP %g dBm, bandwidth %g MHz; receiver noise figure %g dB, threshold SNR %g dB\n",
		c.name, c.eirpDBm, c.bwHz/1e6, float64(noiseFigureDB), *threshold)
	fmt.Fprintf(w, "Noise floor kTB·F: %.1f dBm\n\n", noise)
	fmt.Fprintf(w, "range    received power (dBm) by path loss model     bearing σ (free space)\n")
	fmt.Fprintf(w, "         %-12s %-20s %-10s  deg    across the line\n", models[0].name, models[1].name, models[2].name)
	for _, d := range []float64{500, 1000, 2000, 4000, 8000} {
		fmt.Fprintf(w, "%4.0f m", d)
		for i, m := range models {
			rx := c.eirpDBm - m.loss(c.freqHz, d)
			width := 12
			if i == 1 {
				width = 20
			}
			fmt.Fprintf(w, "  %-*s", width-1, fmt.Sprintf("%.1f", rx))
		}
		snr := c.eirpDBm - models[0].loss(c.freqHz, d) - noise
		if snr < *threshold {
			fmt.Fprintf(w, "  not heard\n")
			continue
		}
		sd := bearingStdDeg(snr, *threshold)
		fmt.Fprintf(w, "  %4.1f  %5.0f m\n", sd, d*sd*math.Pi/180)
	}

	fmt.Fprintf(w, "Loss added by each doubling of range, beyond 1 km: %s %.1f dB, %s %.1f dB\n",
		models[0].name, models[0].loss(c.freqHz, 2000)-models[0].loss(c.freqHz, 1000),
		models[1].name, models[1].loss(c.freqHz, 2000)-models[1].loss(c.freqHz, 1000))

	fmt.Fprintf(w, "\nRange at which each link falls to the threshold (%g dB SNR)\n", *threshold)
	fmt.Fprintf(w, "%-18s %-10s %-12s %-20s %s\n", "link", "noise", models[0].name, models[1].name, models[2].name)
	for _, l := range links {
		n := sensors.ThermalNoiseDBm(l.bwHz, noiseFigureDB)
		fmt.Fprintf(w, "%-18s %-10s %-12s %-20s %s\n", l.name, fmt.Sprintf("%.1f dBm", n),
			fmt.Sprintf("%.1f km", heardToM(l, models[0], n, *threshold)/1000),
			fmt.Sprintf("%.1f km", heardToM(l, models[1], n, *threshold)/1000),
			fmt.Sprintf("%.1f km", heardToM(l, models[2], n, *threshold)/1000))
	}

	if *png != "" {
		return draw(*png, c, models, noise+*threshold)
	}
	return nil
}

// bearingStdDeg is the bearing noise at an SNR (dB) of the airport's
// direction finders: σ² = σ_floor² + (σ_thr² − σ_floor²)·SNR_thr/SNR, the
// SNRs as power ratios (docs/models.md §4.4).
func bearingStdDeg(snrDB, thresholdDB float64) float64 {
	ratio := math.Pow(10, (thresholdDB-snrDB)/10)
	return math.Sqrt(floorDeg*floorDeg + (atThrDeg*atThrDeg-floorDeg*floorDeg)*ratio)
}

// heardToM is the largest range, to 1 m, at which the link's SNR reaches
// the threshold under model m, searched up to 100 km: the loss grows with
// range, so bisection finds it.
func heardToM(l link, m model, noiseDBm, thresholdDB float64) float64 {
	heard := func(d float64) bool { return l.eirpDBm-m.loss(l.freqHz, d)-noiseDBm >= thresholdDB }
	lo, hi := 1.0, 100e3
	if heard(hi) {
		return hi
	}
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if heard(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// draw plots the received power of link c against range for each model,
// with the level the threshold needs.
func draw(path string, c link, models []model, neededDBm float64) error {
	p := coursefig.New(fmt.Sprintf("Received power of the %s link (%g dBm EIRP)", c.name, c.eirpDBm), "range (m)", "received power (dBm)")
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = coursefig.RangeTicks{}
	for i, m := range models {
		var xy plotter.XYs
		for e := 2.0; e <= 4.3; e += 0.01 {
			d := math.Pow(10, e)
			xy = append(xy, plotter.XY{X: d, Y: c.eirpDBm - m.loss(c.freqHz, d)})
		}
		l, err := plotter.NewLine(xy)
		if err != nil {
			return err
		}
		l.Color = plotutil.Color(i)
		l.Width = vg.Points(1.5)
		if i == 2 {
			l.Dashes = []vg.Length{vg.Points(2), vg.Points(2)}
		}
		p.Add(l)
		p.Legend.Add(m.name, l)
	}
	thr, err := plotter.NewLine(plotter.XYs{{X: 100, Y: neededDBm}, {X: math.Pow(10, 4.3), Y: neededDBm}})
	if err != nil {
		return err
	}
	thr.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
	p.Add(thr)
	p.Legend.Add("noise floor + threshold SNR: heard above this line", thr)
	p.Legend.Top = false
	p.Legend.Left = true
	return coursefig.Save(p, path)
}
