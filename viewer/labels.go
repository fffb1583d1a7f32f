package viewer

import (
	"image"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"github.com/cuasim/cuasim/scene"
)

// Label priorities: lower is placed first, and wins the space.
const (
	prioSensor = scene.PrioSensor // and a group's label, and the selected object's
	prioZone   = scene.PrioZone
)

// labeler gathers the frame's labels and the markers they must keep off,
// has scene.Labels place them, and draws them: each on a dark box, to
// stand out on a busy map, and a "+N" by each knot of labels that fit
// nowhere, saying how many zooming in would show. One is kept from frame
// to frame (frameState), with its memory.
type labeler struct {
	scene.LabelQueue
	out []drawnLabel
}

// drawnLabel is a placed label's text and where it goes.
type drawnLabel struct {
	t    scene.LabelText
	x, y float32
}

// reset empties the labeler for a frame on screen r.
func (l *labeler) reset(r image.Rectangle) {
	l.Reset(r)
	l.Measure = measure
}

func measure(text string, size float64) float32 { return advance(text, face(size), size) }

// occupy marks a square of half-size r around (x, y) as taken.
func (l *labeler) occupy(x, y, r float32) { l.Occupy(x, y, r) }

// add queues an object's label; one that fits nowhere is counted.
func (l *labeler) add(priority int, text string, size float64, x, y, gap float32, col color.RGBA) {
	l.Request(priority, text, size, x, y, gap, col, true, false)
}

// addSensor queues a sensor's name (never counted: sensors are few).
func (l *labeler) addSensor(text string, x, y float32, col color.RGBA) {
	l.Request(prioSensor, text, 13, x, y, 13, col, false, false)
}

// addZone queues a zone's label, which keeps off the zones' outlines.
func (l *labeler) addZone(priority int, text string, size float64, x, y, gap float32, col color.RGBA) {
	l.Request(priority, text, size, x, y, gap, col, false, true)
}

// draw places and draws the queued labels, then a "+N" by each knot of
// labels that did not fit. The boxes go first and the texts after, so
// that each kind batches into few GPU calls.
func (l *labeler) draw(dst *ebiten.Image) {
	placed, hidden := l.Place(l.Reqs)
	out := l.out[:0]
	boxes := lines()
	for _, p := range placed {
		out = append(out, drawnLabel{l.Texts[p.ID], float32(p.At.Min.X), float32(p.At.Min.Y)})
		boxes.Rect(float32(p.At.Min.X)-2, float32(p.At.Min.Y), p.W+4, p.H, colLabelBox)
	}
	for _, k := range scene.Knots(hidden, 60) {
		t := scene.LabelText{Text: scene.HiddenLabels(k.N).String(), Size: 12, Col: colText}
		q := scene.LabelRequest{W: measure(t.Text, t.Size), H: 14, X: k.X, Y: k.Y, Gap: 12}
		r, ok := l.PlaceOne(q)
		if !ok {
			q.Gap = 28 // further out, where a crowd leaves room
			r, ok = l.PlaceOne(q)
		}
		if ok {
			out = append(out, drawnLabel{t, float32(r.Min.X), float32(r.Min.Y)})
			boxes.Rect(float32(r.Min.X)-2, float32(r.Min.Y), q.W+4, q.H, colLabelBox)
		}
	}
	drawMesh(dst, boxes)
	for _, d := range out {
		drawText(dst, d.t.Text, face(d.t.Size), d.x, d.y-1, d.t.Col)
	}
	l.out = out
}

// colLabelBox is the box behind a label.
var colLabelBox = color.RGBA{0x08, 0x0c, 0x12, 0xb0}

// advances caches label widths: shaping a string costs as much as drawing
// it, and most labels are the same from one frame to the next.
var advances = map[advanceKey]float32{}

type advanceKey struct {
	s    string
	size float64
}

func advance(s string, f *text.GoTextFace, size float64) float32 {
	k := advanceKey{s, size}
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
