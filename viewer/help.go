package viewer

import (
	"fmt"
	"image"
	"image/color"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"github.com/cuasim/cuasim/scene"
)

// The viewer explains itself: every number a panel draws is a field of a
// scene.Line naming its explanation (scene.Explanations). Hovering over
// one shows its explanation in a tooltip; the ? key opens the help
// overlay, which lists them all, panel by panel.

// hotspots finds the field of the panels under the pointer while they are
// drawn: the quantity hovered and its box on screen.
type hotspots struct {
	term, text     string
	x0, y0, x1, y1 float32
}

// drawLine draws a panel's line at (x, y) in the face of the given size
// and, when the pointer is over one of its quantities, notes it in tips.
func drawLine(dst *ebiten.Image, l scene.Line, size float64, x, y float32, col color.Color, v *scene.View, tips *hotspots) {
	fc := face(size)
	drawText(dst, l.String(), fc, x, y, col)
	if !v.Hovering || tips == nil {
		return
	}
	px, py := float32(v.PointerX), float32(v.PointerY)
	if py < y || py > y+float32(size)+4 {
		return
	}
	prefix := ""
	for _, f := range l {
		x0 := x + advance(prefix, fc, size)
		prefix += f.Text
		x1 := x + advance(prefix, fc, size)
		if f.Term != "" && px >= x0 && px <= x1 {
			*tips = hotspots{f.Term, f.Text, x0, y, x1, y + float32(size) + 3}
			return
		}
	}
}

// tipWidth is the widest a tooltip gets, pixels.
const tipWidth = 440

// drawTip draws the explanation of the quantity under the pointer, if
// any: the quantity underlined, and a box by the pointer with its name,
// unit and meaning.
func (h *hotspots) drawTip(dst *ebiten.Image, v *scene.View) {
	if h.term == "" {
		return
	}
	e, ok := scene.Explain(h.term)
	if !ok {
		return // a test holds every term to an explanation
	}
	vector.StrokeLine(dst, h.x0, h.y1, h.x1, h.y1, 1, colSelect, false)
	fc := face(13)
	lines := wrap(e.Tip(h.text), fc, 13, tipWidth)
	w := float32(0)
	for _, l := range lines {
		w = max(w, advance(l, fc, 13))
	}
	bw, bh := w+16, float32(len(lines))*17+10
	x, y := float32(v.PointerX)+14, float32(v.PointerY)+18
	x = max(4, min(x, float32(v.Cam.W)-bw-4))
	if y+bh > float32(v.Cam.H)-4 {
		y = float32(v.PointerY) - bh - 8
	}
	vector.DrawFilledRect(dst, x, y, bw, bh, color.RGBA{0x08, 0x0c, 0x12, 0xf0}, false)
	vector.StrokeRect(dst, x, y, bw, bh, 1, colSelect, false)
	for i, l := range lines {
		drawText(dst, l, fc, x+8, y+5+float32(i)*17, colText)
	}
}

// wrap breaks s into lines no wider than w pixels, at spaces.
func wrap(s string, fc *text.GoTextFace, size float64, w float32) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if line != "" && advance(try, fc, size) > w {
			lines = append(lines, line)
			try = word
		}
		line = try
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// The help overlay's geometry, pixels.
const (
	helpMargin  = 24
	helpRowH    = 17
	helpColMinW = 420
	helpGap     = 20
)

// helpBlock is a heading or an explanation of the overlay: its lines,
// kept together in one column.
type helpBlock struct {
	rows [][]helpText
}

type helpText struct {
	s   string
	col color.RGBA
	dx  float32
}

// helpPages lays the explanations out in columns of width colW, as many
// as fit across a w × h screen, and the columns in pages.
func helpPages(w, h int) (pages [][][]helpBlock, colW float32) {
	fc := face(13)
	areaW := float32(w - 2*helpMargin - 16)
	cols := max(1, int((areaW+helpGap)/(helpColMinW+helpGap)))
	colW = (areaW - float32(cols-1)*helpGap) / float32(cols)
	rows := max(4, (h-2*helpMargin-2*34)/helpRowH)
	var blocks []helpBlock
	for _, p := range scene.Panels {
		blocks = append(blocks, helpBlock{[][]helpText{{{strings.ToUpper(p[:1]) + p[1:], colSelect, 0}}}})
		for _, e := range scene.Explanations() {
			if e.Panel != p {
				continue
			}
			// The name and unit lead the first line, in the accent colour.
			head := e.Name + " (" + e.Unit + "):"
			text := head + " " + e.Text
			if e.Lesson > 0 {
				text += fmt.Sprintf(" (lesson %d)", e.Lesson)
			}
			b := helpBlock{}
			for i, l := range wrap(text, fc, 13, colW-24) {
				if i > 0 {
					b.rows = append(b.rows, []helpText{{l, colText, 24}})
					continue
				}
				rest := strings.TrimPrefix(l, head)
				b.rows = append(b.rows, []helpText{{head, colVehicle, 8}, {rest, colText, 8 + advance(head, fc, 13)}})
			}
			blocks = append(blocks, b)
		}
	}
	var page [][]helpBlock
	var col []helpBlock
	used := 0
	for i, b := range blocks {
		n := len(b.rows)
		heading := i+1 < len(blocks) && b.rows[0][0].dx == 0
		need := n
		if heading { // keep a heading with its first entry
			need += len(blocks[i+1].rows)
		}
		if used > 0 && used+need > rows {
			page = append(page, col)
			col, used = nil, 0
			if len(page) == cols {
				pages = append(pages, page)
				page = nil
			}
		}
		col = append(col, b)
		used += n
	}
	page = append(page, col)
	return append(pages, page), colW
}

// drawHelp draws the help overlay: what every number of the panels
// means, with its unit and the lesson of the course that teaches it.
func drawHelp(dst *ebiten.Image, v *scene.View) {
	w, h := v.Cam.W, v.Cam.H
	pages, colW := helpPages(w, h)
	n := len(pages)
	p := ((v.HelpPage % n) + n) % n
	x0, y0 := float32(helpMargin), float32(helpMargin)
	bw, bh := float32(w-2*helpMargin), float32(h-2*helpMargin)
	vector.DrawFilledRect(dst, x0, y0, bw, bh, color.RGBA{0x08, 0x0c, 0x12, 0xff}, false)
	vector.StrokeRect(dst, x0, y0, bw, bh, 1, colDim, false)
	drawText(dst, "What the numbers mean", face(16), x0+12, y0+8, colText)
	if sub := "hover over a number in a panel to see its line alone; the course: docs/course"; 220+advance(sub, face(13), 13) < bw {
		drawText(dst, sub, face(13), x0+220, y0+11, colDim)
	}
	fc := face(13)
	for c, col := range pages[p] {
		x := x0 + 8 + float32(c)*(colW+helpGap)
		y := y0 + 38
		for _, b := range col {
			for _, r := range b.rows {
				for _, t := range r {
					drawText(dst, t.s, fc, x+t.dx, y, t.col)
				}
				y += helpRowH
			}
		}
	}
	foot := "? or esc or a click closes"
	if n > 1 {
		foot = fmt.Sprintf("page %d of %d: ← → turn   ? or esc or a click closes", p+1, n)
	}
	if v.Still {
		foot = ""
		if n > 1 {
			foot = fmt.Sprintf("page %d of %d", p+1, n)
		}
	}
	drawText(dst, foot, fc, x0+12, y0+bh-24, colDim)
}

// lessonW is the lesson panel's width at most, pixels.
const lessonW = 470

// lessonPanel lays out the panel of lesson mode v.Lesson: its box, at
// the bottom right above the scale bar, and its lines.
func lessonPanel(v *scene.View) (r image.Rectangle, lines []helpText) {
	lm, ok := scene.Lesson(v.Lesson)
	if !ok {
		return image.Rectangle{}, nil
	}
	fc := face(13)
	w := float32(min(lessonW, v.Cam.W-32))
	lines = append(lines, helpText{fmt.Sprintf("Lesson %d: %s", lm.Lesson, lm.Title), colSelect, 0})
	for _, l := range wrap(lm.Question, fc, 13, w-16) {
		lines = append(lines, helpText{l, colText, 0})
	}
	for _, t := range lm.Try {
		for i, l := range wrap(t, fc, 13, w-30) {
			s := "  " + l
			if i == 0 {
				s = "• " + l
			}
			lines = append(lines, helpText{s, colVehicle, 6})
		}
	}
	foot := "docs/course/" + lm.File
	if !v.Still {
		foot += "   ? the numbers   esc close"
	}
	lines = append(lines, helpText{foot, colDim, 0})
	h := len(lines)*helpRowH + 10
	x1, y1 := v.Cam.W-8, v.Cam.H-58 // above the scale bar
	return image.Rect(x1-int(w), y1-h, x1, y1), lines
}

// drawLesson draws the lesson panel, if a lesson is open.
func drawLesson(dst *ebiten.Image, v *scene.View) {
	r, lines := lessonPanel(v)
	if r.Empty() {
		return
	}
	x, y := float32(r.Min.X), float32(r.Min.Y)
	vector.DrawFilledRect(dst, x, y, float32(r.Dx()), float32(r.Dy()), color.RGBA{0x08, 0x0c, 0x12, 0xe8}, false)
	vector.StrokeRect(dst, x, y, float32(r.Dx()), float32(r.Dy()), 1, colSelect, false)
	fc := face(13)
	for i, l := range lines {
		drawText(dst, l.s, fc, x+8+l.dx, y+5+float32(i*helpRowH), l.col)
	}
}
