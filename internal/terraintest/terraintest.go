// Package terraintest writes the example terrain scenario,
// testdata/terrain/ridge.yaml, with its synthetic SRTM tile into a test's
// temporary directory: tests of terrain never read downloaded data. It is
// for tests only.
package terraintest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cuasim/cuasim/terrain/hgt"
)

// File is the example scenario's path from the module root.
const File = "testdata/terrain/ridge.yaml"

// RidgeTile is the example's tile, N46E007.hgt (SRTM3): ground 500 m
// high, and a ridge 560 m high along columns 631 to 634, about 2 km east
// of the example's origin (46.5° N, 7.5° E). void, if not nil, marks
// samples to leave without data.
func RidgeTile(void func(row, col int) bool) *hgt.Tile {
	return hgt.NewTile(46, 7, func(r, c int) int16 {
		switch {
		case void != nil && void(r, c):
			return hgt.Void
		case c >= 631 && c <= 634:
			return 560
		}
		return 500
	})
}

// RidgeScenario copies the example scenario into a temporary directory,
// writes tile beside it (RidgeTile(nil) if nil), and returns the copy's
// path.
func RidgeScenario(t testing.TB, tile *hgt.Tile) string {
	t.Helper()
	if tile == nil {
		tile = RidgeTile(nil)
	}
	src, err := os.ReadFile(filepath.Join(root(t), File))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, filepath.Base(File))
	if err := os.WriteFile(file, src, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, tile.Name), tile.Encode(), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// root returns the module root, found from the working directory (the
// package under test) by walking up to go.mod.
func root(t testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("terraintest: no go.mod above the working directory")
		}
		dir = up
	}
}
