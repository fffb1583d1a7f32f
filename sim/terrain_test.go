package sim

import (
	"math"
	"testing"

	"github.com/cuasim/cuasim/internal/terraintest"
	"github.com/cuasim/cuasim/scenarios"
)

// TestSiteOnTerrain: with terrain, the site carries the grid, and a
// building stands on the ground under it: its roof is height_m above the
// ground at its footprint's centre (the hut on the example's ridge, 60 m
// above the datum, is 6 m high). Drones keep the altitude they were given,
// above the datum.
func TestSiteOnTerrain(t *testing.T) {
	sc, err := scenarios.Load(terraintest.RidgeScenario(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	w, err := New(sc)
	if err != nil {
		t.Fatal(err)
	}
	if w.Site.Terrain == nil || w.Site.Terrain != sc.TerrainGrid() {
		t.Fatal("the world's site has not the scenario's terrain")
	}
	hut := w.Site.Obstacles[0]
	if g := w.Site.GroundM(2080, 0); math.Abs(g-60) > 1e-3 || math.Abs(hut.HeightM-(g+6)) > 1e-9 {
		t.Errorf("hut roof %g m above the datum on ground %g m; want the ground's 60 + 6", hut.HeightM, g)
	}
	if z := w.Entities[0].Pos.Z; z != 40 {
		t.Errorf("drone at %g m, want the 40 m above the datum it was given", z)
	}
	flat, err := scenarios.Embedded("airport")
	if err != nil {
		t.Fatal(err)
	}
	if s := NewSite(flat); s.Terrain != nil || s.GroundM(1000, 1000) != 0 {
		t.Error("a scenario without terrain has ground off the datum")
	}
}
