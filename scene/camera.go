package scene

import "math"

// Camera maps the site's East-North plane to the screen: a centre in
// metres, a scale in metres per pixel, and the screen size. North is up.
type Camera struct {
	CenterE, CenterN float64 // metres
	MPerPx           float64 // metres per pixel
	W, H             int     // screen size, pixels
}

// ToScreen returns the pixel of the point (e, n).
func (c Camera) ToScreen(e, n float64) (x, y float32) {
	return float32(float64(c.W)/2 + (e-c.CenterE)/c.MPerPx), float32(float64(c.H)/2 - (n-c.CenterN)/c.MPerPx)
}

// ToWorld returns the point under the pixel (x, y).
func (c Camera) ToWorld(x, y float64) (e, n float64) {
	return c.CenterE + (x-float64(c.W)/2)*c.MPerPx, c.CenterN - (y-float64(c.H)/2)*c.MPerPx
}

// Zoom scales the view by factor (> 1 zooms in) keeping the point under
// the pixel (x, y) where it is, and keeps the scale between 0.05 and 200
// metres per pixel.
func (c *Camera) Zoom(factor, x, y float64) {
	e, n := c.ToWorld(x, y)
	c.MPerPx = math.Min(200, math.Max(0.05, c.MPerPx/factor))
	// Put (e, n) back under (x, y).
	e2, n2 := c.ToWorld(x, y)
	c.CenterE += e - e2
	c.CenterN += n - n2
}

// Pan moves the view by (dx, dy) pixels: the scene follows the mouse.
func (c *Camera) Pan(dx, dy float64) {
	c.CenterE -= dx * c.MPerPx
	c.CenterN += dy * c.MPerPx
}

// Fit centres the camera on the box [e0, e1] × [n0, n1] and scales it to
// fill the screen with a margin.
func (c *Camera) Fit(e0, n0, e1, n1 float64) {
	c.CenterE, c.CenterN = (e0+e1)/2, (n0+n1)/2
	w, h := math.Max(e1-e0, 1), math.Max(n1-n0, 1)
	c.MPerPx = 1.1 * math.Max(w/float64(c.W), h/float64(c.H))
}

// ScaleBar returns a round length in metres (1, 2 or 5 × 10ᵏ) whose bar is
// at most maxPx pixels long, and that length in pixels.
func (c Camera) ScaleBar(maxPx float64) (metres, px float64) {
	target := maxPx * c.MPerPx
	p := math.Pow(10, math.Floor(math.Log10(target)))
	for _, m := range []float64{5, 2, 1} {
		if m*p <= target {
			return m * p, m * p / c.MPerPx
		}
	}
	return p, p / c.MPerPx
}
