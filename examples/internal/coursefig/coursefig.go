// Package coursefig draws the figures of the course's lessons
// (docs/course): every lesson program saves its plot through Save, so that
// all of them share one size, one font size and one way of writing a file.
package coursefig

import (
	"fmt"
	"os"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
)

// Width and Height are the size of a lesson's figure.
const (
	Width  = 7 * vg.Inch
	Height = 4.5 * vg.Inch
)

// New returns an empty plot with a title and axis labels, in the course's
// font sizes.
func New(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.Legend.Top = true
	p.Add(plotterGrid())
	return p
}

// Save writes p to path as a PNG (or SVG, by the extension) of the course's
// size, through a temporary file renamed into place, so that no reader
// sees half a picture.
func Save(p *plot.Plot, path string) error {
	format := filepath.Ext(path)
	if format != ".png" && format != ".svg" {
		return fmt.Errorf("figure %s: the name must end in .png or .svg", path)
	}
	w, err := p.WriterTo(Width, Height, format[1:])
	if err != nil {
		return fmt.Errorf("figure %s: %w", path, err)
	}
	tmp := path + ".partial"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("figure: %w", err)
	}
	if _, err := w.WriteTo(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("figure %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("figure %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("figure: %w", err)
	}
	return nil
}
