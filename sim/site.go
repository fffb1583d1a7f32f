package sim

import (
	"math"

	"gonum.org/v1/gonum/spatial/r3"

	"github.com/cuasim/cuasim/scenarios"
	"github.com/cuasim/cuasim/terrain"
)

// Obstacle is a building or other blocker: a vertical prism over a polygon
// footprint, from the ground up to HeightM.
type Obstacle struct {
	Name      string
	Footprint []r3.Vec // corners (Z ignored)
	HeightM   float64

	min, max r3.Vec // footprint bounding box
}

// NewObstacle returns an obstacle over the given footprint corners.
func NewObstacle(name string, footprint []r3.Vec, heightM float64) Obstacle {
	o := Obstacle{Name: name, Footprint: footprint, HeightM: heightM}
	o.min = r3.Vec{X: math.Inf(1), Y: math.Inf(1)}
	o.max = r3.Vec{X: math.Inf(-1), Y: math.Inf(-1)}
	for _, p := range footprint {
		o.min.X, o.min.Y = math.Min(o.min.X, p.X), math.Min(o.min.Y, p.Y)
		o.max.X, o.max.Y = math.Max(o.max.X, p.X), math.Max(o.max.Y, p.Y)
	}
	return o
}

// Contains reports whether the horizontal position of p lies inside the
// footprint (even-odd rule).
func (o *Obstacle) Contains(p r3.Vec) bool {
	if p.X < o.min.X || p.X > o.max.X || p.Y < o.min.Y || p.Y > o.max.Y {
		return false
	}
	in := false
	n := len(o.Footprint)
	for i, j := 0, n-1; i < n; j, i = i, i+1 {
		a, b := o.Footprint[i], o.Footprint[j]
		if (a.Y > p.Y) != (b.Y > p.Y) && p.X < (b.X-a.X)*(p.Y-a.Y)/(b.Y-a.Y)+a.X {
			in = !in
		}
	}
	return in
}

// Blocks reports whether the straight segment from a to b passes through the
// obstacle. The segment's height varies linearly along it, so its lowest
// point inside the footprint is at an end or where it crosses an edge; the
// obstacle blocks when that point is below the roof.
func (o *Obstacle) Blocks(a, b r3.Vec) bool {
	// The builtins min and max, not math.Min and math.Max (calls on
	// amd64): they differ only for a NaN beside an infinity (the builtins
	// give NaN, math the infinity), where each comparison below is false
	// either way (HeightM is not −∞).
	if min(a.Z, b.Z) >= o.HeightM ||
		max(a.X, b.X) < o.min.X || min(a.X, b.X) > o.max.X ||
		max(a.Y, b.Y) < o.min.Y || min(a.Y, b.Y) > o.max.Y {
		return false
	}
	if (a.Z < o.HeightM && o.Contains(a)) || (b.Z < o.HeightM && o.Contains(b)) {
		return true
	}
	d := r3.Sub(b, a)
	n := len(o.Footprint)
	for i, j := 0, n-1; i < n; j, i = i, i+1 {
		p, q := o.Footprint[j], o.Footprint[i]
		e := r3.Sub(q, p)
		den := d.X*e.Y - d.Y*e.X
		if den == 0 {
			continue // parallel
		}
		w := r3.Sub(p, a)
		t := (w.X*e.Y - w.Y*e.X) / den // along a→b
		u := (w.X*d.Y - w.Y*d.X) / den // along the edge
		if t < 0 || t > 1 || u < 0 || u > 1 {
			continue
		}
		if a.Z+t*d.Z < o.HeightM {
			return true
		}
	}
	return false
}

// Site is the fixed geometry of the world: obstacles that mask line of
// sight, and the ground. Without Terrain the ground is flat at Z = 0 and
// the earth's curvature enters through the radio horizon, which the
// sensors apply; with it, Z stays metres above the site datum (the ground
// at the origin), the ground's height is Terrain's, and the sensors take
// terrain and curvature together from Terrain's horizon tables.
type Site struct {
	Obstacles []Obstacle
	Terrain   *terrain.Grid // nil: flat ground
}

// NewSite returns the site of a scenario: its obstacles, each standing on
// the ground at the centre of its footprint's bounding box (the roof is
// height_m above it), and its terrain.
func NewSite(sc *scenarios.Scenario) Site {
	s := Site{Terrain: sc.TerrainGrid()}
	for _, o := range sc.Obstacles {
		ob := NewObstacle(o.Name, points(o.Footprint), o.HeightM)
		if s.Terrain != nil {
			ob.HeightM += s.GroundM((ob.min.X+ob.max.X)/2, (ob.min.Y+ob.max.Y)/2)
		}
		s.Obstacles = append(s.Obstacles, ob)
	}
	return s
}

// GroundM returns the ground's height above the site datum at (eastM,
// northM): 0 on flat ground.
func (s *Site) GroundM(eastM, northM float64) float64 {
	if s.Terrain == nil {
		return 0
	}
	return s.Terrain.HeightM(eastM, northM)
}

// LineOfSight reports whether no obstacle on the site blocks the segment
// from a to b (the terrain and the earth's curvature are the sensors' to
// apply, through Terrain's horizon tables). Its cost is one bounding-box
// test per obstacle plus an edge scan for the few whose box the segment
// reaches.
func (s *Site) LineOfSight(a, b r3.Vec) bool {
	for i := range s.Obstacles {
		if s.Obstacles[i].Blocks(a, b) {
			return false
		}
	}
	return true
}
