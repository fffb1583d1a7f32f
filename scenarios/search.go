package scenarios

import (
	"fmt"
	"math"
	"slices"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// Search is what cuasim search may do on the site: the positions where a
// sensor may stand, and which of the listed sensors it places there.
// Sensors the section does not name stay where they are listed; without a
// place list, every listed sensor is placed.
//
//	search:
//	  candidates:
//	    - {name: tower, position: [250, -600]}
//	    - {name: east-field, area: [[1200, -400], [2000, -400], [2000, 400], [1200, 400]], spacing_m: 400}
//	  place:
//	    - {sensor: radar-main}
//	    - {sensor: rf-east, count: 2, cost: 1}
//	  budget: 3
type Search struct {
	Candidates []Candidate `yaml:"candidates" doc:"positions where a placed sensor may stand: points, or areas sampled on a square grid; the listed positions of the placed sensors are candidates too"`
	Place      []Place     `yaml:"place" opt:"true" doc:"the listed sensors the search places (their hardware and mast height), and how many of each (default: every listed sensor, one of each)"`
	Budget     float64     `yaml:"budget" opt:"true" check:"[0,1e12]" doc:"total cost the placed sensors may have (each place entry's cost times the number placed); with a budget, count is the most of a sensor the search may place, and it may place fewer; 0 or absent: exactly count of each"`

	sites []SearchSite // expanded: one per position, in the file's order
}

// Candidate is a position where the search may stand a sensor: a point, or
// an area sampled at spacing_m.
type Candidate struct {
	Name     string  `yaml:"name" opt:"true" doc:"what the candidate is called in the search's output (default: c1, c2, ... in order; an area's points are NAME-1, NAME-2, ...)"`
	Position *Point  `yaml:"position" doc:"a single position; give position or area"`
	Area     []Point `yaml:"area" opt:"true" doc:"a polygon (at least 3 corners) sampled on a square grid of spacing_m; points inside a building are left out"`
	SpacingM float64 `yaml:"spacing_m" opt:"true" check:"[10,100000]" doc:"spacing of an area's grid, metres (required with area)"`
}

// Place is a listed sensor that the search places, count of it.
type Place struct {
	Sensor        string    `yaml:"sensor" doc:"id of a listed sensor: the first placed is that sensor moved; more are copies of it with ids ID-2, ID-3, ..."`
	Count         int       `yaml:"count" default:"1" check:"[1,20]" doc:"how many of the sensor to place (with a budget: at most)"`
	Cost          float64   `yaml:"cost" default:"1" check:"[0,1e12]" doc:"cost of one, in the budget's unit"`
	BoresightsDeg []float64 `yaml:"boresights_deg" opt:"true" doc:"for a sensor with a limited azimuth field of view: the boresights to try at each candidate, degrees (default: the listed one and every 45°)"`
}

// SearchSite is one candidate position of the search, expanded from the
// scenario's search.candidates (areas sampled) and the listed positions of
// the sensors it places.
type SearchSite struct {
	Name     string
	Position Point
	// Listed names the placed sensor whose listed position this is, ""
	// for a candidate of the file.
	Listed string
}

func (c *Candidate) check(d *decoder, path string) {
	switch {
	case c.Position != nil && c.Area != nil:
		d.errorf(path+".area", "expected position or area, found both")
	case c.Position == nil && c.Area == nil:
		d.errorf(path, "missing; expected position (a point) or area (a polygon)")
	case c.Area != nil:
		if !hasLatLon(c.Area) {
			checkPolygon(d, path+".area", c.Area)
		}
		if c.SpacingM == 0 {
			d.errorf(path+".spacing_m", "missing; an area needs the spacing of its grid of candidate points, metres")
		}
	case c.SpacingM != 0:
		d.errorf(path+".spacing_m", "expected spacing_m only with area, found it with position")
	}
}

// maxSearchSites bounds the candidate positions, so that a slip in
// spacing_m is an error rather than a search that never ends.
const maxSearchSites = 2000

// checkSearch applies the rules of the search section: placed sensors that
// are listed, candidates on the site and outside buildings, a budget that
// buys something; and expands the candidates.
func (s *Scenario) checkSearch(d *decoder) {
	sr := s.Search
	if sr == nil || !d.ok("search") {
		return
	}
	if _, given := d.pos["search.place"]; !given {
		for _, sn := range s.Sensors {
			sr.Place = append(sr.Place, Place{Sensor: sn.ID, Count: 1, Cost: 1})
		}
	}
	if len(sr.Place) == 0 {
		d.errorf("search.place", "expected at least one listed sensor to place, found none")
	}
	ids := sensorIDs(s.Sensors)
	checkUnique(d, "search.place", len(sr.Place), func(i int) string { return sr.Place[i].Sensor }, "sensor")
	for i, p := range sr.Place {
		path := fmt.Sprintf("search.place[%d]", i)
		sn := s.sensor(p.Sensor)
		if sn == nil {
			d.errorf(path+".sensor", "expected the id of a listed sensor (%s), found %s", listOrNone(ids), quote(p.Sensor))
			continue
		}
		for k := 2; k <= p.Count; k++ {
			if id := fmt.Sprintf("%s-%d", p.Sensor, k); slices.Contains(ids, id) {
				d.errorf(path+".count", "copy %d of %s would be %s, which is a listed sensor's id already", k, p.Sensor, quote(id))
			}
		}
		for j, b := range p.BoresightsDeg {
			if !(b >= 0 && b < 360) {
				d.errorf(fmt.Sprintf("%s.boresights_deg[%d]", path, j), "expected an azimuth in [0, 360) degrees, found %g", b)
			}
		}
	}
	if sr.Budget > 0 && len(sr.Place) > 0 {
		cheapest := math.Inf(1)
		for _, p := range sr.Place {
			cheapest = min(cheapest, p.Cost)
		}
		if cheapest > sr.Budget {
			d.errorf("search.budget", "a budget of %g buys no sensor: the cheapest to place costs %g", sr.Budget, cheapest)
		}
	}
	if !d.ok("search.candidates") {
		return
	}
	lo, hi, _ := s.Extent()
	inBuilding := func(p Point) string {
		for _, o := range s.Obstacles {
			if planar.RingContains(ring(o.Footprint), orb.Point{p.EastM, p.NorthM}) {
				return o.Name
			}
		}
		return ""
	}
	var sites []SearchSite
	for i, c := range sr.Candidates {
		path := fmt.Sprintf("search.candidates[%d]", i)
		name := c.Name
		if name == "" {
			name = fmt.Sprintf("c%d", i+1)
		}
		if c.Position != nil {
			p := *c.Position
			switch {
			case p.EastM < lo.EastM || p.EastM > hi.EastM || p.NorthM < lo.NorthM || p.NorthM > hi.NorthM:
				d.errorf(path+".position", "expected a position on the site (east %g to %g m, north %g to %g m: the extent of its zones, obstacles, sensors and traffic), found [%g, %g]",
					lo.EastM, hi.EastM, lo.NorthM, hi.NorthM, p.EastM, p.NorthM)
			case inBuilding(p) != "":
				d.errorf(path+".position", "expected a position outside buildings, found [%g, %g] inside obstacle %s", p.EastM, p.NorthM, quote(inBuilding(p)))
			default:
				sites = append(sites, SearchSite{Name: name, Position: p})
			}
			continue
		}
		r := ring(c.Area)
		b := r.Bound()
		n := 0
		for y := b.Min[1] + c.SpacingM/2; y <= b.Max[1]; y += c.SpacingM {
			for x := b.Min[0] + c.SpacingM/2; x <= b.Max[0]; x += c.SpacingM {
				p := Point{EastM: x, NorthM: y}
				if !planar.RingContains(r, orb.Point{x, y}) || inBuilding(p) != "" ||
					x < lo.EastM || x > hi.EastM || y < lo.NorthM || y > hi.NorthM {
					continue
				}
				n++
				if len(sites) < maxSearchSites {
					sites = append(sites, SearchSite{Name: fmt.Sprintf("%s-%d", name, n), Position: p})
				}
			}
		}
		if n == 0 {
			d.errorf(path+".area", "expected an area holding at least one candidate point on the site and outside buildings at a spacing of %g m, found none; give a smaller spacing_m", c.SpacingM)
		}
	}
	if len(sites) >= maxSearchSites {
		d.errorf("search.candidates", "expected at most %d candidate positions, found more; give the areas a larger spacing_m", maxSearchSites)
	}
	if len(sr.Candidates) == 0 {
		d.errorf("search.candidates", "expected at least one candidate position, found none")
	}
	checkUnique(d, "search.candidates", len(sr.Candidates), func(i int) string { return sr.Candidates[i].Name }, "name")
	for _, p := range sr.Place {
		if sn := s.sensor(p.Sensor); sn != nil {
			sites = append(sites, SearchSite{Name: "listed:" + sn.ID, Position: sn.Position, Listed: sn.ID})
		}
	}
	units := 0
	for _, p := range sr.Place {
		units += p.Count
	}
	if sr.Budget == 0 && units > len(sites) && d.ok("search.place") {
		d.errorf("search.place", "expected at most as many sensors to place as candidate positions (%d, one sensor a position), found %d", len(sites), units)
	}
	sr.sites = sites
}

func ring(pts []Point) orb.Ring {
	r := make(orb.Ring, 0, len(pts)+1)
	for _, p := range pts {
		r = append(r, orb.Point{p.EastM, p.NorthM})
	}
	if len(r) > 0 {
		r = append(r, r[0])
	}
	return r
}

// Sites returns the search's candidate positions: those of the file, in
// order, areas sampled on their grid, then the listed position of each
// placed sensor (so that the listed layout is among those searched).
func (sr *Search) Sites() []SearchSite {
	return slices.Clone(sr.sites)
}
