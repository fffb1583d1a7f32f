package report

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendEntry is one entry of a figure's legend: a sample of how something
// is drawn and what it means.
type legendEntry struct {
	text   string
	thumbs []plot.Thumbnailer
}

// legendStrip lays out legend entries in rows across a figure, under or
// over its plots, instead of over their data.
type legendStrip struct {
	entries []legendEntry
	sty     text.Style
}

func newLegendStrip() *legendStrip {
	return &legendStrip{sty: textStyle(legendSize, nil)}
}

func (l *legendStrip) add(s string, thumbs ...plot.Thumbnailer) {
	l.entries = append(l.entries, legendEntry{s, thumbs})
}

var (
	thumbW   = vg.Points(24)
	thumbGap = vg.Points(5)
	entryGap = vg.Points(16)
)

// rows splits the entries into rows no wider than width.
func (l *legendStrip) rows(width vg.Length) [][]legendEntry {
	var rows [][]legendEntry
	var row []legendEntry
	var x vg.Length
	for _, e := range l.entries {
		w := l.entryWidth(e)
		if len(row) > 0 && x+w > width {
			rows = append(rows, row)
			row, x = nil, 0
		}
		row = append(row, e)
		x += w + entryGap
	}
	if len(row) > 0 {
		rows = append(rows, row)
	}
	return rows
}

// entryWidth is an entry's width, with room for the text to grow by an
// eighth: an SVG viewer without Liberation Sans or Arial draws it in a
// wider font.
func (l *legendStrip) entryWidth(e legendEntry) vg.Length {
	return thumbW + thumbGap + l.sty.Rectangle(e.text).Size().X*1.125
}

func (l *legendStrip) rowHeight() vg.Length { return l.sty.Rectangle("Mg").Size().Y * 1.5 }

// height returns the strip's height when it is width wide.
func (l *legendStrip) height(width vg.Length) vg.Length {
	return legendPad + vg.Length(len(l.rows(width)))*l.rowHeight() + vg.Points(4)
}

// legendPad separates the strip from the plots over it.
var legendPad = vg.Points(8)

// draw draws the strip in c, each row centred.
func (l *legendStrip) draw(c draw.Canvas) {
	rows := l.rows(c.Size().X)
	rh := l.rowHeight()
	y := c.Max.Y - legendPad - rh
	sty := l.sty
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YCenter
	for _, row := range rows {
		var w vg.Length
		for i, e := range row {
			if i > 0 {
				w += entryGap
			}
			w += l.entryWidth(e)
		}
		x := c.Center().X - w/2
		for _, e := range row {
			box := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
				Min: vg.Point{X: x, Y: y + rh*0.15}, Max: vg.Point{X: x + thumbW, Y: y + rh*0.85}}}
			for _, t := range e.thumbs {
				t.Thumbnail(&box)
			}
			c.FillText(sty, vg.Point{X: x + thumbW + thumbGap, Y: y + rh/2}, e.text)
			x += l.entryWidth(e) + entryGap
		}
		y -= rh
	}
}

// thumbFunc is a legend sample drawn by a function.
type thumbFunc func(c *draw.Canvas)

// Thumbnail implements plot.Thumbnailer.
func (f thumbFunc) Thumbnail(c *draw.Canvas) { f(c) }

// lineThumb is a horizontal line across the sample.
func lineThumb(ls draw.LineStyle) plot.Thumbnailer {
	return thumbFunc(func(c *draw.Canvas) {
		y := c.Center().Y
		c.StrokeLine2(ls, c.Min.X, y, c.Max.X, y)
	})
}

// glyphThumb is a marker in the middle of the sample.
func glyphThumb(gs draw.GlyphStyle) plot.Thumbnailer {
	return thumbFunc(func(c *draw.Canvas) { c.DrawGlyph(gs, c.Center()) })
}

// boxThumb is a filled, optionally outlined box.
func boxThumb(fill color.Color, outline draw.LineStyle) plot.Thumbnailer {
	return thumbFunc(func(c *draw.Canvas) {
		r := vg.Rectangle{Min: vg.Point{X: c.Min.X + c.Size().X*0.15, Y: c.Min.Y}, Max: vg.Point{X: c.Max.X - c.Size().X*0.15, Y: c.Max.Y}}
		if fill != nil {
			c.SetColor(fill)
			c.Fill(r.Path())
		}
		if outline.Color != nil {
			c.SetLineStyle(outline)
			c.Stroke(r.Path())
		}
	})
}
