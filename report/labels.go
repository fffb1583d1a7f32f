package report

import (
	"math"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// placer puts text labels where they overlap neither each other nor what
// was marked taken (markers, lines, other text), trying candidate places
// in a fixed order: the result depends only on the order of the calls.
type placer struct {
	bounds vg.Rectangle
	taken  []vg.Rectangle
}

// block marks a rectangle as taken.
func (pl *placer) block(r vg.Rectangle) { pl.taken = append(pl.taken, r) }

// blockPoint marks a square of half-side r about p as taken.
func (pl *placer) blockPoint(p vg.Point, r vg.Length) {
	pl.block(vg.Rectangle{Min: vg.Point{X: p.X - r, Y: p.Y - r}, Max: vg.Point{X: p.X + r, Y: p.Y + r}})
}

// blockLine marks a polyline as taken, as squares of half-side r every 2r
// along it.
func (pl *placer) blockLine(pts []vg.Point, r vg.Length) {
	for i := 1; i < len(pts); i++ {
		a, b := pts[i-1], pts[i]
		n := int(math.Ceil(math.Hypot(float64(b.X-a.X), float64(b.Y-a.Y)) / float64(2*r)))
		for k := 0; k <= n; k++ {
			f := vg.Length(k) / vg.Length(max(n, 1))
			pl.blockPoint(vg.Point{X: a.X + f*(b.X-a.X), Y: a.Y + f*(b.Y-a.Y)}, r)
		}
	}
}

// size returns the box of s in sty, and its rectangle relative to the point
// it is drawn at, left and bottom aligned.
func size(sty text.Style, s string) (w, h vg.Length, r vg.Rectangle) {
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YBottom
	r = sty.Rectangle(s)
	return r.Max.X - r.Min.X, r.Max.Y - r.Min.Y, r
}

// place puts s next to the point p, gap away from it: right, above, below,
// left, the diagonals, then the same twice as far. It draws s at the first
// free place and returns true; when none is free it draws nothing and
// returns false, unless force is set: then it draws s where it overlaps
// least.
func (pl *placer) place(c draw.Canvas, sty text.Style, p vg.Point, gap vg.Length, s string, force bool) bool {
	w, h, _ := size(sty, s)
	var lls []vg.Point
	for _, g := range []vg.Length{gap, 2 * gap} {
		d := g * 0.7
		lls = append(lls,
			vg.Point{X: p.X + g, Y: p.Y - h/2},
			vg.Point{X: p.X - w/2, Y: p.Y + g},
			vg.Point{X: p.X - w/2, Y: p.Y - g - h},
			vg.Point{X: p.X - g - w, Y: p.Y - h/2},
			vg.Point{X: p.X + d, Y: p.Y + d},
			vg.Point{X: p.X + d, Y: p.Y - d - h},
			vg.Point{X: p.X - d - w, Y: p.Y + d},
			vg.Point{X: p.X - d - w, Y: p.Y - d - h})
	}
	return pl.placeAt(c, sty, lls, s, force)
}

// placeAt puts s with its lower-left corner at the first of lls where it
// is free and inside the bounds; see place for force.
func (pl *placer) placeAt(c draw.Canvas, sty text.Style, lls []vg.Point, s string, force bool) bool {
	w, h, r := size(sty, s)
	best, bestArea := -1, vg.Length(math.Inf(1))
	for i, ll := range lls {
		box := vg.Rectangle{Min: ll, Max: vg.Point{X: ll.X + w, Y: ll.Y + h}}
		if !inside(box, pl.bounds) {
			continue
		}
		var area vg.Length
		for _, t := range pl.taken {
			area += overlapArea(box, t)
		}
		if area == 0 {
			pl.draw(c, sty, box, r, s)
			return true
		}
		if area < bestArea {
			best, bestArea = i, area
		}
	}
	if force && best >= 0 {
		ll := lls[best]
		pl.draw(c, sty, vg.Rectangle{Min: ll, Max: vg.Point{X: ll.X + w, Y: ll.Y + h}}, r, s)
		return true
	}
	return false
}

// draw draws s so that its rectangle r (relative to the point of drawing)
// fills box, and marks the box taken.
func (pl *placer) draw(c draw.Canvas, sty text.Style, box, r vg.Rectangle, s string) {
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YBottom
	c.FillText(sty, vg.Point{X: box.Min.X - r.Min.X, Y: box.Min.Y - r.Min.Y}, s)
	pl.block(box)
}

func inside(a, b vg.Rectangle) bool {
	return a.Min.X >= b.Min.X && a.Max.X <= b.Max.X && a.Min.Y >= b.Min.Y && a.Max.Y <= b.Max.Y
}

// overlapArea returns the area two rectangles share.
func overlapArea(a, b vg.Rectangle) vg.Length {
	w := min(a.Max.X, b.Max.X) - max(a.Min.X, b.Min.X)
	h := min(a.Max.Y, b.Max.Y) - max(a.Min.Y, b.Min.Y)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}
