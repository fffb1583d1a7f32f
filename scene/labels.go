package scene

import (
	"image"
	"image/color"
	"math"
	"slices"
)

// Labels places the labels of a frame on screen so that none covers
// another or a marker: each tries eight places around its object (sixteen
// on an alert's triangle), in order of priority, after every marker is
// known. The lower-priority labels that fit nowhere in a crowd are left
// out and counted, by knot (see Knots), so that the picture can say how
// many zooming in would show. It is geometry only: the viewer measures
// and draws the text.
type Labels struct {
	Screen  image.Rectangle   // labels stay inside
	Taken   []image.Rectangle // markers, panels and placed labels
	Edges   []image.Rectangle // zone outlines: kept free of zone labels, and of others where they can
	Markers []image.Rectangle // alert triangles: labels on them look further out
	// Panels are the panels drawn over the map (also in Taken): a group's
	// label that finds no free place keeps off them at least.
	Panels []image.Rectangle

	// grid indexes Taken by cells of gridPx: a crowd of a few hundred
	// markers and labels is checked cell by cell, not all against all.
	grid    map[[2]int][]int32
	indexed int // Taken[:indexed] are in grid

	placed []PlacedLabel
	hidden []LabelRequest
}

// Reset empties l for the next frame on screen r, keeping its memory.
func (l *Labels) Reset(r image.Rectangle) {
	l.Screen = r
	l.Taken, l.Edges, l.Markers, l.Panels = l.Taken[:0], l.Edges[:0], l.Markers[:0], l.Panels[:0]
	for k, v := range l.grid {
		l.grid[k] = v[:0]
	}
	l.indexed = 0
}

const gridPx = 32

// LabelRequest is a label to place: its size, its object's centre (the
// anchor) and how far from it the label starts.
type LabelRequest struct {
	W, H     float32
	X, Y     float32
	Gap      float32
	Priority int  // lower first
	OffEdges bool // never on a zone's outline (a zone's own label)
	Counted  bool // if it fits nowhere, counted in its knot
	ID       int  // the caller's
	// Box, if not empty, is a group's box on screen: the label goes
	// along its edges (below, above, right, left, in that order) rather
	// than around the anchor, pulled inside the screen.
	Box image.Rectangle
}

// Occupy marks a square of half-size r around (x, y) as taken: a marker.
func (l *Labels) Occupy(x, y, r float32) {
	l.Taken = append(l.Taken, image.Rect(int(x-r), int(y-r), int(x+r), int(y+r)))
}

// PlacedLabel is where a label goes.
type PlacedLabel struct {
	LabelRequest
	At image.Rectangle
}

// Place places the requests in order of priority and returns those
// placed, and those counted that fitted nowhere (valid until the next
// call).
func (l *Labels) Place(qs []LabelRequest) (placed []PlacedLabel, hidden []LabelRequest) {
	slices.SortStableFunc(qs, func(a, b LabelRequest) int { return a.Priority - b.Priority })
	l.placed, l.hidden = l.placed[:0], l.hidden[:0]
	for _, q := range qs {
		if r, ok := l.PlaceOne(q); ok {
			l.placed = append(l.placed, PlacedLabel{q, r})
		} else if q.Counted {
			l.hidden = append(l.hidden, q)
		}
	}
	return l.placed, l.hidden
}

// placeOnBox places a group's label along its box's edges: the first
// place free of everything taken, or failing that the first clear of
// the panels.
func (l *Labels) placeOnBox(q LabelRequest) (image.Rectangle, bool) {
	const gap, inset = 4, 4
	w, h := int(math.Ceil(float64(q.W))), int(math.Ceil(float64(q.H)))
	b := q.Box
	cx, cy := (b.Min.X+b.Max.X)/2, (b.Min.Y+b.Max.Y)/2
	cands := [5]image.Point{
		{cx - w/2, b.Max.Y + gap},     // below
		{cx - w/2, b.Min.Y - gap - h}, // above
		{b.Max.X + gap, cy - h/2},     // right
		{b.Min.X - gap - w, cy - h/2}, // left
		{int(q.X) - w/2, int(q.Y) - h/2},
	}
	s := l.Screen.Inset(inset)
	for pass := 0; pass < 2; pass++ {
		for _, p := range cands {
			p.X = max(s.Min.X, min(p.X, s.Max.X-w))
			p.Y = max(s.Min.Y, min(p.Y, s.Max.Y-h))
			r := image.Rect(p.X, p.Y, p.X+w, p.Y+h)
			if !r.In(l.Screen) {
				continue
			}
			if pass == 0 && l.takenOverlaps(r) || pass == 1 && overlapsAny(l.Panels, r) {
				continue
			}
			l.Taken = append(l.Taken, r)
			return r, true
		}
	}
	return image.Rectangle{}, false
}

// PlaceOne finds a free place for one label, takes it and returns it.
func (l *Labels) PlaceOne(q LabelRequest) (image.Rectangle, bool) {
	if !q.Box.Empty() {
		return l.placeOnBox(q)
	}
	var offsets [16][2]float32
	w, h := q.W, q.H
	// Eight places around the anchor; for a label on an alert's
	// triangle (a drone's name, the track's label), eight more a little
	// further out.
	n := 8
	for _, m := range l.Markers {
		if image.Pt(int(q.X), int(q.Y)).In(m) {
			n = 16
			break
		}
	}
	for k := 0; k < n; k += 8 {
		g := q.Gap + float32(k)
		d := g * 0.7
		offsets[k], offsets[k+1], offsets[k+2], offsets[k+3] = [2]float32{g, -h / 2}, [2]float32{-g - w, -h / 2}, [2]float32{-w / 2, -g - h}, [2]float32{-w / 2, g}
		offsets[k+4], offsets[k+5], offsets[k+6], offsets[k+7] = [2]float32{d, -d - h}, [2]float32{d, d}, [2]float32{-d - w, -d - h}, [2]float32{-d - w, d}
	}
	// First keeping off the outlines; then, if only they were in the
	// way of a label allowed on them, anywhere free.
	onEdges := false
	for pass := 0; pass < 2; pass++ {
		if pass == 1 && !onEdges {
			break
		}
		for _, off := range offsets[:n] {
			x, y := q.X+off[0], q.Y+off[1]
			r := image.Rect(int(x), int(y), int(math.Ceil(float64(x+w))), int(math.Ceil(float64(y+h))))
			if !r.In(l.Screen) || l.takenOverlaps(r) {
				continue
			}
			if pass == 0 && overlapsAny(l.Edges, r) {
				onEdges = onEdges || !q.OffEdges
				continue
			}
			l.Taken = append(l.Taken, r)
			return r, true
		}
	}
	return image.Rectangle{}, false
}

// takenOverlaps reports whether r overlaps anything taken, looking only
// in the cells r covers.
func (l *Labels) takenOverlaps(r image.Rectangle) bool {
	if l.grid == nil {
		l.grid = map[[2]int][]int32{}
	}
	for ; l.indexed < len(l.Taken); l.indexed++ {
		t := l.Taken[l.indexed]
		for cy := floorDiv(t.Min.Y); cy <= floorDiv(t.Max.Y-1); cy++ {
			for cx := floorDiv(t.Min.X); cx <= floorDiv(t.Max.X-1); cx++ {
				l.grid[[2]int{cx, cy}] = append(l.grid[[2]int{cx, cy}], int32(l.indexed))
			}
		}
	}
	for cy := floorDiv(r.Min.Y); cy <= floorDiv(r.Max.Y-1); cy++ {
		for cx := floorDiv(r.Min.X); cx <= floorDiv(r.Max.X-1); cx++ {
			for _, i := range l.grid[[2]int{cx, cy}] {
				if l.Taken[i].Overlaps(r) {
					return true
				}
			}
		}
	}
	return false
}

func floorDiv(x int) int {
	if x < 0 {
		return -((-x + gridPx - 1) / gridPx)
	}
	return x / gridPx
}

func overlapsAny(rs []image.Rectangle, r image.Rectangle) bool {
	for _, t := range rs {
		if t.Overlaps(r) {
			return true
		}
	}
	return false
}

// Knot is a group of labels left out: how many, and their anchors'
// centre.
type Knot struct {
	N    int
	X, Y float32
}

// Knots groups the labels whose anchors lie within r pixels of a group's
// first, in order.
func Knots(qs []LabelRequest, r float32) []Knot {
	var ks []Knot
	var first [][2]float32
	for _, q := range qs {
		found := false
		for i, p := range first {
			if math.Hypot(float64(q.X-p[0]), float64(q.Y-p[1])) <= float64(r) {
				k := &ks[i]
				k.X, k.Y = (k.X*float32(k.N)+q.X)/float32(k.N+1), (k.Y*float32(k.N)+q.Y)/float32(k.N+1)
				k.N++
				found = true
				break
			}
		}
		if !found {
			ks = append(ks, Knot{1, q.X, q.Y})
			first = append(first, [2]float32{q.X, q.Y})
		}
	}
	return ks
}

// Label priorities: lower is placed first, and wins the space.
const (
	PrioSensor   = 0 // and a group's label, and the selected object's
	PrioAlerting = 1 // a drone's name, an alerting track's label
	PrioTrack    = 2 // a confirmed track classed drone
	PrioZone     = 3
	PrioMinor    = 4 // a confirmed track classed bird or clutter
)

// LabelQueue gathers a frame's label requests and what each says, for
// Labels to place and the viewer to draw; Reset keeps its memory.
type LabelQueue struct {
	Labels
	Reqs  []LabelRequest
	Texts []LabelText // by request ID
	// Measure returns the width of a text at a size, pixels (the
	// viewer's font).
	Measure func(text string, size float64) float32
}

// LabelText is what to draw for a request.
type LabelText struct {
	Text string
	Size float64
	Col  color.RGBA
}

// Reset empties the queue for the next frame on screen r.
func (q *LabelQueue) Reset(r image.Rectangle) {
	q.Labels.Reset(r)
	q.Reqs, q.Texts = q.Reqs[:0], q.Texts[:0]
}

// Request queues a label of text at size pixels in colour col, for the
// object at (x, y), gap pixels from it; a counted one that fits nowhere
// is counted in its knot, one offEdges keeps off the zones' outlines.
func (q *LabelQueue) Request(priority int, text string, size float64, x, y, gap float32, col color.RGBA, counted, offEdges bool) {
	q.Texts = append(q.Texts, LabelText{text, size, col})
	q.Reqs = append(q.Reqs, LabelRequest{W: q.Measure(text, size), H: float32(size) + 2, X: x, Y: y, Gap: gap,
		Priority: priority, OffEdges: offEdges, Counted: counted, ID: len(q.Texts) - 1})
}

// RequestOnBox queues a group's label, placed along its box on screen
// (LabelRequest.Box), anchored at (x, y) failing that.
func (q *LabelQueue) RequestOnBox(priority int, text string, size float64, box image.Rectangle, x, y float32, col color.RGBA) {
	q.Request(priority, text, size, x, y, 0, col, false, false)
	q.Reqs[len(q.Reqs)-1].Box = box
}
