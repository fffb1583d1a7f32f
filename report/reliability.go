package report

import (
	"fmt"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/cuasim/cuasim/metrics"
)

// Reliability draws reliability diagrams of P(drone), one per site, on
// one pair of axes: for each bin holding at least minN evaluations, a
// point at its mean P(drone) and the fraction of its evaluations on a
// drone. A
// calibrated P(drone) lies on the diagonal; the grey band is the ±0.1 a
// bin may stray from it (issue 16). The legend gives each site's expected
// calibration error.
func Reliability(title string, sites []string, diagrams []*metrics.Reliability, minN int) (*Figure, error) {
	if len(sites) != len(diagrams) {
		return nil, fmt.Errorf("reliability figure: %d sites, %d diagrams", len(sites), len(diagrams))
	}
	p := newPlot(title, "mean P(drone) of the bin", "fraction of the bin's evaluations on a drone")
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	p.X.Tick.Marker = probTicks{}
	p.Y.Tick.Marker = probTicks{}
	band, err := plotter.NewPolygon(plotter.XYs{{X: 0, Y: 0}, {X: 0, Y: 0.1}, {X: 0.9, Y: 1}, {X: 1, Y: 1}, {X: 1, Y: 0.9}, {X: 0.1, Y: 0}})
	if err != nil {
		return nil, fmt.Errorf("reliability figure: %w", err)
	}
	band.Color = fade(lightGrey, 0.8)
	band.LineStyle.Width = 0
	diag, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})
	if err != nil {
		return nil, fmt.Errorf("reliability figure: %w", err)
	}
	diag.LineStyle = draw.LineStyle{Color: grey, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(3), vg.Points(3)}}
	p.Add(band, diag)
	for i, r := range diagrams {
		var xy plotter.XYs
		for _, b := range r.Bins {
			if b.N >= max(minN, 1) {
				xy = append(xy, plotter.XY{X: b.MeanP(), Y: b.Observed()})
			}
		}
		if len(xy) == 0 {
			continue
		}
		// Points only: a line would join bins across those left out.
		s, err := plotter.NewScatter(xy)
		if err != nil {
			return nil, fmt.Errorf("reliability figure, %s: %w", sites[i], err)
		}
		s.GlyphStyle = styleOf(i).glyphStyle(vg.Points(4))
		p.Add(s)
		p.Legend.Add(fmt.Sprintf("%s (ECE %.4f)", sites[i], r.ECE()), s)
	}
	// Bottom right, which a reliability diagram leaves empty: few
	// evaluations with a high P(drone) are on no drone.
	p.Legend.XOffs, p.Legend.YOffs = -vg.Points(8), vg.Points(8)
	w, h := 6*vg.Inch, 5.4*vg.Inch
	return &Figure{Name: "reliability", Title: title, Width: w, Height: h,
		draw: func(c draw.Canvas) { p.Draw(c) }}, nil
}
