package scene

import (
	"image/color"
	"math"
)

// Vertex is a corner of a triangle as the viewer hands it to the GPU:
// where it is on screen, the point of the sprite atlas it samples, and its
// colour, premultiplied by alpha, in [0, 1]. Its fields are the first
// eight of ebiten's Vertex, in the same order, so the viewer copies them
// one for one (package scene does not import ebiten, which needs cgo).
type Vertex struct {
	DstX, DstY                     float32
	SrcX, SrcY                     float32
	ColorR, ColorG, ColorB, ColorA float32
}

// Sprite is a marker drawn by the hundred, a cell of the viewer's sprite
// atlas: a row of SpriteCell-pixel squares, each marker drawn in white
// centred in its cell and tinted by the vertices' colour. SpriteWhite is
// a cell filled white, which the flat shapes (lines, rings, triangles)
// sample, so that markers and shapes go to the GPU in one call.
type Sprite int

// The sprites, in the order of their cells in the atlas.
const (
	SpriteWhite Sprite = iota
	SpriteDot5         // a drone: a disc of radius 5
	SpriteDot3         // a bird: a disc of radius 3
	SpriteRing6        // a track: a ring of radius 6
	SpriteRing8        // an RF-silent drone's ring, radius 8
	SpriteCross        // a radar plot: a cross 8 pixels wide
	NumSprites
)

// SpriteCell is the side of a sprite's cell in the atlas, pixels.
const SpriteCell = 24

// Mesh is triangles to draw: shapes and sprites appended in drawing
// order, split into chunks that each fit one draw call (16-bit indices).
// Reset keeps the memory, so that building a frame's mesh allocates
// nothing once the buffers have grown to the frame's size.
type Mesh struct {
	chunks []meshChunk
	n      int // chunks in use
}

type meshChunk struct {
	vs []Vertex
	is []uint16
}

// maxChunkVertices and maxChunkIndices are ebiten's limits for one
// DrawTriangles call.
const (
	maxChunkVertices = 1<<16 - 1
	maxChunkIndices  = (1 << 16) / 3 * 3
)

// Reset empties the mesh, keeping its buffers.
func (m *Mesh) Reset() {
	for i := range m.chunks[:m.n] {
		m.chunks[i].vs, m.chunks[i].is = m.chunks[i].vs[:0], m.chunks[i].is[:0]
	}
	m.n = 0
}

// Chunks returns how many chunks the mesh has: each is one draw call.
func (m *Mesh) Chunks() int { return m.n }

// Chunk returns chunk i's vertices and indices.
func (m *Mesh) Chunk(i int) ([]Vertex, []uint16) { return m.chunks[i].vs, m.chunks[i].is }

// Vertices returns the number of vertices in the mesh.
func (m *Mesh) Vertices() int {
	n := 0
	for i := range m.chunks[:m.n] {
		n += len(m.chunks[i].vs)
	}
	return n
}

// reserve returns the chunk that takes nv more vertices and ni more
// indices, starting a new one when the current one is full, and the
// index of the first new vertex.
func (m *Mesh) reserve(nv, ni int) (*meshChunk, uint16) {
	if m.n == 0 || len(m.chunks[m.n-1].vs)+nv > maxChunkVertices || len(m.chunks[m.n-1].is)+ni > maxChunkIndices {
		if m.n == len(m.chunks) {
			m.chunks = append(m.chunks, meshChunk{})
		}
		m.n++
	}
	c := &m.chunks[m.n-1]
	return c, uint16(len(c.vs))
}

// rgba is a colour as a vertex carries it: premultiplied, in [0, 1].
type rgba [4]float32

func rgbaOf(c color.RGBA) rgba {
	return rgba{float32(c.R) / 255, float32(c.G) / 255, float32(c.B) / 255, float32(c.A) / 255}
}

func (c *meshChunk) vertex(x, y, sx, sy float32, col rgba) {
	c.vs = append(c.vs, Vertex{x, y, sx, sy, col[0], col[1], col[2], col[3]})
}

// whiteSrc is the point of the atlas the flat shapes sample: the middle
// of the white cell.
const whiteSrc = SpriteCell / 2

// Sprite draws sprite s centred on (x, y), tinted col.
func (m *Mesh) Sprite(s Sprite, x, y float32, col color.RGBA) {
	c, b := m.reserve(4, 6)
	k := rgbaOf(col)
	const h = SpriteCell / 2
	sx0 := float32(int(s) * SpriteCell)
	sx1 := sx0 + SpriteCell
	c.vertex(x-h, y-h, sx0, 0, k)
	c.vertex(x+h, y-h, sx1, 0, k)
	c.vertex(x-h, y+h, sx0, SpriteCell, k)
	c.vertex(x+h, y+h, sx1, SpriteCell, k)
	c.is = append(c.is, b, b+1, b+2, b+1, b+3, b+2)
}

// quad appends the quadrilateral a, b, c, d (in order around it).
func (m *Mesh) quad(ax, ay, bx, by, cx, cy, dx, dy float32, col color.RGBA) {
	c, i := m.reserve(4, 6)
	k := rgbaOf(col)
	c.vertex(ax, ay, whiteSrc, whiteSrc, k)
	c.vertex(bx, by, whiteSrc, whiteSrc, k)
	c.vertex(cx, cy, whiteSrc, whiteSrc, k)
	c.vertex(dx, dy, whiteSrc, whiteSrc, k)
	c.is = append(c.is, i, i+1, i+2, i, i+2, i+3)
}

// Rect fills the rectangle of corner (x, y) and size w × h.
func (m *Mesh) Rect(x, y, w, h float32, col color.RGBA) {
	m.quad(x, y, x+w, y, x+w, y+h, x, y+h, col)
}

// Line strokes the segment (x0, y0)–(x1, y1), w pixels wide, with
// square-cut ends.
func (m *Mesh) Line(x0, y0, x1, y1, w float32, col color.RGBA) {
	dx, dy := x1-x0, y1-y0
	l := float32(math.Hypot(float64(dx), float64(dy)))
	if l == 0 {
		return
	}
	nx, ny := -dy/l*w/2, dx/l*w/2
	m.quad(x0+nx, y0+ny, x1+nx, y1+ny, x1-nx, y1-ny, x0-nx, y0-ny, col)
}

// Triangle fills the triangle a, b, c.
func (m *Mesh) Triangle(ax, ay, bx, by, cx, cy float32, col color.RGBA) {
	c, i := m.reserve(3, 3)
	k := rgbaOf(col)
	c.vertex(ax, ay, whiteSrc, whiteSrc, k)
	c.vertex(bx, by, whiteSrc, whiteSrc, k)
	c.vertex(cx, cy, whiteSrc, whiteSrc, k)
	c.is = append(c.is, i, i+1, i+2)
}

// AlertTriangle strokes, w pixels wide with mitred corners, the upright
// equilateral triangle of circumradius r centred on (x, y): the band
// between the triangles of inradius (r ± w)/2, whose circumradii are
// r ± w (an equilateral triangle's circumradius is twice its inradius).
func (m *Mesh) AlertTriangle(x, y, r, w float32, col color.RGBA) {
	c, b := m.reserve(6, 18)
	k := rgbaOf(col)
	for _, rr := range [2]float32{r + w, max(0, r-w)} {
		c.vertex(x, y-rr, whiteSrc, whiteSrc, k)
		c.vertex(x+rr*0.8660254, y+rr/2, whiteSrc, whiteSrc, k)
		c.vertex(x-rr*0.8660254, y+rr/2, whiteSrc, whiteSrc, k)
	}
	for j := uint16(0); j < 3; j++ {
		o0, o1, i0, i1 := b+j, b+(j+1)%3, b+3+j, b+3+(j+1)%3
		c.is = append(c.is, o0, o1, i1, o0, i1, i0)
	}
}

// Ellipse strokes, w pixels wide, the ellipse of centre (x, y), semi-axes
// a and b pixels, the a axis at angle theta counter-clockwise from the
// screen's x axis (east), with one segment per few pixels of its
// circumference (between 12 and 64).
func (m *Mesh) Ellipse(x, y, a, b, theta, w float32, col color.RGBA) {
	segs := int(min(64, max(12, 2*math.Pi*float64(a)/6)))
	c, base := m.reserve(2*segs, 6*segs)
	k := rgbaOf(col)
	st, ct := math.Sincos(float64(theta))
	for i := 0; i < segs; i++ {
		s, co := math.Sincos(2 * math.Pi * float64(i) / float64(segs))
		// The point, and the outward normal (b cos, a sin) in the
		// ellipse's frame; the screen's y axis points down.
		px, py := float64(a)*co, float64(b)*s
		nx, ny := float64(b)*co, float64(a)*s
		nl := math.Hypot(nx, ny)
		if nl > 0 {
			nx, ny = nx/nl*float64(w)/2, ny/nl*float64(w)/2
		}
		ex, ey := px*ct-py*st, px*st+py*ct
		enx, eny := nx*ct-ny*st, nx*st+ny*ct
		c.vertex(x+float32(ex+enx), y-float32(ey+eny), whiteSrc, whiteSrc, k)
		c.vertex(x+float32(ex-enx), y-float32(ey-eny), whiteSrc, whiteSrc, k)
	}
	for i := 0; i < segs; i++ {
		j := (i + 1) % segs
		o0, i0, o1, i1 := base+uint16(2*i), base+uint16(2*i+1), base+uint16(2*j), base+uint16(2*j+1)
		c.is = append(c.is, o0, o1, i1, o0, i1, i0)
	}
}
