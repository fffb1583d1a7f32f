// Package covmap draws coverage maps (package coverage) as PNG and SVG
// figures with gonum/plot: the Pd raster, the floor's contour, the site's
// buildings and zones, the sensors, a colour bar, a legend and a scale bar.
// It is apart from package coverage so that the viewer, which draws the
// same grids itself, does not link the plotting library and its fonts.
package covmap

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/cuasim/cuasim/coverage"
	"github.com/cuasim/cuasim/scenarios"
)

// PNGDPI is the resolution of the maps' PNG files.
const PNGDPI = 144

// The map's size and style.
var (
	mapWidth  = (10 * vg.Inch)
	mapHeight = (8 * vg.Inch)
	sideWidth = (2.1 * vg.Inch) // colour bar and legend

	sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

	obstacleFill = color.RGBA{R: 150, G: 150, B: 150, A: 255}
	obstacleEdge = color.RGBA{R: 40, G: 40, B: 40, A: 255}
	zoneColor    = color.RGBA{R: 0, G: 190, B: 255, A: 255}
	radarColor   = color.RGBA{R: 230, G: 30, B: 30, A: 255}
	rfColor      = color.RGBA{R: 30, G: 200, B: 60, A: 255}
	floorColor   = color.RGBA{R: 255, G: 255, B: 255, A: 255}
)

// Map is the coverage map of one altitude of a grid: the combined Pd
// within the dwell as colour, the Pd floor's contour, the site's obstacles
// and zones, the sensors, a colour bar, a legend and a scale bar.
type Map struct {
	g  *coverage.Grid
	li int
	sc *scenarios.Scenario
	// labels draws the classification evidence (Layer.LabelPd) instead of
	// the detection Pd.
	labels bool
}

// New returns the map of layer li of g; sc gives the zones and obstacles
// drawn (the scenario the grid was computed from).
func New(g *coverage.Grid, sc *scenarios.Scenario, li int) *Map { return &Map{g: g, li: li, sc: sc} }

// NewLabels returns the label map of layer li of g: the probability that
// a radar labels the drone's plot drone by micro-Doppler within the dwell
// (coverage.Layer.MicroDopplerPd), with its contour at the grid's Pd floor,
// drawn like the detection map. Of the tracker's evidence it is the one
// that can lift a track's P(drone) to the thresholds operators use: RF
// emission counts at most odds of 100 to 1 and kinematics 7 to 1
// (docs/tracking.md), so the RF evidence of Layer.LabelPd alone does not.
func NewLabels(g *coverage.Grid, sc *scenarios.Scenario, li int) *Map {
	return &Map{g: g, li: li, sc: sc, labels: true}
}

// values returns what the map colours: the detection Pd or the evidence's.
func (m *Map) values() []float64 {
	if m.labels {
		return m.g.Layers[m.li].MicroDopplerPd
	}
	return m.g.Layers[m.li].Pd
}

// WritePNG draws the map as a PNG image at PNGDPI.
func (m *Map) WritePNG(w io.Writer) error {
	c := vgimg.NewWith(vgimg.UseWH(mapWidth, mapHeight), vgimg.UseDPI(PNGDPI), vgimg.UseBackgroundColor(color.White))
	m.draw(draw.New(c))
	if _, err := (vgimg.PngCanvas{Canvas: c}).WriteTo(w); err != nil {
		return fmt.Errorf("writing the coverage map: %w", err)
	}
	return nil
}

// WriteSVG draws the map as an SVG document (the Pd field embedded as an
// image, the rest as vectors).
func (m *Map) WriteSVG(w io.Writer) error {
	c := vgsvg.New(mapWidth, mapHeight)
	dc := draw.New(c)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	m.draw(dc)
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return fmt.Errorf("writing the coverage map: %w", err)
	}
	out := bytes.ReplaceAll(b.Bytes(), []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arimo,Arial,Helvetica,sans-serif;"))
	if _, err := w.Write(out); err != nil {
		return fmt.Errorf("writing the coverage map: %w", err)
	}
	return nil
}

func textStyle(size vg.Length, c color.Color) text.Style {
	return text.Style{Color: c, Font: font.From(sans, size), Handler: plot.DefaultTextHandler}
}

func (m *Map) draw(dc draw.Canvas) {
	g, l := m.g, &m.g.Layers[m.li]
	cmap := coverage.ColorMap()

	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s, layout %s: %s at %g m, Pd of detection within %g s", m.sc.Name, m.sc.Layout(), g.Class, l.AltitudeM, g.DwellS)
	if m.labels {
		p.Title.Text = fmt.Sprintf("%s, layout %s: %s at %g m, P(a micro-Doppler drone label) within %g s", m.sc.Name, m.sc.Layout(), g.Class, l.AltitudeM, g.DwellS)
	}
	p.Title.TextStyle.Font = font.From(sans, vg.Points(13))
	p.X.Label.Text, p.Y.Label.Text = "east (m)", "north (m)"
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, vg.Points(11))
		a.Tick.Label.Font = font.From(sans, vg.Points(10))
	}
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Tick.Marker = plainTicks{}
	}
	p.X.Min, p.X.Max = g.Box.MinEastM, g.Box.MaxEastM
	p.Y.Min, p.Y.Max = g.Box.MinNorthM, g.Box.MaxNorthM
	p.Add(&field{m: m})

	side := draw.Crop(dc, dc.Max.X-dc.Min.X-sideWidth, 0, 0, 0)
	main := draw.Crop(dc, 0, -sideWidth, 0, 0)
	// Equal metres east and north: shrink the longer side of the data area.
	main = equalAspect(p, main)
	p.Draw(main)

	// Colour bar, top of the side strip.
	cb := plot.New()
	cb.HideX()
	cb.Y.Padding = 0
	cb.Title.Text = fmt.Sprintf("Pd within %g s", g.DwellS)
	if m.labels {
		cb.Title.Text = fmt.Sprintf("P(label) in %g s", g.DwellS)
	}
	cb.Title.TextStyle.Font = font.From(sans, vg.Points(10.5))
	cb.Y.Tick.Label.Font = font.From(sans, vg.Points(10))
	cb.Add(&plotter.ColorBar{ColorMap: cmap, Vertical: true, Colors: 256})
	cb.Y.Min, cb.Y.Max = 0, 1
	cbH := (dc.Max.Y - dc.Min.Y) * 0.45
	cb.Draw(draw.Crop(side, vg.Points(6), -sideWidth+(1.1*vg.Inch), dc.Max.Y-dc.Min.Y-cbH, -vg.Points(8)))

	// Legend under it.
	leg := plot.NewLegend()
	leg.TextStyle = textStyle(vg.Points(10), color.Black)
	leg.ThumbnailWidth = vg.Points(18)
	leg.Left, leg.Top = true, true
	leg.Add("building", thumb(func(c *draw.Canvas) {
		r := c.Rectangle
		c.FillPolygon(obstacleFill, []vg.Point{r.Min, {X: r.Max.X, Y: r.Min.Y}, r.Max, {X: r.Min.X, Y: r.Max.Y}})
	}))
	leg.Add("protected zone", thumb(func(c *draw.Canvas) { hline(c, zoneLine) }))
	if m.labels {
		leg.Add(fmt.Sprintf("P = %g", g.FloorPd), thumb(func(c *draw.Canvas) { hline(c, floorLine) }))
	} else {
		leg.Add(fmt.Sprintf("Pd = %g", g.FloorPd), thumb(func(c *draw.Canvas) { hline(c, floorLine) }))
	}
	leg.Add("radar", thumb(func(c *draw.Canvas) { sensorGlyph(c, c.Center(), true) }))
	leg.Add("RF detector", thumb(func(c *draw.Canvas) { sensorGlyph(c, c.Center(), false) }))
	lc := draw.Crop(side, vg.Points(6), 0, 0, -cbH-vg.Points(24))
	leg.Draw(lc)
	notes := []string{
		fmt.Sprintf("%g m² Swerling %d", g.RCSM2, g.Swerling),
		fmt.Sprintf("cells %g m", g.CellM),
		fmt.Sprintf("%s < %g", deadZones(len(l.DeadZones)), g.FloorPd),
	}
	if m.labels {
		notes[2] = "a label, not P(drone)"
	}
	ts := textStyle(vg.Points(9.5), color.Gray{Y: 60})
	for i, s := range notes {
		side.FillText(ts, vg.Point{X: side.Min.X + vg.Points(6), Y: side.Min.Y + vg.Points(14*float64(len(notes)-i))}, s)
	}
}

// equalAspect returns the part of c in which p's data area has equal
// scales east and north, centred.
func equalAspect(p *plot.Plot, c draw.Canvas) draw.Canvas {
	da := p.DataCanvas(c)
	w, h := float64(da.Max.X-da.Min.X), float64(da.Max.Y-da.Min.Y)
	sx, sy := w/(p.X.Max-p.X.Min), h/(p.Y.Max-p.Y.Min)
	if sx > sy {
		cut := vg.Length(w - sy*(p.X.Max-p.X.Min))
		return draw.Crop(c, cut/2, -cut/2, 0, 0)
	}
	cut := vg.Length(h - sx*(p.Y.Max-p.Y.Min))
	return draw.Crop(c, 0, 0, cut/2, -cut/2)
}

var (
	zoneLine  = draw.LineStyle{Color: zoneColor, Width: vg.Points(1.6)}
	floorLine = draw.LineStyle{Color: floorColor, Width: vg.Points(1.1), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}
)

type thumb func(c *draw.Canvas)

// Thumbnail implements plot.Thumbnailer.
func (t thumb) Thumbnail(c *draw.Canvas) { t(c) }

func hline(c *draw.Canvas, sty draw.LineStyle) {
	y := c.Center().Y
	// A dark backing keeps a white line visible on the white page.
	if sty.Color == floorColor {
		c.StrokeLine2(draw.LineStyle{Color: color.Gray{Y: 60}, Width: sty.Width + vg.Points(1.6)}, c.Min.X, y, c.Max.X, y)
	}
	c.StrokeLine2(sty, c.Min.X, y, c.Max.X, y)
}

func sensorGlyph(c *draw.Canvas, p vg.Point, radar bool) {
	gs := draw.GlyphStyle{Color: rfColor, Radius: vg.Points(4.5), Shape: draw.BoxGlyph{}}
	if radar {
		gs = draw.GlyphStyle{Color: radarColor, Radius: vg.Points(5.5), Shape: draw.PyramidGlyph{}}
	}
	c.DrawGlyph(draw.GlyphStyle{Color: color.White, Radius: gs.Radius + vg.Points(2), Shape: gs.Shape}, p)
	c.DrawGlyph(gs, p)
}

// field draws the Pd raster, the floor contour, obstacles, zones, sensors
// and the scale bar in the plot's data area.
type field struct {
	m *Map
}

// Plot implements plot.Plotter.
func (f *field) Plot(c draw.Canvas, plt *plot.Plot) {
	g, sc := f.m.g, f.m.sc
	trX, trY := plt.Transforms(&c)
	pt := func(e, n float64) vg.Point { return vg.Point{X: trX(e), Y: trY(n)} }

	c.DrawImage(vg.Rectangle{Min: pt(g.Box.MinEastM, g.Box.MinNorthM), Max: pt(g.Box.MaxEastM, g.Box.MaxNorthM)}, g.ImageOf(f.m.values()))

	// The floor's contour: the edges between a cell under it and one at
	// or above it.
	for _, s := range g.EdgesUnder(f.m.values(), g.FloorPd) {
		c.StrokeLines(floorLine, []vg.Point{pt(s.E0, s.N0), pt(s.E1, s.N1)})
	}

	for _, o := range sc.Obstacles {
		var pts []vg.Point
		for _, q := range o.Footprint {
			pts = append(pts, pt(q.EastM, q.NorthM))
		}
		c.FillPolygon(obstacleFill, c.ClipPolygonXY(pts))
		c.StrokeLines(draw.LineStyle{Color: obstacleEdge, Width: vg.Points(0.6)}, c.ClipLinesXY(append(pts, pts[0]))...)
	}
	for i := range sc.Zones {
		z := &sc.Zones[i]
		if z.Follows != "" {
			continue // drawn about a moving convoy: no fixed place
		}
		var pts []vg.Point
		if z.Circle != nil {
			for k := range 181 {
				a := 2 * math.Pi * float64(k) / 180
				pts = append(pts, pt(z.Circle.Center.EastM+z.Circle.RadiusM*math.Cos(a), z.Circle.Center.NorthM+z.Circle.RadiusM*math.Sin(a)))
			}
		} else {
			for _, q := range z.Polygon {
				pts = append(pts, pt(q.EastM, q.NorthM))
			}
			pts = append(pts, pts[0])
		}
		c.StrokeLines(zoneLine, c.ClipLinesXY(pts)...)
	}
	ts := textStyle(vg.Points(9.5), color.Black)
	for _, s := range g.Sensors {
		q := pt(s.EastM, s.NorthM)
		if !c.Contains(q) {
			continue
		}
		sensorGlyph(&c, q, s.Radar)
		halo := ts
		halo.Color = color.White
		at := vg.Point{X: q.X + vg.Points(8), Y: q.Y - vg.Points(4)}
		for _, d := range [][2]float64{{-0.8, 0}, {0.8, 0}, {0, -0.8}, {0, 0.8}} {
			c.FillText(halo, vg.Point{X: at.X + vg.Points(d[0]), Y: at.Y + vg.Points(d[1])}, s.ID)
		}
		c.FillText(ts, at, s.ID)
	}
	f.scaleBar(c, pt)
}

// scaleBar draws a bar of a round length, about a fifth of the box's
// width, at the lower left: black and white halves, its length above.
func (f *field) scaleBar(c draw.Canvas, pt func(e, n float64) vg.Point) {
	g := f.m.g
	span := g.Box.MaxEastM - g.Box.MinEastM
	lenM := niceFloor(span / 5)
	x0 := c.Min.X + vg.Points(14)
	y0 := c.Min.Y + vg.Points(14)
	w := pt(g.Box.MinEastM+lenM, 0).X - pt(g.Box.MinEastM, 0).X
	h := vg.Points(5)
	box := func(x, wd vg.Length, col color.Color) {
		c.FillPolygon(col, []vg.Point{{X: x, Y: y0}, {X: x + wd, Y: y0}, {X: x + wd, Y: y0 + h}, {X: x, Y: y0 + h}})
	}
	bg := vg.Points(4)
	c.FillPolygon(color.NRGBA{R: 255, G: 255, B: 255, A: 210}, []vg.Point{
		{X: x0 - bg, Y: y0 - bg}, {X: x0 + w + bg, Y: y0 - bg}, {X: x0 + w + bg, Y: y0 + h + vg.Points(15)}, {X: x0 - bg, Y: y0 + h + vg.Points(15)}})
	box(x0, w/2, color.Black)
	box(x0+w/2, w/2, color.White)
	c.StrokeLines(draw.LineStyle{Color: color.Black, Width: vg.Points(0.6)}, []vg.Point{{X: x0, Y: y0}, {X: x0 + w, Y: y0}, {X: x0 + w, Y: y0 + h}, {X: x0, Y: y0 + h}, {X: x0, Y: y0}})
	label := fmt.Sprintf("%g m", lenM)
	if lenM >= 1000 {
		label = fmt.Sprintf("%g km", lenM/1000)
	}
	ts := textStyle(vg.Points(9.5), color.Black)
	ts.XAlign = draw.XCenter
	c.FillText(ts, vg.Point{X: x0 + w/2, Y: y0 + h + vg.Points(3)}, label)
}

// niceFloor returns the largest of 1, 2, 5 times a power of ten at most x.
func niceFloor(x float64) float64 {
	p := math.Pow(10, math.Floor(math.Log10(x)))
	for _, m := range []float64{5, 2, 1} {
		if m*p <= x {
			return m * p
		}
	}
	return p
}

// plainTicks are the default ticks labelled with as few digits as they
// need (2500, not 2500.00).
type plainTicks struct{}

// Ticks implements plot.Ticker.
func (plainTicks) Ticks(lo, hi float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = strconv.FormatFloat(ts[i].Value, 'f', -1, 64)
		}
	}
	return ts
}

// deadZones is "1 dead zone" or "N dead zones".
func deadZones(n int) string {
	if n == 1 {
		return "1 dead zone"
	}
	return strconv.Itoa(n) + " dead zones"
}
