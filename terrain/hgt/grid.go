package hgt

import (
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/terrain"
)

// meanEarthRadiusM converts the tiles' angular spacing to metres.
const meanEarthRadiusM = 6_371_000.0

// maxSideNodes bounds a grid's side: about 16 million nodes, 64 MB of
// heights. A wider square is sampled more coarsely than the tiles.
const maxSideNodes = 4001

// nodeSpacingM is the spacing of a grid's nodes over the square of
// half-width radiusM: the tiles' own, or wider if that would put more than
// maxSideNodes on a side.
func nodeSpacingM(tileSpacingM, radiusM float64) float64 {
	return max(tileSpacingM, 2*radiusM/(maxSideNodes-1))
}

// Set is the tiles of one site, by south-west corner.
type Set struct {
	tiles map[[2]int]*Tile
	sizes int // the largest Size among them
}

// NewSet gathers tiles; two tiles with the same corner are an error.
func NewSet(tiles ...*Tile) (*Set, error) {
	s := &Set{tiles: map[[2]int]*Tile{}}
	for _, t := range tiles {
		k := [2]int{t.LatDeg, t.LonDeg}
		if o := s.tiles[k]; o != nil {
			return nil, fmt.Errorf("%s and %s: expected one tile per corner, found two for %d, %d", o.Name, t.Name, t.LatDeg, t.LonDeg)
		}
		s.tiles[k] = t
		s.sizes = max(s.sizes, t.Size)
	}
	if len(tiles) == 0 {
		return nil, fmt.Errorf("expected at least one elevation tile, found none")
	}
	return s, nil
}

// HeightM returns the height at a point from the tile that covers it (on
// a shared edge, the first that has data there), and false where no tile
// has data.
func (s *Set) HeightM(latDeg, lonDeg float64) (float64, bool) {
	la, lo := int(math.Floor(latDeg)), int(math.Floor(lonDeg))
	for _, k := range [4][2]int{{la, lo}, {la - 1, lo}, {la, lo - 1}, {la - 1, lo - 1}} {
		if t := s.tiles[k]; t != nil {
			if h, ok := t.HeightM(latDeg, lonDeg); ok {
				return h, true
			}
		}
	}
	return 0, false
}

// names lists the tiles, for messages.
func (s *Set) names() string {
	var n []string
	for _, t := range s.tiles {
		n = append(n, t.Name)
	}
	return strings.Join(n, ", ")
}

// SpacingM returns the north-south distance between the rows of the finest
// tile, metres: about 30.9 m for SRTM1 and 92.7 m for SRTM3.
func (s *Set) SpacingM() float64 {
	return math.Pi / 180 / float64(s.sizes-1) * meanEarthRadiusM
}

// Grid resamples the tiles onto a terrain.Grid in the local frame anchored
// at the origin: nodes SpacingM apart (wider if the square would have more
// than maxSideNodes on a side) over the square of half-width radiusM about
// the origin, cut to the rows and columns that a tile
// covers, with heights relative to the ground at the origin (the site
// datum; the origin's own altitude is not used). The grid follows the
// earth: a node's height is the ground's above the datum, not a coordinate
// of the tangent plane, as cuasim's altitudes are. holes counts the nodes
// inside the grid with no data (outside every tile, or every sample around
// them void); they are set to the datum. The origin must have data.
func (s *Set) Grid(originLatDeg, originLonDeg, radiusM float64) (g *terrain.Grid, holes int, err error) {
	datum, ok := s.HeightM(originLatDeg, originLonDeg)
	if !ok {
		return nil, 0, fmt.Errorf("expected elevation tiles with data at site.origin (%.6f, %.6f), found none among %s", originLatDeg, originLonDeg, s.names())
	}
	if !(radiusM > 0) {
		return nil, 0, fmt.Errorf("expected a positive terrain radius, found %g m", radiusM)
	}
	step := nodeSpacingM(s.SpacingM(), radiusM)
	half := max(1, int(math.Ceil(radiusM/step)))
	n := 2*half + 1
	at := newLatLon(geo.NewFrame(geo.LLA{LatDeg: originLatDeg, LonDeg: originLonDeg}), n, half, step)
	heights := make([]float32, n*n)
	has := make([]bool, n*n)
	minRow, maxRow, minCol, maxCol := n, -1, n, -1
	for row := range n {
		for col := range n {
			lat, lon := at.of(row, col)
			if h, ok := s.HeightM(lat, lon); ok {
				heights[row*n+col], has[row*n+col] = float32(h-datum), true
				minRow, maxRow, minCol, maxCol = min(minRow, row), max(maxRow, row), min(minCol, col), max(maxCol, col)
			}
		}
	}
	// The origin has data, so the box holds at least it; a grid needs 2 × 2.
	minRow, minCol = min(minRow, maxRow-1), min(minCol, maxCol-1)
	if minRow < 0 {
		minRow, maxRow = 0, 1
	}
	if minCol < 0 {
		minCol, maxCol = 0, 1
	}
	cols, rows := maxCol-minCol+1, maxRow-minRow+1
	cut := make([]float32, 0, cols*rows)
	for row := minRow; row <= maxRow; row++ {
		for col := minCol; col <= maxCol; col++ {
			if !has[row*n+col] {
				holes++
			}
			cut = append(cut, heights[row*n+col])
		}
	}
	g, err = terrain.NewGrid(float64(minCol-half)*step, float64(minRow-half)*step, step, cols, rows, cut)
	return g, holes, err
}

// latLonStride is the spacing, in grid nodes, of the nodes whose latitude
// and longitude latLon computes exactly; between them it interpolates. Over
// 16 SRTM3 rows (1.5 km) latitude and longitude depart from a bilinear
// function of east and north by millimetres at most within 100 km of the
// origin (the tangent plane's curvature, of order L²·d/R³).
const latLonStride = 16

// latLon gives the latitude and longitude of a grid's nodes: exact (by
// geo.Frame.ToLLA) on a coarse lattice, bilinear between, a hundredth of
// the cost of converting every node. Longitudes are kept continuous about
// the origin's, so that a site across the antimeridian interpolates.
type latLon struct {
	nc       int // coarse nodes per side
	lat, lon []float64
	lon0     float64
}

func newLatLon(f geo.Frame, n, half int, step float64) *latLon {
	a := &latLon{nc: (n-1)/latLonStride + 2, lon0: f.Origin().LonDeg}
	a.lat, a.lon = make([]float64, a.nc*a.nc), make([]float64, a.nc*a.nc)
	for i := range a.nc {
		for j := range a.nc {
			p := f.ToLLA(r3.Vec{X: float64(j*latLonStride-half) * step, Y: float64(i*latLonStride-half) * step})
			a.lat[i*a.nc+j] = p.LatDeg
			a.lon[i*a.nc+j] = a.lon0 + math.Remainder(p.LonDeg-a.lon0, 360)
		}
	}
	return a
}

// of returns the latitude and longitude of the node at row and col, the
// longitude in [−180, 180).
func (a *latLon) of(row, col int) (latDeg, lonDeg float64) {
	i, j := row/latLonStride, col/latLonStride
	fy, fx := float64(row%latLonStride)/latLonStride, float64(col%latLonStride)/latLonStride
	k := i*a.nc + j
	bilinear := func(v []float64) float64 {
		return (v[k]*(1-fx)+v[k+1]*fx)*(1-fy) + (v[k+a.nc]*(1-fx)+v[k+a.nc+1]*fx)*fy
	}
	lon := bilinear(a.lon)
	return bilinear(a.lat), lon - 360*math.Floor((lon+180)/360)
}
