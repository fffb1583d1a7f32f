package radials

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// PlotFile is the polar plot's base name: PlotFile.png and PlotFile.svg.
const PlotFile = "radials"

// PNGDPI is the resolution of the plot's PNG file.
const PNGDPI = 144

var (
	plotWidth  = 12 * vg.Inch
	plotHeight = 7 * vg.Inch
	sans       = font.Font{Typeface: "Liberation", Variant: "Sans"}
	gridColor  = color.RGBA{R: 190, G: 190, B: 190, A: 255}
	inkColor   = color.RGBA{R: 30, G: 30, B: 30, A: 255}
	// requiredColor draws the required warning.
	requiredColor = color.RGBA{R: 200, G: 30, B: 30, A: 255}
	// Layout colours (Okabe–Ito, told apart by the colour-blind), and
	// dashes so that traces lying on each other stay visible.
	traceColors = []color.RGBA{{R: 0, G: 114, B: 178, A: 255}, {R: 230, G: 159, B: 0, A: 255}, {R: 0, G: 158, B: 115, A: 255},
		{R: 204, G: 121, B: 167, A: 255}, {R: 86, G: 180, B: 233, A: 255}, {R: 213, G: 94, B: 0, A: 255}, {R: 240, G: 228, B: 66, A: 255}, {R: 0, G: 0, B: 0, A: 255}}
	traceDashes = [][]vg.Length{nil, {vg.Points(7), vg.Points(4)}, {vg.Points(2), vg.Points(3)}, {vg.Points(10), vg.Points(3), vg.Points(2), vg.Points(3)}}
)

// WritePNG draws the polar plot as a PNG image at PNGDPI.
func (s *Summary) WritePNG(w io.Writer) error {
	c := vgimg.NewWith(vgimg.UseWH(plotWidth, plotHeight), vgimg.UseDPI(PNGDPI), vgimg.UseBackgroundColor(color.White))
	s.draw(draw.New(c))
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(w); err != nil {
		return fmt.Errorf("writing the polar plot: %w", err)
	}
	return nil
}

// WriteSVG draws the polar plot as an SVG document.
func (s *Summary) WriteSVG(w io.Writer) error {
	c := vgsvg.New(plotWidth, plotHeight)
	dc := draw.New(c)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	s.draw(dc)
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return fmt.Errorf("writing the polar plot: %w", err)
	}
	out := bytes.ReplaceAll(b.Bytes(), []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arimo,Arial,Helvetica,sans-serif;"))
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("writing the polar plot: %w", err)
	}
	return nil
}

func textStyle(size vg.Length, c color.Color, xa text.XAlignment, ya text.YAlignment) text.Style {
	return text.Style{Color: c, Font: font.From(sans, size), Handler: plot.DefaultTextHandler, XAlign: xa, YAlign: ya}
}

// draw draws two polar panels, P(warning ≥ required) and the median lead,
// by bearing (north up, clockwise, the bearing the drone comes from), one
// trace per layout, with a title and a legend.
func (s *Summary) draw(c draw.Canvas) {
	d := s.Design
	title := fmt.Sprintf("%s: %s at %s m/s and %s m toward %s from %s km, %d runs per bearing",
		d.Scenario, d.Class, num(d.SpeedMPS), num(d.AltitudeM), d.Zone, num(d.StartM/1000), d.Replications)
	top := c.Max.Y - vg.Points(12)
	c.FillText(textStyle(vg.Points(15), inkColor, text.XCenter, text.YTop), vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: top}, title)

	legendH := vg.Points(18) * vg.Length(1+(len(d.Layouts)-1)/4)
	panelTop := top - vg.Points(40)
	panelBottom := c.Min.Y + legendH + vg.Points(30)
	r := min((panelTop-panelBottom)/2-vg.Points(24), (c.Max.X-c.Min.X)/4-vg.Points(40))
	cy := (panelTop + panelBottom) / 2
	left := vg.Point{X: c.Min.X + (c.Max.X-c.Min.X)/4, Y: cy}
	right := vg.Point{X: c.Min.X + 3*(c.Max.X-c.Min.X)/4, Y: cy}

	// P(timely): radius 0 to 1, the estimate traced, the interval as a
	// whisker along the bearing.
	p := make([][]float64, len(d.Layouts))
	lo := make([][]float64, len(d.Layouts))
	hi := make([][]float64, len(d.Layouts))
	var leadMax float64
	lead := make([][]float64, len(d.Layouts))
	for li := range d.Layouts {
		for bi := range d.BearingsDeg {
			cl := s.Cell(li, bi)
			p[li] = append(p[li], cl.PTimely.Estimate)
			lo[li] = append(lo[li], cl.PTimely.Lo)
			hi[li] = append(hi[li], cl.PTimely.Hi)
			l := cl.LeadMedianS.Estimate
			if math.IsInf(l, -1) || l < 0 {
				l = 0
			}
			lead[li] = append(lead[li], l)
			if !math.IsNaN(l) {
				leadMax = max(leadMax, l)
			}
		}
	}
	polarPanel(c, left, r, fmt.Sprintf("P(warning ≥ %s s), %.0f %% intervals", num(d.RequiredWarningS), 100*d.Confidence), 1, []float64{0.25, 0.5, 0.75, 1}, "%.2f", d.BearingsDeg, p, lo, hi)
	leadMax = max(leadMax, d.RequiredWarningS)
	step := niceStep(leadMax / 4)
	rmax := math.Max(step, math.Ceil(leadMax/step)*step)
	var ticks []float64
	for t := step; t <= rmax+1e-9; t += step {
		ticks = append(ticks, t)
	}
	polarPanel(c, right, r, fmt.Sprintf("median lead, s (first confirmed track at P(drone) ≥ %s)", num(d.PDrone)), rmax, ticks, "%.0f s", d.BearingsDeg, lead, nil, nil)
	// The required warning on the lead panel: inside the ring, the sensors
	// leave the alert rule too little time.
	if req := d.RequiredWarningS; req > 0 {
		var ring vg.Path
		rr := r * vg.Length(req/rmax)
		ring.Move(vg.Point{X: right.X + rr, Y: right.Y})
		ring.Arc(right, rr, 0, 2*math.Pi)
		ring.Close()
		c.SetLineStyle(draw.LineStyle{Color: requiredColor, Width: vg.Points(1.5), Dashes: []vg.Length{vg.Points(5), vg.Points(3)}})
		c.Stroke(ring)
		c.FillText(textStyle(vg.Points(10), requiredColor, text.XLeft, text.YTop), vg.Point{X: right.X + rr*0.72, Y: right.Y - rr*0.72},
			fmt.Sprintf("required %s s", num(req)))
	}

	// Legend.
	x, y := c.Min.X+vg.Points(40), c.Min.Y+legendH
	for li, name := range d.Layouts {
		if li > 0 && li%4 == 0 {
			x, y = c.Min.X+vg.Points(40), y-vg.Points(18)
		}
		sty := traceStyle(li)
		c.StrokeLine2(sty, x, y, x+vg.Points(40), y)
		c.FillText(textStyle(vg.Points(12), inkColor, text.XLeft, text.YCenter), vg.Point{X: x + vg.Points(46), Y: y}, name)
		x += (c.Max.X - c.Min.X - vg.Points(80)) / 4
	}
}

// traceStyle is layout li's line.
func traceStyle(li int) draw.LineStyle {
	return draw.LineStyle{Color: traceColors[li%len(traceColors)], Width: vg.Points(math.Max(1.2, 3.2-0.7*float64(li))), Dashes: traceDashes[li%len(traceDashes)]}
}

// polarPanel draws one panel centred at o with radius r for values from
// 0 to rmax: rings at ticks, spokes every 30° with the compass points,
// and per layout the closed trace of vals by bearing (a NaN is left out),
// with whiskers from lo to hi when given.
func polarPanel(c draw.Canvas, o vg.Point, r vg.Length, title string, rmax float64, ticks []float64, tickFmt string, bearings []float64, vals, lo, hi [][]float64) {
	at := func(b, v float64) vg.Point {
		rad := b * math.Pi / 180
		rr := r * vg.Length(math.Max(0, math.Min(v, rmax))/rmax)
		return vg.Point{X: o.X + rr*vg.Length(math.Sin(rad)), Y: o.Y + rr*vg.Length(math.Cos(rad))}
	}
	grid := draw.LineStyle{Color: gridColor, Width: vg.Points(0.8)}
	for _, t := range ticks {
		var ring vg.Path
		rr := r * vg.Length(t/rmax)
		ring.Move(vg.Point{X: o.X + rr, Y: o.Y})
		ring.Arc(o, rr, 0, 2*math.Pi)
		ring.Close()
		c.SetLineStyle(grid)
		c.Stroke(ring)
		c.FillText(textStyle(vg.Points(9), color.Gray{Y: 100}, text.XLeft, text.YBottom), at(22.5, t), fmt.Sprintf(tickFmt, t))
	}
	for b := 0.0; b < 360; b += 30 {
		c.StrokeLine2(grid, o.X, o.Y, at(b, rmax).X, at(b, rmax).Y)
		rad := b * math.Pi / 180
		lp := vg.Point{X: o.X + (r+vg.Points(14))*vg.Length(math.Sin(rad)), Y: o.Y + (r+vg.Points(14))*vg.Length(math.Cos(rad))}
		label := num(b) + "°"
		if b == 0 {
			label = "N"
		} else if int(b)%90 == 0 {
			label = Compass(b) + " " + label
		}
		c.FillText(textStyle(vg.Points(10), inkColor, text.XCenter, text.YCenter), lp, label)
	}
	c.FillText(textStyle(vg.Points(12), inkColor, text.XCenter, text.YBottom), vg.Point{X: o.X, Y: o.Y + r + vg.Points(28)}, title)
	for li := range vals {
		sty := traceStyle(li)
		if lo != nil {
			w := sty
			w.Dashes, w.Width = nil, vg.Points(0.8)
			// Each layout's whiskers a little to the side of the bearing, so
			// that all of them show where the layouts agree.
			off := 0.0
			if len(bearings) > 1 {
				off = (float64(li) - float64(len(vals)-1)/2) * math.Min(2, (bearings[1]-bearings[0])/(2*float64(len(vals))))
			}
			for bi, b := range bearings {
				if math.IsNaN(lo[li][bi]) {
					continue
				}
				a, z := at(b+off, lo[li][bi]), at(b+off, hi[li][bi])
				c.StrokeLine2(w, a.X, a.Y, z.X, z.Y)
			}
		}
		var pts []vg.Point
		for bi, b := range bearings {
			if v := vals[li][bi]; !math.IsNaN(v) {
				pts = append(pts, at(b, v))
			}
		}
		if len(pts) > 2 {
			pts = append(pts, pts[0])
		}
		c.StrokeLines(sty, pts)
		for _, pt := range pts {
			var dot vg.Path
			dot.Move(vg.Point{X: pt.X + vg.Points(2), Y: pt.Y})
			dot.Arc(pt, vg.Points(2), 0, 2*math.Pi)
			dot.Close()
			c.SetColor(sty.Color)
			c.Fill(dot)
		}
	}
}

// niceStep rounds x up to 1, 2 or 5 × 10^k (at least 1).
func niceStep(x float64) float64 {
	if !(x > 1) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= x {
			return m * p
		}
	}
	return 10 * p
}
