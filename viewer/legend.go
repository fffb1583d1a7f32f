package viewer

import (
	"fmt"
	"image"
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/vector"

	"github.com/cuasim/cuasim/alert"
	"github.com/cuasim/cuasim/coverage"
	"github.com/cuasim/cuasim/scene"
	"github.com/cuasim/cuasim/sensors"
)

// legendEntry is a line of the legend: the symbol as the map draws it,
// centred on (x, y) within 16 pixels, and what it means.
type legendEntry struct {
	draw  func(dst *ebiten.Image, x, y float32)
	label string
}

// legendEntries list every symbol the map draws.
var legendEntries = []legendEntry{
	{func(dst *ebiten.Image, x, y float32) { drawSensorMarker(dst, x, y, sensors.RadarPlot, 0.7) }, "radar (dashed: its coverage; line: its beam)"},
	{func(dst *ebiten.Image, x, y float32) { sprite(dst, scene.SpriteCross, x, y, colRadar) }, "radar plot, fading over 4 s"},
	{func(dst *ebiten.Image, x, y float32) {
		for k := range 6 {
			vector.DrawFilledRect(dst, x-9+float32(k)*3, y-6, 3, 12, withAlpha(color.RGBAModel.Convert(coverage.PdColor(float64(k)/5)).(color.RGBA), pdMapAlpha), false)
		}
	}, "Pd map (6): dark unseen, yellow seen"},
	{func(dst *ebiten.Image, x, y float32) { drawSensorMarker(dst, x, y, sensors.RFBearing, 0.7) }, "RF detector (dashed: its link range)"},
	{func(dst *ebiten.Image, x, y float32) {
		vector.StrokeLine(dst, x-8, y+6, x+8, y-6, 1, withAlpha(colRF, 0.8), false)
	}, "RF bearing"},
	{func(dst *ebiten.Image, x, y float32) { sprite(dst, scene.SpriteDot5, x, y, colDrone) }, "drone (truth)"},
	{func(dst *ebiten.Image, x, y float32) {
		sprite(dst, scene.SpriteDot5, x, y, colSilent)
		sprite(dst, scene.SpriteRing8, x, y, colSilent)
	}, "RF-silent drone (truth)"},
	{func(dst *ebiten.Image, x, y float32) {
		sprite(dst, scene.SpriteDot5, x-5, y, colGroups[0])
		sprite(dst, scene.SpriteDot5, x+5, y, colGroups[0])
	}, "a group: one colour, one label; zoom in for each"},
	{func(dst *ebiten.Image, x, y float32) { sprite(dst, scene.SpriteDot3, x, y, colBird) }, "bird (truth)"},
	{func(dst *ebiten.Image, x, y float32) { sprite(dst, scene.SpriteCross, x, y, colFalse) }, "false alarm (with truth on)"},
	{func(dst *ebiten.Image, x, y float32) {
		vector.StrokeCircle(dst, x, y, 8, 1, withAlpha(colTrack, 0.7), false)
		sprite(dst, scene.SpriteRing6, x, y, colTrack)
		vector.StrokeLine(dst, x, y, x+9, y-5, 1, colTrack, false)
	}, "confirmed track: 2σ ellipse, 10 s lead"},
	{func(dst *ebiten.Image, x, y float32) { sprite(dst, scene.SpriteRing6, x, y, colTentative) }, "tentative track (before M of N)"},
	{func(dst *ebiten.Image, x, y float32) {
		vector.StrokeRect(dst, x-8, y-6, 16, 12, 1.5, colZone, false)
	}, "protected zone"},
	{func(dst *ebiten.Image, x, y float32) {
		strokePolyline(dst, [][2]float32{{x - 9, y + 4}, {x + 9, y - 4}}, 4, colRoad)
		vector.DrawFilledRect(dst, x-4, y-2, 8, 4, colVehicle, false)
	}, "road and convoy vehicle"},
	{func(dst *ebiten.Image, x, y float32) { drawAlertMarker(dst, x, y+1, alert.Warning, 7) }, "alert: the zone outlined, the track in a triangle"},
	{nil, "the alert levels"}, // drawn by drawLegend: a triangle for each
	{func(dst *ebiten.Image, x, y float32) {
		vector.DrawFilledRect(dst, x-9, y-7, 18, 14, color.RGBA{0x08, 0x0c, 0x12, 0xb0}, false)
		drawText(dst, "+3", face(11), x-7, y-7, colText)
	}, "labels left out in a crowd: zoom in"},
}

const (
	legendRowH  = 17
	legendW     = 300
	legendX     = 8
	legendBelow = 44 // room for the message line under the legend
)

// legendFooter is the legend's last line in a window.
const legendFooter = "h fold the legend   k keys   ? help"

// legendTab is the folded legend.
const legendTab = "legend h   keys k   help ?"

// legendRect is the legend's box: the key when the legend layer is on,
// else a one-line tab (none in a still picture).
func legendRect(v *scene.View) image.Rectangle {
	bottom := v.Cam.H - legendBelow
	if !v.Layers.Legend {
		if v.Still {
			return image.Rectangle{}
		}
		w := int(advance(legendTab, face(13), 13)) + 16
		return image.Rect(legendX, bottom-24, legendX+w, bottom)
	}
	rows := len(legendEntries)
	if !v.Still {
		rows++
	}
	return image.Rect(legendX, bottom-rows*legendRowH-12, legendX+legendW, bottom)
}

// keysRect is the box of the keys' panel, right of the legend or above
// its tab; empty when it is closed.
func keysRect(f *scene.Frame, v *scene.View) image.Rectangle {
	if !v.Keys || v.Still {
		return image.Rectangle{}
	}
	lines := keyLines(f, v)
	h := len(lines)*legendRowH + 12
	keysW := 0
	for _, l := range lines {
		keysW = max(keysW, int(advance(l, face(12), 12))+16)
	}
	l := legendRect(v)
	if v.Layers.Legend {
		return image.Rect(l.Max.X+6, l.Max.Y-h, l.Max.X+6+keysW, l.Max.Y)
	}
	return image.Rect(legendX, l.Min.Y-6-h, legendX+keysW, l.Min.Y-6)
}

// legendTop is the top of the panels at the bottom left, for the list of
// alerts above them.
func legendTop(f *scene.Frame, v *scene.View) float32 {
	top := v.Cam.H - legendBelow + 4
	for _, r := range []image.Rectangle{legendRect(v), keysRect(f, v)} {
		if !r.Empty() && r.Min.X < 8+400 { // under the list
			top = min(top, r.Min.Y)
		}
	}
	return float32(top)
}

// keyLines are the keys' panel: the controls and the layers' state.
func keyLines(f *scene.Frame, v *scene.View) []string {
	lines := []string{
		"space pause  . step  +/- speed  j +60 s",
		"r new seed  l/L next/previous layout",
		"m/M n/N the tracker's M of N",
		"c link of this view  ? what the numbers mean",
		"drop a scenario .yaml on the map: run it",
		"wheel zoom  right-drag pan  click select",
		"drag a sensor: move it; s save as a layout",
		"click an alert: its track",
		fmt.Sprintf("1 coverage %s  2 truth %s  3 detections %s", onOff(v.Layers.Coverage), onOff(v.Layers.Truth), onOff(v.Layers.Detections)),
		fmt.Sprintf("4 tracks %s  5 labels %s  h legend  k keys", onOff(v.Layers.Tracks), onOff(v.Layers.Labels)),
		fmt.Sprintf("6 Pd map %s  a/A its altitude  u class  d labels", onOff(v.Layers.PdMap)),
	}
	if f.Replay {
		lines[1] = "a replay: the run cannot change"
		lines = append(lines[:2], lines[3:]...)
	}
	return lines
}

// drawLegend draws the legend — every symbol of the map with its
// meaning, or the tab that unfolds it — and the keys' panel if open.
func drawLegend(dst *ebiten.Image, f *scene.Frame, v *scene.View) {
	r := legendRect(v)
	if !r.Empty() {
		x0, y0 := float32(r.Min.X), float32(r.Min.Y)
		if !v.Layers.Legend {
			panel(dst, x0, y0, float32(r.Dx()), float32(r.Dy()))
			drawText(dst, legendTab, face(13), x0+8, y0+4, colDim)
		} else {
			op := &ebiten.DrawImageOptions{}
			op.GeoM.Translate(float64(x0), float64(y0))
			dst.DrawImage(legendImage(v, r.Dx(), r.Dy()), op)
		}
	}
	if k := keysRect(f, v); !k.Empty() {
		panel(dst, float32(k.Min.X), float32(k.Min.Y), float32(k.Dx()), float32(k.Dy()))
		for i, l := range keyLines(f, v) {
			drawText(dst, l, face(12), float32(k.Min.X)+8, float32(k.Min.Y)+7+float32(i*legendRowH), colText)
		}
	}
}

// legendCache is the unfolded legend, drawn once: its dozens of symbols
// and lines of text cost a millisecond a frame to draw anew.
var legendCache struct {
	img   *ebiten.Image
	still bool
}

// legendImage returns the unfolded legend, w × h, for view v.
func legendImage(v *scene.View, w, h int) *ebiten.Image {
	c := &legendCache
	if c.img != nil && c.still == v.Still && c.img.Bounds().Dx() == w && c.img.Bounds().Dy() == h {
		return c.img
	}
	if c.img != nil {
		c.img.Deallocate()
	}
	c.img, c.still = ebiten.NewImage(w, h), v.Still
	dst := c.img
	panel(dst, 0, 0, float32(w), float32(h))
	fc := face(12)
	y := float32(6)
	for _, e := range legendEntries {
		cy := y + legendRowH/2
		if e.draw != nil {
			e.draw(dst, 16, cy)
			drawText(dst, e.label, fc, 32, y+1, colText)
		} else {
			drawLegendAlerts(dst, 0, y, cy)
		}
		y += legendRowH
	}
	if !v.Still {
		drawText(dst, legendFooter, fc, 8, y+1, colDim)
	}
	return dst
}

// drawLegendAlerts is the alerts' line: a triangle per level, as drawn
// round an alerting track (thicker, then filled, as the level rises), and
// the level's name in its colour, which the zone's outline takes too.
func drawLegendAlerts(dst *ebiten.Image, x0, y, cy float32) {
	fc := face(12)
	x := x0 + 16
	for _, lv := range []alert.Level{alert.Advisory, alert.Warning, alert.Critical} {
		drawAlertMarker(dst, x, cy+1, lv, 7)
		drawText(dst, lv.String(), fc, x+10, y+1, levelColor(lv))
		x += 10 + advance(lv.String(), fc, 12) + 18
	}
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}
