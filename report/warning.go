package report

import (
	"fmt"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/cuasim/cuasim/compare"
	"github.com/cuasim/cuasim/metrics"
)

// Warning draws the distribution of warning time of every layout at its
// operating point, over every drone that entered a protected zone in every
// replication: the fraction of drones alerted on at least x seconds before
// entry, against x. Drones alerted on only after entering have negative
// warning; drones never alerted on are a drop at the far left, marked
// missed, so the curve starts at the fraction that was alerted on at all.
// The required warning is marked, with each layout's P(timely) and its
// interval there, and the median and worst decile can be read where the
// curves cross 0.5 and 0.9. One panel per simulation variant.
func Warning(res *compare.Results, s *compare.Summary) *Figure {
	d := s.Design
	type key struct{ layout, variant, threshold string }
	samples := map[key][]float64{}
	for _, dr := range res.Drones {
		if dr.Outcome == metrics.OutcomeNoEntry {
			continue
		}
		k := key{dr.Layout, dr.Variant, dr.Threshold}
		w := dr.WarningS
		if math.IsNaN(w) {
			w = math.Inf(-1)
		}
		samples[k] = append(samples[k], w)
	}
	// One x axis for every panel: the finite warnings, zero and the
	// required warning, with a place for "missed" at the left.
	lo, hi := math.Min(0, d.RequiredWarningS), math.Max(0, d.RequiredWarningS)
	anyMissed := false
	for _, v := range d.Variants {
		for _, l := range d.Layouts {
			for _, w := range samples[key{l, v.Label, operating(s, v.Label, l)}] {
				if math.IsInf(w, -1) {
					anyMissed = true
				} else {
					lo, hi = math.Min(lo, w), math.Max(hi, w)
				}
			}
		}
	}
	span := math.Max(hi-lo, 10)
	xmin, xmax := lo-0.03*span, hi+0.03*span
	xMissed := xmin
	if anyMissed {
		xMissed = xmin - 0.08*span
	}
	var plots []*plot.Plot
	leg := newLegendStrip()
	xlabel := "warning x (s): zone entry − first alert; negative: alerted only after entering"
	if len(d.Variants) > 1 {
		xlabel = "warning x (s): zone entry − first alert"
	}
	for _, v := range d.Variants {
		p := newPlot(variantTitle(v), xlabel, "fraction of drones with warning ≥ x")
		p.X.Min, p.X.Max = xMissed-0.02*span, xmax
		p.Y.Min, p.Y.Max = 0, 1
		p.Y.Tick.Marker = probTicks{}
		p.X.Tick.Marker = warningTicks{missed: xMissed, hasMissed: anyMissed}
		panel := &warningPanel{required: d.RequiredWarningS, xMissed: xMissed, hasMissed: anyMissed, xmin: xmin, xmax: xmax}
		for li, l := range d.Layouts {
			th := operating(s, v.Label, l)
			w := slices.Clone(samples[key{l, v.Label, th}])
			slices.Sort(w)
			wl := warningLayout{style: styleOf(li), sorted: w}
			if c := s.Cell(l, v.Label, th); c != nil {
				wl.p = c.PTimely
			}
			panel.layouts = append(panel.layouts, wl)
		}
		p.Add(panel)
		plots = append(plots, p)
	}
	// Legend: one entry per layout; with one variant its threshold and
	// counts too.
	for li, l := range d.Layouts {
		st := styleOf(li)
		text := l
		if len(d.Variants) == 1 {
			v := d.Variants[0].Label
			th := operating(s, v, l)
			n, missed := 0, 0
			for _, w := range samples[key{l, v, th}] {
				n++
				if math.IsInf(w, -1) {
					missed++
				}
			}
			text = fmt.Sprintf("%s at %s: %s, %d missed", l, th, plural(n, "drone", "drones"), missed)
		}
		leg.add(text, lineThumb(st.line(vg.Points(1.8))))
	}
	leg.add(fmt.Sprintf("P(timely) and its %.0f %% interval", 100*d.Confidence), thumbFunc(func(c *draw.Canvas) {
		errorBar(c, draw.LineStyle{Color: grey, Width: vg.Points(1.2)}, c.Min.Y, c.Max.Y, c.Center().X, false)
		c.DrawGlyph(draw.GlyphStyle{Color: grey, Radius: vg.Points(3), Shape: draw.CircleGlyph{}}, c.Center())
	}))
	cols := 1
	if len(plots) > 1 {
		cols = 2
	}
	return (&panels{name: "warning", title: "Warning time at each layout's operating point (all drones that entered a zone)",
		plots: plots, cols: cols, panelH: panelHeight(cols, 5*vg.Inch, 3.8*vg.Inch), legend: leg}).figure()
}

// warningTicks marks a warning axis in round seconds, and "missed" at the
// left when some drones were never alerted on.
type warningTicks struct {
	missed    float64
	hasMissed bool
}

// Ticks implements plot.Ticker.
func (t warningTicks) Ticks(lo, hi float64) []plot.Tick {
	if t.hasMissed {
		lo = t.missed + (hi-t.missed)*0.06
	}
	ts := niceTicks(lo, hi, 8)
	if t.hasMissed {
		ts = append([]plot.Tick{{Value: t.missed, Label: "missed"}}, ts...)
	}
	return ts
}

type warningLayout struct {
	style  layoutStyle
	sorted []float64 // warnings, −Inf for drones never alerted on
	p      compare.Interval
}

// warningPanel draws one variant's warning-time curves.
type warningPanel struct {
	layouts    []warningLayout
	required   float64
	xMissed    float64
	hasMissed  bool
	xmin, xmax float64
}

// Plot implements plot.Plotter.
func (wp *warningPanel) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	pl := &placer{bounds: c.Rectangle}
	note := textStyle(noteSize, grey)
	if wp.hasMissed {
		axisBreak(&c, plt, trX((wp.xMissed+wp.xmin)/2))
	}
	// Reading lines: the median and the worst decile.
	guide := draw.LineStyle{Color: grey, Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(1), vg.Points(2)}}
	for _, g := range []struct {
		y    float64
		text string
	}{{0.5, "median"}, {0.9, "10th percentile"}} {
		y := trY(g.y)
		c.StrokeLine2(guide, c.Min.X, y, c.Max.X, y)
		sty := note
		sty.XAlign, sty.YAlign = draw.XRight, draw.YBottom
		at := vg.Point{X: c.Max.X - vg.Points(2), Y: y + vg.Points(1.5)}
		c.FillText(sty, at, g.text)
		pl.block(sty.Rectangle(g.text).Add(at))
	}
	rx := trX(wp.required)
	c.StrokeLine2(budgetLine, rx, c.Min.Y, rx, c.Max.Y)
	for _, l := range wp.layouts {
		n := len(l.sorted)
		if n == 0 {
			continue
		}
		var pts []vg.Point
		y := 1.0
		x := wp.xMissed
		pts = append(pts, vg.Point{X: trX(x), Y: trY(y)})
		for i, w := range l.sorted {
			if math.IsInf(w, -1) {
				w = wp.xMissed
			}
			if i > 0 && w == l.sorted[i-1] {
				y = 1 - float64(i+1)/float64(n)
				pts[len(pts)-1].Y = trY(y)
				continue
			}
			pts = append(pts, vg.Point{X: trX(w), Y: trY(y)})
			y = 1 - float64(i+1)/float64(n)
			pts = append(pts, vg.Point{X: trX(w), Y: trY(y)})
		}
		pts = append(pts, vg.Point{X: trX(wp.xmax), Y: trY(y)})
		c.StrokeLines(l.style.line(vg.Points(1.8)), pts)
		pl.blockLine(pts, vg.Points(2))
	}
	// P(timely) at the required warning, with its interval, the layouts
	// side by side.
	for i, l := range wp.layouts {
		if math.IsNaN(float64(l.p.Estimate)) {
			continue
		}
		x := rx + vg.Points(5) + vg.Points(5)*vg.Length(i)
		errorBar(&c, draw.LineStyle{Color: l.style.color, Width: vg.Points(1.4)}, trY(float64(l.p.Lo)), trY(float64(l.p.Hi)), x, false)
		c.DrawGlyph(draw.GlyphStyle{Color: l.style.color, Radius: vg.Points(3), Shape: draw.CircleGlyph{}}, vg.Point{X: x, Y: trY(float64(l.p.Estimate))})
		pl.blockLine([]vg.Point{{X: x, Y: trY(float64(l.p.Lo))}, {X: x, Y: trY(float64(l.p.Hi))}}, vg.Points(3))
	}
	// The required warning's label beside its line, where it is free.
	sty := textStyle(noteSize, budgetRed)
	text := "required " + fmtSecondsValue(wp.required)
	w, h, _ := size(sty, text)
	var lls []vg.Point
	for _, f := range []vg.Length{0, 1, 0.5, 0.25, 0.75} {
		y := c.Min.Y + vg.Points(2) + f*(c.Size().Y-h-vg.Points(4))
		lls = append(lls, vg.Point{X: rx - vg.Points(3) - w, Y: y}, vg.Point{X: rx + vg.Points(3), Y: y})
	}
	pl.placeAt(c, sty, lls, text, true)
}

// niceTicks returns labelled ticks at a round step (1, 2 or 5 times a
// power of ten) that puts about n of them between lo and hi.
func niceTicks(lo, hi float64, n int) []plot.Tick {
	if !(hi > lo) {
		return []plot.Tick{{Value: lo, Label: fmtNumber(lo)}}
	}
	raw := (hi - lo) / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step := 10 * p
	for _, m := range []float64{1, 2, 5} {
		if m*p >= raw {
			step = m * p
			break
		}
	}
	decimals := max(0, int(-math.Floor(math.Log10(step)+1e-9)))
	var ts []plot.Tick
	for k := math.Ceil(lo / step); k*step <= hi; k++ {
		x := k * step
		if x == 0 {
			x = 0 // not −0
		}
		ts = append(ts, plot.Tick{Value: x, Label: strconv.FormatFloat(x, 'f', decimals, 64)})
	}
	return ts
}
