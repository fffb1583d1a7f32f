package report

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// figureWidth is the width of every figure: it fills a laptop's page at
// 900-1000 pixels, and an A4 or Letter page in print.
const figureWidth = 10 * vg.Inch

// panels lays out plots as a figure: a title, the plots in a grid of cols
// columns, each panelH high, and a legend strip under them. fit, if set,
// is called with each plot and the canvas it will be drawn in, before it
// is drawn (the layout map sets its ranges there for equal aspect).
type panels struct {
	name, title string
	plots       []*plot.Plot
	cols        int
	panelH      vg.Length
	legend      *legendStrip
	fit         func(i int, p *plot.Plot, c draw.Canvas)
}

var (
	titleH   = vg.Points(24)
	margin   = vg.Points(8)
	panelGap = vg.Points(14)
)

func (ps *panels) figure() *Figure {
	cols := max(1, min(ps.cols, len(ps.plots)))
	rows := (len(ps.plots) + cols - 1) / cols
	inner := figureWidth - 2*margin
	legendH := vg.Length(0)
	// The legend goes in the grid's empty last cell when there is one and
	// it fits, else under the grid.
	tileW := (inner - vg.Length(cols-1)*panelGap) / vg.Length(cols)
	inSlot := false
	if ps.legend != nil && len(ps.legend.entries) > 0 {
		if rows*cols > len(ps.plots) && ps.legend.height(tileW-2*panelGap) < ps.panelH*0.8 {
			inSlot = true
		} else {
			legendH = ps.legend.height(inner)
		}
	}
	h := margin + titleH + vg.Length(rows)*ps.panelH + vg.Length(rows-1)*panelGap + legendH + margin
	return &Figure{Name: ps.name, Title: ps.title, Width: figureWidth, Height: h, draw: func(c draw.Canvas) {
		c = draw.Crop(c, margin, -margin, margin, -margin)
		sty := textStyle(titleSize, color.Black)
		sty.Font.Typeface, sty.Font.Variant, sty.Font.Weight = bold.Typeface, bold.Variant, bold.Weight
		sty.XAlign, sty.YAlign = draw.XCenter, draw.YTop
		c.FillText(sty, vg.Point{X: c.Center().X, Y: c.Max.Y}, ps.title)
		body := draw.Crop(c, 0, 0, legendH, -titleH)
		if legendH > 0 {
			ps.legend.draw(draw.Crop(c, 0, 0, 0, -(c.Size().Y - legendH)))
		}
		grid := make([][]*plot.Plot, rows)
		for r := range rows {
			grid[r] = make([]*plot.Plot, cols)
			for k := range cols {
				if i := r*cols + k; i < len(ps.plots) {
					grid[r][k] = ps.plots[i]
				}
			}
		}
		tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: panelGap, PadY: panelGap}
		if inSlot {
			slot := tiles.At(body, cols-1, rows-1)
			ps.legend.draw(draw.Crop(slot, panelGap, -panelGap, 0, -panelGap))
		}
		canvases := plot.Align(grid, tiles, body)
		for r := range rows {
			for k := range cols {
				i := r*cols + k
				if i >= len(ps.plots) {
					continue
				}
				if ps.fit != nil {
					ps.fit(i, ps.plots[i], canvases[r][k])
				}
				ps.plots[i].Draw(canvases[r][k])
			}
		}
	}}
}

// panelHeight is the height of a figure's panels: one alone, or two or
// more side by side.
func panelHeight(cols int, one, several vg.Length) vg.Length {
	if cols > 1 {
		return several
	}
	return one
}
