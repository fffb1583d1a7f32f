package report

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/metrics"
)

// causeColors are the colours of the causes of false alerts.
var causeColors = map[string]color.RGBA{
	metrics.CauseBird:      {0x6a, 0xaa, 0x52, 0xff}, // green
	metrics.CauseClutter:   {0x9a, 0x9f, 0xa8, 0xff}, // grey
	metrics.CauseRFGhost:   {0xa0, 0x6c, 0xd5, 0xff}, // purple, as RF in the viewer
	metrics.CauseDuplicate: {0xe6, 0x9f, 0x00, 0xff}, // orange
}

// causeNames are the causes as the figure's legend names them.
var causeNames = map[string]string{
	metrics.CauseBird:      "bird",
	metrics.CauseClutter:   "clutter",
	metrics.CauseRFGhost:   "RF ghost",
	metrics.CauseDuplicate: "duplicate track of a drone",
}

// FalseAlerts draws the false alerts per day of every layout at its
// operating point, as bars stacked by cause (bird, clutter, RF ghost,
// duplicate), with the total's confidence interval and the budget. One
// panel per simulation variant, on the same scale.
func FalseAlerts(s *compare.Summary) *Figure {
	d := s.Design
	ymax := d.BudgetPerDay
	for _, ch := range s.Operating {
		if c := s.Cell(ch.Layout, ch.Variant, ch.Threshold); c != nil {
			for _, y := range []float64{float64(c.FalseAlertsPerDay.Estimate), float64(c.FalseAlertsPerDay.Hi)} {
				if finite(y) {
					ymax = math.Max(ymax, y)
				}
			}
		}
	}
	if ymax <= 0 {
		ymax = 1
	}
	var plots []*plot.Plot
	for _, v := range d.Variants {
		p := newPlot(variantTitle(v), "", "false alerts per day")
		p.Y.Min, p.Y.Max = 0, ymax*1.12
		panel := &barsPanel{budget: d.BudgetPerDay}
		var ticks []plot.Tick
		for li, l := range d.Layouts {
			th := operating(s, v.Label, l)
			b := bar{x: float64(li)}
			if c := s.Cell(l, v.Label, th); c != nil {
				b.total = c.FalseAlertsPerDay
				for _, cause := range metrics.FalseCauses {
					b.parts = append(b.parts, float64(c.FalseAlertsPerDayByCause[cause].Estimate))
				}
			}
			panel.bars = append(panel.bars, b)
			ticks = append(ticks, plot.Tick{Value: float64(li), Label: l + "\n" + th})
		}
		p.X.Min, p.X.Max = -0.6, float64(len(d.Layouts))-0.4
		p.X.Tick.Marker = plot.ConstantTicks(ticks)
		p.X.Tick.Length = 0
		p.Add(panel)
		plots = append(plots, p)
	}
	leg := newLegendStrip()
	for _, cause := range metrics.FalseCauses {
		leg.add(causeNames[cause], boxThumb(causeColors[cause], draw.LineStyle{}))
	}
	leg.add(fmt.Sprintf("total, %.0f %% interval", 100*d.Confidence), thumbFunc(func(c *draw.Canvas) {
		errorBar(c, draw.LineStyle{Color: color.Black, Width: vg.Points(1.2)}, c.Min.Y, c.Max.Y, c.Center().X, false)
	}))
	leg.add(fmt.Sprintf("budget %s/day", fmtNumber(d.BudgetPerDay)), lineThumb(budgetLine))
	cols := 1
	if len(plots) > 1 {
		cols = 2
	}
	return (&panels{name: "false-alerts", title: "False alerts per day by cause, each layout at its operating point",
		plots: plots, cols: cols, panelH: panelHeight(cols, 4.2*vg.Inch, 3.4*vg.Inch), legend: leg}).figure()
}

type bar struct {
	x     float64
	parts []float64 // by cause, in metrics.FalseCauses order
	total compare.Interval
}

// barsPanel draws stacked bars with the total's interval over each.
type barsPanel struct {
	bars   []bar
	budget float64
}

// Plot implements plot.Plotter.
func (bp *barsPanel) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	pl := &placer{bounds: c.Rectangle}
	halfW := (trX(1) - trX(0)) * 0.28
	by := trY(bp.budget)
	c.StrokeLine2(budgetLine, c.Min.X, by, c.Max.X, by)
	pl.blockLine([]vg.Point{{X: c.Min.X, Y: by}, {X: c.Max.X, Y: by}}, vg.Points(1))
	for _, b := range bp.bars {
		x := trX(b.x)
		y0 := 0.0
		for i, v := range b.parts {
			if !(v > 0) {
				continue
			}
			r := vg.Rectangle{Min: vg.Point{X: x - halfW, Y: trY(y0)}, Max: vg.Point{X: x + halfW, Y: trY(y0 + v)}}
			c.SetColor(causeColors[metrics.FalseCauses[i]])
			c.Fill(r.Path())
			c.SetLineStyle(draw.LineStyle{Color: color.White, Width: vg.Points(0.8)})
			c.Stroke(r.Path())
			y0 += v
		}
		pl.block(vg.Rectangle{Min: vg.Point{X: x - halfW, Y: trY(0)}, Max: vg.Point{X: x + halfW, Y: trY(y0)}})
		est, lo, hi := float64(b.total.Estimate), float64(b.total.Lo), float64(b.total.Hi)
		if !finite(est) {
			continue
		}
		if finite(lo) && finite(hi) {
			errorBar(&c, draw.LineStyle{Color: color.Black, Width: vg.Points(1.2)}, trY(lo), trY(hi), x, false)
			pl.blockLine([]vg.Point{{X: x, Y: trY(lo)}, {X: x, Y: trY(hi)}}, vg.Points(3))
		}
		sty := textStyle(tickSize, color.Black)
		sty.Font.Weight = bold.Weight
		text := fmtRateValue(est) + "/day"
		w, h, _ := size(sty, text)
		var lls []vg.Point
		for k := range 4 {
			y := trY(est) + vg.Points(3) + vg.Length(k)*h
			lls = append(lls, vg.Point{X: x + vg.Points(5), Y: y}, vg.Point{X: x - vg.Points(5) - w, Y: y})
		}
		pl.placeAt(c, sty, lls, text, true)
	}
	// The budget's label just over its line, where it is free.
	sty := textStyle(noteSize, budgetRed)
	text := "budget " + fmtNumber(bp.budget) + "/day"
	w, _, _ := size(sty, text)
	var lls []vg.Point
	for _, x := range []vg.Length{c.Max.X - vg.Points(2) - w, c.Min.X + vg.Points(2)} {
		lls = append(lls, vg.Point{X: x, Y: by + vg.Points(2)})
	}
	for i := range bp.bars[:max(len(bp.bars)-1, 0)] {
		lls = append(lls, vg.Point{X: (trX(float64(i))+trX(float64(i+1)))/2 - w/2, Y: by + vg.Points(2)})
	}
	pl.placeAt(c, sty, lls, text, true)
}

// fmtRateValue formats a rate for a label: 0, 0.42, 3.1, 250.
func fmtRateValue(x float64) string {
	switch {
	case x == 0:
		return "0"
	case x < 1:
		return fmt.Sprintf("%.2f", x)
	case x < 100:
		return fmt.Sprintf("%.1f", x)
	}
	return fmt.Sprintf("%.0f", x)
}
