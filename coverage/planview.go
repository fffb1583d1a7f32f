package coverage

import (
	"image"
	"image/color"

	"github.com/cuasim/cuasim/scenarios"
)

// Plan views: the coverage the report's layouts map and the viewer's
// coverage layer draw, computed by one function so that the two show the
// same numbers for the same scenario, class and altitude.
const (
	// PlanAltitudeM is the altitude a plan view maps unless told another:
	// a drone flying low over the site, above most buildings.
	PlanAltitudeM float64 = 50
	// PlanMaxCells is the number of cells along the longer side of a plan
	// view's box: coarse, so that a map per layout costs a fraction of a
	// second.
	PlanMaxCells = 120
)

// PlanAltitudesM are the altitudes the viewer steps through, lowest
// first; PlanAltitudeM among them.
var PlanAltitudesM = []float64{10, 30, 50, 120, 300}

// PlanView returns the coverage grid of a scenario's sensors (its layout
// as applied) over box at one altitude for a UAV class ("" the first
// uav_types entry), with the default dwell, floor and k-coverage Pd, in
// cells of the round size (1, 2, 2.5 or 5 × 10ᵏ m) that puts at most
// PlanMaxCells along the box's longer side. The report's layouts map and
// the viewer's coverage layer both draw this grid.
func PlanView(sc *scenarios.Scenario, class string, altM float64, box Box) (*Grid, error) {
	cell := niceCeil(max(box.MaxEastM-box.MinEastM, box.MaxNorthM-box.MinNorthM) / PlanMaxCells)
	return New(sc, Options{Class: class, AltitudesM: []float64{altM}, CellM: cell, Box: &box})
}

// PdAt returns the combined Pd within the dwell of layer li at the cell
// holding the point (eastM, northM), and false for a point outside the
// grid's box.
func (g *Grid) PdAt(li int, eastM, northM float64) (float64, bool) {
	col := int((eastM - g.Box.MinEastM) / g.CellM)
	row := int((northM - g.Box.MinNorthM) / g.CellM)
	if eastM < g.Box.MinEastM || northM < g.Box.MinNorthM || col >= g.Cols || row >= g.Rows {
		return 0, false
	}
	return g.Layers[li].Pd[row*g.Cols+col], true
}

// PdColor returns the colour of a Pd on the maps' scale: dark purple at 0
// through teal at 0.5 to yellow at 1, lightness rising with Pd.
func PdColor(pd float64) color.Color {
	c, err := colorMap().At(min(max(pd, 0), 1))
	if err != nil {
		return color.Black
	}
	return c
}

// Image returns layer li's combined Pd as an image of Cols × Rows pixels
// coloured by PdColor, north up: pixel (col, Rows−1−row) is cell (col,
// row).
func (g *Grid) Image(li int) *image.RGBA { return g.ImageOf(g.Layers[li].Pd) }

// ImageOf returns probabilities by cell (a layer's Pd, LabelPd, ...) as
// Image draws Pd.
func (g *Grid) ImageOf(values []float64) *image.RGBA {
	cmap := colorMap()
	img := image.NewRGBA(image.Rect(0, 0, g.Cols, g.Rows))
	for i, pd := range values {
		col, err := cmap.At(min(max(pd, 0), 1))
		if err != nil {
			col = color.Black
		}
		img.Set(i%g.Cols, g.Rows-1-i/g.Cols, col)
	}
	return img
}

// Segment is a straight line between two points of the site, metres east
// and north.
type Segment struct {
	E0, N0, E1, N1 float64
}

// FloorEdges returns the Pd floor's contour of layer li: the cell edges
// between a cell under the floor and one at or above it.
func (g *Grid) FloorEdges(li int) []Segment { return g.EdgesUnder(g.Layers[li].Pd, g.FloorPd) }

// EdgesUnder returns the contour of probabilities by cell at floor: the
// cell edges between a cell under it and one at or above it.
func (g *Grid) EdgesUnder(values []float64, floor float64) []Segment {
	var segs []Segment
	below := func(i int) bool { return values[i] < floor }
	for i := range values {
		col, row := i%g.Cols, i/g.Cols
		e0 := g.Box.MinEastM + float64(col)*g.CellM
		n0 := g.Box.MinNorthM + float64(row)*g.CellM
		if col+1 < g.Cols && below(i) != below(i+1) {
			segs = append(segs, Segment{e0 + g.CellM, n0, e0 + g.CellM, n0 + g.CellM})
		}
		if row+1 < g.Rows && below(i) != below(i+g.Cols) {
			segs = append(segs, Segment{e0, n0 + g.CellM, e0 + g.CellM, n0 + g.CellM})
		}
	}
	return segs
}
