package scene

import (
	"math"
	"testing"
)

func TestCameraRoundTrip(t *testing.T) {
	c := Camera{CenterE: 100, CenterN: -50, MPerPx: 2.5, W: 800, H: 600}
	x, y := c.ToScreen(100, -50)
	if x != 400 || y != 300 {
		t.Errorf("centre at (%v, %v), want the middle of the screen", x, y)
	}
	if x, y := c.ToScreen(100, 200); x != 400 || y != 200 {
		t.Errorf("250 m north at (%v, %v), want 100 px above the centre", x, y)
	}
	for _, p := range [][2]float64{{0, 0}, {-3000, 2500}, {123.4, -987.6}} {
		x, y := c.ToScreen(p[0], p[1])
		e, n := c.ToWorld(float64(x), float64(y))
		if math.Abs(e-p[0]) > 1e-3 || math.Abs(n-p[1]) > 1e-3 {
			t.Errorf("round trip of %v gave (%g, %g)", p, e, n)
		}
	}
}

func TestCameraZoomKeepsCursorPoint(t *testing.T) {
	c := Camera{MPerPx: 10, W: 800, H: 600}
	e, n := c.ToWorld(650, 120)
	c.Zoom(2, 650, 120)
	if c.MPerPx != 5 {
		t.Errorf("scale %g after zooming in ×2 from 10 m/px", c.MPerPx)
	}
	e2, n2 := c.ToWorld(650, 120)
	if math.Abs(e-e2) > 1e-9 || math.Abs(n-n2) > 1e-9 {
		t.Errorf("point under the cursor moved from (%g, %g) to (%g, %g)", e, n, e2, n2)
	}
	c.Zoom(1e9, 0, 0)
	if c.MPerPx != 0.05 {
		t.Errorf("zoom not bounded: %g m/px", c.MPerPx)
	}
}

func TestCameraPanAndFit(t *testing.T) {
	c := Camera{MPerPx: 2, W: 800, H: 600}
	c.Pan(10, 10) // drag right and down: the scene moves with the mouse
	if c.CenterE != -20 || c.CenterN != 20 {
		t.Errorf("centre (%g, %g) after a (10, 10) px drag at 2 m/px", c.CenterE, c.CenterN)
	}
	c.Fit(-4000, -1000, 4000, 1000)
	x0, _ := c.ToScreen(-4000, 0)
	x1, _ := c.ToScreen(4000, 0)
	if x0 < 0 || x1 > 800 || x1-x0 < 700 {
		t.Errorf("fit puts the box at x %v..%v on an 800 px screen", x0, x1)
	}
}

func TestScaleBar(t *testing.T) {
	for _, c := range []struct{ mPerPx, want float64 }{{1, 100}, {2.5, 200}, {10, 1000}, {33, 2000}, {0.1, 10}} {
		m, px := Camera{MPerPx: c.mPerPx}.ScaleBar(120)
		if m != c.want || px > 120 || math.Abs(px-m/c.mPerPx) > 1e-9 {
			t.Errorf("%g m/px: bar %g m over %g px, want %g m", c.mPerPx, m, px, c.want)
		}
	}
}
