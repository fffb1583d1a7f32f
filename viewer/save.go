package viewer

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"github.com/cuasim/cuasim/scene"
)

// Downloader is a Host that cannot write files but can hand one to the
// user: the web page, which offers it as a download.
type Downloader interface {
	// Download offers data as a file named name.
	Download(name string, data []byte)
}

// openSave opens the prompt for saving the dragged sensors as a layout
// (the s key).
func (g *Game) openSave() {
	s, ok := g.S.(*scene.Session)
	if !ok {
		g.V.Message = "a replay cannot be saved as a layout: it plays a recording"
		return
	}
	_, download := g.Host.(Downloader)
	p, err := scene.NewSaveLayout(s, g.Scenario, g.dropped != "" && g.dropped == g.Scenario, download, g.downloaded)
	if err != nil {
		g.V.Message = err.Error()
		return
	}
	g.V.Save, g.V.Message = p, ""
}

// saveKeys is the keyboard while the save prompt is open: what is typed
// goes into its field; enter saves, tab changes field, esc closes.
func (g *Game) saveKeys() {
	p := g.V.Save
	p.Type(ebiten.AppendInputChars(nil)...)
	if repeat(ebiten.KeyBackspace) {
		p.Backspace()
	}
	switch {
	case inpututil.IsKeyJustPressed(ebiten.KeyEscape):
		g.V.Save, g.V.Message = nil, "nothing saved"
	case inpututil.IsKeyJustPressed(ebiten.KeyTab):
		p.NextField()
	case inpututil.IsKeyJustPressed(ebiten.KeyEnter), inpututil.IsKeyJustPressed(ebiten.KeyNumpadEnter):
		msg, data, err := p.Save()
		if err != nil {
			return // the prompt shows the problem
		}
		if d, ok := g.Host.(Downloader); ok && data != nil {
			d.Download(p.Path, data)
			g.downloaded = data // the next download adds to this one
		}
		g.V.Save, g.V.Message = nil, msg
	}
}

// repeat reports a key just pressed, or held long enough to repeat.
func repeat(k ebiten.Key) bool {
	d := inpututil.KeyPressDuration(k)
	return d == 1 || d > 30 && d%3 == 0
}

// saveBoxW is the save prompt's width at most, pixels.
const saveBoxW = 620

// drawSave draws the save prompt, centred: the two fields, the field
// typed into outlined with a cursor, what saving does, the last problem
// and the keys.
func drawSave(dst *ebiten.Image, v *scene.View) {
	p := v.Save
	if p == nil {
		return
	}
	fc := face(14)
	w := float32(min(saveBoxW, v.Cam.W-32))
	note := append(wrap(p.Moves, face(13), 13, w-24), wrap(p.Note, face(13), 13, w-24)...)
	moves := len(note) - len(wrap(p.Note, face(13), 13, w-24))
	problem := wrap(p.Problem, face(13), 13, w-24)
	h := float32(44+2*30+8) + float32(len(note)+len(problem))*helpRowH + 28
	x, y := (float32(v.Cam.W)-w)/2, float32(math.Max(60, float64((float32(v.Cam.H)-h)/3)))
	vector.DrawFilledRect(dst, x, y, w, h, color.RGBA{0x08, 0x0c, 0x12, 0xf4}, false)
	vector.StrokeRect(dst, x, y, w, h, 1, colSelect, false)
	drawText(dst, "Save the sensors as a layout of the scenario", face(16), x+12, y+10, colText)
	label := "file"
	if p.Download {
		label = "download"
	}
	fy := y + 44
	for i, fld := range []struct{ label, value string }{{"name", p.Name}, {label, p.Path}} {
		lx := x + 12
		drawText(dst, fld.label, fc, lx, fy+4, colDim)
		bx, bw := x+90, w-102
		active := i == p.Field
		vector.DrawFilledRect(dst, bx, fy, bw, 24, colBackground, false)
		edge := colDim
		if active {
			edge = colSelect
		}
		vector.StrokeRect(dst, bx, fy, bw, 24, 1, edge, false)
		shown := fld.value
		for shown != "" && advance(shown, fc, 14) > bw-16 { // the end, where one types
			shown = string([]rune(shown)[1:])
		}
		drawText(dst, shown, fc, bx+6, fy+4, colText)
		if active {
			cx := bx + 7 + advance(shown, fc, 14)
			vector.StrokeLine(dst, cx, fy+4, cx, fy+20, 1, colSelect, false)
		}
		fy += 30
	}
	fy += 8
	for i, l := range note {
		col := colDim
		if i < moves {
			col = colText
		}
		drawText(dst, l, face(13), x+12, fy, col)
		fy += helpRowH
	}
	for _, l := range problem {
		drawText(dst, l, face(13), x+12, fy, colWarning)
		fy += helpRowH
	}
	keys := "enter save   tab name / file   esc cancel"
	if p.Download {
		keys = "enter download   esc cancel"
	}
	if p.Replace != "" && p.Replace == p.Name {
		keys = fmt.Sprintf("enter replaces layout %s   esc cancel", p.Name)
	}
	drawText(dst, keys, face(13), x+12, y+h-24, colSelect)
}
