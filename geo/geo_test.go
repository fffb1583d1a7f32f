package geo

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"
)

func near(a, b r3.Vec, tol float64) bool { return r3.Norm(r3.Sub(a, b)) <= tol }

func TestToECEFClosedForms(t *testing.T) {
	for _, c := range []struct {
		p    LLA
		want r3.Vec
	}{
		{LLA{0, 0, 0}, r3.Vec{X: SemiMajorM}},
		{LLA{0, 90, 0}, r3.Vec{Y: SemiMajorM}},
		{LLA{0, 180, 100}, r3.Vec{X: -SemiMajorM - 100}},
		{LLA{90, 0, 0}, r3.Vec{Z: SemiMinorM}},
		{LLA{-90, 0, 50}, r3.Vec{Z: -SemiMinorM - 50}},
	} {
		if got := ToECEF(c.p); !near(got, c.want, 1e-6) {
			t.Errorf("ToECEF(%+v) = %+v, want %+v", c.p, got, c.want)
		}
	}
	// WGS84's semi-minor axis, as published (NIMA TR8350.2 table 3.3).
	if math.Abs(SemiMinorM-6356752.3142) > 1e-4 {
		t.Errorf("SemiMinorM = %.4f, want 6356752.3142", SemiMinorM)
	}
}

// TestENUAlongEquator checks a case with an exact answer: from an origin on
// the equator, a point on the equator Δλ east is at e = a·sin Δλ, n = 0,
// u = a·(cos Δλ − 1).
func TestENUAlongEquator(t *testing.T) {
	f := NewFrame(LLA{0, 10, 0})
	for _, dl := range []float64{0.001, 0.01, 0.1, 1} {
		got := f.ToENU(LLA{0, 10 + dl, 0})
		want := r3.Vec{X: SemiMajorM * math.Sin(Rad(dl)), Z: SemiMajorM * (math.Cos(Rad(dl)) - 1)}
		if !near(got, want, 1e-6) {
			t.Errorf("Δλ = %g°: got %+v, want %+v", dl, got, want)
		}
	}
}

// TestMatlabExample reproduces the example of MATLAB's geodetic2enu
// documentation (Mapping Toolbox): the Matterhorn seen from Zermatt.
func TestMatlabExample(t *testing.T) {
	f := NewFrame(LLA{46.017, 7.750, 1673})
	got := f.ToENU(LLA{45.976, 7.658, 4531})
	want := r3.Vec{X: -7134.8, Y: -4556.3, Z: 2852.4}
	if !near(got, want, 0.1) {
		t.Errorf("got %+v, want %+v (±0.1 m)", got, want)
	}
}

func TestRoundTrips(t *testing.T) {
	for _, lat := range []float64{-90, -89.9999, -60, -1e-9, 0, 33.3, 52, 89.99, 90} {
		for _, lon := range []float64{-180, -75.5, 0, 5, 179.999} {
			for _, h := range []float64{-500, 0, 1500, 20000} {
				p := LLA{lat, lon, h}
				q := FromECEF(ToECEF(p))
				if math.Abs(q.LatDeg-lat) > 1e-9 || math.Abs(q.AltM-h) > 1e-3 {
					t.Errorf("ECEF round trip of %+v gave %+v", p, q)
				}
				if math.Abs(lat) < 90 && math.Abs(WrapPi(Rad(q.LonDeg-lon))) > 1e-11 {
					t.Errorf("ECEF round trip of %+v gave longitude %v", p, q.LonDeg)
				}
			}
		}
	}
	f := NewFrame(LLA{52, 5, 10})
	for _, enu := range []r3.Vec{{}, {X: 1000}, {Y: -2500, Z: 120}, {X: 4000, Y: 3000, Z: 150}} {
		back := f.ToENU(f.ToLLA(enu))
		if !near(back, enu, 1e-3) {
			t.Errorf("ENU round trip of %+v gave %+v", enu, back)
		}
	}
	if o := f.ToENU(f.Origin()); !near(o, r3.Vec{}, 1e-6) {
		t.Errorf("origin maps to %+v, want 0", o)
	}
}

// TestENUPreservesDistance checks that the frame is a rotation: distances
// between two points are the same in ECEF and ENU.
func TestENUPreservesDistance(t *testing.T) {
	f := NewFrame(LLA{-33.9, 18.4, 0})
	a, b := LLA{-33.91, 18.42, 30}, LLA{-33.88, 18.37, 250}
	d1 := r3.Norm(r3.Sub(ToECEF(a), ToECEF(b)))
	d2 := r3.Norm(r3.Sub(f.ToENU(a), f.ToENU(b)))
	if math.Abs(d1-d2) > 1e-6 {
		t.Errorf("ECEF distance %v, ENU distance %v", d1, d2)
	}
}

func TestValid(t *testing.T) {
	for _, c := range []struct {
		p    LLA
		want string
	}{
		{LLA{52, 5, 0}, ""},
		{LLA{90.5, 0, 0}, "latitude"},
		{LLA{math.NaN(), 0, 0}, "latitude"},
		{LLA{0, -180.1, 0}, "longitude"},
		{LLA{0, 0, math.Inf(1)}, "height"},
	} {
		err := c.p.Valid()
		if (err == nil) != (c.want == "") || (err != nil && !strings.HasPrefix(err.Error(), c.want)) {
			t.Errorf("Valid(%+v) = %v, want an error about %q", c.p, err, c.want)
		}
	}
}

func TestAngles(t *testing.T) {
	for _, c := range []struct{ in, pi, twoPi float64 }{
		{0, 0, 0},
		{math.Pi, math.Pi, math.Pi},
		{-math.Pi, math.Pi, math.Pi},
		{3 * math.Pi / 2, -math.Pi / 2, 3 * math.Pi / 2},
		{-math.Pi / 2, -math.Pi / 2, 3 * math.Pi / 2},
		{5 * math.Pi, math.Pi, math.Pi},
		{-1e-18, -1e-18, 0},
	} {
		if got := WrapPi(c.in); math.Abs(got-c.pi) > 1e-12 {
			t.Errorf("WrapPi(%v) = %v, want %v", c.in, got, c.pi)
		}
		if got := WrapTwoPi(c.in); math.Abs(got-c.twoPi) > 1e-12 || got < 0 || got >= 2*math.Pi {
			t.Errorf("WrapTwoPi(%v) = %v, want %v", c.in, got, c.twoPi)
		}
	}
	for _, c := range []struct {
		d    r3.Vec
		want float64
	}{{r3.Vec{Y: 1}, 0}, {r3.Vec{X: 1}, 90}, {r3.Vec{Y: -1}, 180}, {r3.Vec{X: -1}, 270}, {r3.Vec{X: 1, Y: 1}, 45}} {
		if got := Deg(Azimuth(c.d)); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("Azimuth(%+v) = %v°, want %v°", c.d, got, c.want)
		}
	}
}

// TestModTwoPiIsMathMod: modTwoPi is math.Mod(x, 2π) bit for bit, on
// angles inside one turn, near multiples of 2π (where ⌊|x|/2π⌋ may round
// the wrong way), over many magnitudes, and at the special values.
func TestModTwoPiIsMathMod(t *testing.T) {
	rnd := rand.New(rand.NewPCG(7, 7))
	check := func(x float64) {
		t.Helper()
		got, want := modTwoPi(x), math.Mod(x, 2*math.Pi)
		if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("modTwoPi(%v) = %v, math.Mod = %v", x, got, want)
		}
	}
	for _, x := range []float64{0, math.Copysign(0, -1), 2 * math.Pi, -2 * math.Pi, math.Pi, 1e-300, -1e-300,
		1 << 50, -(1 << 50), 1e300, math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64} {
		check(x)
	}
	for range 200000 {
		x := math.Ldexp(rnd.Float64(), rnd.IntN(70)-10)
		if rnd.IntN(2) == 0 {
			x = -x
		}
		check(x)
		k := float64(rnd.IntN(1 << 20))
		x = k * 2 * math.Pi
		for range 3 { // around k·2π, to the last bits
			x = math.Nextafter(x, math.Inf(-1))
		}
		for range 6 {
			check(x)
			check(-x)
			x = math.Nextafter(x, math.Inf(1))
		}
	}
}

// TestSincosIsSinAndCos checks that math.Sincos gives math.Sin and math.Cos
// bit for bit (the same reduction and polynomials in Go's code; a NaN may
// differ in payload only): sim and track take both from one Sincos where
// the model was written with Sin and Cos, and their results must not
// change.
func TestSincosIsSinAndCos(t *testing.T) {
	rnd := rand.New(rand.NewPCG(9, 9))
	check := func(x float64) {
		t.Helper()
		s, c := math.Sincos(x)
		ws, wc := math.Sin(x), math.Cos(x)
		same := func(a, b float64) bool {
			return math.Float64bits(a) == math.Float64bits(b) || (math.IsNaN(a) && math.IsNaN(b))
		}
		if !same(s, ws) || !same(c, wc) {
			t.Fatalf("Sincos(%v) = %v, %v; Sin, Cos = %v, %v", x, s, c, ws, wc)
		}
	}
	for _, x := range []float64{0, math.Copysign(0, -1), math.Pi, -math.Pi, math.Pi / 2, 2 * math.Pi, 1e-300,
		1 << 29, 1 << 30, 1e300, math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64} {
		check(x)
	}
	for range 500000 {
		x := math.Ldexp(rnd.Float64(), rnd.IntN(80)-40)
		if rnd.IntN(2) == 0 {
			x = -x
		}
		check(x)
		check(2 * math.Pi * rnd.Float64()) // azimuths and headings
	}
}
