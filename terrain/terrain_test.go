package terrain

import (
	"math"
	"testing"
)

// grid returns a cols × rows grid spacingM apart from (minE, minN) with
// heights f(east, north) at its nodes.
func grid(t *testing.T, minE, minN, spacingM float64, cols, rows int, f func(e, n float64) float64) *Grid {
	t.Helper()
	h := make([]float32, cols*rows)
	for r := range rows {
		for c := range cols {
			h[r*cols+c] = float32(f(minE+float64(c)*spacingM, minN+float64(r)*spacingM))
		}
	}
	g, err := NewGrid(minE, minN, spacingM, cols, rows, h)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// kRe is the 4/3 effective earth radius written out: 4/3 × 6371 km.
const kRe = 8_494_666.666666667

// TestHeightMBilinear: on a plane the bilinear height is the plane itself,
// at nodes and between them; outside the grid the ground is the datum.
func TestHeightMBilinear(t *testing.T) {
	plane := func(e, n float64) float64 { return 12 + 0.25*e - 0.5*n }
	g := grid(t, -100, -60, 20, 11, 7, plane)
	for _, p := range [][2]float64{{-100, -60}, {100, 60}, {-100, 60}, {0, 0}, {13.7, -41.2}, {99.9, 59.9}, {-3, 17}} {
		if got, want := g.HeightM(p[0], p[1]), plane(p[0], p[1]); math.Abs(got-want) > 1e-9 {
			t.Errorf("HeightM(%g, %g) = %g, want the plane's %g", p[0], p[1], got, want)
		}
	}
	for _, p := range [][2]float64{{-100.001, 0}, {100.001, 0}, {0, -60.001}, {0, 60.001}} {
		if got := g.HeightM(p[0], p[1]); got != 0 {
			t.Errorf("HeightM(%g, %g) outside the grid = %g, want 0", p[0], p[1], got)
		}
	}
	// A bump at one node: bilinear, half-way to the next node it is half.
	g = grid(t, 0, 0, 10, 3, 3, func(e, n float64) float64 {
		if e == 10 && n == 10 {
			return 8
		}
		return 0
	})
	if got := g.HeightM(15, 10); got != 4 {
		t.Errorf("half-way from a node of 8 m to one of 0 m: %g, want 4", got)
	}
	if got := g.HeightM(15, 15); got != 2 {
		t.Errorf("at the centre of a cell with one corner of 8 m: %g, want 2", got)
	}
}

// TestNewGridRejects: bad shapes and heights are errors, not panics.
func TestNewGridRejects(t *testing.T) {
	for name, c := range map[string]struct {
		spacing    float64
		cols, rows int
		h          []float32
	}{
		"zero spacing": {0, 2, 2, make([]float32, 4)},
		"one column":   {10, 1, 2, make([]float32, 2)},
		"short":        {10, 2, 2, make([]float32, 3)},
		"NaN height":   {10, 2, 2, []float32{0, 0, float32(math.NaN()), 0}},
	} {
		if _, err := NewGrid(0, 0, c.spacing, c.cols, c.rows, c.h); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// ridgeGrid is flat ground with a straight ridge across the east axis:
// between east 2000 m and 2100 m (nodes 20 m apart, so both edges are
// nodes) it is heightM high; it ramps down to 0 over one spacing on
// either side. The grid reaches 6 km east, north and south.
func ridgeGrid(t *testing.T, heightM float64) *Grid {
	return grid(t, -6000, -6000, 20, 601, 601, func(e, _ float64) float64 {
		if e >= 2000 && e <= 2100 {
			return heightM
		}
		return 0
	})
}

// shadowEdgeM is the height at ground distance d of the ray from an
// antenna at height z that grazes a ridge top of height h at distance x,
// over a sphere of radius kRe (heights above the sphere): the straight
// line through (0, z) and (x, h − x²/(2kRe)) in the tangent plane, then
// lifted by the earth's drop d²/(2kRe) at d.
func shadowEdgeM(z, h, x, d float64) float64 {
	return z + (h-x*x/(2*kRe)-z)*d/x + d*d/(2*kRe)
}

// TestRidgeShadow: a target behind a ridge is hidden below the ray that
// grazes the ridge's near crest and seen above it, at the height the
// closed form gives, with the earth's curvature.
func TestRidgeShadow(t *testing.T) {
	g := ridgeGrid(t, 60)
	const z = 15.0 // antenna height above the datum
	h := g.Horizon(0, 0, z, 5000)
	for _, d := range []float64{2300, 3000, 4100, 4999} {
		edge := shadowEdgeM(z, 60, 2000, d)
		if !h.Sees(d, 0, edge+0.01) {
			t.Errorf("target %g m east, 1 cm above the shadow edge %.3f m: hidden", d, edge)
		}
		if h.Sees(d, 0, edge-0.01) {
			t.Errorf("target %g m east, 1 cm below the shadow edge %.3f m: seen", d, edge)
		}
	}
	// Before the ridge the ground is flat: a target 1 m up is seen.
	if !h.Sees(1500, 0, 1) {
		t.Error("target 1 m above flat ground before the ridge: hidden")
	}
	// On the ridge top the near edge's shadow still holds (the ray to
	// the edge climbs faster than the earth drops), and inside the ridge
	// nothing is seen.
	if edge := shadowEdgeM(z, 60, 2000, 2050); !h.Sees(2050, 0, edge+0.01) || h.Sees(2050, 0, edge-0.01) {
		t.Errorf("target over the ridge top: want seen 1 cm above the shadow edge %.3f m and hidden 1 cm below", edge)
	}
	if h.Sees(2050, 0, 59.99) {
		t.Error("target 1 cm inside the ridge: seen")
	}
	// The ridge runs north-south, so due north nothing is in the way, and
	// due west neither.
	if !h.Sees(0, 4000, 1) || !h.Sees(-4000, 0, 1) {
		t.Error("targets 1 m up due north and due west, where the ground is flat: hidden")
	}
}

// TestRidgeShadowOblique: a ray at about 60° from north crosses the ridge
// of TestRidgeShadow's along a slant, 2000/sin(az) from the antenna, where
// no range step falls; the crest is still found where it is (the table
// takes the ground where each ray crosses a grid line).
func TestRidgeShadowOblique(t *testing.T) {
	t.Run("east", func(t *testing.T) {
		h := ridgeGrid(t, 60).Horizon(0, 0, 15, 5000)
		az := math.Round(math.Pi/3*h.binsPerRad) / h.binsPerRad // a bin's centre
		obliqueShadow(t, h, az, 2000/math.Sin(az))
	})
	t.Run("north", func(t *testing.T) {
		g := grid(t, -6000, -6000, 20, 601, 601, func(_, n float64) float64 {
			if n >= 2000 && n <= 2100 {
				return 60
			}
			return 0
		})
		h := g.Horizon(0, 0, 15, 5000)
		az := math.Round(math.Pi/6*h.binsPerRad) / h.binsPerRad
		obliqueShadow(t, h, az, 2000/math.Cos(az))
	})
}

// obliqueShadow checks the shadow of a 60 m crest x metres out on the ray
// at az from an antenna 15 m up at the origin.
func obliqueShadow(t *testing.T, h *Horizon, az, x float64) {
	sin, cos := math.Sincos(az)
	if math.Abs(x/h.stepM-math.Round(x/h.stepM)) < 0.1 {
		t.Fatalf("the crest at %g m is within a tenth of a step of a range step: the test shows nothing", x)
	}
	for _, d := range []float64{2600, 3300, 4600} {
		edge := shadowEdgeM(15, 60, x, d)
		if !h.Sees(d*sin, d*cos, edge+0.01) || h.Sees(d*sin, d*cos, edge-0.01) {
			t.Errorf("target %g m out at %.2f°: want seen 1 cm above the shadow edge %.3f m and hidden 1 cm below", d, az*180/math.Pi, edge)
		}
	}
}

// TestRidgeShadowNorth: the same ridge turned to lie across the north axis
// hides the same heights due north: the table's azimuths are compass
// bearings.
func TestRidgeShadowNorth(t *testing.T) {
	g := grid(t, -6000, -6000, 20, 601, 601, func(_, n float64) float64 {
		if n >= 2000 && n <= 2100 {
			return 60
		}
		return 0
	})
	h := g.Horizon(0, 0, 15, 5000)
	edge := shadowEdgeM(15, 60, 2000, 3500)
	if !h.Sees(0, 3500, edge+0.01) || h.Sees(0, 3500, edge-0.01) {
		t.Errorf("target 3500 m north: want seen 1 cm above the shadow edge %.3f m and hidden 1 cm below", edge)
	}
	if !h.Sees(3500, 0, 1) {
		t.Error("target 1 m up due east, where the ground is flat: hidden")
	}
}

// smoothHorizonM is the height a target at ground distance d must reach to
// be seen from height z over a smooth sphere of radius kRe: the 4/3-earth
// horizon √(2·kRe·z) + √(2·kRe·h) = d solved for h.
func smoothHorizonM(z, d float64) float64 {
	x := d - math.Sqrt(2*kRe*z)
	return x * x / (2 * kRe)
}

// TestFlatGroundGivesSmoothEarthHorizon: over flat ground the table cuts a
// low target exactly where the 4/3-earth horizon formula does, both within
// the grid (sampled) and beyond it (the datum's closed form).
func TestFlatGroundGivesSmoothEarthHorizon(t *testing.T) {
	flat := func(float64, float64) float64 { return 0 }
	for name, g := range map[string]*Grid{
		"within the grid": grid(t, -30000, -30000, 100, 601, 601, flat),
		"beyond the grid": grid(t, -1000, -1000, 100, 21, 21, flat),
	} {
		const z = 20.0
		h := g.Horizon(0, 0, z, math.Inf(1))
		for _, d := range []float64{19000, 22000, 27000} {
			hz := smoothHorizonM(z, d)
			if !h.Sees(0, -d, hz+0.01) {
				t.Errorf("%s: target %g m south, 1 cm above the horizon's %.3f m: hidden", name, d, hz)
			}
			if h.Sees(0, -d, hz-0.01) {
				t.Errorf("%s: target %g m south, 1 cm below the horizon's %.3f m: seen", name, d, hz)
			}
		}
		// Within the antenna's own horizon any height above ground is seen.
		for _, d := range []float64{700, 5432.1, 12000, 18000} {
			if !h.Sees(d, 0, 0) || !h.Sees(-d*0.6, d*0.8, 0) {
				t.Errorf("%s: target on the ground %g m away, inside the antenna's horizon: hidden", name, d)
			}
		}
	}
}

// TestBelowGroundHidden: a point below the ground under it is hidden even
// when nothing stands between.
func TestBelowGroundHidden(t *testing.T) {
	g := grid(t, -1000, -1000, 10, 201, 201, func(e, _ float64) float64 {
		return max(0, e-500) // a slope rising east from 500 m
	})
	h := g.Horizon(0, 0, 10, 2000)
	// 605 m east, between the table's samples at 600 and 620 m: the
	// ground is 105 m high; 0.5 m under it the ray from the antenna
	// clears every sample before it.
	if h.Sees(605, 0, 104.5) {
		t.Error("0.5 m under a slope 105 m high: seen")
	}
}

// TestHorizonCached: a second antenna at the same place shares the table.
func TestHorizonCached(t *testing.T) {
	g := ridgeGrid(t, 60)
	a, b := g.Horizon(1, 2, 3, 4000), g.Horizon(1, 2, 3, 4000)
	if a != b {
		t.Error("two tables for one antenna")
	}
	if g.Horizon(1, 2, 3, 4000) == g.Horizon(1, 2, 4, 4000) {
		t.Error("one table for two antenna heights")
	}
}

// TestVisibleAllocatesNothing: the query of the hot loop allocates nothing.
func TestVisibleAllocatesNothing(t *testing.T) {
	h := ridgeGrid(t, 60).Horizon(0, 0, 15, 5000)
	if n := testing.AllocsPerRun(100, func() { h.Visible(3000, 10, 40, 1.5, 3000) }); n != 0 {
		t.Errorf("Visible allocates %g times", n)
	}
}

func BenchmarkVisible(b *testing.B) {
	h := make([]float32, 601*601)
	g, err := NewGrid(-6000, -6000, 20, 601, 601, h)
	if err != nil {
		b.Fatal(err)
	}
	hz := g.Horizon(0, 0, 15, 5000)
	for i := 0; b.Loop(); i++ {
		a := float64(i%6283) * 1e-3
		hz.Visible(3000*math.Sin(a), 3000*math.Cos(a), 40, a, 3000)
	}
}

// TestHorizonCacheBounded: tables for many antenna places are not all
// kept; the newest is.
func TestHorizonCacheBounded(t *testing.T) {
	g := ridgeGrid(t, 60)
	g.cacheLimitBytes = 4 << 20
	var last *Horizon
	for i := range 12 {
		last = g.Horizon(float64(i), 0, 10, 5000) // 1571 × 251 float32 slopes, 1.6 MB
	}
	if g.cachedBytes > g.cacheLimitBytes || len(g.horizons) != 2 {
		t.Errorf("%d tables, %d bytes kept; want 2, at most %d bytes", len(g.horizons), g.cachedBytes, g.cacheLimitBytes)
	}
	if g.Horizon(11, 0, 10, 5000) != last {
		t.Error("the newest table was dropped")
	}
}

// BenchmarkNewHorizon builds the table of an antenna with no range limit
// (an RF detector) over the default 20 km of SRTM1 terrain: 1295 × 1295
// nodes 30.89 m apart, hills up to 80 m.
func BenchmarkNewHorizon(b *testing.B) {
	const n, step = 1295, 30.89
	h := make([]float32, n*n)
	for i := range h {
		h[i] = float32(40 * (1 + math.Sin(float64(i/n)/15)*math.Cos(float64(i%n)/20)))
	}
	g, err := NewGrid(-20000, -20000, step, n, n, h)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		newHorizon(g, 0, 0, 10, g.farthestCornerM(0, 0))
	}
}
