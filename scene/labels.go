package scene

import (
	"image"
	"math"
	"sort"
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

	// grid indexes Taken by cells of gridPx: a crowd of a few hundred
	// markers and labels is checked cell by cell, not all against all.
	grid    map[[2]int][]int32
	indexed int // Taken[:indexed] are in grid
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
// placed, and those counted that fitted nowhere.
func (l *Labels) Place(qs []LabelRequest) (placed []PlacedLabel, hidden []LabelRequest) {
	sort.SliceStable(qs, func(i, j int) bool { return qs[i].Priority < qs[j].Priority })
	for _, q := range qs {
		if r, ok := l.PlaceOne(q); ok {
			placed = append(placed, PlacedLabel{q, r})
		} else if q.Counted {
			hidden = append(hidden, q)
		}
	}
	return placed, hidden
}

// PlaceOne finds a free place for one label, takes it and returns it.
func (l *Labels) PlaceOne(q LabelRequest) (image.Rectangle, bool) {
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
