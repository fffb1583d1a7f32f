package coverage

import "testing"

// handGrid returns a one-layer grid of 10 m cells from a picture, rows
// listed north first: 'x' is Pd 0.1 (dead), '.' Pd 0.9.
func handGrid(field []string) *Grid {
	rows, cols := len(field), len(field[0])
	g := &Grid{Box: Box{100, -50, 100 + 10*float64(cols), -50 + 10*float64(rows)}, CellM: 10, Cols: cols, Rows: rows, FloorPd: 0.5, DwellS: 10, Class: "quad"}
	l := Layer{AltitudeM: 30, Pd: make([]float64, rows*cols), Solid: make([]bool, rows*cols)}
	for r, line := range field {
		for c, ch := range line {
			l.Pd[(rows-1-r)*cols+c] = map[rune]float64{'x': 0.1, '.': 0.9}[ch]
		}
	}
	l.DeadZones, l.Zone = deadZones(g, l.Pd, l.Solid)
	g.Layers = []Layer{l}
	return g
}

// pictureField has a zone of 7 cells round a covered cell (2, 2) — column,
// row from the south-west — a hole, two of whose cells, (2, 1) and (3, 2),
// touch at a corner only; and a zone on the box's edge.
var pictureField = []string{
	".......",
	".xxx...",
	".x.x..x",
	".xx...x",
	"......x",
}

// TestOutlines: each dead zone's rings, as counted from the picture: the
// exteriors' areas less the holes' are its cells, the exteriors run
// counter-clockwise and the holes clockwise, and the rings' length is the
// number of its cells' sides that face a cell not in it (or the box's
// edge). Where two cells of a zone touch at a corner only, the region
// round the zone and the hole keep rings of their own: the ring zone has
// one exterior and one hole, which touch at that corner.
func TestOutlines(t *testing.T) {
	g := handGrid(pictureField)
	l := &g.Layers[0]
	if len(l.DeadZones) != 2 {
		t.Fatalf("%d dead zones, expected 2", len(l.DeadZones))
	}
	for z, o := range g.outlines(0) {
		cells, sides := 0, 0
		for i, k := range l.Zone {
			if k != z {
				continue
			}
			cells++
			c, r := i%g.Cols, i/g.Cols
			for _, d := range [4][2]int{{1, 0}, {-1, 0}, {0, 1}, {0, -1}} {
				cc, rr := c+d[0], r+d[1]
				if cc < 0 || rr < 0 || cc >= g.Cols || rr >= g.Rows || l.Zone[rr*g.Cols+cc] != z {
					sides++
				}
			}
		}
		var area float64
		length, holes := 0, 0
		for k, ext := range o.Exteriors {
			if a := ringArea(ext); a <= 0 {
				t.Errorf("zone %d: exterior %v runs clockwise", z, ext)
			} else {
				area += a
			}
			length += ringLength(ext)
			for _, h := range o.Holes[k] {
				if a := ringArea(h); a >= 0 {
					t.Errorf("zone %d: hole %v runs counter-clockwise", z, h)
				} else {
					area += a
				}
				length += ringLength(h)
				holes++
			}
		}
		if area != float64(cells) || length != sides {
			t.Errorf("zone %d: rings enclose %g cells with %d sides; the zone has %d cells and %d sides", z, area, length, cells, sides)
		}
		if z == 0 && (len(o.Exteriors) != 1 || holes != 1) {
			t.Errorf("the ring zone has %d exteriors and %d holes, expected 1 and 1: %+v", len(o.Exteriors), holes, o)
		}
	}
}

// ringLength is a closed ring's length in cell sides.
func ringLength(r []vertex) int {
	n := 0
	for i := 0; i+1 < len(r); i++ {
		n += abs(r[i+1].col-r[i].col) + abs(r[i+1].row-r[i].row)
	}
	return n
}

func abs(x int) int { return max(x, -x) }
