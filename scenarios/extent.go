package scenarios

import "math"

// Extent returns the smallest rectangle holding the scenario's sensors,
// zones (those that follow no convoy), obstacles, roads, and where its
// traffic flies — the circles inbound and loitering drones appear on
// (start_range_m about their target), transit areas, and scripted flights'
// points: its south-west and north-east corners, and false for a scenario
// with none of these. Coverage maps it (with a margin) unless told
// otherwise, and the layout search's candidate positions must lie in it.
func (sc *Scenario) Extent() (lo, hi Point, ok bool) {
	b := struct{ MinEastM, MinNorthM, MaxEastM, MaxNorthM float64 }{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	add := func(p Point, r float64) {
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
	target := func(t Target) (Point, bool) {
		if t.Point != nil {
			return *t.Point, true
		}
		if z := sc.Zone(t.Zone); z != nil && z.Follows == "" {
			return z.Center(), true
		}
		return Point{}, false
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
		return lo, hi, false
	}
	return Point{EastM: b.MinEastM, NorthM: b.MinNorthM}, Point{EastM: b.MaxEastM, NorthM: b.MaxNorthM}, true
}
