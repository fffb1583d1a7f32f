package report

import (
	"cmp"
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/coverage"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/sensors"
	"github.com/cuasim/cuasim/sim"
)

// SensorView is a sensor as the layout map draws it.
type SensorView struct {
	ID    string
	Radar bool // a radar, else a passive RF detector
	// EastM and NorthM are the mast's position.
	EastM, NorthM float64
	// RangeM is the nominal coverage radius (see the package's
	// documentation of Layouts).
	RangeM float64
	// BoresightRad and HalfWidthRad bound the azimuth field of view
	// (clockwise from north); HalfWidthRad is π for all round.
	BoresightRad, HalfWidthRad float64
}

// LayoutSensors returns the sensors of each named layout of a scenario, as
// the layout map draws them.
func LayoutSensors(sc *scenarios.Scenario, layouts []string) ([][]SensorView, error) {
	out := make([][]SensorView, len(layouts))
	for i, l := range layouts {
		lsc, err := sc.WithLayout(l)
		if err != nil {
			return nil, err
		}
		w, err := sim.New(lsc)
		if err != nil {
			return nil, err
		}
		net, err := sensors.NewNetwork(lsc, w)
		if err != nil {
			return nil, err
		}
		for _, sn := range net.Sensors {
			cov := sn.Coverage()
			v := SensorView{ID: sn.ID(), EastM: cov.Origin.X, NorthM: cov.Origin.Y, BoresightRad: cov.BoresightRad, HalfWidthRad: cov.HalfWidthRad}
			switch s := sn.(type) {
			case *sensors.Radar:
				v.Radar = true
				v.RangeM = s.NominalRangeM()
			case *sensors.RF:
				v.RangeM = s.NominalRangeM()
				v.HalfWidthRad = math.Pi
			}
			out[i] = append(out[i], v)
		}
	}
	return out, nil
}

var (
	radarColor = color.RGBA{0x1f, 0x6f, 0xc0, 0xff}
	rfColor    = color.RGBA{0x8e, 0x44, 0xad, 0xff}
	obstacleC  = color.RGBA{0x4a, 0x4f, 0x57, 0xff}
)

// severityColors are the zones' colours, by severity.
var severityColors = map[alert.Severity]color.RGBA{
	alert.SeverityCritical: {0xc0, 0x1c, 0x28, 0xff},
	alert.SeverityHigh:     {0xe6, 0x6a, 0x00, 0xff},
	alert.SeverityMedium:   {0xc8, 0xa2, 0x00, 0xff},
	alert.SeverityLow:      {0x7f, 0x8c, 0x8d, 0xff},
}

// Layouts draws the site from above once per layout: under everything the
// layout's coverage map (coverage.PlanView: the probability that at least
// one sensor detects a drone of the scenario's first UAV class within the
// default dwell, at coverage.PlanAltitudeM, with buildings, the horizon,
// elevation limits and fields of view in) with its Pd-floor contour; the
// protected zones coloured by severity (one that follows a convoy where the
// convoy starts), the obstacles and roads, the candidate positions of the
// scenario's search section, and each sensor with its id, in
// metres east and north of the site's origin, on equal scales. The map
// spans the sensors' nominal ranges (a radar's range of Pd 0.5 per look on
// a 0.01 m² Swerling 1 target, capped at its instrumented range; an RF
// detector's median range of a 20 dBm control link), the zones, obstacles
// and roads.
func Layouts(sc *scenarios.Scenario, layouts []string) (*Figure, error) {
	if len(layouts) == 0 {
		return nil, errors.New("no layouts to draw")
	}
	views, err := LayoutSensors(sc, layouts)
	if err != nil {
		return nil, err
	}
	zones := alert.ZonesFrom(sc)
	for i := range zones {
		zones[i] = zones[i].At(0) // a zone that follows a convoy, where the convoy starts
	}
	// Largest first, so that small zones are drawn over large ones.
	slices.SortStableFunc(zones, func(a, b alert.Zone) int { return cmp.Compare(zoneArea(&b), zoneArea(&a)) })
	// One extent for every panel: zones, obstacles, sensors and coverage.
	e0, n0, e1, n1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	add := func(e, n, r float64) {
		e0, n0, e1, n1 = math.Min(e0, e-r), math.Min(n0, n-r), math.Max(e1, e+r), math.Max(n1, n+r)
	}
	for _, z := range zones {
		if z.Polygon == nil {
			add(z.Center[0], z.Center[1], z.RadiusM)
		}
		for _, p := range z.Polygon {
			add(p[0], p[1], 0)
		}
	}
	for _, o := range sc.Obstacles {
		for _, p := range o.Footprint {
			add(p.EastM, p.NorthM, 0)
		}
	}
	for _, r := range sc.Roads {
		for _, p := range r.Points {
			add(p.EastM, p.NorthM, 0)
		}
	}
	for _, vs := range views {
		for _, v := range vs {
			r := 0.0
			if finite(v.RangeM) {
				r = v.RangeM
			}
			add(v.EastM, v.NorthM, r)
		}
	}
	var candidates []scenarios.Point
	if sc.Search != nil {
		for _, site := range sc.Search.Sites() {
			if site.Listed == "" {
				candidates = append(candidates, site.Position)
				add(site.Position.EastM, site.Position.NorthM, 0)
			}
		}
	}
	if math.IsInf(e0, 1) {
		e0, n0, e1, n1 = -1000, -1000, 1000, 1000
	}
	pad := 0.04 * math.Max(e1-e0, n1-n0)
	e0, n0, e1, n1 = e0-pad, n0-pad, e1+pad, n1+pad

	var plots []*plot.Plot
	sevs := map[alert.Severity]bool{}
	for _, z := range zones {
		sevs[z.Severity] = true
	}
	// The listed sensors, to show which ones a layout removes.
	listed, err := LayoutSensors(sc, []string{scenarios.BaseLayout})
	if err != nil {
		return nil, err
	}
	anyRemoved := false
	// The coverage's box: the extent made square about its centre, as the
	// panels nearly are, so that the map fills the panel.
	half := max(e1-e0, n1-n0) / 2
	ce, cn := (e0+e1)/2, (n0+n1)/2
	box := coverage.Box{MinEastM: ce - half, MinNorthM: cn - half, MaxEastM: ce + half, MaxNorthM: cn + half}
	var grid0 *coverage.Grid
	for i, l := range layouts {
		p := newPlot(l, "east (m)", "north (m)")
		g, err := LayoutCoverage(sc, l, box)
		if err != nil {
			return nil, fmt.Errorf("layout %s: %w", l, err)
		}
		if grid0 == nil {
			grid0 = g
		}
		mp := &mapPanel{zones: zones, obstacles: sc.Obstacles, roads: sc.Roads, sensors: views[i], cov: g, candidates: candidates}
		for _, b := range listed[0] {
			if !slices.ContainsFunc(views[i], func(v SensorView) bool { return v.ID == b.ID }) {
				mp.removed = append(mp.removed, b)
				anyRemoved = true
			}
		}
		p.Add(mp)
		plots = append(plots, p)
	}
	// Two across while that keeps the figure short: the site stays large
	// enough to read.
	cols := min(len(layouts), 2)
	if len(layouts) > 4 {
		cols = 3
	}
	panelW := (figureWidth - 2*margin - vg.Length(cols-1)*panelGap) / vg.Length(max(cols, 1))
	fit := func(_ int, p *plot.Plot, c draw.Canvas) {
		// Equal scales: widen one axis's range until a metre is as long
		// on both; twice, since tick labels change the data area.
		p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = e0, e1, n0, n1
		for range 3 {
			dc := p.DataCanvas(c)
			sx := (p.X.Max - p.X.Min) / float64(dc.Size().X)
			sy := (p.Y.Max - p.Y.Min) / float64(dc.Size().Y)
			s := math.Max((e1-e0)/float64(dc.Size().X), (n1-n0)/float64(dc.Size().Y))
			if math.Abs(sx-s) < 1e-12*s && math.Abs(sy-s) < 1e-12*s {
				break
			}
			ce, cn := (e0+e1)/2, (n0+n1)/2
			p.X.Min, p.X.Max = ce-s*float64(dc.Size().X)/2, ce+s*float64(dc.Size().X)/2
			p.Y.Min, p.Y.Max = cn-s*float64(dc.Size().Y)/2, cn+s*float64(dc.Size().Y)/2
		}
	}
	leg := newLegendStrip()
	for _, sev := range []alert.Severity{alert.SeverityCritical, alert.SeverityHigh, alert.SeverityMedium, alert.SeverityLow} {
		if sevs[sev] {
			c := severityColors[sev]
			leg.add(sev.String()+" zone", boxThumb(fade(c, 0.3), draw.LineStyle{Color: c, Width: vg.Points(1.2)}))
		}
	}
	if len(sc.Obstacles) > 0 {
		leg.add("obstacle", boxThumb(obstacleC, draw.LineStyle{}))
	}
	if len(sc.Roads) > 0 {
		leg.add("road (a zone that follows a convoy: where it starts)", lineThumb(roadLine))
	}
	leg.add("radar", glyphThumb(draw.GlyphStyle{Color: radarColor, Radius: vg.Points(5), Shape: draw.PyramidGlyph{}}))
	leg.add("passive RF detector", glyphThumb(draw.GlyphStyle{Color: rfColor, Radius: vg.Points(4.5), Shape: diamondGlyph{}}))
	if anyRemoved {
		leg.add("removed from the listed sensors", glyphThumb(draw.GlyphStyle{Color: grey, Radius: vg.Points(4.5), Shape: draw.CrossGlyph{}}))
	}
	if len(candidates) > 0 {
		leg.add("candidate position (cuasim search)", glyphThumb(draw.GlyphStyle{Color: grey, Radius: candidateGlyph.Radius, Shape: candidateGlyph.Shape}))
	}
	leg.add("Pd 0", boxThumb(coverage.PdColor(0), draw.LineStyle{}))
	leg.add("0.5", boxThumb(coverage.PdColor(0.5), draw.LineStyle{}))
	leg.add(fmt.Sprintf("1: a %s at %g m detected within %g s", grid0.Class, coverage.PlanAltitudeM, grid0.DwellS), boxThumb(coverage.PdColor(1), draw.LineStyle{}))
	leg.add(fmt.Sprintf("Pd %g contour", grid0.FloorPd), boxThumb(coverage.PdColor(0), floorLine))
	return (&panels{name: "layouts", title: fmt.Sprintf("The layouts compared, from above: zones, obstacles, sensors and where they detect a %s at %g m", grid0.Class, coverage.PlanAltitudeM),
		plots: plots, cols: cols, panelH: panelW * 1.08, legend: leg, fit: fit}).figure(), nil
}

func zoneArea(z *alert.Zone) float64 {
	if z.Polygon == nil {
		return math.Pi * z.RadiusM * z.RadiusM
	}
	a := 0.0
	p := z.Polygon
	for i, j := 0, len(p)-1; i < len(p); j, i = i, i+1 {
		a += p[j][0]*p[i][1] - p[i][0]*p[j][1]
	}
	return math.Abs(a) / 2
}

// LayoutCoverage returns the coverage grid a layout's panel draws: the
// scenario with the layout applied, mapped by coverage.PlanView over box
// for the scenario's first UAV class at coverage.PlanAltitudeM.
func LayoutCoverage(sc *scenarios.Scenario, layout string, box coverage.Box) (*coverage.Grid, error) {
	lsc, err := sc.WithLayout(layout)
	if err != nil {
		return nil, err
	}
	return coverage.PlanView(lsc, "", coverage.PlanAltitudeM, box)
}

// candidateGlyph marks a position cuasim search may stand a sensor on.
var candidateGlyph = draw.GlyphStyle{Color: color.White, Radius: vg.Points(2.5), Shape: draw.RingGlyph{}}

// floorLine is how the coverage's Pd-floor contour is drawn.
var floorLine = draw.LineStyle{Color: color.White, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(3), vg.Points(2)}}

// roadLine is how a road is drawn.
var roadLine = draw.LineStyle{Color: color.RGBA{0x8a, 0x8f, 0x98, 0xff}, Width: vg.Points(2.5)}

// mapPanel draws one layout's site.
type mapPanel struct {
	zones     []alert.Zone
	obstacles []scenarios.Obstacle
	roads     []scenarios.Road
	sensors   []SensorView
	removed   []SensorView // listed sensors the layout does without
	cov       *coverage.Grid
	// candidates are the positions cuasim search may stand sensors on.
	candidates []scenarios.Point
}

// Plot implements plot.Plotter.
func (mp *mapPanel) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	pt := func(e, n float64) vg.Point { return vg.Point{X: trX(e), Y: trY(n)} }
	// Coverage under everything.
	g := mp.cov
	c.DrawImage(vg.Rectangle{Min: pt(g.Box.MinEastM, g.Box.MinNorthM), Max: pt(g.Box.MaxEastM, g.Box.MaxNorthM)}, g.Image(0))
	for _, s := range g.FloorEdges(0) {
		c.StrokeLines(floorLine, c.ClipLinesXY([]vg.Point{pt(s.E0, s.N0), pt(s.E1, s.N1)})...)
	}
	for _, r := range mp.roads {
		var pts []vg.Point
		for _, p := range r.Points {
			pts = append(pts, pt(p.EastM, p.NorthM))
		}
		c.StrokeLines(roadLine, c.ClipLinesXY(pts)...)
	}
	for _, z := range mp.zones {
		var pts []vg.Point
		if z.Polygon == nil {
			for k := range 181 {
				a := 2 * math.Pi * float64(k) / 180
				pts = append(pts, pt(z.Center[0]+z.RadiusM*math.Cos(a), z.Center[1]+z.RadiusM*math.Sin(a)))
			}
		} else {
			for _, p := range z.Polygon {
				pts = append(pts, pt(p[0], p[1]))
			}
			pts = append(pts, pts[0])
		}
		col := severityColors[z.Severity]
		c.FillPolygon(fade(col, 0.22), c.ClipPolygonXY(pts))
		c.StrokeLines(draw.LineStyle{Color: col, Width: vg.Points(1)}, c.ClipLinesXY(pts)...)
	}
	for _, o := range mp.obstacles {
		var pts []vg.Point
		for _, p := range o.Footprint {
			pts = append(pts, pt(p.EastM, p.NorthM))
		}
		c.FillPolygon(obstacleC, c.ClipPolygonXY(pts))
	}
	for _, p := range mp.candidates {
		c.DrawGlyph(candidateGlyph, pt(p.EastM, p.NorthM))
	}
	pl := &placer{bounds: c.Rectangle}
	for _, s := range slices.Concat(mp.sensors, mp.removed) {
		pl.blockPoint(pt(s.EastM, s.NorthM), vg.Points(5))
	}
	for _, s := range mp.removed {
		p := pt(s.EastM, s.NorthM)
		c.DrawGlyph(draw.GlyphStyle{Color: grey, Radius: vg.Points(4.5), Shape: draw.CrossGlyph{}}, p)
		pl.place(c, textStyle(noteSize, grey), p, vg.Points(6), s.ID+" (removed)", true)
	}
	for _, s := range mp.sensors {
		p := pt(s.EastM, s.NorthM)
		gs := draw.GlyphStyle{Color: rfColor, Radius: vg.Points(4.5), Shape: diamondGlyph{}}
		if s.Radar {
			gs = draw.GlyphStyle{Color: radarColor, Radius: vg.Points(5), Shape: draw.PyramidGlyph{}}
		}
		// A white halo keeps the marker visible over zones.
		c.DrawGlyph(draw.GlyphStyle{Color: color.White, Radius: gs.Radius + vg.Points(1.5), Shape: gs.Shape}, p)
		c.DrawGlyph(gs, p)
		pl.place(c, textStyle(noteSize, darken(gs.Color.(color.RGBA), 0.8)), p, vg.Points(6), s.ID, true)
	}
}

// diamondGlyph is a filled square standing on a corner.
type diamondGlyph struct{}

// DrawGlyph implements draw.GlyphDrawer.
func (diamondGlyph) DrawGlyph(c *draw.Canvas, sty draw.GlyphStyle, pt vg.Point) {
	r := sty.Radius
	var p vg.Path
	p.Move(vg.Point{X: pt.X, Y: pt.Y + r})
	p.Line(vg.Point{X: pt.X + r, Y: pt.Y})
	p.Line(vg.Point{X: pt.X, Y: pt.Y - r})
	p.Line(vg.Point{X: pt.X - r, Y: pt.Y})
	p.Close()
	c.SetColor(sty.Color)
	c.Fill(p)
}
