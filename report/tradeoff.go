package report

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/cuasim/cuasim/compare"
)

// Tradeoff draws the operator's trade-off curve of every layout: the
// probability of a timely alert against false alerts per day, one point
// per threshold (labelled with its value) with its confidence intervals,
// each layout's operating point ringed, and the false-alert budget as a
// vertical line. False alerts per day are on a logarithmic axis; zero,
// which a logarithm cannot show, has its own tick at the left. A design
// with several simulation variants gets one panel per variant, on the same
// axes.
func Tradeoff(s *compare.Summary) *Figure {
	d := s.Design
	ax := newRateAxis(s)
	ylo := 1.0
	for _, c := range s.Cells {
		for _, y := range []float64{float64(c.PTimely.Estimate), float64(c.PTimely.Lo)} {
			if finite(y) && !math.IsNaN(float64(c.PTimely.Estimate)) {
				ylo = math.Min(ylo, y)
			}
		}
	}
	ymin := math.Max(0, math.Floor((ylo-0.02)*10)/10)
	names, key := thresholdNames(d)
	var plots []*plot.Plot
	for _, v := range d.Variants {
		p := newPlot(variantTitle(v), "false alerts per day (log scale)",
			fmt.Sprintf("P(timely): warning ≥ %s", fmtSecondsValue(d.RequiredWarningS)))
		ax.apply(&p.X)
		// A little room over 1 for the labels of points at the top.
		p.Y.Min, p.Y.Max = ymin, 1+0.04*(1-ymin)
		p.Y.Tick.Marker = probTicks{}
		panel := &tradeoffPanel{budgetX: ax.clamp(d.BudgetPerDay), budget: d.BudgetPerDay, breakAt: ax.breakAt()}
		for li, l := range d.Layouts {
			tl := tradeoffLayout{style: styleOf(li)}
			op := operating(s, v.Label, l)
			for ti, th := range d.Thresholds {
				c := s.Cell(l, v.Label, th.Label)
				if c == nil || math.IsNaN(float64(c.PTimely.Estimate)) || math.IsNaN(float64(c.FalseAlertsPerDay.Estimate)) {
					continue
				}
				f, pt := c.FalseAlertsPerDay, c.PTimely
				tl.pts = append(tl.pts, tradeoffPoint{
					x: ax.clamp(float64(f.Estimate)), xlo: ax.clamp(float64(f.Lo)), xhi: ax.clamp(float64(f.Hi)),
					y: float64(pt.Estimate), ylo: float64(pt.Lo), yhi: float64(pt.Hi),
					label: names[ti], op: th.Label == op})
			}
			if cv := s.Curve(l, v.Label); cv != nil {
				for _, q := range cv.Points {
					if x, y := float64(q.FalsePerDay), float64(q.PTimely); !math.IsNaN(x) && !math.IsNaN(y) && y >= ymin {
						tl.curve = append(tl.curve, [2]float64{ax.clamp(x), y})
					}
				}
				e := cv.Operating
				if x, y := float64(e.FalseAlertsPerDay.Estimate), float64(e.PTimely.Estimate); !math.IsNaN(x) && !math.IsNaN(y) {
					tl.exact = &[2]float64{ax.clamp(x), y}
				}
			}
			panel.layouts = append(panel.layouts, tl)
		}
		p.Add(panel)
		plots = append(plots, p)
	}
	leg := newLegendStrip()
	for li, l := range d.Layouts {
		st := styleOf(li)
		leg.add(l, lineThumb(st.line(vg.Points(1.6))), glyphThumb(st.glyphStyle(vg.Points(3.5))))
	}
	leg.add("operating point", thumbFunc(func(c *draw.Canvas) {
		ring(c, c.Center(), opRing, draw.LineStyle{Color: color.Black, Width: vg.Points(1.6)})
	}))
	if len(s.Curves) > 0 {
		leg.add("exact operating point (whole curve)", thumbFunc(func(c *draw.Canvas) {
			diamond(c, c.Center(), vg.Points(6), draw.LineStyle{Color: color.Black, Width: vg.Points(1.6)})
		}))
	}
	leg.add(fmt.Sprintf("%.0f %% intervals", 100*d.Confidence), thumbFunc(func(c *draw.Canvas) {
		errorBar(c, draw.LineStyle{Color: grey, Width: vg.Points(1)}, c.Min.X+2, c.Max.X-2, c.Center().Y, true)
	}))
	leg.add(fmt.Sprintf("budget %s/day", fmtNumber(d.BudgetPerDay)), lineThumb(budgetLine))
	if key != "" {
		leg.add("labels: "+key, thumbFunc(func(*draw.Canvas) {}))
	}
	cols := 1
	if len(plots) > 1 {
		cols = 2
	}
	return (&panels{name: "tradeoff", title: "Timely alerts against false alerts, per layout and alert threshold",
		plots: plots, cols: cols, panelH: panelHeight(cols, 5*vg.Inch, 3.8*vg.Inch), legend: leg}).figure()
}

// fmtSecondsValue formats a time in seconds for an axis label: 60 s.
func fmtSecondsValue(s float64) string { return fmtNumber(s) + " s" }

var (
	budgetLine = draw.LineStyle{Color: budgetRed, Width: vg.Points(1.4), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}}
	opRing     = vg.Points(8)
)

// rateAxis is a logarithmic axis of rates that may be zero: zero is drawn
// at its own tick, a little left of the lowest decade with data.
type rateAxis struct {
	min, max, zero float64 // zero is 0 when no value is
	ticks          []plot.Tick
}

// newRateAxis fits the axis to every cell's false alerts per day and the
// budget.
func newRateAxis(s *compare.Summary) *rateAxis {
	lo, hi := math.Inf(1), math.Inf(-1)
	needZero := false
	add := func(x float64) {
		switch {
		case math.IsNaN(x) || math.IsInf(x, 0):
		case x <= 0:
			needZero = true
		default:
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	for _, c := range s.Cells {
		if math.IsNaN(float64(c.PTimely.Estimate)) {
			continue
		}
		add(float64(c.FalseAlertsPerDay.Estimate))
		add(float64(c.FalseAlertsPerDay.Lo))
		add(float64(c.FalseAlertsPerDay.Hi))
	}
	add(s.Design.BudgetPerDay)
	if math.IsInf(lo, 1) {
		lo, hi = 1, 10
	}
	first := math.Pow(10, math.Floor(math.Log10(lo)))
	// From the decade at or below the lowest value, so that the axis
	// starts at a labelled tick.
	a := &rateAxis{min: math.Min(lo/1.5, first/1.1), max: hi * 1.5}
	if needZero {
		a.zero = first / 4
		a.min = a.zero / 1.6
	}
	// Decades, labelled; 2 and 5 times a decade labelled too when the
	// axis spans less than two decades; the rest minor.
	few := math.Log10(a.max/first) < 2
	for e := math.Log10(first); math.Pow(10, e) <= a.max; e++ {
		dec := math.Pow(10, e)
		for m := 1.0; m < 10; m++ {
			x := m * dec
			if x < a.min || x > a.max {
				continue
			}
			label := ""
			if m == 1 || (few && (m == 2 || m == 5)) {
				label = fmtNumber(x)
			}
			a.ticks = append(a.ticks, plot.Tick{Value: x, Label: label})
		}
	}
	if needZero {
		a.ticks = append([]plot.Tick{{Value: a.zero, Label: "0"}}, a.ticks...)
	}
	return a
}

// breakAt returns where to mark the axis broken between the zero tick and
// the first decade, 0 when there is no zero tick.
func (a *rateAxis) breakAt() float64 {
	if a.zero == 0 {
		return 0
	}
	return a.zero * 2
}

// clamp maps a rate to where it is drawn: zero (and below) at the zero tick.
func (a *rateAxis) clamp(x float64) float64 {
	if x <= 0 && !math.IsNaN(x) {
		if a.zero > 0 {
			return a.zero
		}
		return a.min
	}
	return math.Min(x, a.max)
}

func (a *rateAxis) apply(ax *plot.Axis) {
	ax.Min, ax.Max = a.min, a.max
	ax.Scale = plot.LogScale{}
	ax.Tick.Marker = plot.ConstantTicks(a.ticks)
}

// probTicks marks a probability axis every 0.1, or every 0.05, 0.02 or
// 0.01 on a short one, so that it has at least 4 ticks.
type probTicks struct{}

// Ticks implements plot.Ticker.
func (probTicks) Ticks(lo, hi float64) []plot.Tick {
	step := 0.1
	for _, st := range []float64{0.05, 0.02, 0.01} {
		if (hi-lo)/step >= 4 {
			break
		}
		step = st
	}
	var ts []plot.Tick
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+1e-9; k++ {
		x := math.Round(k*step*100) / 100
		if x == 0 {
			x = 0 // not −0
		}
		ts = append(ts, plot.Tick{Value: x, Label: strconv.FormatFloat(x, 'f', -1, 64)})
	}
	return ts
}

type tradeoffPoint struct {
	x, xlo, xhi, y, ylo, yhi float64
	label                    string
	op                       bool
}

type tradeoffLayout struct {
	style layoutStyle
	pts   []tradeoffPoint
	// curve is the whole threshold curve (false alerts per day, P(timely))
	// and exact its operating point, when the comparison has them.
	curve [][2]float64
	exact *[2]float64
}

// tradeoffPanel draws one variant's curves.
type tradeoffPanel struct {
	layouts         []tradeoffLayout
	budget, budgetX float64
	breakAt         float64 // where the x axis is broken, 0 if it is not
}

// Plot implements plot.Plotter.
func (tp *tradeoffPanel) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	pl := &placer{bounds: c.Rectangle}
	if tp.breakAt > 0 {
		axisBreak(&c, plt, trX(tp.breakAt))
	}
	bx := trX(tp.budgetX)
	c.StrokeLine2(budgetLine, bx, c.Min.Y, bx, c.Max.Y)
	pl.blockLine([]vg.Point{{X: bx, Y: c.Min.Y}, {X: bx, Y: c.Max.Y}}, vg.Points(1))
	// Intervals, under everything else.
	for _, l := range tp.layouts {
		ls := draw.LineStyle{Color: fade(l.style.color, 0.55), Width: vg.Points(1)}
		for _, p := range l.pts {
			x, y := trX(p.x), trY(p.y)
			errorBar(&c, ls, trX(p.xlo), trX(p.xhi), y, true)
			errorBar(&c, ls, trY(p.ylo), trY(p.yhi), x, false)
		}
	}
	for _, l := range tp.layouts {
		var line []vg.Point
		for _, p := range l.pts {
			line = append(line, vg.Point{X: trX(p.x), Y: trY(p.y)})
		}
		if len(l.curve) > 1 {
			// The whole curve, every threshold: the grid's points lie on it.
			var cl []vg.Point
			for _, q := range l.curve {
				cl = append(cl, vg.Point{X: trX(q[0]), Y: trY(q[1])})
			}
			c.StrokeLines(l.style.line(vg.Points(1.2)), cl)
			pl.blockLine(cl, vg.Points(1))
		} else if len(line) > 1 {
			c.StrokeLines(l.style.line(vg.Points(1.6)), line)
		}
		pl.blockLine(line, vg.Points(1.5))
		if e := l.exact; e != nil {
			pt := vg.Point{X: trX(e[0]), Y: trY(e[1])}
			diamond(&c, pt, vg.Points(6), draw.LineStyle{Color: l.style.color, Width: vg.Points(1.6)})
			pl.blockPoint(pt, vg.Points(7))
		}
	}
	for _, l := range tp.layouts {
		gs := l.style.glyphStyle(vg.Points(3.5))
		for _, p := range l.pts {
			pt := vg.Point{X: trX(p.x), Y: trY(p.y)}
			c.DrawGlyph(gs, pt)
			pl.blockPoint(pt, vg.Points(4))
			if p.op {
				ring(&c, pt, opRing, draw.LineStyle{Color: l.style.color, Width: vg.Points(2)})
				pl.blockPoint(pt, opRing+vg.Points(1))
			}
		}
	}
	// Labels: the operating points' first, always; then the others
	// where they fit, threshold by threshold.
	label := func(l tradeoffLayout, p tradeoffPoint, force bool) {
		sty := textStyle(noteSize, darken(l.style.color, 0.75))
		gap := vg.Points(5)
		if p.op {
			gap = opRing + vg.Points(2)
		}
		pl.place(c, sty, vg.Point{X: trX(p.x), Y: trY(p.y)}, gap, p.label, force)
	}
	for _, l := range tp.layouts {
		for _, p := range l.pts {
			if p.op {
				label(l, p, true)
			}
		}
	}
	for k := 0; ; k++ {
		more := false
		for _, l := range tp.layouts {
			if k < len(l.pts) {
				more = true
				if !l.pts[k].op {
					label(l, l.pts[k], false)
				}
			}
		}
		if !more {
			break
		}
	}
	// The budget's label beside its line, where it is free.
	bs := textStyle(noteSize, budgetRed)
	text := "budget " + fmtNumber(tp.budget) + "/day"
	w, h, _ := size(bs, text)
	var lls []vg.Point
	for _, f := range []vg.Length{1, 0, 0.5, 0.25, 0.75} {
		y := c.Min.Y + vg.Points(2) + f*(c.Size().Y-h-vg.Points(4))
		lls = append(lls, vg.Point{X: bx + vg.Points(3), Y: y}, vg.Point{X: bx - vg.Points(3) - w, Y: y})
	}
	pl.placeAt(c, bs, lls, text, true)
}

// GlyphBoxes implements plot.GlyphBoxer, so that markers and rings at the
// edges are not clipped.
func (tp *tradeoffPanel) GlyphBoxes(plt *plot.Plot) []plot.GlyphBox {
	var bs []plot.GlyphBox
	r := opRing + vg.Points(2)
	for _, l := range tp.layouts {
		for _, p := range l.pts {
			bs = append(bs, plot.GlyphBox{X: plt.X.Norm(p.x), Y: plt.Y.Norm(p.y),
				Rectangle: vg.Rectangle{Min: vg.Point{X: -r, Y: -r}, Max: vg.Point{X: r, Y: r}}})
		}
	}
	return bs
}

// diamond strokes a diamond of half-diagonal r about p: an exact operating
// point on the whole curve.
func diamond(c *draw.Canvas, p vg.Point, r vg.Length, ls draw.LineStyle) {
	var path vg.Path
	path.Move(vg.Point{X: p.X + r, Y: p.Y})
	path.Line(vg.Point{X: p.X, Y: p.Y + r})
	path.Line(vg.Point{X: p.X - r, Y: p.Y})
	path.Line(vg.Point{X: p.X, Y: p.Y - r})
	path.Close()
	c.SetLineStyle(ls)
	c.Stroke(path)
}

// ring strokes a circle of radius r about p.
func ring(c *draw.Canvas, p vg.Point, r vg.Length, ls draw.LineStyle) {
	var path vg.Path
	path.Move(vg.Point{X: p.X + r, Y: p.Y})
	path.Arc(p, r, 0, 2*math.Pi)
	path.Close()
	c.SetLineStyle(ls)
	c.Stroke(path)
}

// errorBar draws an interval from a to b with caps: horizontal at height
// at, or vertical at x = at.
func errorBar(c *draw.Canvas, ls draw.LineStyle, a, b, at vg.Length, horizontal bool) {
	capW := vg.Points(2.5)
	if horizontal {
		c.StrokeLine2(ls, a, at, b, at)
		c.StrokeLine2(ls, a, at-capW, a, at+capW)
		c.StrokeLine2(ls, b, at-capW, b, at+capW)
		return
	}
	c.StrokeLine2(ls, at, a, at, b)
	c.StrokeLine2(ls, at-capW, a, at+capW, a)
	c.StrokeLine2(ls, at-capW, b, at+capW, b)
}

// axisBreak marks the x axis of a plot broken at x: a gap with two slashes,
// saying that what lies left of it is not on the axis's scale.
func axisBreak(c *draw.Canvas, plt *plot.Plot, x vg.Length) {
	y := c.Min.Y - plt.X.Padding - plt.X.LineStyle.Width/2
	w, h := vg.Points(3), vg.Points(5)
	c.SetColor(color.White)
	c.Fill(vg.Rectangle{Min: vg.Point{X: x - w, Y: y - h/2}, Max: vg.Point{X: x + w, Y: y + h/2}}.Path())
	ls := draw.LineStyle{Color: color.Black, Width: plt.X.LineStyle.Width}
	for _, dx := range []vg.Length{-w, w} {
		c.StrokeLine2(ls, x+dx-vg.Points(2), y-h/2-vg.Points(1), x+dx+vg.Points(2), y+h/2+vg.Points(1))
	}
}
