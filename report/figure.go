package report

import (
	"bytes"
	"image/color"
	"io"

	xfont "golang.org/x/image/font"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Figure is one picture of a comparison: drawn on demand, as PNG or SVG.
type Figure struct {
	// Name is the file name without extension: tradeoff, warning,
	// false-alerts or layouts.
	Name string
	// Title is a one-line description, the image's alternative text.
	Title string
	// Width and Height are the picture's size.
	Width, Height vg.Length

	draw func(c draw.Canvas)
}

// PNGDPI is the resolution of the PNG files: twice a screen's 96 dots per
// inch, sharp on high-density screens and on paper.
const PNGDPI = 192

// pngDPI is the resolution WritePNG draws at: PNGDPI, except in tests,
// which draw many figures under the race detector, where rasterising
// costs twenty times what it costs outside it.
var pngDPI = PNGDPI

// WritePNG draws the figure as a PNG image at PNGDPI.
func (f *Figure) WritePNG(w io.Writer) error {
	c := vgimg.NewWith(vgimg.UseWH(f.Width, f.Height), vgimg.UseDPI(pngDPI), vgimg.UseBackgroundColor(color.White))
	f.draw(draw.New(c))
	_, err := vgimg.PngCanvas{Canvas: c}.WriteTo(w)
	return err
}

// WriteSVG draws the figure as an SVG document. Text is set in Liberation
// Sans, which is metric-compatible with Arial: where Liberation Sans is not
// installed, Arial or Helvetica takes its place with the same widths, so
// labels stay where they were placed.
func (f *Figure) WriteSVG(w io.Writer) error {
	c := vgsvg.New(f.Width, f.Height)
	dc := draw.New(c)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	f.draw(dc)
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return err
	}
	out := bytes.ReplaceAll(b.Bytes(), []byte("font-family:Liberation Sans;"),
		[]byte("font-family:'Liberation Sans',Arimo,Arial,Helvetica,sans-serif;"))
	_, err := w.Write(out)
	return err
}

// The style of every figure: Liberation Sans at sizes legible when a
// 10-inch figure is shown 900 pixels wide.
var (
	sans = font.Font{Typeface: "Liberation", Variant: "Sans"}
	bold = font.Font{Typeface: "Liberation", Variant: "Sans", Weight: xfont.WeightBold}

	titleSize  = vg.Points(13)
	labelSize  = vg.Points(11.5)
	tickSize   = vg.Points(10.5)
	legendSize = vg.Points(10.5)
	noteSize   = vg.Points(9.5)
)

// textStyle returns a text style in the figures' font.
func textStyle(size vg.Length, c color.Color) text.Style {
	return text.Style{Color: c, Font: font.From(sans, size), Handler: plot.DefaultTextHandler}
}

// newPlot returns a plot in the figures' style: sans-serif text, a light
// grid, no legend (figures draw their own, outside the data).
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(bold, labelSize)
	p.Title.Padding = vg.Points(6)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		// Only the font: the axes set the alignment of their texts.
		a.Label.TextStyle.Font = font.From(sans, labelSize)
		a.Tick.Label.Font = font.From(sans, tickSize)
		a.Label.Padding = vg.Points(4)
		a.Padding = vg.Points(2)
	}
	p.X.Label.Text, p.Y.Label.Text = xlabel, ylabel
	p.Legend = plot.NewLegend()
	p.Legend.TextStyle = textStyle(legendSize, color.Black)
	g := newGrid()
	p.Add(g)
	return p
}

// Palette: Okabe and Ito's colours, distinguishable with the common colour
// vision deficiencies; layouts also differ in marker and dash, so a figure
// printed in grey still tells them apart.
var palette = []color.RGBA{
	{0x00, 0x72, 0xb2, 0xff}, // blue
	{0xe6, 0x9f, 0x00, 0xff}, // orange
	{0x00, 0x9e, 0x73, 0xff}, // bluish green
	{0xd5, 0x5e, 0x00, 0xff}, // vermilion
	{0xcc, 0x79, 0xa7, 0xff}, // reddish purple
	{0x56, 0xb4, 0xe9, 0xff}, // sky blue
	{0x00, 0x00, 0x00, 0xff}, // black
}

var glyphs = []draw.GlyphDrawer{
	draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.PyramidGlyph{},
	draw.BoxGlyph{}, draw.RingGlyph{}, draw.CrossGlyph{},
}

var dashes = [][]vg.Length{
	nil,
	{vg.Points(6), vg.Points(3)},
	{vg.Points(2), vg.Points(2)},
	{vg.Points(8), vg.Points(3), vg.Points(2), vg.Points(3)},
}

// layoutStyle is how layout i is drawn in every figure.
type layoutStyle struct {
	color color.RGBA
	glyph draw.GlyphDrawer
	dash  []vg.Length
}

func styleOf(i int) layoutStyle {
	return layoutStyle{palette[i%len(palette)], glyphs[i%len(glyphs)], dashes[i%len(dashes)]}
}

func (s layoutStyle) line(width vg.Length) draw.LineStyle {
	return draw.LineStyle{Color: s.color, Width: width, Dashes: s.dash}
}

func (s layoutStyle) glyphStyle(r vg.Length) draw.GlyphStyle {
	return draw.GlyphStyle{Color: s.color, Radius: r, Shape: s.glyph}
}

// fade returns c with the given opacity.
func fade(c color.RGBA, alpha float64) color.NRGBA {
	return color.NRGBA{c.R, c.G, c.B, uint8(alpha * 255)}
}

var (
	grey      = color.RGBA{0x6b, 0x72, 0x80, 0xff}
	lightGrey = color.RGBA{0xe3, 0xe6, 0xea, 0xff}
	budgetRed = color.RGBA{0xc0, 0x1c, 0x28, 0xff}
)

// newGrid returns a light grid at the major ticks.
func newGrid() *plotter.Grid {
	g := plotter.NewGrid()
	g.Vertical = draw.LineStyle{Color: lightGrey, Width: vg.Points(0.6)}
	g.Horizontal = g.Vertical
	return g
}
