package coverage

// vertex is a corner of the grid's cells: column and row of the corner,
// (0, 0) the box's south-west corner.
type vertex struct{ col, row int }

// Outline is a dead zone's boundary along its cells' edges: rings of grid
// corners, each closed (its last vertex is its first), the zone on each
// ring's left. Exterior rings run counter-clockwise, holes clockwise (the
// right-hand rule of RFC 7946). A zone's cells are 4-connected, so it has
// one exterior ring; where two of its cells touch at a corner only, a hole
// touches the exterior at that corner (as OGC simple features allow).
type Outline struct {
	Exteriors [][]vertex
	// Holes[k] are the holes of Exteriors[k].
	Holes [][][]vertex
}

// outlines returns the outline of every dead zone of layer li, in the
// zones' order.
func (g *Grid) outlines(li int) []Outline {
	l := &g.Layers[li]
	cells := make([][]int, len(l.DeadZones))
	for i, z := range l.Zone {
		if z >= 0 {
			cells[z] = append(cells[z], i)
		}
	}
	out := make([]Outline, len(cells))
	for z, cs := range cells {
		out[z] = g.outline(l.Zone, z, cs)
	}
	return out
}

// outline traces zone z's boundary: every cell edge with the zone on one
// side only, directed with the zone on its left, chained into rings. At a
// corner where two of the zone's cells touch diagonally the ring turns
// right, to the other cell, so that the two regions outside the zone that
// meet there (the one round the zone and a hole: the cells are connected
// elsewhere, around one of them) get rings of their own rather than one
// ring that touches itself.
func (g *Grid) outline(zone []int, z int, cells []int) Outline {
	in := func(col, row int) bool {
		return col >= 0 && row >= 0 && col < g.Cols && row < g.Rows && zone[row*g.Cols+col] == z
	}
	type edge struct{ from, to vertex }
	var edges []edge
	outs := map[vertex][]int{} // edges by their start
	add := func(a, b vertex) {
		outs[a] = append(outs[a], len(edges))
		edges = append(edges, edge{a, b})
	}
	for _, i := range cells {
		c, r := i%g.Cols, i/g.Cols
		if !in(c, r-1) {
			add(vertex{c, r}, vertex{c + 1, r})
		}
		if !in(c+1, r) {
			add(vertex{c + 1, r}, vertex{c + 1, r + 1})
		}
		if !in(c, r+1) {
			add(vertex{c + 1, r + 1}, vertex{c, r + 1})
		}
		if !in(c-1, r) {
			add(vertex{c, r + 1}, vertex{c, r})
		}
	}
	// Each edge's successor: the one edge leaving its end, or at a corner
	// two cells share diagonally (two leave), the right turn. Each corner
	// has as many edges in as out, and the right turns of the two coming
	// in are the two going out, so successors make cycles: the rings.
	succ := make([]int, len(edges))
	for k, e := range edges {
		leave := outs[e.to]
		succ[k] = leave[0]
		if len(leave) > 1 {
			d := vertex{e.to.col - e.from.col, e.to.row - e.from.row}
			right := vertex{d.row, -d.col} // d turned a quarter clockwise
			for _, j := range leave {
				if f := edges[j]; (vertex{f.to.col - f.from.col, f.to.row - f.from.row}) == right {
					succ[k] = j
				}
			}
		}
	}
	var rings [][]vertex
	done := make([]bool, len(edges))
	for k := range edges {
		if done[k] {
			continue
		}
		var ring []vertex
		for j := k; !done[j]; j = succ[j] {
			done[j] = true
			ring = append(ring, edges[j].from)
		}
		rings = append(rings, simplify(append(ring, ring[0])))
	}
	var o Outline
	var holes [][]vertex
	for _, r := range rings {
		if ringArea(r) > 0 {
			o.Exteriors = append(o.Exteriors, r)
		} else {
			holes = append(holes, r)
		}
	}
	o.Holes = make([][][]vertex, len(o.Exteriors))
	for _, h := range holes {
		// The cell on the left of the hole's first edge is the zone's,
		// inside exactly one exterior ring.
		a, b := h[0], h[1]
		d := vertex{sign(b.col - a.col), sign(b.row - a.row)}
		cx := float64(a.col) + 0.5*float64(d.col) - 0.5*float64(d.row)
		cy := float64(a.row) + 0.5*float64(d.row) + 0.5*float64(d.col)
		for k, ext := range o.Exteriors {
			if ringContains(ext, cx, cy) {
				o.Holes[k] = append(o.Holes[k], h)
				break
			}
		}
	}
	return o
}

// simplify drops the vertices of a closed ring that lie on a straight run.
func simplify(ring []vertex) []vertex {
	n := len(ring) - 1 // the last repeats the first
	var out []vertex
	for i := range n {
		p, q, r := ring[(i+n-1)%n], ring[i], ring[(i+1)%n]
		if (q.col-p.col)*(r.row-q.row)-(q.row-p.row)*(r.col-q.col) != 0 {
			out = append(out, q)
		}
	}
	return append(out, out[0])
}

// ringArea is the signed area of a closed ring in cells (shoelace):
// positive counter-clockwise.
func ringArea(r []vertex) float64 {
	var a int
	for i := 0; i+1 < len(r); i++ {
		a += r[i].col*r[i+1].row - r[i+1].col*r[i].row
	}
	return float64(a) / 2
}

// ringContains reports whether (x, y), never on a grid line, lies inside
// a closed ring (even-odd rule).
func ringContains(r []vertex, x, y float64) bool {
	in := false
	for i := 0; i+1 < len(r); i++ {
		a, b := r[i], r[i+1]
		ay, by := float64(a.row), float64(b.row)
		if (ay > y) != (by > y) && x < float64(a.col)+(y-ay)*float64(b.col-a.col)/(by-ay) {
			in = !in
		}
	}
	return in
}

func sign(x int) int {
	switch {
	case x > 0:
		return 1
	case x < 0:
		return -1
	}
	return 0
}

// Polygon is a dead zone's outline in metres east and north of the
// site's origin: the rings of its Outline, each vertex a corner of the
// grid's cells.
type Polygon struct {
	Exteriors [][][2]float64
	// Holes[k] are the holes of Exteriors[k].
	Holes [][][][2]float64
}

// DeadZoneOutlines returns the outline of every dead zone of layer li, in
// the zones' order, in metres east and north (see Outline for the rings'
// directions).
func (g *Grid) DeadZoneOutlines(li int) []Polygon {
	pt := func(v vertex) [2]float64 {
		return [2]float64{g.Box.MinEastM + float64(v.col)*g.CellM, g.Box.MinNorthM + float64(v.row)*g.CellM}
	}
	ring := func(vs []vertex) [][2]float64 {
		r := make([][2]float64, len(vs))
		for i, v := range vs {
			r[i] = pt(v)
		}
		return r
	}
	os := g.outlines(li)
	out := make([]Polygon, len(os))
	for z, o := range os {
		for k, ext := range o.Exteriors {
			out[z].Exteriors = append(out[z].Exteriors, ring(ext))
			var holes [][][2]float64
			for _, h := range o.Holes[k] {
				holes = append(holes, ring(h))
			}
			out[z].Holes = append(out[z].Holes, holes)
		}
	}
	return out
}
