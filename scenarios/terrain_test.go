package scenarios

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cuasim/cuasim/geo"
	"github.com/cuasim/cuasim/internal/terraintest"
)

// TestTerrainExample loads the example scenario with its tile beside it:
// heights are relative to the ground at the origin, the ridge stands 60 m
// above it where the tile puts it, and overrides and layouts keep the grid
// rather than read the tile again.
func TestTerrainExample(t *testing.T) {
	s, err := Load(terraintest.RidgeScenario(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	g := s.TerrainGrid()
	if g == nil {
		t.Fatal("no terrain grid")
	}
	if h := g.HeightM(0, 0); h != 0 {
		t.Errorf("ground at the origin %g m above the datum, want 0", h)
	}
	// The ridge's middle, columns 632.5 of 1200 per degree east of 7° E.
	f := geo.NewFrame(geo.LLA{LatDeg: 46.5, LonDeg: 7.5})
	mid := f.ToENU(geo.LLA{LatDeg: 46.5, LonDeg: 7 + 632.5/1200}).X
	if h := g.HeightM(mid, 0); math.Abs(h-60) > 1e-3 {
		t.Errorf("ridge at %.0f m east: %g m above the datum, want 60", mid, h)
	}
	if h := g.HeightM(mid-400, 0); math.Abs(h) > 1e-9 {
		t.Errorf("400 m before the ridge: %g m, want 0", h)
	}
	if len(s.Warnings()) != 0 {
		t.Errorf("warnings: %v", s.Warnings())
	}
	o, err := ParseOverride("run.seed=7")
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.With(o)
	if err != nil {
		t.Fatal(err)
	}
	if c.TerrainGrid() != g {
		t.Error("an override read the tiles again")
	}
	if o, err = ParseOverride("site.terrain.radius_m=5000"); err != nil {
		t.Fatal(err)
	}
	if c, err = s.With(o); err != nil {
		t.Fatal(err)
	}
	if c.TerrainGrid() == g || c.TerrainGrid() == nil {
		t.Error("a new terrain radius kept the old grid")
	}
}

// TestTerrainVoidsWarn: nodes with no data are taken as the datum, with a
// warning that counts them.
func TestTerrainVoidsWarn(t *testing.T) {
	s, err := Load(terraintest.RidgeScenario(t, terraintest.RidgeTile(func(r, c int) bool { return r >= 560 && r < 590 && c >= 560 && c < 590 })))
	if err != nil {
		t.Fatal(err)
	}
	w := s.Warnings()
	if len(w) != 1 || !strings.Contains(w[0].String(), "site.terrain.hgt") || !strings.Contains(w[0].String(), "have no data") {
		t.Errorf("warnings %v, want one about nodes with no data", w)
	}
}

// TestTerrainBadTile: a tile of the wrong size is an error at its path in
// the file, with line and column.
func TestTerrainBadTile(t *testing.T) {
	file := terraintest.RidgeScenario(t, nil)
	if err := os.WriteFile(filepath.Join(filepath.Dir(file), "N46E007.hgt"), make([]byte, 1000), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	before, _, _ := strings.Cut(string(src), "hgt: [N46E007.hgt]")
	line, col := strings.Count(before, "\n")+1, len(before)-strings.LastIndex(before, "\n")+len("hgt: [")
	want := fmt.Sprintf("ridge.yaml:%d:%d: site.terrain.hgt[0]: N46E007.hgt: expected 25934402 bytes", line, col)
	if _, err = Load(file); err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v, want %s", err, want)
	}
}
