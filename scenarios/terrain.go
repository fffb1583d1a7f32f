package scenarios

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/cuasim/cuasim/terrain"
	"github.com/cuasim/cuasim/terrain/hgt"
)

func (t *Terrain) check(d *decoder, path string) {
	if len(t.HGT) == 0 {
		d.errorf(path+".hgt", "expected at least one .hgt path, found none")
	}
}

// TerrainGrid returns the ground's elevation over the site, or nil on flat
// ground (no site.terrain).
func (s *Scenario) TerrainGrid() *terrain.Grid {
	if s.Site.Terrain == nil {
		return nil
	}
	return s.Site.Terrain.grid
}

// loadTerrain reads the tiles of site.terrain, with paths relative to the
// scenario file, into the grid the simulation uses. prev is the terrain of
// the scenario this one was derived from (overrides), whose grid is kept
// when the tiles and radius are the same, so that an override does not
// read the tiles again.
func (s *Scenario) loadTerrain(d *decoder, file string, prev *Terrain) {
	t := s.Site.Terrain
	if t == nil {
		return
	}
	if s.Site.Origin == nil {
		d.errorf("site.terrain", "expected site.origin with terrain (the tiles are in latitude and longitude), found no origin")
		return
	}
	if prev != nil && prev.grid != nil && slices.Equal(prev.HGT, t.HGT) && prev.RadiusM == t.RadiusM {
		t.grid = prev.grid
		return
	}
	var tiles []*hgt.Tile
	for i, p := range t.HGT {
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(file), p)
		}
		tile, err := hgt.Read(p)
		if err != nil {
			d.errorf(fmt.Sprintf("site.terrain.hgt[%d]", i), "%v", err)
			continue
		}
		tiles = append(tiles, tile)
	}
	if len(tiles) < len(t.HGT) {
		return
	}
	set, err := hgt.NewSet(tiles...)
	if err != nil {
		d.errorf("site.terrain.hgt", "%v", err)
		return
	}
	grid, holes, err := set.Grid(s.Site.Origin.LatDeg, s.Site.Origin.LonDeg, t.RadiusM)
	if err != nil {
		d.errorf("site.terrain", "%v", err)
		return
	}
	if holes > 0 {
		d.warnf("site.terrain.hgt", "%d nodes of the terrain grid within radius_m have no data (outside the tiles, or void) and are taken as flat at the datum", holes)
	}
	t.grid = grid
}
