package scene

import (
	"image"
	"image/color"
	"math"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/sensors"
)

// Palette is the colours the map's moving objects are drawn in (the
// viewer's style).
type Palette struct {
	Drone, Silent, Bird color.RGBA
	Radar, RF, False    color.RGBA
	Track, Tentative    color.RGBA
	// Advisory, Warning and Critical are the alert levels' colours,
	// LevelNone that of no alert (LevelColor).
	Advisory, Warning, Critical, LevelNone color.RGBA
	// Groups are the colours groups' members share, one per group
	// (GroupColor).
	Groups []color.RGBA
}

// GroupColor is the colour group's members share, picked by the group's
// name (FNV-1a) so that it is the same from frame to frame.
func (p *Palette) GroupColor(group string) color.RGBA {
	h := uint32(2166136261)
	for i := 0; i < len(group); i++ {
		h = (h ^ uint32(group[i])) * 16777619
	}
	return p.Groups[h%uint32(len(p.Groups))]
}

// LevelColor is an alert level's colour.
func (p *Palette) LevelColor(l alert.Level) color.RGBA {
	switch l {
	case alert.Advisory:
		return p.Advisory
	case alert.Warning:
		return p.Warning
	case alert.Critical:
		return p.Critical
	}
	return p.LevelNone
}

// WithAlpha returns c with its alpha scaled by a in [0, 1]
// (premultiplied).
func WithAlpha(c color.RGBA, a float64) color.RGBA {
	a = math.Max(0, math.Min(1, a))
	return color.RGBA{uint8(float64(c.R) * a), uint8(float64(c.G) * a), uint8(float64(c.B) * a), uint8(float64(c.A) * a)}
}

// AlertMarkerR is the radius of the circle through the corners of the
// triangle that marks an alerting track, pixels.
const AlertMarkerR = 15

// bearingRangeM is how far an RF bearing's line is drawn, metres.
const bearingRangeM = 15000

// MapMarkers builds the markers of a frame's moving objects — radar plots
// and RF bearings, drones and birds, tracks with their ellipses, leaders
// and alert triangles — into one mesh, in drawing order, leaving out
// what is off screen, and queues their labels: a group whose members
// are too close on screen for their labels (GroupView.Collapsed) gets
// one label, at its box's edge, in place of its members' and of the
// tracks over it. Its buffers are kept from frame to frame.
type MapMarkers struct {
	Mesh   Mesh
	Groups Groups

	collapsedGroups []bool // by group, under the camera of the last Build

	trackLabels map[trackLabelKey]string
}

type trackLabelKey struct {
	id    int
	class int    // the most probable class
	prob  uint64 // and its probability's bits
	level alert.Level
}

// cullMarginPx is how far off screen a marker's centre may be and still
// be drawn: a marker's half size and more.
const cullMarginPx = SpriteCell

// Build builds frame f's markers under view v in palette p into
// m.Mesh, and queues their labels in lq (which holds the markers too, for
// the labels to keep off).
func (m *MapMarkers) Build(f *Frame, v *View, p *Palette, lq *LabelQueue) {
	m.Mesh.Reset()
	m.Groups.Update(f)
	c := v.Cam
	screen := image.Rect(-cullMarginPx, -cullMarginPx, c.W+cullMarginPx, c.H+cullMarginPx)
	if v.Layers.Detections {
		m.detections(f, v, p, screen)
	}
	m.groupLabels(f, v, p, lq)
	if v.Layers.Truth {
		m.truth(f, v, p, lq, screen)
	}
	if v.Layers.Tracks {
		m.tracks(f, v, p, lq, screen)
	}
}

func onScreen(r image.Rectangle, x, y float32) bool {
	return x >= float32(r.Min.X) && x < float32(r.Max.X) && y >= float32(r.Min.Y) && y < float32(r.Max.Y)
}

func (m *MapMarkers) detections(f *Frame, v *View, p *Palette, screen image.Rectangle) {
	c := v.Cam
	for i := range f.Detections {
		d := &f.Detections[i]
		a := 1 - (f.TimeS-d.TimeS)/FadeS
		col := p.Radar
		if d.Kind == sensors.RFBearing {
			col = p.RF
		}
		if d.FalseAlarm() && v.Layers.Truth && f.HasTruth {
			col = p.False // truth is on: show which reports were noise
		}
		col = WithAlpha(col, 0.25+0.75*a)
		if d.Kind == sensors.RFBearing {
			x0, y0 := c.ToScreen(d.Origin.X, d.Origin.Y)
			r := float32(bearingRangeM / c.MPerPx)
			s, co := math.Sincos(d.AzimuthRad)
			x1, y1 := x0+r*float32(s), y0-r*float32(co)
			if max(x0, x1) < float32(screen.Min.X) || min(x0, x1) > float32(screen.Max.X) ||
				max(y0, y1) < float32(screen.Min.Y) || min(y0, y1) > float32(screen.Max.Y) {
				continue
			}
			m.Mesh.Line(x0, y0, x1, y1, 1, WithAlpha(col, 0.6))
			continue
		}
		ce := math.Cos(d.ElevationRad)
		s, co := math.Sincos(d.AzimuthRad)
		x, y := c.ToScreen(d.Origin.X+d.RangeM*ce*s, d.Origin.Y+d.RangeM*ce*co)
		if onScreen(screen, x, y) {
			m.Mesh.Sprite(SpriteCross, x, y, col)
		}
	}
}

// groupLabels notes which groups are collapsed to one label under view
// v — their members' labels measured on the first's name — and queues
// the label of each group on screen.
func (m *MapMarkers) groupLabels(f *Frame, v *View, p *Palette, lq *LabelQueue) {
	c := v.Cam
	gs := &m.Groups
	m.collapsedGroups = m.collapsedGroups[:0]
	for k := range gs.List {
		g := &gs.List[k]
		m.collapsedGroups = append(m.collapsedGroups, g.Collapsed(c, lq.Measure(f.Entities[g.First].Name, memberLabelSize)))
		if g.Members < 2 || !v.Layers.Truth && !v.Layers.Tracks {
			continue
		}
		box := g.ScreenBox(c)
		if !box.Overlaps(image.Rect(0, 0, c.W, c.H)) {
			continue
		}
		x, y := c.ToScreen(g.CenterE, g.CenterN)
		lq.RequestOnBox(PrioSensor, gs.Label(k), 13, box, x, y, p.GroupColor(g.Name))
	}
}

// memberLabelSize is the size of a drone's label, pixels.
const memberLabelSize = 12

// collapsed reports whether group k (an index in m.Groups.List, −1 for
// none) shows one label for its members.
func (m *MapMarkers) collapsed(k int) bool { return k >= 0 && m.collapsedGroups[k] }

func (m *MapMarkers) truth(f *Frame, v *View, p *Palette, lq *LabelQueue, screen image.Rectangle) {
	c := v.Cam
	for i := range f.Entities {
		e := &f.Entities[i]
		x, y := c.ToScreen(e.Pos.X, e.Pos.Y)
		if !onScreen(screen, x, y) {
			continue
		}
		if e.Bird {
			m.Mesh.Sprite(SpriteDot3, x, y, p.Bird)
			lq.Occupy(x, y, 4) // labels keep off the birds too
			continue
		}
		col := p.Drone
		switch {
		case e.Group != "": // a group's members share a colour
			col = p.GroupColor(e.Group)
		case e.RFSilent:
			col = p.Silent
		}
		m.Mesh.Sprite(SpriteDot5, x, y, col)
		if e.RFSilent {
			m.Mesh.Sprite(SpriteRing8, x, y, col) // a ring: nothing to hear
		}
		lq.Occupy(x, y, 8)
		selected := v.Selected == (Selection{Kind: SelEntity, Index: e.ID})
		if m.collapsed(m.Groups.EntityGroup[i]) && !selected {
			continue // the group's label speaks for it
		}
		prio := PrioAlerting
		if selected {
			prio = PrioSensor
		}
		lq.Request(prio, e.Name, memberLabelSize, x, y, 10, col, true, false)
	}
}

func (m *MapMarkers) tracks(f *Frame, v *View, p *Palette, lq *LabelQueue, screen image.Rectangle) {
	c := v.Cam
	for i := range f.Tracks {
		t := &f.Tracks[i]
		x, y := c.ToScreen(t.Pos.X, t.Pos.Y)
		ea, eb, theta := ellipse2Sigma(t.PEE, t.PEN, t.PNN)
		a := float32(ea / c.MPerPx)
		if !onScreen(screen.Inset(-int(min(a, 1e6))), x, y) {
			continue
		}
		col := p.Track
		if !t.Confirmed {
			col = p.Tentative
		}
		if a >= 2 { // else smaller than the track's marker
			m.Mesh.Ellipse(x, y, a, float32(eb/c.MPerPx), float32(theta), 1, WithAlpha(col, 0.7))
		}
		if !onScreen(screen, x, y) {
			continue
		}
		m.Mesh.Sprite(SpriteRing6, x, y, col)
		lq.Occupy(x, y, 7)                                           // labels keep off the tracks' rings
		x1, y1 := c.ToScreen(t.Pos.X+10*t.Vel.X, t.Pos.Y+10*t.Vel.Y) // where it will be in 10 s
		m.Mesh.Line(x, y, x1, y1, 1, col)
		if !t.Confirmed {
			continue
		}
		lvl := m.Groups.TrackLevel(t.ID)
		selected := v.Selected == (Selection{Kind: SelTrack, Index: t.ID})
		folded := m.collapsed(m.Groups.TrackGroup[i]) && !selected
		if lvl != alert.None {
			lc := p.LevelColor(lvl)
			m.Mesh.AlertMarker(x, y, AlertMarkerR, lvl, p)
			lq.Occupy(x, y, AlertMarkerR)
			lq.Markers = append(lq.Markers, lq.Taken[len(lq.Taken)-1])
			if !folded {
				// An alerting track's label comes before any other track's.
				lq.Request(PrioAlerting, m.trackLabel(t, lvl), 12, x, y, AlertMarkerR+2, lc, true, false)
			}
			continue
		}
		if folded {
			continue
		}
		// In a flock only the labels that fit are drawn, the drones'
		// first; the others are counted (labeler).
		prio := PrioMinor
		switch {
		case selected:
			prio = PrioSensor
		case t.PDrone >= t.PBird && t.PDrone >= t.PClutter:
			prio = PrioTrack
		}
		lq.Request(prio, m.trackLabel(t, lvl), 12, x, y, 10, col, true, false)
	}
}

// trackLabel is TrackLabel as text, kept from frame to frame while the
// track's class, its probability and its alert level stay the same
// (between two updates of the track).
func (m *MapMarkers) trackLabel(t *TrackView, lvl alert.Level) string {
	class, prob := 0, t.PDrone
	switch {
	case t.PDrone >= t.PBird && t.PDrone >= t.PClutter:
	case t.PBird >= t.PClutter:
		class, prob = 1, t.PBird
	default:
		class, prob = 2, t.PClutter
	}
	k := trackLabelKey{t.ID, class, math.Float64bits(prob), lvl}
	if s, ok := m.trackLabels[k]; ok {
		return s
	}
	if m.trackLabels == nil || len(m.trackLabels) > 8192 {
		m.trackLabels = map[trackLabelKey]string{}
	}
	s := TrackLabel(t, lvl).String()
	m.trackLabels[k] = s
	return s
}

// ellipse2Sigma returns the semi-axes (metres) of the 2σ ellipse of the
// 2×2 covariance [[pee, pen], [pen, pnn]] and the angle of its major
// axis from east, counter-clockwise.
func ellipse2Sigma(pee, pen, pnn float64) (a, b, theta float64) {
	// Eigen-decomposition of a symmetric 2×2 matrix, in closed form.
	tr, det := pee+pnn, pee*pnn-pen*pen
	disc := math.Sqrt(math.Max(0, tr*tr/4-det))
	l1, l2 := tr/2+disc, math.Max(0, tr/2-disc)
	return 2 * math.Sqrt(l1), 2 * math.Sqrt(l2), 0.5 * math.Atan2(2*pen, pee-pnn)
}

// AlertMarker draws a warning triangle of circumradius r around a track
// in the colour of its highest alert l: outlined for an advisory,
// thicker for a warning, thicker and filled for a critical alert.
func (m *Mesh) AlertMarker(x, y, r float32, l alert.Level, p *Palette) {
	col := p.LevelColor(l)
	if l >= alert.Critical {
		m.Triangle(x, y-r, x+r*0.8660254, y+r/2, x-r*0.8660254, y+r/2, WithAlpha(col, 0.3))
	}
	m.AlertTriangle(x, y, r, 1+float32(l), col)
}
