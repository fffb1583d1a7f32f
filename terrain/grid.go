package terrain

import (
	"fmt"
	"math"
	"sync"
)

// Grid is the ground's elevation over a regular grid of the site's local
// frame: Heights[row·Cols + col] is the height in metres above the site
// datum at east MinEastM + col·SpacingM, north MinNorthM + row·SpacingM
// (row 0 is the southern edge). Between nodes the ground is bilinear;
// outside the grid it is flat at the datum (height 0).
//
// A Grid is read-only once built and safe for concurrent use; the Horizon
// tables it builds are cached in it and shared.
type Grid struct {
	minEastM, minNorthM float64
	spacingM            float64
	cols, rows          int
	heightsM            []float32

	mu          sync.Mutex
	horizons    map[horizonKey]*Horizon
	order       []horizonKey // in the order built, the oldest first
	cachedBytes int
	// cacheLimitBytes is maxCachedBytes (tests lower it).
	cacheLimitBytes int
}

// NewGrid returns a grid of cols × rows nodes spacingM apart from
// (minEastM, minNorthM), with heightsM in metres above the datum, row by
// row from the south. It keeps heightsM.
func NewGrid(minEastM, minNorthM, spacingM float64, cols, rows int, heightsM []float32) (*Grid, error) {
	switch {
	case !(spacingM > 0) || math.IsInf(spacingM, 1):
		return nil, fmt.Errorf("terrain grid: expected a positive finite spacing, found %g m", spacingM)
	case math.IsNaN(minEastM) || math.IsInf(minEastM, 0) || math.IsNaN(minNorthM) || math.IsInf(minNorthM, 0):
		return nil, fmt.Errorf("terrain grid: expected a finite corner, found (%g, %g) m", minEastM, minNorthM)
	case cols < 2 || rows < 2:
		return nil, fmt.Errorf("terrain grid: expected at least 2 × 2 nodes, found %d × %d", cols, rows)
	case len(heightsM) != cols*rows:
		return nil, fmt.Errorf("terrain grid: expected %d × %d = %d heights, found %d", cols, rows, cols*rows, len(heightsM))
	}
	for i, h := range heightsM {
		if math.IsNaN(float64(h)) || math.IsInf(float64(h), 0) {
			return nil, fmt.Errorf("terrain grid: expected finite heights, found %g at node %d (row %d, col %d)", h, i, i/cols, i%cols)
		}
	}
	return &Grid{minEastM: minEastM, minNorthM: minNorthM, spacingM: spacingM, cols: cols, rows: rows, heightsM: heightsM,
		cacheLimitBytes: maxCachedBytes}, nil
}

// SpacingM returns the distance between neighbouring nodes, metres.
func (g *Grid) SpacingM() float64 { return g.spacingM }

// Bounds returns the grid's extent: its south-west and north-east nodes.
func (g *Grid) Bounds() (minEastM, minNorthM, maxEastM, maxNorthM float64) {
	return g.minEastM, g.minNorthM, g.minEastM + float64(g.cols-1)*g.spacingM, g.minNorthM + float64(g.rows-1)*g.spacingM
}

// HeightM returns the ground's height above the datum at (eastM, northM):
// bilinear between the four nodes around it, 0 outside the grid.
func (g *Grid) HeightM(eastM, northM float64) float64 {
	x := (eastM - g.minEastM) / g.spacingM
	y := (northM - g.minNorthM) / g.spacingM
	if !(x >= 0 && y >= 0 && x <= float64(g.cols-1) && y <= float64(g.rows-1)) {
		return 0
	}
	i, j := min(int(x), g.cols-2), min(int(y), g.rows-2)
	fx, fy := x-float64(i), y-float64(j)
	k := j*g.cols + i
	h00, h10 := float64(g.heightsM[k]), float64(g.heightsM[k+1])
	h01, h11 := float64(g.heightsM[k+g.cols]), float64(g.heightsM[k+g.cols+1])
	return (h00*(1-fx)+h10*fx)*(1-fy) + (h01*(1-fx)+h11*fx)*fy
}

// farthestCornerM returns the largest horizontal distance from (e, n) to a
// corner of the grid: beyond it the ground is the datum.
func (g *Grid) farthestCornerM(e, n float64) float64 {
	x0, y0, x1, y1 := g.Bounds()
	return math.Hypot(max(math.Abs(e-x0), math.Abs(e-x1)), max(math.Abs(n-y0), math.Abs(n-y1)))
}
