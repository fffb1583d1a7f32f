package coverage

import (
	"math"

	"github.com/cuasim/cuasim/scenarios"
)

// extentPadding is the margin DefaultBox adds on every side, as a fraction
// of the larger side of what it encloses.
const extentPadding = 0.05

// DefaultBox returns the area a coverage map of the scenario covers unless
// told otherwise: the smallest rectangle holding its sensors, zones (those
// that follow no convoy), obstacles, roads, and where its traffic flies —
// the circles inbound and loitering drones appear on (start_range_m about
// their target), transit areas, and scripted flights' points — with a 5 %
// margin. A scenario with one point only gets a 1 km square about it.
func DefaultBox(sc *scenarios.Scenario) Box {
	b := Box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	add := func(p scenarios.Point, r float64) {
		b.MinEastM, b.MaxEastM = min(b.MinEastM, p.EastM-r), max(b.MaxEastM, p.EastM+r)
		b.MinNorthM, b.MaxNorthM = min(b.MinNorthM, p.NorthM-r), max(b.MaxNorthM, p.NorthM+r)
	}
	for _, s := range sc.Sensors {
		add(s.Position, 0)
	}
	for i := range sc.Zones {
		z := &sc.Zones[i]
		if z.Follows != "" {
			continue
		}
		if z.Circle != nil {
			add(z.Circle.Center, z.Circle.RadiusM)
		}
		for _, p := range z.Polygon {
			add(p, 0)
		}
	}
	for _, o := range sc.Obstacles {
		for _, p := range o.Footprint {
			add(p, 0)
		}
	}
	for _, r := range sc.Roads {
		for _, p := range r.Points {
			add(p, 0)
		}
	}
	target := func(t scenarios.Target) (scenarios.Point, bool) {
		if t.Point != nil {
			return *t.Point, true
		}
		if z := sc.Zone(t.Zone); z != nil && z.Follows == "" {
			return z.Center(), true
		}
		return scenarios.Point{}, false
	}
	for _, tr := range sc.Traffic {
		switch {
		case tr.Inbound != nil:
			if p, ok := target(tr.Inbound.Target); ok {
				add(p, tr.Inbound.StartRangeM)
			}
		case tr.Loiter != nil:
			if p, ok := target(tr.Loiter.Target); ok {
				add(p, tr.Loiter.StartRangeM)
			}
		case tr.Transit != nil:
			add(tr.Transit.Area.Center, tr.Transit.Area.RadiusM)
		case tr.Flight != nil:
			add(tr.Flight.From, 0)
			for _, l := range tr.Flight.Legs {
				switch {
				case l.Goto != nil:
					add(l.Goto.To, 0)
				case l.Orbit != nil:
					add(l.Orbit.Center, l.Orbit.RadiusM)
				}
			}
		}
	}
	if math.IsInf(b.MinEastM, 0) {
		return Box{-500, -500, 500, 500}
	}
	side := max(b.MaxEastM-b.MinEastM, b.MaxNorthM-b.MinNorthM)
	if side == 0 {
		side = 1000 / (1 + 2*extentPadding)
	}
	pad := extentPadding * side
	return Box{b.MinEastM - pad, b.MinNorthM - pad, b.MaxEastM + pad, b.MaxNorthM + pad}
}
