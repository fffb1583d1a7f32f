package viewer

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"github.com/cuasim/cuasim/scene"
)

// Label priorities: lower is placed first, and wins the space.
const (
	prioSensor   = 0 // and the selected object's label
	prioAlerting = 1 // a drone's name, an alerting track's label
	prioTrack    = 2 // a confirmed track classed drone
	prioZone     = 3
	prioMinor    = 4 // a confirmed track classed bird or clutter
)

// labeler gathers the frame's labels and the markers they must keep off,
// has scene.Labels place them, and draws them: each on a dark box, to
// stand out on a busy map, and a "+N" by each knot of labels that fit
// nowhere, saying how many zooming in would show.
type labeler struct {
	scene.Labels
	reqs  []scene.LabelRequest
	queue []labelText // by request ID
}

// labelText is what to draw for a request.
type labelText struct {
	text string
	size float64
	col  color.RGBA
}

// occupy marks a square of half-size r around (x, y) as taken.
func (l *labeler) occupy(x, y, r float32) { l.Occupy(x, y, r) }

func (l *labeler) request(priority int, text string, size float64, x, y, gap float32, col color.RGBA, counted, offEdges bool) {
	l.queue = append(l.queue, labelText{text, size, col})
	l.reqs = append(l.reqs, scene.LabelRequest{W: advance(text, face(size), size), H: float32(size) + 2, X: x, Y: y, Gap: gap,
		Priority: priority, OffEdges: offEdges, Counted: counted, ID: len(l.queue) - 1})
}

// add queues an object's label; one that fits nowhere is counted.
func (l *labeler) add(priority int, text string, size float64, x, y, gap float32, col color.RGBA) {
	l.request(priority, text, size, x, y, gap, col, true, false)
}

// addSensor queues a sensor's name (never counted: sensors are few).
func (l *labeler) addSensor(text string, x, y float32, col color.RGBA) {
	l.request(prioSensor, text, 13, x, y, 13, col, false, false)
}

// addZone queues a zone's label, which keeps off the zones' outlines.
func (l *labeler) addZone(priority int, text string, size float64, x, y, gap float32, col color.RGBA) {
	l.request(priority, text, size, x, y, gap, col, false, true)
}

// draw places and draws the queued labels, then a "+N" by each knot of
// labels that did not fit. The boxes go first and the texts after, so
// that each kind batches into few GPU calls.
func (l *labeler) draw(dst *ebiten.Image) {
	placed, hidden := l.Place(l.reqs)
	type drawn struct {
		t    labelText
		x, y float32
	}
	var out []drawn
	for _, p := range placed {
		out = append(out, drawn{l.queue[p.ID], float32(p.At.Min.X), float32(p.At.Min.Y)})
		vector.DrawFilledRect(dst, float32(p.At.Min.X)-2, float32(p.At.Min.Y), p.W+4, p.H, colLabelBox, false)
	}
	for _, k := range scene.Knots(hidden, 60) {
		t := labelText{scene.HiddenLabels(k.N).String(), 12, colText}
		q := scene.LabelRequest{W: advance(t.text, face(t.size), t.size), H: 14, X: k.X, Y: k.Y, Gap: 12}
		r, ok := l.PlaceOne(q)
		if !ok {
			q.Gap = 28 // further out, where a crowd leaves room
			r, ok = l.PlaceOne(q)
		}
		if ok {
			out = append(out, drawn{t, float32(r.Min.X), float32(r.Min.Y)})
			vector.DrawFilledRect(dst, float32(r.Min.X)-2, float32(r.Min.Y), q.W+4, q.H, colLabelBox, false)
		}
	}
	for _, d := range out {
		drawText(dst, d.t.text, face(d.t.size), d.x, d.y-1, d.t.col)
	}
}

// colLabelBox is the box behind a label.
var colLabelBox = color.RGBA{0x08, 0x0c, 0x12, 0xb0}

// advances caches label widths: shaping a string costs as much as drawing
// it, and most labels are the same from one frame to the next.
var advances = map[[2]any]float32{}

func advance(s string, f *text.GoTextFace, size float64) float32 {
	k := [2]any{s, size}
	if w, ok := advances[k]; ok {
		return w
	}
	if len(advances) > 4096 {
		clear(advances)
	}
	w := float32(text.Advance(s, f))
	advances[k] = w
	return w
}
