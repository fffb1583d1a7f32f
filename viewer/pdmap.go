package viewer

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"

	"github.com/cuasim/cuasim/coverage"
	"github.com/cuasim/cuasim/scene"
)

// pdMapAlpha is the opacity of the Pd map over the background: the site
// and the grid show through it.
const pdMapAlpha = 0.6

// pdMapCache is the last coverage grid drawn as an image: a grid changes
// when the layout, a sensor or the altitude does, not every frame.
var pdMapCache struct {
	g      *coverage.Grid
	labels bool
	img    *ebiten.Image
}

// pdMapValues are the probabilities the layer shows of grid g: where a
// drone is labelled (v.LabelMap) or detected.
func pdMapValues(g *coverage.Grid, v *scene.View) []float64 {
	if v.LabelMap {
		return g.Layers[0].LabelPd
	}
	return g.Layers[0].Pd
}

func pdMapImage(g *coverage.Grid, v *scene.View) *ebiten.Image {
	c := &pdMapCache
	if c.g != g || c.labels != v.LabelMap {
		if c.img != nil {
			c.img.Deallocate()
		}
		c.g, c.labels, c.img = g, v.LabelMap, ebiten.NewImageFromImage(g.ImageOf(pdMapValues(g, v)))
	}
	return c.img
}

// drawPdMap draws the pdmap layer: the coverage map of the frame's sensors
// at the view's altitude (scene.PdMap, computed off the draw path) under
// the site, and its floor's contour (drawPdMapCaption its caption).
func drawPdMap(dst *ebiten.Image, f *scene.Frame, v *scene.View) {
	if v.PdMap == nil {
		return
	}
	alt := v.PdMapAltitudeM()
	g, _, _ := v.PdMap.Grid(f, alt)
	if g != nil {
		c := v.Cam
		x0, y0 := c.ToScreen(g.Box.MinEastM, g.Box.MaxNorthM)
		op := &ebiten.DrawImageOptions{}
		op.GeoM.Scale(g.CellM/c.MPerPx, g.CellM/c.MPerPx)
		op.GeoM.Translate(float64(x0), float64(y0))
		op.ColorScale.ScaleAlpha(pdMapAlpha)
		dst.DrawImage(pdMapImage(g, v), op)
		m := lines()
		for _, s := range g.EdgesUnder(pdMapValues(g, v), g.FloorPd) {
			xa, ya := c.ToScreen(s.E0, s.N0)
			xb, yb := c.ToScreen(s.E1, s.N1)
			m.Line(xa, ya, xb, yb, 1, withAlpha(colText, 0.8))
		}
		drawMesh(dst, m)
	}
}

// drawPdMapCaption draws the pdmap layer's caption at the top right,
// over the map's markers like the other panels.
func drawPdMapCaption(dst *ebiten.Image, f *scene.Frame, v *scene.View, tips *hotspots) {
	if v.PdMap == nil {
		return
	}
	alt := v.PdMapAltitudeM()
	g, current, err := v.PdMap.Grid(f, alt)
	line := pdMapCaption(g, alt, current, err, v)
	r := pdMapCaptionRect(line, v)
	panel(dst, float32(r.Min.X), float32(r.Min.Y), float32(r.Dx()), float32(r.Dy()))
	drawLine(dst, line, 13, float32(r.Min.X)+8, float32(r.Min.Y)+5, colText, v, tips)
}

// pdMapCaption is the caption of the map g (nil before the first) at
// altitude altM, or the error that stopped it.
func pdMapCaption(g *coverage.Grid, altM float64, current bool, err error, v *scene.View) scene.Line {
	if err != nil {
		return scene.Line{scene.Words("Pd map: "), scene.Name(err.Error())}
	}
	if v.LabelMap {
		return scene.LabelMapLine(g, altM, current)
	}
	return scene.PdMapLine(g, altM, current)
}

// pdMapCaptionRect is the box of the Pd map's caption: at the top, left
// of the north arrow.
func pdMapCaptionRect(line scene.Line, v *scene.View) image.Rectangle {
	w := int(advance(line.String(), face(13), 13)) + 16
	x1 := v.Cam.W - 60
	return image.Rect(x1-w, 8, x1, 34)
}
