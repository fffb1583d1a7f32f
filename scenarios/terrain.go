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
// when the tiles, radius and origin are the same, so that an override does
// not read the tiles again.
func (s *Scenario) loadTerrain(d *decoder, file string, prev *Terrain) {
	t := s.Site.Terrain
	if t == nil {
		return
	}
	if s.Site.Origin == nil {
		d.errorf("site.terrain", "expected site.origin with terrain (the tiles are in latitude and longitude), found no origin")
		return
	}
	if prev != nil && prev.grid != nil && slices.Equal(prev.HGT, t.HGT) && prev.RadiusM == t.RadiusM && prev.origin == *s.Site.Origin {
		t.grid, t.holes, t.origin = prev.grid, prev.holes, prev.origin
	} else if !t.read(d, file, s.Site.Origin) {
		return
	}
	if t.holes > 0 {
		d.warnf("site.terrain.hgt", "%d nodes of the terrain grid within radius_m have no data (outside the tiles, or void) and are taken as flat at the datum", t.holes)
	}
	s.checkFlightsAboveGround(d)
}

// read reads the tiles into t.grid, anchored at origin, and reports
// whether it could.
func (t *Terrain) read(d *decoder, file string, o *Origin) bool {
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
		return false
	}
	set, err := hgt.NewSet(tiles...)
	if err != nil {
		d.errorf("site.terrain.hgt", "%v", err)
		return false
	}
	grid, holes, err := set.Grid(o.LatDeg, o.LonDeg, t.RadiusM)
	if err != nil {
		d.errorf("site.terrain", "%v", err)
		return false
	}
	t.grid, t.holes, t.origin = grid, holes, *o
	return true
}

// checkFlightsAboveGround warns of a scripted flight that appears, or
// flies to a waypoint or an orbit, below the ground there: altitudes are
// above the site datum, so over high ground they must clear it.
func (s *Scenario) checkFlightsAboveGround(d *decoder) {
	g := s.Site.Terrain.grid
	below := func(path string, p Point, altM float64) {
		if ground := g.HeightM(p.EastM, p.NorthM); altM < ground {
			d.warnf(path, "%g m is below the ground there (%.1f m above the site datum): with site.terrain altitudes are above the datum, the ground at the origin, and a drone inside the terrain is hidden from every sensor", altM, ground)
		}
	}
	for i, tr := range s.Traffic {
		f := tr.Flight
		if f == nil {
			continue
		}
		path := fmt.Sprintf("traffic[%d]", i)
		below(path+".from_alt_m", f.From, f.FromAltM)
		for j, l := range f.Legs {
			switch {
			case l.Goto != nil:
				below(fmt.Sprintf("%s.legs[%d].goto.alt_m", path, j), l.Goto.To, l.Goto.AltM)
			case l.Orbit != nil:
				below(fmt.Sprintf("%s.legs[%d].orbit.alt_m", path, j), l.Orbit.Center, l.Orbit.AltM)
			}
		}
	}
}
