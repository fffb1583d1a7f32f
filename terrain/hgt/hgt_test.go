package hgt

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/geo"
)

// TestDecodeByteLayout decodes a tile written byte by byte: big-endian
// signed samples, row 0 the north edge, column 0 the west edge, −32768 a
// void that interpolation leaves out.
func TestDecodeByteLayout(t *testing.T) {
	const n = SizeSRTM3
	data := make([]byte, 2*n*n)
	put := func(row, col int, hi, lo byte) { data[2*(row*n+col)], data[2*(row*n+col)+1] = hi, lo }
	put(0, 0, 0x01, 0x02)     // north-west corner: 258 m
	put(0, n-1, 0xff, 0xfb)   // north-east corner: −5 m
	put(n-1, 0, 0x03, 0xe8)   // south-west corner: 1000 m
	put(n-1, n-1, 0x80, 0x01) // south-east corner: −32767 m, not a void
	put(10, 10, 0x00, 0x64)   // 100 m
	put(10, 11, 0x80, 0x00)   // void
	for _, rc := range [][2]int{{20, 20}, {20, 21}, {21, 20}, {21, 21}} {
		put(rc[0], rc[1], 0x80, 0x00) // four voids
	}
	tile, err := Decode("N51W001.hgt", data)
	if err != nil {
		t.Fatal(err)
	}
	if tile.LatDeg != 51 || tile.LonDeg != -1 || tile.Size != n {
		t.Fatalf("corner %d, %d, size %d; want 51, -1, %d", tile.LatDeg, tile.LonDeg, tile.Size, n)
	}
	for _, c := range []struct {
		lat, lon, want float64
	}{
		{52, -1, 258}, {52, 0, -5}, {51, -1, 1000}, {51, 0, -32767},
		{52 - 10.0/1200, -1 + 10.0/1200, 100},
		// Half-way between 100 m and the void east of it: the void is
		// left out, not mixed in.
		{52 - 10.0/1200, -1 + 10.5/1200, 100},
		// Half-way between 258 m and 0 m south of it.
		{52 - 0.5/1200, -1, 129},
	} {
		got, ok := tile.HeightM(c.lat, c.lon)
		if !ok || math.Abs(got-c.want) > 1e-9 {
			t.Errorf("HeightM(%g, %g) = %g, %v; want %g", c.lat, c.lon, got, ok, c.want)
		}
	}
	if _, ok := tile.Sample(10, 11); ok {
		t.Error("sample 0x8000 read as data, want a void")
	}
	if h, ok := tile.HeightM(52-20.5/1200, -1+20.5/1200); ok {
		t.Errorf("amid four voids: %g, want no data", h)
	}
	if _, ok := tile.HeightM(50.5, -0.5); ok {
		t.Error("a point outside the tile has data")
	}
}

func TestParseName(t *testing.T) {
	for name, want := range map[string][2]int{
		"N51W001.hgt": {51, -1}, "S33E151.hgt": {-33, 151}, "n00e000.HGT": {0, 0},
		"dir/N46E007.hgt": {46, 7}, "S90W180.hgt": {-90, -180}, "N37W105.SRTMGL1.hgt": {37, -105},
	} {
		lat, lon, err := ParseName(name)
		if err != nil || lat != want[0] || lon != want[1] {
			t.Errorf("ParseName(%q) = %d, %d, %v; want %d, %d", name, lat, lon, err, want[0], want[1])
		}
		if base, _, _ := strings.Cut(filepath.Base(name), "."); err == nil && !strings.EqualFold(Name(lat, lon), base+".hgt") {
			t.Errorf("Name(%d, %d) = %s, want %s", lat, lon, Name(lat, lon), filepath.Base(name))
		}
	}
	for _, name := range []string{"N51W001.tif", "X51W001.hgt", "N5W001.hgt", "N51W01.hgt", "N5aW001.hgt", "N-1W001.hgt", "N90E000.hgt", "N00E180.hgt", ".hgt", "N51W001..hgt.zip"} {
		if _, _, err := ParseName(name); err == nil {
			t.Errorf("ParseName(%q): no error", name)
		}
	}
}

// TestReadErrors: a missing file, a file of the wrong size and a directory
// are clear errors.
func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Read(filepath.Join(dir, "N10E010.hgt")); err == nil || !strings.Contains(err.Error(), "N10E010.hgt") || !os.IsNotExist(unwrapAll(err)) {
		t.Errorf("missing file: %v", err)
	}
	short := filepath.Join(dir, "N11E010.hgt")
	if err := os.WriteFile(short, make([]byte, 100), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Read(short)
	if err == nil || !strings.Contains(err.Error(), "expected 25934402 bytes (SRTM1, 3601 × 3601 samples) or 2884802 bytes (SRTM3, 1201 × 1201), found 100") {
		t.Errorf("wrong size: %v", err)
	}
	sub := filepath.Join(dir, "N12E010.hgt")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(sub); err == nil || !strings.Contains(err.Error(), "regular") {
		t.Errorf("directory: %v", err)
	}
	if _, err := Read(filepath.Join(dir, "elevation.hgt")); err == nil || !strings.Contains(err.Error(), "N51W001.hgt") {
		t.Errorf("bad name: %v", err)
	}
}

func unwrapAll(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return err
		}
		err = u.Unwrap()
	}
}

// TestReadWritten: a tile written to disk reads back sample for sample.
func TestReadWritten(t *testing.T) {
	tile := NewTile(-34, 150, func(r, c int) int16 { return int16(r - c) })
	path := filepath.Join(t.TempDir(), tile.Name)
	if err := os.WriteFile(path, tile.Encode(), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "S34E150.hgt" || got.LatDeg != -34 || got.LonDeg != 150 {
		t.Fatalf("read %s at %d, %d", got.Name, got.LatDeg, got.LonDeg)
	}
	for _, rc := range [][2]int{{0, 0}, {0, 1200}, {1200, 0}, {600, 17}} {
		if h, _ := got.Sample(rc[0], rc[1]); h != float64(rc[0]-rc[1]) {
			t.Errorf("sample %v = %g, want %d", rc, h, rc[0]-rc[1])
		}
	}
}

// slopeTile rises 1200 m per degree of latitude northward (1 m a row), 0 m
// at its south edge.
func slopeTile(lat, lon int) *Tile {
	return NewTile(lat, lon, func(r, _ int) int16 { return int16(1200 - r) })
}

// TestGridFollowsTheTile: resampled onto the local frame, the ground is
// the tile's height at each point's latitude, relative to the origin's:
// north up the slope, east along it.
func TestGridFollowsTheTile(t *testing.T) {
	set, err := NewSet(slopeTile(46, 7))
	if err != nil {
		t.Fatal(err)
	}
	const lat0, lon0 = 46.5, 7.5
	g, holes, err := set.Grid(lat0, lon0, 10000)
	if err != nil {
		t.Fatal(err)
	}
	if holes != 0 {
		t.Errorf("%d holes inside one tile", holes)
	}
	f := geo.NewFrame(geo.LLA{LatDeg: lat0, LonDeg: lon0})
	for _, p := range [][2]float64{{0, 0}, {0, 5000}, {0, -7500}, {3000, 0}, {-6000, 4000}} {
		want := 1200 * (f.ToLLA(r3.Vec{X: p[0], Y: p[1]}).LatDeg - lat0)
		if got := g.HeightM(p[0], p[1]); math.Abs(got-want) > 0.05 {
			t.Errorf("HeightM(%g, %g) = %.3f, want %.3f (1200 m per degree north of the origin)", p[0], p[1], got, want)
		}
	}
	if s := g.SpacingM(); math.Abs(s-92.66) > 0.01 {
		t.Errorf("spacing %g m, want 3 arc-seconds of latitude, 92.66 m", s)
	}
	srtm1, err := NewSet(&Tile{Name: "N46E007.hgt", LatDeg: 46, LonDeg: 7, Size: SizeSRTM1})
	if err != nil {
		t.Fatal(err)
	}
	if s := srtm1.SpacingM(); math.Abs(s-30.89) > 0.01 {
		t.Errorf("SRTM1 spacing %g m, want 1 arc-second of latitude, 30.89 m", s)
	}
}

// TestGridCutToTiles: near a tile's edge the grid stops at the edge; two
// tiles side by side leave no hole across their shared edge.
func TestGridCutToTiles(t *testing.T) {
	set, err := NewSet(slopeTile(46, 7))
	if err != nil {
		t.Fatal(err)
	}
	// 0.05° west of the tile's east edge: about 3.9 km at 46.5° N.
	g, _, err := set.Grid(46.5, 7.95, 10000)
	if err != nil {
		t.Fatal(err)
	}
	edge := geo.NewFrame(geo.LLA{LatDeg: 46.5, LonDeg: 7.95}).ToENU(geo.LLA{LatDeg: 46.5, LonDeg: 8}).X
	if _, _, maxE, _ := g.Bounds(); maxE > edge || maxE < edge-set.SpacingM() {
		t.Errorf("grid reaches %.0f m east, the tile's edge is at %.0f m", maxE, edge)
	}
	two, err := NewSet(slopeTile(46, 7), slopeTile(46, 8))
	if err != nil {
		t.Fatal(err)
	}
	g, holes, err := two.Grid(46.5, 7.95, 10000)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, maxE, _ := g.Bounds(); maxE < 9900 || holes != 0 {
		t.Errorf("two tiles: grid to %.0f m east with %d holes, want 10 km and none", maxE, holes)
	}
	// Across the antimeridian: 179° E and 180° W side by side.
	dateline, err := NewSet(slopeTile(0, 179), slopeTile(0, -180))
	if err != nil {
		t.Fatal(err)
	}
	g, holes, err = dateline.Grid(0.5, 179.99, 3000)
	if err != nil {
		t.Fatal(err)
	}
	if x0, _, x1, _ := g.Bounds(); x0 > -2900 || x1 < 2900 || holes != 0 {
		t.Errorf("across the antimeridian: grid from %.0f to %.0f m east with %d holes, want ±3 km and none", x0, x1, holes)
	}
	if _, _, err := set.Grid(45.5, 7.5, 10000); err == nil || !strings.Contains(err.Error(), "N46E007.hgt") {
		t.Errorf("origin outside the tiles: %v", err)
	}
	if _, err := NewSet(slopeTile(46, 7), slopeTile(46, 7)); err == nil {
		t.Error("two tiles for one corner: no error")
	}
}

// TestGridBounded: a square wider than maxSideNodes tile rows is sampled
// more coarsely, so that its size stays bounded; a narrower one at the
// tiles' own spacing.
func TestGridBounded(t *testing.T) {
	if got, want := nodeSpacingM(30.89, 200000), 400000.0/(maxSideNodes-1); got != want {
		t.Errorf("spacing %g m over a 400 km square, want %g", got, want)
	}
	if got := nodeSpacingM(30.89, 20000); got != 30.89 {
		t.Errorf("spacing %g m over a 40 km square of SRTM1, want the tile's 30.89 m", got)
	}
}
