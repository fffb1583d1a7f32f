package viewer

import (
	"image"
	"image/color"
	"math"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/scene"
	"github.com/cuasim/cuasim/sensors"
)

// Draw renders the session into dst (the window's screen or an offscreen
// image of the camera's size).
func Draw(dst *ebiten.Image, f *scene.Frame, v *scene.View) {
	dst.Fill(colBackground)
	c := v.Cam
	lb := &state.labels
	lb.reset(image.Rect(0, 0, c.W, c.H))
	drawGrid(dst, c)
	var tips hotspots
	if v.Layers.PdMap {
		drawPdMap(dst, f, v)
	}
	drawSite(dst, f, v)
	if v.Layers.Coverage {
		drawCoverage(dst, f, c)
	}
	drawZoneOutlines(dst, f, v, lb)
	drawConvoys(dst, f, v, lb)
	drawSensors(dst, f, v, lb)
	// Plots and bearings, drones and birds, tracks: built by scene in
	// one mesh (a group collapsed to one label when its members are too
	// close on screen for theirs), drawn in one call per 65535 vertices.
	state.markers.Build(f, v, &palette, &lb.LabelQueue)
	drawMesh(dst, &state.markers.Mesh)
	if v.Layers.Labels {
		// Keep labels from under the panels drawn over the map.
		panels := panelRects(f, v)
		lb.Taken = append(lb.Taken, panels...)
		lb.Panels = append(lb.Panels, panels...)
		lb.draw(dst)
	}
	if v.Layers.PdMap {
		drawPdMapCaption(dst, f, v, &tips)
	}
	drawScaleAndNorth(dst, c, v, &tips)
	drawHUD(dst, f, v, &tips)
	drawLegend(dst, f, v)
	drawAlertList(dst, f, v, &tips)
	drawSensorsOverPanels(dst, f, v)
	drawSelection(dst, f, v, &tips)
	drawLesson(dst, v)
	if v.Help {
		drawHelp(dst, v)
	} else {
		tips.drawTip(dst, v)
	}
	drawSave(dst, v)
}

// grid lines every scale-bar length, faintly.
func drawGrid(dst *ebiten.Image, c scene.Camera) {
	step, _ := c.ScaleBar(160)
	e0, n1 := c.ToWorld(0, 0)
	e1, n0 := c.ToWorld(float64(c.W), float64(c.H))
	m := lines()
	for e := math.Ceil(e0/step) * step; e <= e1; e += step {
		x, _ := c.ToScreen(e, 0)
		m.Line(x, 0, x, float32(c.H), 1, colGrid)
	}
	for n := math.Ceil(n0/step) * step; n <= n1; n += step {
		_, y := c.ToScreen(0, n)
		m.Line(0, y, float32(c.W), y, 1, colGrid)
	}
	drawMesh(dst, m)
}

// zoneStyle is how a zone is drawn: quiet, in the zone colour, or in the
// colour of the highest alert in force on it, with a wider outline and a
// stronger fill the higher the level.
func zoneStyle(l alert.Level) (col color.RGBA, width float32, fill float64) {
	if l == alert.None {
		return colZone, 1.5, 1
	}
	return levelColor(l), 1.5 + float32(l), 1.5 + 0.5*float64(l)
}

// zoneShape is a zone on screen: a polygon's corners, or a circle.
type zoneShape struct {
	pts     [][2]float32 // nil for a circle
	x, y, r float32      // the circle
}

func zoneShapeOf(z *scenarios.Zone, c scene.Camera) zoneShape {
	if len(z.Polygon) > 0 {
		pts := make([][2]float32, len(z.Polygon))
		for i, p := range z.Polygon {
			pts[i][0], pts[i][1] = c.ToScreen(p.EastM, p.NorthM)
		}
		return zoneShape{pts: pts}
	}
	if z.Circle != nil {
		x, y := c.ToScreen(z.Circle.Center.EastM, z.Circle.Center.NorthM)
		return zoneShape{x: x, y: y, r: float32(z.Circle.RadiusM / c.MPerPx)}
	}
	return zoneShape{}
}

func zoneLevel(f *scene.Frame, i int) alert.Level {
	if i < len(f.ZoneLevels) {
		return f.ZoneLevels[i]
	}
	return alert.None
}

// drawSite draws the roads, fills the zones, tinted by their alerts, and
// the obstacles.
func drawSite(dst *ebiten.Image, f *scene.Frame, v *scene.View) {
	c := v.Cam
	for _, r := range f.Roads {
		pts := make([][2]float32, len(r.Points))
		for i, p := range r.Points {
			pts[i][0], pts[i][1] = c.ToScreen(p.EastM, p.NorthM)
		}
		strokePolyline(dst, pts, max(3, float32(r.WidthM/c.MPerPx)), colRoad)
	}
	for i := range f.Zones {
		col, _, fill := zoneStyle(zoneLevel(f, i))
		switch s := zoneShapeOf(&f.Zones[i], c); {
		case s.pts != nil:
			fillPolygon(dst, s.pts, withAlpha(col, 0.12*fill))
		case s.r > 0:
			vector.DrawFilledCircle(dst, s.x, s.y, s.r, withAlpha(col, 0.03*fill), false)
		}
	}
	for _, o := range f.Obstacles {
		pts := make([][2]float32, len(o.Footprint))
		for i, p := range o.Footprint {
			x, y := c.ToScreen(p.EastM, p.NorthM)
			pts[i] = [2]float32{x, y}
		}
		fillPolygon(dst, pts, colObstacle)
	}
}

// drawConvoys draws each convoy's vehicles along their road, each a box
// turned with the road, at least a few pixels long, and names the convoy
// at its lead vehicle.
func drawConvoys(dst *ebiten.Image, f *scene.Frame, v *scene.View, lb *labeler) {
	c := v.Cam
	const lengthM, widthM = 16, 3 // a tanker truck
	l, w := max(8, float32(lengthM/c.MPerPx)), max(4, float32(widthM/c.MPerPx))
	for _, vh := range f.Vehicles {
		x, y := c.ToScreen(vh.East, vh.North)
		s, co := float32(math.Sin(vh.HeadingRad)), float32(math.Cos(vh.HeadingRad))
		// Along the road (s, −co on screen) and across it (co, s).
		ax, ay, bx, by := s*l/2, -co*l/2, co*w/2, s*w/2
		box := [][2]float32{{x + ax + bx, y + ay + by}, {x + ax - bx, y + ay - by}, {x - ax - bx, y - ay - by}, {x - ax + bx, y - ay + by}}
		fillPolygon(dst, box, colVehicle)
		strokePolygon(dst, box, 1, colBackground)
		lb.occupy(x, y, l/2)
		if vh.Index == 0 {
			lb.add(prioZone, vh.Convoy, 12, x, y, l/2+4, colVehicle)
		}
	}
}

// drawZoneOutlines outlines the zones over the sensors' coverage, so that
// an alert's colour shows true, the most urgent last, and labels them.
func drawZoneOutlines(dst *ebiten.Image, f *scene.Frame, v *scene.View, lb *labeler) {
	c := v.Cam
	panels := panelRects(f, v)
	order := make([]int, len(f.Zones))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return int(zoneLevel(f, a)) - int(zoneLevel(f, b)) })
	for _, i := range order {
		lvl := zoneLevel(f, i)
		col, width, _ := zoneStyle(lvl)
		var lx, ly float32
		switch s := zoneShapeOf(&f.Zones[i], c); {
		case s.pts != nil:
			strokePolygon(dst, s.pts, width, col)
			occupyEdges(lb, s.pts, width)
			x0, y0 := float32(math.Inf(1)), float32(math.Inf(1))
			x1, y1 := -x0, -y0
			for _, p := range s.pts {
				x0, y0, x1, y1 = min(x0, p[0]), min(y0, p[1]), max(x1, p[0]), max(y1, p[1])
			}
			lx, ly = labelAnchor([][2]float32{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}}, c, panels)
		case s.r > 0:
			vector.StrokeCircle(dst, s.x, s.y, s.r, width, col, true)
			lx, ly = circleLabelAnchor(s.x, s.y, s.r, c, panels)
		default:
			continue
		}
		name := scene.ZoneLabel(f.Zones[i].Name, lvl).String()
		// Anchored on the zone's top-left corner, or on its circle where
		// that shows, clear of the outline.
		lb.addZone(prioZone, name, 13, lx, ly, width/2+4, col)
	}
}

// circleLabelAnchor returns a point on the circle of centre (x, y) and
// radius r, in pixels, for its label: up and to the left, or the first
// of a few other points that is on screen and clear of the panels.
func circleLabelAnchor(x, y, r float32, c scene.Camera, panels []image.Rectangle) (float32, float32) {
	var pts [][2]float32
	for _, deg := range []float64{135, 45, 90, 225, 315, 270, 180, 0} {
		s, co := math.Sincos(deg * math.Pi / 180)
		pts = append(pts, [2]float32{x + r*float32(co), y - r*float32(s)})
	}
	return labelAnchor(pts, c, panels)
}

// labelAnchor returns the first of the points given that is on screen
// and clear of the panels, with room for a label, or the first point.
func labelAnchor(pts [][2]float32, c scene.Camera, panels []image.Rectangle) (float32, float32) {
	for _, q := range pts {
		p := image.Pt(int(q[0]), int(q[1]))
		if !p.In(image.Rect(60, 20, c.W-60, c.H-20)) {
			continue
		}
		free := true
		for _, pr := range panels {
			if p.In(pr.Inset(-24)) {
				free = false
			}
		}
		if free {
			return q[0], q[1]
		}
	}
	return pts[0][0], pts[0][1]
}

// occupyEdges keeps zone labels off a polygon's edges that run along the
// screen's axes (a runway's, an apron's), where a label would sit on the
// outline; a slanted edge's box would keep labels off too wide an area.
func occupyEdges(lb *labeler, pts [][2]float32, width float32) {
	for i := range pts {
		a, b := pts[i], pts[(i+1)%len(pts)]
		x0, x1 := min(a[0], b[0])-width, max(a[0], b[0])+width
		y0, y1 := min(a[1], b[1])-width, max(a[1], b[1])+width
		if x1-x0 <= 3*width+2 || y1-y0 <= 3*width+2 {
			lb.Edges = append(lb.Edges, image.Rect(int(x0), int(y0), int(x1+1), int(y1+1)))
		}
	}
}

// sensorColor is a sensor's colour by kind.
func sensorColor(k sensors.DetectionKind) color.RGBA {
	if k == sensors.RFBearing {
		return colRF
	}
	return colRadar
}

func drawCoverage(dst *ebiten.Image, f *scene.Frame, c scene.Camera) {
	for _, sv := range f.Sensors {
		cov := sv.Coverage
		col := sensorColor(cov.Kind)
		x, y := c.ToScreen(cov.Origin.X, cov.Origin.Y)
		r := float32(sv.RangeM / c.MPerPx)
		if cov.HalfWidthRad >= math.Pi-1e-9 {
			vector.DrawFilledCircle(dst, x, y, r, withAlpha(col, 0.05), false)
			strokeDashedCircle(dst, x, y, r, withAlpha(col, 0.6))
		} else {
			pts := [][2]float32{{x, y}}
			for k := 0; k <= 48; k++ {
				az := cov.BoresightRad - cov.HalfWidthRad + 2*cov.HalfWidthRad*float64(k)/48
				pts = append(pts, [2]float32{x + r*float32(math.Sin(az)), y - r*float32(math.Cos(az))})
			}
			fillPolygon(dst, pts, withAlpha(col, 0.06))
			strokePolygon(dst, pts, 1, withAlpha(col, 0.6))
		}
		if sv.HasBeam {
			az := sv.BeamAzRad
			vector.StrokeLine(dst, x, y, x+r*float32(math.Sin(az)), y-r*float32(math.Cos(az)), 2, withAlpha(col, 0.8), true)
		}
	}
}

func drawSensors(dst *ebiten.Image, f *scene.Frame, v *scene.View, lb *labeler) {
	c := v.Cam
	for _, sv := range f.Sensors {
		cov := sv.Coverage
		x, y := c.ToScreen(cov.Origin.X, cov.Origin.Y)
		drawSensorMarker(dst, x, y, cov.Kind, 1)
		lb.occupy(x, y, 11)
		lb.addSensor(sv.ID, x, y, sensorColor(cov.Kind))
	}
}

// drawSensorMarker draws a sensor's marker, scaled: a radar's square or
// an RF detector's triangle in its colour, ringed.
func drawSensorMarker(dst *ebiten.Image, x, y float32, kind sensors.DetectionKind, scale float32) {
	col := sensorColor(kind)
	if kind == sensors.RFBearing {
		var p vector.Path
		p.MoveTo(x, y-8*scale)
		p.LineTo(x+7*scale, y+5*scale)
		p.LineTo(x-7*scale, y+5*scale)
		p.Close()
		fillPath(dst, &p, col)
	} else {
		vector.DrawFilledRect(dst, x-6*scale, y-6*scale, 12*scale, 12*scale, col, false)
	}
	vector.StrokeCircle(dst, x, y, 10*scale, 1, colText, true)
}

// drawSensorsOverPanels draws again the sensors that the panels cover:
// a sensor dragged under the legend stays in sight.
func drawSensorsOverPanels(dst *ebiten.Image, f *scene.Frame, v *scene.View) {
	panels := panelRects(f, v)
	for _, sv := range f.Sensors {
		x, y := v.Cam.ToScreen(sv.Coverage.Origin.X, sv.Coverage.Origin.Y)
		for _, p := range panels {
			if p.Overlaps(image.Rect(int(x)-10, int(y)-10, int(x)+10, int(y)+10)) {
				drawSensorMarker(dst, x, y, sv.Coverage.Kind, 1)
				break
			}
		}
	}
}

// drawAlertMarker draws a warning triangle of circumradius r, as the
// map marks an alerting track (scene.Mesh.AlertMarker): the legend's.
func drawAlertMarker(dst *ebiten.Image, x, y float32, l alert.Level, r float32) {
	m := &state.one
	m.Reset()
	m.AlertMarker(x, y, r, l, &palette)
	drawMesh(dst, m)
}

func drawScaleAndNorth(dst *ebiten.Image, c scene.Camera, v *scene.View, tips *hotspots) {
	m, px := c.ScaleBar(160)
	x0, y0 := float32(c.W)-float32(px)-24, float32(c.H)-28
	vector.StrokeLine(dst, x0, y0, x0+float32(px), y0, 2, colText, false)
	vector.StrokeLine(dst, x0, y0-5, x0, y0+5, 2, colText, false)
	vector.StrokeLine(dst, x0+float32(px), y0-5, x0+float32(px), y0+5, 2, colText, false)
	drawLine(dst, scene.ScaleLabel(m), 13, x0, y0-22, colText, v, tips)
	// North arrow, top right.
	ax, ay := float32(c.W)-34, float32(20)
	var p vector.Path
	p.MoveTo(ax, ay)
	p.LineTo(ax+8, ay+22)
	p.LineTo(ax, ay+17)
	p.LineTo(ax-8, ay+22)
	p.Close()
	fillPath(dst, &p, colText)
	drawText(dst, "N", face(13), ax-4, ay+24, colText)
}

// hudLines are the two lines of the heads-up display and its width.
func hudLines(f *scene.Frame, v *scene.View) ([]scene.Line, float32) {
	lines := scene.HUDLines(f, v)
	w := float32(0)
	for _, l := range lines {
		w = max(w, advance(l.String(), face(14), 14))
	}
	return lines, w + 16
}

func drawHUD(dst *ebiten.Image, f *scene.Frame, v *scene.View, tips *hotspots) {
	lines, w := hudLines(f, v)
	panel(dst, 8, 8, w, 48)
	for i, l := range lines {
		drawLine(dst, l, 14, 16, 12+float32(i)*20, colText, v, tips)
	}
	if v.Message != "" {
		panel(dst, 8, float32(v.Cam.H)-34, float32(text.Advance(v.Message, face(14)))+16, 26)
		drawText(dst, v.Message, face(14), 16, float32(v.Cam.H)-30, colSelect)
	}
}

// panelRects are the boxes of the panels drawn over the map: the HUD, the
// list of alerts, the legend, the keys and the lesson.
func panelRects(f *scene.Frame, v *scene.View) []image.Rectangle {
	_, w := hudLines(f, v)
	rs := []image.Rectangle{image.Rect(8, 8, 8+int(w), 56)}
	if l := alertListAt(f, v); l.rows > 0 {
		rs = append(rs, image.Rect(int(l.x), int(l.y), int(l.x+l.w), int(l.y+l.height())))
	}
	lesson, _ := lessonPanel(v)
	if v.Layers.PdMap && v.PdMap != nil {
		alt := v.PdMapAltitudeM()
		g, current, err := v.PdMap.Grid(f, alt)
		rs = append(rs, pdMapCaptionRect(pdMapCaption(g, alt, current, err, v), v))
	}
	for _, r := range []image.Rectangle{legendRect(v), keysRect(f, v), lesson} {
		if !r.Empty() {
			rs = append(rs, r)
		}
	}
	return rs
}

// alertList is where the list of alerts goes on screen: under the HUD,
// above the legend, as many rows as fit (at most maxAlertRows), and a
// last line saying how many are left out.
type alertList struct {
	x, y, w float32
	rows    int // alerts listed
	more    int // alerts left out
	// cols are the columns' left edges from x: swatch, track, zone,
	// level, for how long, where the track stands.
	cols [6]float32
}

const (
	alertRowH    = 18
	maxAlertRows = 12
)

// alertListAt lays out the list of frame f's alerts in view v. The
// columns fit the widest zone name and level, so the list keeps its
// shape as alerts come and go.
func alertListAt(f *scene.Frame, v *scene.View) alertList {
	l := alertList{x: 8, y: 62}
	n := len(f.Alerts)
	if n == 0 {
		return l
	}
	fc := face(13)
	widest := func(ss ...string) float32 {
		w := float32(0)
		for _, s := range ss {
			w = max(w, advance(s, fc, 13))
		}
		return w
	}
	// The track column fits the largest number: formatting every row
	// (a swarm's hundreds) for it cost thousands of allocations a frame.
	last := 0
	for i := range f.Alerts {
		if f.Alerts[i].Track > f.Alerts[last].Track {
			last = i
		}
	}
	track := max(widest("T00000"), widest(scene.AlertRow(&f.Alerts[last], f.TimeS)[0].Text))
	zone := float32(0)
	for _, z := range f.Zones {
		zone = max(zone, widest(z.Name))
	}
	const gap = 12
	l.cols[0] = 8
	l.cols[1] = 24
	l.cols[2] = l.cols[1] + track + gap
	l.cols[3] = l.cols[2] + zone + gap
	l.cols[4] = l.cols[3] + widest("advisory", "warning", "critical") + gap
	l.cols[5] = l.cols[4] + widest("00:00") + gap
	l.w = l.cols[5] + widest("entry in ~00 s", "at the edge") + 8
	bottom := legendTop(f, v) - 6                                           // above the legend and the message line
	capacity := max(2, min(maxAlertRows, int((bottom-l.y-12)/alertRowH)-1)) // less the title
	if n <= capacity {
		l.rows = n
	} else {
		l.rows, l.more = capacity-1, n-capacity+1
	}
	return l
}

// height is the panel's height.
func (l alertList) height() float32 {
	lines := 1 + l.rows
	if l.more > 0 {
		lines++
	}
	return float32(lines)*alertRowH + 10
}

// row returns the alert listed under the pixel (x, y), or −1.
func (l alertList) row(x, y float32) int {
	if x < l.x || x > l.x+l.w {
		return -1
	}
	i := int((y - l.y - 5 - alertRowH) / alertRowH)
	if y < l.y+5+alertRowH || i >= l.rows {
		return -1
	}
	return i
}

// drawAlertList lists the alerts in force, most urgent first: the
// level's colour, the track, the zone, the level, how long it has been in
// force, and where the track stands.
func drawAlertList(dst *ebiten.Image, f *scene.Frame, v *scene.View, tips *hotspots) {
	l := alertListAt(f, v)
	if len(f.Alerts) == 0 {
		return
	}
	panel(dst, l.x, l.y, l.w, l.height())
	y := l.y + 5
	title, forHeading := scene.AlertListTitle(len(f.Alerts))
	drawLine(dst, scene.Line{title}, 13, l.x+8, y, colText, v, tips)
	drawLine(dst, scene.Line{forHeading}, 13, l.x+l.cols[4], y, colDim, v, tips)
	y += alertRowH
	for i := range l.rows {
		a := &f.Alerts[i]
		col := levelColor(a.Level)
		if v.Selected.Kind == scene.SelTrack && v.Selected.Index == a.Track {
			vector.StrokeRect(dst, l.x+3, y, l.w-6, alertRowH, 1, colSelect, false)
		}
		vector.DrawFilledRect(dst, l.x+l.cols[0], y+4, 10, 10, col, false)
		for k, fd := range scene.AlertRow(a, f.TimeS) {
			c := colText
			if k == 2 { // the level, in its colour
				c = col
			}
			drawLine(dst, scene.Line{fd}, 13, l.x+l.cols[k+1], y, c, v, tips)
		}
		y += alertRowH
	}
	if l.more > 0 {
		drawLine(dst, scene.Line{scene.AlertsMore(l.more)}, 13, l.x+l.cols[1], y, colDim, v, tips)
	}
}

// drawSelection outlines the selected object and shows its details.
func drawSelection(dst *ebiten.Image, f *scene.Frame, v *scene.View, tips *hotspots) {
	c := v.Cam
	lines, e, n, ok := scene.SelectionLines(f, v)
	if !ok {
		return
	}
	x, y := c.ToScreen(e, n)
	vector.StrokeCircle(dst, x, y, 14, 2, colSelect, true)
	fc := face(14)
	w := float32(0)
	for _, l := range lines {
		w = max(w, float32(text.Advance(l.String(), fc)))
	}
	px := float32(c.W) - w - 32
	panel(dst, px, 60, w+16, float32(len(lines))*20+12)
	for i, l := range lines {
		drawLine(dst, l, 14, px+8, 66+float32(i)*20, colText, v, tips)
	}
}

// panel draws a translucent box behind text.
func panel(dst *ebiten.Image, x, y, w, h float32) {
	vector.DrawFilledRect(dst, x, y, w, h, color.RGBA{0x08, 0x0c, 0x12, 0xd0}, false)
}

func drawText(dst *ebiten.Image, s string, f *text.GoTextFace, x, y float32, col color.Color) {
	// text.Draw's glyphs, into a slice kept from call to call: text.Draw
	// allocates one per call, a few hundred a frame.
	state.glyphs = text.AppendGlyphs(state.glyphs[:0], s, f, nil)
	op := &state.glyph
	for _, g := range state.glyphs {
		if g.Image == nil {
			continue
		}
		*op = ebiten.DrawImageOptions{}
		op.GeoM.Translate(g.X+float64(x), g.Y+float64(y))
		op.ColorScale.ScaleWithColor(col)
		dst.DrawImage(g.Image, op)
	}
}

// frameState is what drawing keeps from one frame to the next, so that a
// frame in the steady state allocates (almost) nothing: the markers'
// mesh, the labels, the vertices handed to ebiten. Drawing happens on
// ebiten's one drawing goroutine.
type frameState struct {
	markers scene.MapMarkers
	labels  labeler
	vs      []ebiten.Vertex
	one     scene.Mesh // a marker of the legend
	lines   scene.Mesh // the grid's lines, a dashed circle, a contour, the labels' boxes
	glyphs  []text.Glyph
	glyph   ebiten.DrawImageOptions
}

// lines returns the mesh of lines emptied, for a batch of lines drawn
// with one call (drawMesh).
func lines() *scene.Mesh {
	state.lines.Reset()
	return &state.lines
}

var state frameState

// atlas holds the sprites of the markers drawn by the hundred, a cell of
// scene.SpriteCell pixels each, in the order of scene's Sprite, the first
// cell white for the flat shapes: all of a frame's markers and shapes
// sample this one image, so ebiten sends them to the GPU in one call,
// where a path or an image per marker cost more than everything else in
// the frame.
var atlas = func() *ebiten.Image {
	const c = scene.SpriteCell / 2
	img := ebiten.NewImage(int(scene.NumSprites)*scene.SpriteCell, scene.SpriteCell)
	cell := func(s scene.Sprite) *ebiten.Image {
		x := int(s) * scene.SpriteCell
		return img.SubImage(image.Rect(x, 0, x+scene.SpriteCell, scene.SpriteCell)).(*ebiten.Image)
	}
	cell(scene.SpriteWhite).Fill(color.White)
	at := func(s scene.Sprite) float32 { return float32(int(s)*scene.SpriteCell + c) }
	vector.DrawFilledCircle(cell(scene.SpriteDot5), at(scene.SpriteDot5), c, 5, color.White, true)
	vector.DrawFilledCircle(cell(scene.SpriteDot3), at(scene.SpriteDot3), c, 3, color.White, true)
	vector.StrokeCircle(cell(scene.SpriteRing6), at(scene.SpriteRing6), c, 6, 1.5, color.White, true)
	vector.StrokeCircle(cell(scene.SpriteRing8), at(scene.SpriteRing8), c, 8, 1.5, color.White, true)
	x := at(scene.SpriteCross)
	vector.StrokeLine(cell(scene.SpriteCross), x-4, c-4, x+4, c+4, 1.5, color.White, true)
	vector.StrokeLine(cell(scene.SpriteCross), x-4, c+4, x+4, c-4, 1.5, color.White, true)
	return img
}()

// meshOptions draws a mesh: its vertices carry premultiplied colours,
// and its triangles are filled as they are (no stencil, no antialiasing
// pass: either would cost a GPU call per shape).
var meshOptions = ebiten.DrawTrianglesOptions{ColorScaleMode: ebiten.ColorScaleModePremultipliedAlpha}

// drawMesh draws a mesh scene built, a call per chunk.
func drawMesh(dst *ebiten.Image, m *scene.Mesh) {
	for k := 0; k < m.Chunks(); k++ {
		svs, is := m.Chunk(k)
		vs := state.vs[:0]
		for _, v := range svs {
			vs = append(vs, ebiten.Vertex{DstX: v.DstX, DstY: v.DstY, SrcX: v.SrcX, SrcY: v.SrcY,
				ColorR: v.ColorR, ColorG: v.ColorG, ColorB: v.ColorB, ColorA: v.ColorA})
		}
		state.vs = vs
		dst.DrawTriangles(vs, is, atlas, &meshOptions)
	}
}

// sprite draws one sprite of the atlas centred on (x, y) in colour col
// (the legend's markers).
func sprite(dst *ebiten.Image, s scene.Sprite, x, y float32, col color.RGBA) {
	m := &state.one
	m.Reset()
	m.Sprite(s, x, y, col)
	drawMesh(dst, m)
}

var whiteSub = func() *ebiten.Image {
	img := ebiten.NewImage(3, 3)
	img.Fill(color.White)
	return img.SubImage(image.Rect(1, 1, 2, 2)).(*ebiten.Image)
}()

// fillPath fills a path with a colour (ebiten's vector example), without
// antialiasing: the fills are translucent or outlined, and an antialiased
// fill costs a full extra pass on a software renderer.
func fillPath(dst *ebiten.Image, p *vector.Path, col color.RGBA) {
	vs, is := p.AppendVerticesAndIndicesForFilling(nil, nil)
	drawVertices(dst, vs, is, col, false)
}

func drawVertices(dst *ebiten.Image, vs []ebiten.Vertex, is []uint16, col color.RGBA, antialias bool) {
	r, g, b, a := float32(col.R)/255, float32(col.G)/255, float32(col.B)/255, float32(col.A)/255
	for i := range vs {
		vs[i].SrcX, vs[i].SrcY = 1, 1
		vs[i].ColorR, vs[i].ColorG, vs[i].ColorB, vs[i].ColorA = r, g, b, a
	}
	op := &ebiten.DrawTrianglesOptions{FillRule: ebiten.FillRuleNonZero, AntiAlias: antialias}
	dst.DrawTriangles(vs, is, whiteSub, op)
}

func polygonPath(pts [][2]float32) *vector.Path {
	var p vector.Path
	for i, q := range pts {
		if i == 0 {
			p.MoveTo(q[0], q[1])
		} else {
			p.LineTo(q[0], q[1])
		}
	}
	p.Close()
	return &p
}

func fillPolygon(dst *ebiten.Image, pts [][2]float32, col color.RGBA) {
	fillPath(dst, polygonPath(pts), col)
}

func strokePolygon(dst *ebiten.Image, pts [][2]float32, width float32, col color.RGBA) {
	vs, is := polygonPath(pts).AppendVerticesAndIndicesForStroke(nil, nil, &vector.StrokeOptions{Width: width, LineJoin: vector.LineJoinRound})
	drawVertices(dst, vs, is, col, true)
}

// strokePolyline strokes an open line through the points.
func strokePolyline(dst *ebiten.Image, pts [][2]float32, width float32, col color.RGBA) {
	var p vector.Path
	for i, q := range pts {
		if i == 0 {
			p.MoveTo(q[0], q[1])
		} else {
			p.LineTo(q[0], q[1])
		}
	}
	vs, is := p.AppendVerticesAndIndicesForStroke(nil, nil, &vector.StrokeOptions{Width: width, LineJoin: vector.LineJoinRound, LineCap: vector.LineCapRound})
	drawVertices(dst, vs, is, col, true)
}

func strokeDashedCircle(dst *ebiten.Image, x, y, r float32, col color.RGBA) {
	const dashes = 72
	m := lines()
	for k := 0; k < dashes; k += 2 {
		a0, a1 := 2*math.Pi*float64(k)/dashes, 2*math.Pi*float64(k+1)/dashes
		m.Line(x+r*float32(math.Sin(a0)), y-r*float32(math.Cos(a0)), x+r*float32(math.Sin(a1)), y-r*float32(math.Cos(a1)), 1, col)
	}
	drawMesh(dst, m)
}
