// Command 01-radar is the program of lesson 1 of the course
// (docs/course/01-radar.md): why a small drone is hard to see. It prints,
// for a small X-band surveillance radar, the signal-to-noise ratio of a
// target against range (the radar equation), its probability of detection
// for a steady and a fluctuating (Swerling 1) echo, the range at which it
// reaches a Pd, and the trade between Pd and Pfa at one SNR (the ROC).
// With -png it draws the ROC curves.
//
//	go run ./examples/01-radar [-rcs M2] [-pfa P] [-pulses N] [-png FILE]
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
		fmt.Fprintln(os.Stderr, "01-radar:", err)
		os.Exit(1)
	}
}

func run(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("01-radar", flag.ContinueOnError)
	rcsM2 := fs.Float64("rcs", 0.01, "radar cross-section of the target, m²")
	pfa := fs.Float64("pfa", 1e-6, "probability of false alarm per look")
	pulses := fs.Int("pulses", 10, "pulses integrated per look")
	png := fs.String("png", "", "draw the ROC curves to this PNG file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *rcsM2 <= 0 || *pfa <= 0 || *pfa >= 1 || *pulses < 1 {
		return fmt.Errorf("need -rcs > 0, 0 < -pfa < 1 and -pulses >= 1; got %g, %g, %d", *rcsM2, *pfa, *pulses)
	}

	// A small X-band surveillance radar, the numbers of the example in
	// the sensors package.
	radar := sensors.RadarEquation{
		PeakPowerW: 50, GainDB: 35, FrequencyHz: 9.4e9, BandwidthHz: 2e6,
		NoiseFigureDB: 4, LossesDB: 6, Pulses: *pulses,
	}
	fmt.Fprintf(w, "Radar: %g W peak, %g dB antenna gain, %g GHz (wavelength %.1f cm), %g MHz bandwidth, noise figure %g dB, losses %g dB, pulses per look: %d\n",
		radar.PeakPowerW, radar.GainDB, radar.FrequencyHz/1e9, 100*sensors.SpeedOfLight/radar.FrequencyHz, radar.BandwidthHz/1e6, radar.NoiseFigureDB, radar.LossesDB, radar.Pulses)
	fmt.Fprintf(w, "Target: RCS %g m² (%.0f dBsm); Pfa %g per look\n\n", *rcsM2, 10*math.Log10(*rcsM2), *pfa)

	fmt.Fprintln(w, "range    SNR/pulse  Pd steady  Pd Swerling 1")
	for _, r := range []float64{500, 1000, 1500, 2000, 2500, 3000, 4000} {
		snr := radar.SNRDB(*rcsM2, r)
		fmt.Fprintf(w, "%4.0f m  %7.1f dB  %9.3f  %13.3f\n", r, snr,
			sensors.DetectionProbability(sensors.Swerling0, snr, *pfa, radar.Pulses),
			sensors.DetectionProbability(sensors.Swerling1, snr, *pfa, radar.Pulses))
	}
	fmt.Fprintf(w, "SNR falls %.1f dB each time the range doubles (R⁻⁴).\n\n", radar.SNRDB(*rcsM2, 1000)-radar.SNRDB(*rcsM2, 2000))

	// The range where the SNR is the one a Pd needs: SNR falls as R⁻⁴, so
	// R = R₀·10^((SNR(R₀) − SNR_needed)/40).
	const refM = 1000
	ref := radar.SNRDB(*rcsM2, refM)
	fmt.Fprintln(w, "Pd    SNR/pulse needed: steady  Swerling 1   reached out to: steady  Swerling 1")
	for _, pd := range []float64{0.5, 0.9} {
		s0 := sensors.RequiredSNR(sensors.Swerling0, pd, *pfa, radar.Pulses)
		s1 := sensors.RequiredSNR(sensors.Swerling1, pd, *pfa, radar.Pulses)
		fmt.Fprintf(w, "%.1f  %24.1f dB  %7.1f dB  %19.0f m  %8.0f m\n", pd, s0, s1,
			refM*math.Pow(10, (ref-s0)/40), refM*math.Pow(10, (ref-s1)/40))
	}

	// The ROC: at one SNR, a lower threshold (higher Pfa) buys Pd.
	const rocSNRDB = 5
	fmt.Fprintf(w, "\nROC at %d dB per pulse: Pd against Pfa\n", rocSNRDB)
	fmt.Fprintln(w, "Pfa    Pd steady  Pd Swerling 1")
	for _, p := range []float64{1e-2, 1e-4, 1e-6, 1e-8} {
		fmt.Fprintf(w, "%.0e  %9.3f  %13.3f\n", p,
			sensors.DetectionProbability(sensors.Swerling0, rocSNRDB, p, radar.Pulses),
			sensors.DetectionProbability(sensors.Swerling1, rocSNRDB, p, radar.Pulses))
	}

	if *png != "" {
		return drawROC(*png, radar.Pulses)
	}
	return nil
}

// drawROC draws Pd against Pfa at several SNRs, steady (dashed) and
// Swerling 1 (solid).
func drawROC(path string, pulses int) error {
	p := coursefig.New(fmt.Sprintf("ROC curves: Pd against Pfa at three SNRs per pulse, %d pulses integrated", pulses), "Pfa (per look)", "Pd")
	p.X.Scale = plot.LogScale{}
	p.X.Tick.Marker = coursefig.PowerTicks{}
	p.Y.Min, p.Y.Max = 0, 1.45
	p.Y.Tick.Marker = coursefig.UnitTicks{}
	for i, snr := range []float64{0, 5, 10} {
		for _, model := range []sensors.Swerling{sensors.Swerling1, sensors.Swerling0} {
			var xy plotter.XYs
			for e := -10.0; e <= -0.99; e += 0.1 {
				pfa := math.Pow(10, e)
				xy = append(xy, plotter.XY{X: pfa, Y: sensors.DetectionProbability(model, snr, pfa, pulses)})
			}
			l, err := plotter.NewLine(xy)
			if err != nil {
				return err
			}
			l.Color = plotutil.Color(i)
			l.Width = vg.Points(1.5)
			name := fmt.Sprintf("SNR %g dB, Swerling 1", snr)
			if model == sensors.Swerling0 {
				l.Dashes = []vg.Length{vg.Points(5), vg.Points(3)}
				name = fmt.Sprintf("SNR %g dB, steady", snr)
			}
			p.Add(l)
			p.Legend.Add(name, l)
		}
	}
	p.Legend.Left = true
	return coursefig.Save(p, path)
}
