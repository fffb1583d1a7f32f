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
	for _, set := range []string{"site.terrain.radius_m=5000", "site.origin.lat_deg=46.51"} {
		if o, err = ParseOverride(set); err != nil {
			t.Fatal(err)
		}
		if c, err = s.With(o); err != nil {
			t.Fatal(err)
		}
		if c.TerrainGrid() == g || c.TerrainGrid() == nil {
			t.Errorf("%s kept the old grid", set)
		}
	}
}

// TestTerrainFlightBelowGround: a waypoint on the ridge at an altitude
// under its top is a warning at the altitude's place; over it, none.
func TestTerrainFlightBelowGround(t *testing.T) {
	s, err := Load(terraintest.RidgeScenario(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	for alt, warned := range map[string]bool{"50": true, "70": false} {
		var sets []Override
		for _, set := range []string{"traffic[0].legs[0].goto.to[0]=2080", "traffic[0].legs[0].goto.alt_m=" + alt} {
			o, err := ParseOverride(set)
			if err != nil {
				t.Fatal(err)
			}
			sets = append(sets, o)
		}
		c, err := s.With(sets...)
		if err != nil {
			t.Fatal(err)
		}
		w := c.Warnings()
		if got := len(w) == 1 && strings.Contains(w[0].String(), "traffic[0].legs[0].goto.alt_m: "+alt+" m is below the ground there (60.0 m above the site datum)"); got != warned {
			t.Errorf("waypoint at %s m on the 60 m ridge: warnings %v", alt, w)
		}
	}
}

// TestTerrainVoidsWarn: nodes with no data are taken as the datum, with a
// warning that counts them.
func TestTerrainVoidsWarn(t *testing.T) {
	s, err := Load(terraintest.RidgeScenario(t, terraintest.RidgeTile(func(r, c int) bool { return r >= 560 && r < 590 && c >= 560 && c < 590 })))
	if err != nil {
		t.Fatal(err)
	}
	o, err := ParseOverride("run.seed=3")
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.With(o)
	if err != nil {
		t.Fatal(err)
	}
	for _, sc := range []*Scenario{s, c} {
		w := sc.Warnings()
		if len(w) != 1 || !strings.Contains(w[0].String(), "site.terrain.hgt") || !strings.Contains(w[0].String(), "have no data") {
			t.Errorf("warnings %v, want one about nodes with no data, after an override too", w)
		}
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
