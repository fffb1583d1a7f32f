package hgt

import (
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Void is the value of a sample with no data.
const Void = -32768

// Sizes of the two SRTM products, samples per side.
const (
	SizeSRTM1 = 3601 // 1 arc-second
	SizeSRTM3 = 1201 // 3 arc-seconds
)

// Tile is one .hgt tile: Size × Size heights in metres, row 0 the north
// edge at latitude LatDeg+1, column 0 the west edge at longitude LonDeg.
type Tile struct {
	Name           string // the file's base name, for messages
	LatDeg, LonDeg int    // south-west corner
	Size           int    // samples per side
	Samples        []int16
}

// ParseName returns the south-west corner that an .hgt file's base name
// gives: N51W001.hgt is latitude 51, longitude −1. Case does not matter,
// and a product name may stand between the corner and the extension, as
// in NASA's N51W001.SRTMGL1.hgt.
func ParseName(name string) (latDeg, lonDeg int, err error) {
	base := strings.ToUpper(filepath.Base(name))
	s, ok := strings.CutSuffix(base, ".HGT")
	if i := strings.IndexByte(s, '.'); ok && i >= 0 {
		s = s[:i]
	}
	if !ok || len(s) != 7 || (s[0] != 'N' && s[0] != 'S') || (s[3] != 'E' && s[3] != 'W') {
		return 0, 0, fmt.Errorf("%s: expected a name like N51W001.hgt (N or S, 2-digit latitude, E or W, 3-digit longitude of the south-west corner)", filepath.Base(name))
	}
	lat, err1 := strconv.Atoi(s[1:3])
	lon, err2 := strconv.Atoi(s[4:7])
	if err1 != nil || err2 != nil || strings.ContainsAny(s[1:3]+s[4:7], "+-") {
		return 0, 0, fmt.Errorf("%s: expected digits for the latitude and longitude, as in N51W001.hgt", filepath.Base(name))
	}
	if s[0] == 'S' {
		lat = -lat
	}
	if s[3] == 'W' {
		lon = -lon
	}
	if lat < -90 || lat > 89 || lon < -180 || lon > 179 {
		return 0, 0, fmt.Errorf("%s: expected a south-west corner with latitude in [-90, 89] and longitude in [-180, 179], found %d, %d", filepath.Base(name), lat, lon)
	}
	return lat, lon, nil
}

// Read reads an .hgt file. Its size must be that of SRTM1 or SRTM3.
func Read(path string) (*Tile, error) {
	lat, lon, err := ParseName(path)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading elevation tile: %w", err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("reading elevation tile: %w", err)
	}
	size, err := sizeOf(filepath.Base(path), fi.Size(), fi.Mode().IsRegular())
	if err != nil {
		return nil, err
	}
	data := make([]byte, 2*size*size)
	if _, err := io.ReadFull(f, data); err != nil {
		return nil, fmt.Errorf("reading elevation tile %s: %w", path, err)
	}
	return decode(filepath.Base(path), lat, lon, size, data), nil
}

// Decode decodes the bytes of an .hgt file named name (its base name gives
// the corner).
func Decode(name string, data []byte) (*Tile, error) {
	lat, lon, err := ParseName(name)
	if err != nil {
		return nil, err
	}
	size, err := sizeOf(filepath.Base(name), int64(len(data)), true)
	if err != nil {
		return nil, err
	}
	return decode(filepath.Base(name), lat, lon, size, data), nil
}

// sizeOf returns the samples per side of a tile of n bytes.
func sizeOf(name string, n int64, regular bool) (int, error) {
	switch {
	case !regular:
		return 0, fmt.Errorf("%s: expected a regular .hgt file, found something else (a directory or device)", name)
	case n == 2*SizeSRTM1*SizeSRTM1:
		return SizeSRTM1, nil
	case n == 2*SizeSRTM3*SizeSRTM3:
		return SizeSRTM3, nil
	}
	return 0, fmt.Errorf("%s: expected %d bytes (SRTM1, %d × %d samples) or %d bytes (SRTM3, %d × %d), found %d",
		name, 2*SizeSRTM1*SizeSRTM1, SizeSRTM1, SizeSRTM1, 2*SizeSRTM3*SizeSRTM3, SizeSRTM3, SizeSRTM3, n)
}

// decode turns big-endian bytes into a tile.
func decode(name string, lat, lon, size int, data []byte) *Tile {
	t := &Tile{Name: name, LatDeg: lat, LonDeg: lon, Size: size, Samples: make([]int16, size*size)}
	for i := range t.Samples {
		t.Samples[i] = int16(binary.BigEndian.Uint16(data[2*i:]))
	}
	return t
}

// Sample returns the height at row (0 the north edge) and col (0 the west
// edge), and false for a void.
func (t *Tile) Sample(row, col int) (heightM float64, ok bool) {
	v := t.Samples[row*t.Size+col]
	return float64(v), v != Void
}

// Covers reports whether the tile spans the point, edges included.
func (t *Tile) Covers(latDeg, lonDeg float64) bool {
	return latDeg >= float64(t.LatDeg) && latDeg <= float64(t.LatDeg+1) &&
		lonDeg >= float64(t.LonDeg) && lonDeg <= float64(t.LonDeg+1)
}

// HeightM returns the height at a point the tile covers, bilinear between
// the four samples around it with the voids left out (their weight shared
// among the others), and false when the point is outside the tile or all
// four samples are void.
func (t *Tile) HeightM(latDeg, lonDeg float64) (float64, bool) {
	if !t.Covers(latDeg, lonDeg) {
		return 0, false
	}
	last := float64(t.Size - 1)
	y := (float64(t.LatDeg+1) - latDeg) * last // rows from the north edge
	x := (lonDeg - float64(t.LonDeg)) * last
	r, c := min(int(y), t.Size-2), min(int(x), t.Size-2)
	fy, fx := y-float64(r), x-float64(c)
	var sum, weight float64
	for _, q := range [4]struct {
		dr, dc int
		w      float64
	}{{0, 0, (1 - fy) * (1 - fx)}, {0, 1, (1 - fy) * fx}, {1, 0, fy * (1 - fx)}, {1, 1, fy * fx}} {
		if h, ok := t.Sample(r+q.dr, c+q.dc); ok && q.w > 0 {
			sum += q.w * h
			weight += q.w
		}
	}
	if weight == 0 {
		return 0, false
	}
	return sum / weight, true
}

// Encode returns the tile as the bytes of an .hgt file: big-endian, row by
// row from the north edge. With Decode it lets tests and examples make
// synthetic tiles instead of shipping downloaded ones.
func (t *Tile) Encode() []byte {
	data := make([]byte, 2*len(t.Samples))
	for i, v := range t.Samples {
		binary.BigEndian.PutUint16(data[2*i:], uint16(v))
	}
	return data
}

// NewTile returns an SRTM3 tile (1201 × 1201) with south-west corner
// (latDeg, lonDeg) whose sample at each row (0 the north edge) and column
// (0 the west edge) is height(row, col): a synthetic tile.
func NewTile(latDeg, lonDeg int, height func(row, col int) int16) *Tile {
	t := &Tile{LatDeg: latDeg, LonDeg: lonDeg, Size: SizeSRTM3, Samples: make([]int16, SizeSRTM3*SizeSRTM3)}
	t.Name = Name(latDeg, lonDeg)
	for r := range t.Size {
		for c := range t.Size {
			t.Samples[r*t.Size+c] = height(r, c)
		}
	}
	return t
}

// Name returns the file name of the tile with the given south-west corner,
// as N51W001.hgt.
func Name(latDeg, lonDeg int) string {
	ns, ew := 'N', 'E'
	if latDeg < 0 {
		ns, latDeg = 'S', -latDeg
	}
	if lonDeg < 0 {
		ew, lonDeg = 'W', -lonDeg
	}
	return fmt.Sprintf("%c%02d%c%03d.hgt", ns, latDeg, ew, lonDeg)
}
